import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Catalog, CatalogFile, CatalogProblem, ControlEntry, ControlFile, SectionEntry, ThreatControlsFile, ThreatEntry, ThreatFile } from './types.js';
import { schemaProblems } from './schema-check.js';
import { integrityProblems, type ParsedEntry } from './integrity.js';
import { locate, type Position } from '../load/locate.js';
import { parseSource } from '../load/source.js';
import { cleanText } from '../util/clean-text.js';

export type { CatalogProblem } from './types.js';

export interface CatalogLoadResult {
  catalog: Catalog;
  problems: CatalogProblem[];
  /** Controls the files add to threats of the base catalog; mergeCatalogs appends them. */
  additions?: ThreatControlsFile[];
}

export interface ParseOptions {
  /** A catalog the files extend: references into it resolve (see mergeCatalogs). */
  base?: Catalog;
  /**
   * The files come from an organisation, like the projects: every text in them loses what could
   * act in a terminal or a document instead of being read (see cleanText), once, when it is parsed.
   */
  untrusted?: boolean;
}

/** How a catalog directory is read: by default as the repository's own files; an organisation's through the one reader. */
export interface DirectoryOptions extends ParseOptions {
  /** Reads one file; a refusal is a problem of that file. */
  read?: (path: string, shown: string) => { text: string } | { problem: CatalogProblem };
  /** How a path is shown in problems (relative to the working directory, for instance). */
  shown?: (path: string) => string;
  /** At most this many files in each folder; more is a problem, not a slow run. */
  maxFiles?: number;
}

/** Where each parsed entry's id sits, so mergeCatalogs can point at a clashing entry. */
const entryOrigins = new WeakMap<object, { file: string } & Position>();

const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The id a file claims, even when the file is invalid, so others' references to it do not cascade. */
function claimedId(value: unknown): string | undefined {
  const id = value !== null && typeof value === 'object' ? (value as Record<string, unknown>).id : undefined;
  return typeof id === 'string' ? id : undefined;
}

function parseFile(
  file: { path: string; text: string },
  problems: CatalogProblem[],
  brokenIds: Set<string>,
  untrusted: boolean,
): ParsedEntry | undefined {
  const loaded = parseSource(file.text, file.path);
  if (!loaded.ok) {
    // A file that does not parse may still name its id on a line of its own; others' references
    // to that id should not add "unknown id" problems on top of the real one.
    const id = /^id:\s*([A-Z0-9]+)\s*$/m.exec(file.text)?.[1];
    if (id) brokenIds.add(id);
    problems.push(...loaded.problems.map(({ file: path, line, column, message }) => ({ file: path, line, column, message })));
    return undefined;
  }
  const { source, data: value } = loaded;
  const found = schemaProblems(source, value);
  problems.push(...found);
  if (found.length > 0) {
    const id = claimedId(value);
    if (id) brokenIds.add(id);
    return undefined;
  }
  const entry = (untrusted ? cleanStrings(value) : value) as CatalogFile;
  entryOrigins.set(entry, { file: file.path, ...locate(source, [entry.kind === 'threat-controls' ? 'threat' : 'id']) });
  return { source, entry };
}

/** Every string of a parsed file through cleanText, in place: the file was just parsed, nothing else holds it. */
function cleanStrings(value: unknown): unknown {
  if (typeof value === 'string') return cleanText(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = cleanStrings(value[i]);
  } else if (value !== null && typeof value === 'object') {
    for (const key of Object.keys(value)) (value as Record<string, unknown>)[key] = cleanStrings((value as Record<string, unknown>)[key]);
  }
  return value;
}

/**
 * Parses and checks catalog files: YAML syntax, the catalog schema, then cross-entry integrity.
 * Problems are collected with 1-based positions, never thrown. The catalog holds every entry
 * that passed the schema (also those with integrity problems), each list sorted by id.
 */
