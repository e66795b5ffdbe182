import type { ReadScope } from '../load/read-scope.js';
import { loadYamlFile } from '../load/source.js';
import { getCatalog } from '../catalog/bundled.js';
import { catalogIds, policyCatalogProblems, type CatalogIds } from '../validate/catalog-references.js';
import { checkSchema, displayPath, type Loaded } from '../validate/load-project.js';
import type { Policy } from './types.js';

export type { Policy } from './types.js';

/** Ids the 2024 AI Exchange edition used for threats the catalog now names otherwise, so a policy may use either. */
const renamed: Record<string, string> = { TRANSFERLEARNINGATTACK: 'SUPPLYMODELPOISON' };

export function canonicalThreatId(id: string): string {
  return renamed[id] ?? id;
}

/** Reads a policy file: the schema, then the control and threat ids against the catalog in force. */
export function loadPolicy(path: string, cwd: string, scope: ReadScope, ids: CatalogIds = catalogIds(getCatalog())): Loaded<Policy> {
  return checkSchema<Policy>(loadYamlFile(path, displayPath(path, cwd), scope), 'policy', (data, source) => policyCatalogProblems(data, source, ids));
}
