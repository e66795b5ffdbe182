import { nearest } from '../validate/suggest.js';
import type { Catalog, CatalogEntry, ControlEntry, ThreatEntry } from './types.js';

// A catalog does not change once loaded, and every project of a run is assessed against the same
// one: its indexes are built once per catalog, not once per project.
const threatIndexes = new WeakMap<Catalog, ReadonlyMap<string, ThreatEntry>>();
const controlIndexes = new WeakMap<Catalog, ReadonlyMap<string, ControlEntry>>();

/**
 * Threats keyed by id and by each alias, so a lookup by the 2024 id TRANSFERLEARNINGATTACK finds
 * SUPPLYMODELPOISON. The map has more keys than the catalog has threats: iterate
 * `catalog.threats`, not this map.
 */
export function threatById(catalog: Catalog): ReadonlyMap<string, ThreatEntry> {
  let index = threatIndexes.get(catalog);
  if (!index) {
    const entries = catalog.threats.flatMap((threat) => [threat.id, ...threat.aliases].map((name): [string, ThreatEntry] => [name, threat]));
    threatIndexes.set(catalog, (index = new Map(entries)));
  }
  return index;
}

/** Controls keyed by id. */
export function controlById(catalog: Catalog): ReadonlyMap<string, ControlEntry> {
  let index = controlIndexes.get(catalog);
  if (!index) controlIndexes.set(catalog, (index = new Map(catalog.controls.map((control) => [control.id, control]))));
  return index;
}

/**
 * Finds a section, threat or control by id or alias, ignoring case; `transferlearningattack`
 * finds SUPPLYMODELPOISON.
 */
export function findEntry(catalog: Catalog, id: string): CatalogEntry | undefined {
  const wanted = id.trim().toUpperCase();
  return (
    catalog.sections.find((section) => section.id === wanted) ??
    threatById(catalog).get(wanted) ??
    controlById(catalog).get(wanted)
  );
}

/** All names an entry answers to: ids and aliases. */
function allNames(catalog: Catalog): string[] {
  return [
    ...catalog.sections.map((s) => s.id),
    ...catalog.threats.flatMap((t) => [t.id, ...t.aliases]),
    ...catalog.controls.map((c) => c.id),
  ];
}

/**
 * The ids and aliases closest to a mistyped one, nearest first, as the one did-you-mean helper
 * (src/validate/suggest.ts) finds them, so `aithreat catalog show xyz` does not suggest noise.
 */
export function suggestIds(catalog: Catalog, id: string, max = 3): string[] {
  return nearest(id.trim(), allNames(catalog), { max });
}
