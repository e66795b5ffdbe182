import type { GroupRule } from './rule.js';

// The two groups of the section: each applies when a member does, at the highest member severity.
export const modelpoison: GroupRule = {
  threat: 'MODELPOISON',
  members: ['DATAPOISON', 'DEVMODELPOISON', 'SUPPLYMODELPOISON'],
  description: 'Applies when data poisoning, development-time model poisoning or supply-chain model poisoning applies.',
};

export const devleak: GroupRule = {
  threat: 'DEVLEAK',
  members: ['DEVDATALEAK', 'DEVMODELLEAK', 'DEVCODELEAK'],
  description: 'Applies when a development-time data, model or code leak applies.',
};
