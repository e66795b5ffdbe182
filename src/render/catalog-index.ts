import { getCatalog } from '../catalog/bundled.js';
import type { Catalog, ControlEntry, ThreatEntry } from '../catalog/types.js';

export interface CatalogIndex {
  catalog: Catalog;
  threats: ReadonlyMap<string, ThreatEntry>;
  controls: ReadonlyMap<string, ControlEntry>;
}

let cached: CatalogIndex | undefined;

/** The built-in catalog with its entries by id, built once for all renderers of a run. */
export function catalogIndex(): CatalogIndex {
  if (cached) return cached;
  const catalog = getCatalog();
  cached = {
    catalog,
    threats: new Map(catalog.threats.map((t) => [t.id, t])),
    controls: new Map(catalog.controls.map((c) => [c.id, c])),
  };
  return cached;
}
