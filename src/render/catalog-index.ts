import type { Catalog, ControlEntry, ThreatEntry } from '../catalog/types.js';

export interface CatalogIndex {
  catalog: Catalog;
  threats: ReadonlyMap<string, ThreatEntry>;
  controls: ReadonlyMap<string, ControlEntry>;
}

const indexes = new WeakMap<Catalog, CatalogIndex>();

/**
 * The catalog a report was assessed against (`report.catalog`: the built-in one, or it with an
 * organisation's entries), with its entries by id; built once per catalog for all renderers of a run.
 */
export function catalogIndex(catalog: Catalog): CatalogIndex {
  let index = indexes.get(catalog);
  if (!index) {
    index = { catalog, threats: new Map(catalog.threats.map((t) => [t.id, t])), controls: new Map(catalog.controls.map((c) => [c.id, c])) };
    indexes.set(catalog, index);
  }
  return index;
}
