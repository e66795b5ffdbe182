import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Threshold } from '../assess/types.js';
import { loadYamlFile } from '../load/source.js';
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
}

export type LoadedConfig = { ok: true; config: Config; file: string | null } | { ok: false; problems: Problem[] };

/** Reads `.aithreatrc.yaml` from `cwd` when it exists; an empty configuration otherwise. */
export function loadConfig(cwd: string): LoadedConfig {
  const path = join(cwd, configFileName);
  if (!existsSync(path)) return { ok: true, config: {}, file: null };
  const checked = checkSchema<Config>(loadYamlFile(path, configFileName), 'config');
  return checked.ok ? { ok: true, config: checked.value, file: checked.source.file } : { ok: false, problems: checked.problems };
}

/** The assess options that a configuration can supply. */
export interface ConfigurableOptions {
  failOn?: Threshold;
  policy?: string;
  format?: string[];
  baseline?: string;
  failOnNewOnly?: boolean;
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
  };
}
