import { datapoison } from './datapoison.js';
import { devcodeleak } from './devcodeleak.js';
import { devdataleak } from './devdataleak.js';
import { devmodelleak } from './devmodelleak.js';
import { devmodelpoison } from './devmodelpoison.js';
import { devleak, modelpoison } from './groups.js';
import type { GroupRule, Rule } from './rule.js';
import { transferlearningattack } from './transferlearningattack.js';

/** Every rule, registered by name: no discovery at run time. A retired threat id is never reused. */
export const rules: readonly Rule[] = [datapoison, devmodelpoison, transferlearningattack, devdataleak, devmodelleak, devcodeleak];

export const groupRules: readonly GroupRule[] = [modelpoison, devleak];
