import type { Catalog, CatalogEntry, ControlEntry, Edition, Reference, SectionEntry, StandardMapping, ThreatEntry } from '../types.js';

/**
 * Version of the JSON that `catalog list --format json` prints; bump on breaking changes.
 * 2: `coverage` of a standard may be absent, and `sections` came in beside threats and controls.
 */
export const CATALOG_JSON_VERSION = 2;

const reference = ({ id, name }: Reference): Reference => ({ id, name });

const editions = (list: Edition[] | undefined) => (list !== undefined ? { editions: [...list] } : {});

const standard = ({ standard, ref, title, coverage, note }: StandardMapping): StandardMapping => ({
  standard,
  ref,
  title,
  ...(coverage !== undefined ? { coverage } : {}),
  note,
});

/** A section with its keys in a fixed order. */
export function sectionToJson(s: SectionEntry): SectionEntry {
  return {
    kind: s.kind,
    id: s.id,
    title: s.title,
    ...editions(s.editions),
    permalink: s.permalink,
    summary: s.summary,
    particularities: s.particularities.map(({ id, description }) => ({ id, description })),
    members: [...s.members],
    controls: s.controls.map(({ id, role }) => ({ id, role })),
    agenticThreats: s.agenticThreats.map(({ id, description }) => ({ id, description })),
    standards: s.standards.map(standard),
  };
}

/** A threat with its keys in a fixed order, so the JSON output is stable across versions. */
export function threatToJson(t: ThreatEntry): ThreatEntry {
  return {
    kind: t.kind,
    id: t.id,
    aliases: [...t.aliases],
    title: t.title,
    ...(t.currentTitle !== undefined ? { currentTitle: t.currentTitle } : {}),
    ...editions(t.editions),
    group: t.group,
    members: [...t.members],
    permalink: t.permalink,
    summary: t.summary,
    impact: t.impact,
    attackVectors: t.attackVectors.map(({ id, description }) => ({ id, description })),
    examples: [...t.examples],
    controls: t.controls.map(({ id, role, primary }) => ({ id, role, primary })),
    references: {
      atlas: t.references.atlas.map(reference),
      owaspLlm2025: t.references.owaspLlm2025.map(reference),
      owaspMl2023: t.references.owaspMl2023.map(reference),
      nistAi1002: t.references.nistAi1002.map(reference),
    },
  };
}

/** A control with its keys in a fixed order. */
export function controlToJson(c: ControlEntry): ControlEntry {
  return {
    kind: c.kind,
    id: c.id,
    title: c.title,
    ...editions(c.editions),
    category: c.category,
    definedIn: c.definedIn,
    ...(c.group !== undefined ? { group: c.group } : {}),
    ...(c.phase !== undefined ? { phase: c.phase } : {}),
    permalink: c.permalink,
    summary: c.summary,
    practices: c.practices.map(({ id, text }) => ({ id, text })),
    limitations: [...c.limitations],
    standards: c.standards.map(standard),
    atlasMitigations: c.atlasMitigations.map(reference),
    counters: [...c.counters],
  };
}

/** Any entry with its keys in a fixed order. */
export function entryToJson(entry: CatalogEntry): CatalogEntry {
  if (entry.kind === 'section') return sectionToJson(entry);
  return entry.kind === 'threat' ? threatToJson(entry) : controlToJson(entry);
}

/**
 * `{ "catalogVersion": 2, "sections": [...], "threats": [...], "controls": [...] }` with full
 * entries sorted by id; a kind that was filtered out is left out rather than printed empty.
 */
export function catalogToJson(catalog: Catalog, kinds: { sections: boolean; threats: boolean; controls: boolean }): string {
  const document = {
    catalogVersion: CATALOG_JSON_VERSION,
    ...(kinds.sections ? { sections: catalog.sections.map(sectionToJson) } : {}),
    ...(kinds.threats ? { threats: catalog.threats.map(threatToJson) } : {}),
    ...(kinds.controls ? { controls: catalog.controls.map(controlToJson) } : {}),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
