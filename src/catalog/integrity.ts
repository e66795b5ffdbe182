import type { Catalog, CatalogFile, CatalogProblem, ControlFile, SectionEntry, ThreatControlsFile, ThreatFile } from './types.js';
import { locate, type DataPath } from '../load/locate.js';
import type { SourceFile } from '../load/source.js';
import { nearest, phraseSuggestions } from '../validate/suggest.js';

/** An entry that passed schema validation, with the file it came from. */
export interface ParsedEntry {
  source: SourceFile;
  entry: CatalogFile;
}

export interface IntegrityContext {
  /** A catalog the parsed entries extend. */
  base?: Catalog;
  /** Ids of entries whose files failed earlier checks; references to them are not reported again. */
  brokenIds?: ReadonlySet<string>;
}

interface Known<E> {
  entry: E;
  /** Absent for entries of a base catalog, which was checked when it was loaded. */
  parsed?: ParsedEntry;
}

const aiExchangeLinks = 'https://owaspai.org/';

export function expectedPermalink(id: string): string {
  return `https://owaspai.org/go/${id.toLowerCase()}/`;
}

function didYouMean(id: string, candidates: Iterable<string>): string {
  return phraseSuggestions(nearest(id, [...candidates]));
}

/**
 * Cross-entry rules the schema cannot express: unique ids and aliases, permalinks that match ids,
 * and references that resolve (a threat's controls name controls, its group names a group). A
 * reference to a threat may use one of its aliases. A section's members must be groups and its
 * controls must exist. The back-links (a control's counters, a group's members) are derived, not
 * checked: nothing is written twice. With a base catalog (an organisation extending the built-in
 * one), new entries may point at base entries; id clashes with the base are mergeCatalogs' to report.
 *
 * An organisation's entries are its own, not the AI Exchange's: they link to a page of their own
 * and name no AI Exchange edition, and each threat belongs to a group, so that the assessment sums
 * it up and requires its controls like any member. Only such a catalog may add controls to a
 * threat of the one it extends (`threat-controls`).
 */
