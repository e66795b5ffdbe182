import { lstatSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import type { Threshold } from '../assess/types.js';
import { locate } from '../load/locate.js';
import { isInside, workingDirectoryScope } from '../load/read-scope.js';
import { loadYamlFile, type LoadResult, type SourceFile } from '../load/source.js';
import type { Problem } from '../problem.js';
import { checkSchema } from '../validate/load-project.js';

/** The one name aithreat looks for, in the working directory only (no search of parent folders). */
export const configFileName = '.aithreatrc.yaml';

/** Defaults for `aithreat assess`, as schemas/config.schema.json defines them. */
export interface Config {
  configVersion?: 1;
  failOn?: Threshold;
  policy?: string;
  formats?: string[];
  baseline?: string;
  failOnNewOnly?: boolean;
  /** Folders of an organisation's catalogs and rules; see src/assess/context.ts. */
  catalogs?: string[];
  rules?: string[];
  /** The repository `--discover` reads, relative to the working directory. */
  discover?: string;
}

export type LoadedConfig = { ok: true; config: Config; file: string | null } | { ok: false; problems: Problem[] };

/**
 * Reads `.aithreatrc.yaml` from `cwd` when it exists; an empty configuration otherwise. The file
 * belongs to the repository being assessed, so it is untrusted like the projects: every path it
 * names must stay inside the working directory (see `configPathProblems`).
 */
export function loadConfig(cwd: string, options: { followSymlinks?: boolean } = {}): LoadedConfig {
  const path = join(cwd, configFileName);
  if (!exists(path)) return { ok: true, config: {}, file: null };
  return checkConfig(loadYamlFile(path, configFileName, workingDirectoryScope(cwd, options.followSymlinks)), cwd);
}

/** A parsed configuration checked against its schema, then its paths against `cwd`. */
export function checkConfig(loaded: LoadResult, cwd: string): LoadedConfig {
  const checked = checkSchema<Config>(loaded, 'config');
  if (!checked.ok) return { ok: false, problems: checked.problems };
  const problems = configPathProblems(checked.value, checked.source, cwd);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, config: checked.value, file: checked.source.file };
}

/** Whether anything has this name, a dangling symbolic link included (which is then reported). */
function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Paths a configuration names must lie inside the working directory, as written: no absolute
 * path, no `..` out of it, and no report written over the configuration itself. (Where symbolic
 * links lead is checked when the file is read or written: read-scope.ts and path-policy.ts.)
 */
function configPathProblems(config: Config, source: SourceFile, cwd: string): Problem[] {
  const problems: Problem[] = [];
  // The repository to discover may be the working directory itself (`.`), never a folder outside it.
  const checkFolder = (at: (string | number)[], path: string) => {
    const reason = isAbsolute(path) ? 'an absolute path' : !isInside(resolve(cwd, path), cwd) ? 'outside the working directory' : null;
    if (reason) problems.push({ file: source.file, ...locate(source, at), code: 'invalid-value', message: `\`${at.join('.')}\` names \`${path}\`, ${reason}; a configuration may only name folders inside the working directory (a flag typed on the command line may name any path)` });
  };
  const check = (at: (string | number)[], path: string, what: string) => {
    const reason = isAbsolute(path) ? 'an absolute path' : !isInside(resolve(cwd, path), cwd) || resolve(cwd, path) === resolve(cwd) ? 'outside the working directory' : null;
    if (reason) {
      problems.push({ file: source.file, ...locate(source, at), code: 'invalid-value', message: `\`${at.join('.')}\` ${what} \`${path}\`, ${reason}; a configuration may only name files inside the working directory (a flag typed on the command line may name any path)` });
    } else if (what === 'writes to' && resolve(cwd, path) === resolve(cwd, configFileName)) {
      problems.push({ file: source.file, ...locate(source, at), code: 'invalid-value', message: `\`${at.join('.')}\` writes to \`${path}\`, which is this configuration file` });
    }
  };
  if (config.policy !== undefined) check(['policy'], config.policy, 'names');
  if (config.baseline !== undefined) check(['baseline'], config.baseline, 'names');
  (config.catalogs ?? []).forEach((path, i) => checkFolder(['catalogs', i], path));
  (config.rules ?? []).forEach((path, i) => checkFolder(['rules', i], path));
  if (config.discover !== undefined) checkFolder(['discover'], config.discover);
  (config.formats ?? []).forEach((spec, i) => {
    const at = spec.indexOf('=');
    if (at >= 0) check(['formats', i], spec.slice(at + 1), 'writes to');
  });
  return problems;
}

/** The assess options that a configuration can supply. */
export interface ConfigurableOptions {
  failOn?: Threshold;
  policy?: string;
  format?: string[];
  /** `false` is `--no-baseline`: no comparison, whatever the configuration names. */
  baseline?: string | false;
  failOnNewOnly?: boolean;
  discover?: string;
}

/** Which of the options came from the configuration rather than from a flag a person typed. */
export interface ConfiguredOrigins {
  policy: boolean;
  baseline: boolean;
  format: boolean;
  discover: boolean;
}

/**
 * Fills the options the command line left out from the configuration: a flag always wins, and
 * `--format` replaces the configured list rather than adding to it. Paths in the configuration are
 * relative to the working directory, where the file is.
 */
export function applyConfig<T extends ConfigurableOptions>(options: T, config: Config): T {
  return {
    ...options,
    failOn: options.failOn ?? config.failOn,
    policy: options.policy ?? config.policy,
    format: options.format && options.format.length > 0 ? options.format : config.formats,
    baseline: options.baseline ?? config.baseline,
    failOnNewOnly: options.failOnNewOnly ?? config.failOnNewOnly,
    discover: options.discover ?? config.discover,
  };
}

/** Which paths of `applyConfig`'s result the configuration supplied: they get the stricter rules. */
export function configuredOrigins(options: ConfigurableOptions, config: Config): ConfiguredOrigins {
  return {
    policy: options.policy === undefined && config.policy !== undefined,
    baseline: options.baseline === undefined && config.baseline !== undefined,
    format: !(options.format && options.format.length > 0) && config.formats !== undefined,
    discover: options.discover === undefined && config.discover !== undefined,
  };
}
