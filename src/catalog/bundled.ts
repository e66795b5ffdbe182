import { fileURLToPath } from 'node:url';
import type { Catalog } from './types.js';
import { loadCatalogDirectory } from './load.js';

let cached: Catalog | undefined;

/**
 * The built-in catalog, loaded once from the repository's `catalog/` directory.
 * The build replaces this module with a prebuilt snapshot; keep the signature.
 * @throws Error listing every problem when the built-in catalog is invalid: a broken built-in
 * catalog is a bug in aithreat, not in the user's input.
 */
export function getCatalog(): Catalog {
  if (cached) return cached;
  const dir = fileURLToPath(new URL('../../catalog/', import.meta.url));
  const { catalog, problems } = loadCatalogDirectory(dir);
  if (problems.length > 0) {
    const lines = problems.map((p) => `  ${p.file}:${p.line}:${p.column}: ${p.message}`);
    throw new Error(`the built-in catalog is invalid:\n${lines.join('\n')}`);
  }
  cached = catalog;
  return catalog;
}
