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

/** Ids the 2024 AI Exchange edition used for threats the catalog now names otherwise, so a policy may use either. */
const renamed: Record<string, string> = { TRANSFERLEARNINGATTACK: 'SUPPLYMODELPOISON' };

export function canonicalThreatId(id: string): string {
  return renamed[id] ?? id;
}

export function loadPolicy(path: string, cwd: string, scope: ReadScope): Loaded<Policy> {
  return checkSchema<Policy>(loadYamlFile(path, displayPath(path, cwd), scope), 'policy');
}
