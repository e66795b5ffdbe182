import { ExitCode, printError, type Io } from '../io.js';
import { getCatalog } from '../catalog/bundled.js';
import { findEntry, suggestIds } from '../catalog/lookup.js';
import type { Catalog } from '../catalog/types.js';
import { catalogToJson, entryToJson } from '../catalog/render/json.js';
import { listSections, renderListMarkdown, renderListTable } from '../catalog/render/list.js';
import { renderEntryText } from '../catalog/render/show.js';
import { colorLevel } from '../render/color.js';
import { styleFor } from '../render/style.js';
import { phraseSuggestions } from '../validate/suggest.js';
import { contextOfRun } from './context-of-run.js';

export const LIST_KINDS = ['section', 'threat', 'control'] as const;
export const LIST_FORMATS = ['table', 'json', 'markdown'] as const;
export const SHOW_FORMATS = ['text', 'json'] as const;

export interface CatalogListOptions {
  /** section | threat | control; all three when absent. */
  kind?: string;
  /** table (default) | json | markdown. */
  format?: string;
}

export interface CatalogShowOptions {
  /** text (default) | json. */
  format?: string;
}

/** Colour follows the CLI-wide rule in render/color.ts; catalog output never goes to a file. */
function styleForIo(io: Io) {
  return styleFor(colorLevel({ env: io.env, isTTY: io.stdoutIsTTY, toFile: false }));
}

/** Checks an option value against its allowed values; on failure writes the message and returns false. */
function allowed<T extends string>(io: Io, option: string, value: string | undefined, values: readonly T[]): value is T | undefined {
  if (value === undefined || (values as readonly string[]).includes(value)) return true;
  printError(io, `invalid value '${value}' for --${option}; expected one of: ${values.join(', ')}`);
  return false;
}

/**
 * `aithreat catalog list`: every section, threat and control as a table, JSON or Markdown.
 * @returns 0, or 2 for an invalid --kind or --format.
 */
export function catalogList(options: CatalogListOptions, io: Io, catalog: Catalog = getCatalog()): number {
  const { kind, format = 'table' } = options;
  if (!allowed(io, 'kind', kind, LIST_KINDS) || !allowed(io, 'format', format, LIST_FORMATS)) return ExitCode.inputError;
  const kinds = { sections: kind === undefined || kind === 'section', threats: kind === undefined || kind === 'threat', controls: kind === undefined || kind === 'control' };
  if (format === 'json') io.stdout(catalogToJson(catalog, kinds));
  else if (format === 'markdown') io.stdout(renderListMarkdown(listSections(catalog, kinds)));
  else io.stdout(renderListTable(listSections(catalog, kinds), styleForIo(io)));
  return ExitCode.ok;
}

/**
 * `aithreat catalog show <id>`: one entry by id or alias, any case.
 * @returns 0, or 2 for an unknown id (with suggestions) or an invalid --format.
 */
export function catalogShow(id: string, options: CatalogShowOptions, io: Io, catalog: Catalog = getCatalog()): number {
  const { format = 'text' } = options;
  if (!allowed(io, 'format', format, SHOW_FORMATS)) return ExitCode.inputError;
  const entry = findEntry(catalog, id);
  if (!entry) {
    const suggestions = suggestIds(catalog, id);
    const hint = phraseSuggestions(suggestions) || "; run 'aithreat catalog list' to see every id";
    printError(io, `unknown catalog id '${id}'${hint}`);
    return ExitCode.inputError;
  }
  if (format === 'json') {
    io.stdout(`${JSON.stringify(entryToJson(entry), null, 2)}\n`);
  } else {
    io.stdout(renderEntryText(entry, styleForIo(io)));
  }
  return ExitCode.ok;
}

/**
 * The catalog `catalog list` and `show` read: the built-in one, with the organisation's catalogs
 * of `--catalog` or `catalogs:` in `.aithreatrc.yaml`; or the exit code when one cannot be read.
 */
export async function orgCatalog(io: Io, folders: string[] | undefined): Promise<Catalog | number> {
  const loaded = await contextOfRun(io, { catalog: folders }, 'catalog');
  return loaded.ok ? loaded.context.catalog : loaded.exitCode;
}
