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

/**
 * Who describes an entry, for the words beside its link: the OWASP AI Exchange for the built-in
 * entries, an organisation's catalog for its own (which name no AI Exchange edition).
 */
export function describedIn(entry: { editions?: readonly string[] }): 'OWASP AI Exchange' | 'organisation catalog' {
  return entry.editions === undefined ? 'organisation catalog' : 'OWASP AI Exchange';
}

/** The entries of an organisation's catalog that a project's report names, each with its link, in report order. */
export function organisationEntries(index: CatalogIndex, threats: readonly string[], controls: readonly string[]): { id: string; title: string; permalink: string }[] {
  const seen = new Set<string>();
  const found: { id: string; title: string; permalink: string }[] = [];
  for (const entry of [...threats.map((id) => index.threats.get(id)), ...controls.map((id) => index.controls.get(id))]) {
    if (!entry || seen.has(entry.id) || describedIn(entry) !== 'organisation catalog') continue;
    seen.add(entry.id);
    found.push({ id: entry.id, title: entry.title, permalink: entry.permalink });
  }
  return found;
}
