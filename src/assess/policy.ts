import type { ReadScope } from '../load/read-scope.js';
import { loadYamlFile } from '../load/source.js';
import { checkSchema, displayPath, type Loaded } from '../validate/load-project.js';
import type { Threshold } from './types.js';

/** An organisation's policy file, as schemas/policy.schema.json defines it. */
export interface Policy {
  policyVersion: 1;
  name?: string;
  failOn?: Threshold;
  require?: { control: string; when?: string; reason?: string }[];
  forbidRiskAcceptance?: string[];
}

/** Ids the current AI Exchange edition renamed, so a policy may use either. */
const renamed: Record<string, string> = { SUPPLYMODELPOISON: 'TRANSFERLEARNINGATTACK' };

export function canonicalThreatId(id: string): string {
  return renamed[id] ?? id;
}

export function loadPolicy(path: string, cwd: string, scope: ReadScope): Loaded<Policy> {
  return checkSchema<Policy>(loadYamlFile(path, displayPath(path, cwd), scope), 'policy');
}
