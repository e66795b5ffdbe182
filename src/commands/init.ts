import { resolve } from 'node:path';
import { createFileAtomic } from '../files/create-file.js';
import { dataOrigins, renderTemplate, trainingModes } from '../init/template.js';
import { ExitCode, type Io } from '../io.js';
import { formatProblem } from '../problem.js';
import type { DatasetOrigin, TrainingMode } from '../project/types.js';
import { displayPath, parseProject } from '../validate/load-project.js';

export interface InitOptions {
  name?: string;
  owner?: string;
  /** Training modes, each flag value possibly a comma-separated list. */
  training?: string[];
  dataOrigin?: string;
  force?: boolean;
}

export const defaultProjectFile = 'aithreat.yaml';

/** `aithreat init [file]`: writes a starter project description, or prints it for `-`. */
export function initCommand(file: string | undefined, options: InitOptions, io: Io): number {
  const training = (options.training ?? []).flatMap((value) => value.split(',')).map((mode) => mode.trim()).filter(Boolean);
  const unknown = training.filter((mode) => !(trainingModes as readonly string[]).includes(mode));
  if (unknown.length > 0) {
    io.stderr(`aithreat: unknown training mode '${unknown[0]}'; expected one or more of: ${trainingModes.join(', ')}\n`);
    return ExitCode.inputError;
  }
  if (options.dataOrigin !== undefined && !(dataOrigins as readonly string[]).includes(options.dataOrigin)) {
    io.stderr(`aithreat: unknown data origin '${options.dataOrigin}'; expected one of: ${dataOrigins.join(', ')}\n`);
    return ExitCode.inputError;
  }
  const target = file ?? defaultProjectFile;
  const text = renderTemplate({
    name: options.name,
    owner: options.owner,
    training: training as TrainingMode[],
    dataOrigin: options.dataOrigin as DatasetOrigin | undefined,
  });
  // The flags end up in the file, so a name that breaks the schema (too long, empty) is caught here.
  const checked = parseProject(text, target === '-' ? '<stdout>' : target);
  if (!checked.ok) {
    for (const problem of checked.problems) io.stderr(`${formatProblem(problem)}\n`);
    io.stderr('aithreat: the starter file would not be valid with these options; nothing was written\n');
    return ExitCode.inputError;
  }
  if (target === '-') {
    io.stdout(text);
    return ExitCode.ok;
  }
  const path = resolve(io.cwd, target);
  const shown = displayPath(path, io.cwd);
  const written = createFileAtomic(path, text, { overwrite: options.force === true });
  if (!written.ok) {
    const why = written.reason === 'exists' ? `${shown} already exists; use --force to overwrite it` : written.message;
    io.stderr(`aithreat: ${why}\n`);
    return ExitCode.inputError;
  }
  io.stdout(`wrote ${shown}; fill in the TODOs, then run: aithreat assess ${shown}\n`);
  return ExitCode.ok;
}
