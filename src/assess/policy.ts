import { loadYamlFile } from '../load/source.js';
import { checkSchema, displayPath, type Loaded } from '../validate/load-project.js';
import type { Policy } from './types.js';

export type { Policy } from './types.js';

/** Ids the current AI Exchange edition renamed, so a policy may use either. */
const renamed: Record<string, string> = { SUPPLYMODELPOISON: 'TRANSFERLEARNINGATTACK' };

export function canonicalThreatId(id: string): string {
  return renamed[id] ?? id;
}

export function loadPolicy(path: string, cwd: string): Loaded<Policy> {
  return checkSchema<Policy>(loadYamlFile(path, displayPath(path, cwd)), 'policy');
}