export function integrityProblems(parsed: ParsedEntry[], context: IntegrityContext = {}): CatalogProblem[] {
  const { base, brokenIds = new Set<string>() } = context;
  const problems: CatalogProblem[] = [];
  const report = (at: ParsedEntry, path: DataPath, message: string): void => {
    problems.push({ file: at.source.file, ...locate(at.source, path), message });
  };

  const threats = new Map<string, Known<ThreatFile>>();
  const controls = new Map<string, Known<ControlFile>>();
  const sections: Known<SectionEntry>[] = [];
  for (const entry of base?.threats ?? []) threats.set(entry.id, { entry });
  for (const entry of base?.controls ?? []) controls.set(entry.id, { entry });
  /** Threats by id or alias: a 2024 id such as TRANSFERLEARNINGATTACK still finds its threat. */
  const threatNamed = (name: string): Known<ThreatFile> | undefined =>
    threats.get(name) ?? [...threats.values()].find((known) => known.entry.aliases.includes(name));

  const owners = new Map<string, ParsedEntry>();
  const additions: { entry: ThreatControlsFile; parsed: ParsedEntry }[] = [];
  for (const item of parsed) {
    const { entry } = item;
    if (entry.kind === 'threat-controls') {
      additions.push({ entry, parsed: item });
      continue;
    }
    const names: [DataPath, string][] = [[['id'], entry.id]];
    if (entry.kind === 'threat') entry.aliases.forEach((alias, i) => names.push([['aliases', i], alias]));
    for (const [path, name] of names) {
      const owner = owners.get(name);
      if (owner) report(item, path, `duplicate id '${name}': already defined in ${owner.source.file}`);
      else owners.set(name, item);
    }
    if (owners.get(entry.id) === item) {
      if (entry.kind === 'threat') threats.set(entry.id, { entry, parsed: item });
      else if (entry.kind === 'control') controls.set(entry.id, { entry, parsed: item });
      else sections.push({ entry, parsed: item });
    }
    if (!base && entry.permalink !== expectedPermalink(entry.id)) {
      report(item, ['permalink'], `permalink must be ${expectedPermalink(entry.id)}`);
    }
    // A section is the AI Exchange's alone: mergeCatalogs refuses one from an organisation.
    if (base && entry.kind !== 'section' && entry.permalink.startsWith(aiExchangeLinks)) {
      report(item, ['permalink'], `an organisation's entry links to a page of its own: ${aiExchangeLinks} is where the AI Exchange describes its entries`);
    }
    if (base && entry.kind !== 'section' && entry.editions !== undefined) {
      report(item, ['editions'], "an organisation's entry names no AI Exchange edition: leave 'editions' out");
    }
    const lists: [string, { id: string }[]][] =
      entry.kind === 'threat'
        ? [['attackVectors', entry.attackVectors], ['controls', entry.controls]]
        : entry.kind === 'control'
          ? [['practices', entry.practices]]
          : [['particularities', entry.particularities], ['controls', entry.controls], ['agenticThreats', entry.agenticThreats]];
    for (const [key, list] of lists) {
      const seen = new Set<string>();
      list.forEach((element, i) => {
        if (seen.has(element.id)) report(item, [key, i, 'id'], `duplicate '${element.id}' in ${key}`);
        seen.add(element.id);
      });
    }
  }

  const groups = new Set([...threats.values()].map((t) => t.entry.group).filter((g): g is string => g !== null));
  for (const { entry: threat, parsed: item } of threats.values()) {
    if (item) checkThreat(threat, item);
  }
  for (const { entry: section, parsed: item } of sections) {
    if (item) checkSection(section, item);
  }
  for (const { entry, parsed: item } of additions) checkAddition(entry, item);
  return problems;

  function checkAddition(addition: ThreatControlsFile, item: ParsedEntry): void {
    if (!base) {
      report(item, ['kind'], "only an organisation's catalog adds controls to a threat; a threat of this catalog lists them in its own 'controls'");
      return;
    }
    const threat = threatNamed(addition.threat);
    if (!threat) {
      if (!brokenIds.has(addition.threat)) report(item, ['threat'], `unknown threat '${addition.threat}'${didYouMean(addition.threat, threats.keys())}`);
      return;
    }
    if (threat.parsed) {
      report(item, ['threat'], `${threat.entry.id} is a threat of this catalog: list the controls in its own 'controls'`);
      return;
    }
    if (groups.has(threat.entry.id)) {
      report(item, ['threat'], `${threat.entry.id} is a group: it sums up its members and requires nothing; add the controls to a member`);
      return;
    }
    const seen = new Set<string>();
    addition.controls.forEach(({ id }, i) => {
      if (seen.has(id)) report(item, ['controls', i, 'id'], `duplicate '${id}' in controls`);
      else if (!controls.has(id)) {
        if (!brokenIds.has(id)) report(item, ['controls', i, 'id'], `unknown control '${id}'${didYouMean(id, controls.keys())}`);
      } else if (threat.entry.controls.some((c) => c.id === id)) {
        report(item, ['controls', i, 'id'], `${threat.entry.id} already names ${id}`);
      }
      seen.add(id);
    });
  }

  function checkSection(section: SectionEntry, item: ParsedEntry): void {
    section.members.forEach((id, i) => {
      const member = threatNamed(id);
      if (!member && brokenIds.has(id)) return;
      if (!member) report(item, ['members', i], `unknown threat '${id}'${didYouMean(id, threats.keys())}`);
      else if (member.entry.group !== null) report(item, ['members', i], `${id} is not a group: it belongs to ${member.entry.group}`);
    });
    section.controls.forEach(({ id }, i) => {
      if (!controls.has(id) && !brokenIds.has(id)) report(item, ['controls', i, 'id'], `unknown control '${id}'${didYouMean(id, controls.keys())}`);
    });
  }

  function checkThreat(threat: ThreatFile, item: ParsedEntry): void {
    threat.controls.forEach(({ id }, i) => {
      const control = controls.get(id);
      if (!control && brokenIds.has(id)) return;
      if (!control) {
        const kindNote = threats.has(id) ? `; ${id} is a threat, not a control` : didYouMean(id, controls.keys());
        report(item, ['controls', i, 'id'], `unknown control '${id}'${kindNote}`);
      }
    });
    if (threat.group === null && base && !groups.has(threat.id)) {
      const named = [...groups].filter((g) => threats.get(g)?.entry.group === null).sort();
      report(item, ['group'], `an organisation's threat belongs to a group, so that the assessment sums it up with the others: ${named.join(', ')}, or a group of its own catalog`);
    }
    if (threat.group !== null) {
      const group = threatNamed(threat.group);
      if (!group && brokenIds.has(threat.group)) return;
      if (!group) report(item, ['group'], `unknown group '${threat.group}'${didYouMean(threat.group, threats.keys())}`);
      else if (group.entry.group !== null) report(item, ['group'], `${threat.group} is not a group: it belongs to ${group.entry.group}`);
      else if (groups.has(threat.id)) report(item, ['group'], `a group cannot itself belong to a group: ${[...threats.values()].filter((t) => t.entry.group === threat.id).map((t) => t.entry.id).join(', ')} name ${threat.id} as their group`);
    }
  }
}
