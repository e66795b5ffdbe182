import type { Rule } from './api.js';
import { datapoison } from './datapoison.js';
import { devcodeleak } from './devcodeleak.js';
import { devdataleak } from './devdataleak.js';
import { devmodelleak } from './devmodelleak.js';
import { devmodelpoison } from './devmodelpoison.js';
import { supplymodelpoison } from './supplymodelpoison.js';

/**
 * Every rule, registered by name: no discovery at run time. A retired threat id is never reused.
 * The order is the order of the reports: a group threat comes before its first member here.
 */
export const rules: readonly Rule[] = [datapoison, devmodelpoison, supplymodelpoison, devdataleak, devmodelleak, devcodeleak];