export function parseCatalogFiles(files: { path: string; text: string }[], options: ParseOptions = {}): CatalogLoadResult {
  const problems: CatalogProblem[] = [];
  const brokenIds = new Set<string>();
  const parsed = files
    .map((file) => parseFile(file, problems, brokenIds, options.untrusted === true))
    .filter((p): p is ParsedEntry => p !== undefined);
  problems.push(...integrityProblems(parsed, { base: options.base, brokenIds }));
  const entries = parsed.map((p) => p.entry);
  const additions = entries.filter((e): e is ThreatControlsFile => e.kind === 'threat-controls');
  return {
    catalog: withBackLinks(
      entries.filter((e): e is SectionEntry => e.kind === 'section'),
      entries.filter((e): e is ThreatFile => e.kind === 'threat'),
      entries.filter((e): e is ControlFile => e.kind === 'control'),
      options.base,
    ),
    problems,
    ...(additions.length > 0 ? { additions } : {}),
  };
}

/**
 * The catalog with its back-links derived from the one side that writes them: a group's members
 * are the threats that name it as their group, a control's counters the threats whose controls
 * name it (both by id). With a base catalog, links from these entries to base entries are
 * derived by mergeCatalogs. Each list is sorted by id.
 */
export function withBackLinks(sections: readonly SectionEntry[], threatFiles: readonly ThreatFile[], controlFiles: readonly ControlFile[], base?: Catalog): Catalog {
  const all = [...(base?.threats ?? []), ...threatFiles];
  const threats: ThreatEntry[] = threatFiles.map((t) => {
    const entry = { ...t, members: all.filter((m) => m.group === t.id).map((m) => m.id).sort(byText) };
    const origin = entryOrigins.get(t);
    if (origin) entryOrigins.set(entry, origin);
    return entry;
  });
  const controls: ControlEntry[] = controlFiles.map((c) => {
    const entry = { ...c, counters: all.filter((t) => t.controls.some((tc) => tc.id === c.id)).map((t) => t.id).sort(byText) };
    const origin = entryOrigins.get(c);
    if (origin) entryOrigins.set(entry, origin);
    return entry;
  });
  return { sections: [...sections].sort(byId), threats: threats.sort(byId), controls: controls.sort(byId) };
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The YAML files in `dir`, sorted; undefined when the folder does not exist. */
function yamlFilesIn(dir: string): string[] | undefined {
  try {
    return readdirSync(dir)
      .filter((name) => /\.ya?ml$/.test(name))
      .sort()
      .map((name) => join(dir, name));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw error;
  }
}

/**
 * Reads `sections/*.yaml`, `threats/*.yaml` and `controls/*.yaml` under `dir`, in sorted order,
 * and parses them. A directory with no threats or controls folder is a problem; either alone is fine.
 */
export function loadCatalogDirectory(dir: string, options: DirectoryOptions = {}): CatalogLoadResult {
  const { read = readOwnFile, shown = (path: string) => path, maxFiles = Infinity } = options;
  const sectionFiles = yamlFilesIn(join(dir, 'sections'));
  const threatFiles = yamlFilesIn(join(dir, 'threats'));
  const controlFiles = yamlFilesIn(join(dir, 'controls'));
  const empty = { sections: [], threats: [], controls: [] };
  if (threatFiles === undefined && controlFiles === undefined) {
    return { catalog: empty, problems: [{ file: shown(dir), line: 1, column: 1, message: "no catalog here: expected a 'threats' or 'controls' folder" }] };
  }
  const crowded = ([['sections', sectionFiles], ['threats', threatFiles], ['controls', controlFiles]] as const).find(([, list]) => (list?.length ?? 0) > maxFiles);
  if (crowded) {
    return { catalog: empty, problems: [{ file: shown(join(dir, crowded[0])), line: 1, column: 1, message: `holds ${crowded[1]!.length} YAML files; a catalog folder holds at most ${maxFiles}` }] };
  }
  const files: { path: string; text: string }[] = [];
  const unread: CatalogProblem[] = [];
  for (const path of [...(sectionFiles ?? []), ...(threatFiles ?? []), ...(controlFiles ?? [])]) {
    const got = read(path, shown(path));
    if ('problem' in got) unread.push(got.problem);
    else files.push({ path: shown(path), text: got.text });
  }
  const parsed = parseCatalogFiles(files, options);
  return { ...parsed, problems: [...unread, ...parsed.problems] };
}

function readOwnFile(path: string): { text: string } {
  return { text: readFileSync(path, 'utf8') };
}

/**
 * Adds an organisation's entries to a base catalog without changing the base. An extra entry
 * whose id or alias is already taken is a problem and is left out; so is an extra section, since
 * the sections are the AI Exchange's. The back-links are derived again over the merged catalog,
 * so an extra threat naming a base control appears in that control's counters, and an extra
 * threat in a base group among its members.
 */
export function mergeCatalogs(base: Catalog, extra: Catalog, additions: readonly ThreatControlsFile[] = []): CatalogLoadResult {
  const problems: CatalogProblem[] = [];
  const taken = new Set<string>();
  for (const section of base.sections) taken.add(section.id);
  for (const threat of base.threats) [threat.id, ...threat.aliases].forEach((name) => taken.add(name));
  for (const control of base.controls) taken.add(control.id);
  for (const section of extra.sections) {
    const origin = entryOrigins.get(section) ?? { file: '<extra catalog>', line: 1, column: 1 };
    problems.push({ ...origin, message: `section '${section.id}': an organisation catalog adds threats and controls, not sections` });
  }

  const accept = (entry: ThreatEntry | ControlEntry): boolean => {
    const names = entry.kind === 'threat' ? [entry.id, ...entry.aliases] : [entry.id];
    const clash = names.find((name) => taken.has(name));
    if (clash) {
      const origin = entryOrigins.get(entry) ?? { file: '<extra catalog>', line: 1, column: 1 };
      problems.push({ ...origin, message: `duplicate id '${clash}': the base catalog already defines it` });
      return false;
    }
    names.forEach((name) => taken.add(name));
    return true;
  };
  const extraThreats = extra.threats.filter(accept);
  const controls = [...base.controls, ...extra.controls.filter(accept)].map(({ counters: _derived, ...file }) => file);
  // Controls added to a base threat join its list after its own, once each (the loader reported the rest).
  const known = new Set(controls.map((c) => c.id));
  const added = new Map<string, ThreatEntry['controls']>();
  for (const addition of additions) {
    const threat = base.threats.find((t) => t.id === addition.threat || t.aliases.includes(addition.threat));
    if (threat) added.set(threat.id, [...(added.get(threat.id) ?? []), ...addition.controls.filter((c) => known.has(c.id))]);
  }
  const threats = [...base.threats, ...extraThreats].map(({ members: _derived, ...file }) => {
    const more = added.get(file.id)?.filter((c, i, list) => !file.controls.some((own) => own.id === c.id) && list.findIndex((o) => o.id === c.id) === i);
    return more && more.length > 0 ? { ...file, controls: [...file.controls, ...more] } : file;
  });
  return { catalog: withBackLinks(base.sections, threats, controls), problems };
}

/**
 * Loads an organisation's catalog directory on top of `base`: parse problems, then merge problems.
 * `extra` holds the directory's own entries, whose positions `entryOrigin` knows.
 */
export function loadCatalogExtension(base: Catalog, dir: string, options: Omit<DirectoryOptions, 'base'> = {}): CatalogLoadResult & { extra: Catalog } {
  const extra = loadCatalogDirectory(dir, { ...options, base });
  const merged = mergeCatalogs(base, extra.catalog, extra.additions);
  return { catalog: merged.catalog, problems: [...extra.problems, ...merged.problems], extra: extra.catalog };
}

/** Where a parsed entry's id stands in its file, for problems found later (a threat no rule decides). */
export function entryOrigin(entry: object): ({ file: string } & Position) | undefined {
  return entryOrigins.get(entry);
}
