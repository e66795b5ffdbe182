import { resolve } from 'node:path';
import { createFileAtomic } from '../files/create-file.js';
import { dataOrigins, renderTemplate, trainingModes } from '../init/template.js';
import { ExitCode, printError, printLine, type Io } from '../io.js';
import { namesFolder } from '../output/path-policy.js';
import { formatProblems } from '../problem.js';
import type { DatasetOrigin, TrainingMode } from '../project/types.js';
import { displayPath, parseProject } from '../validate/load-project.js';

export interface InitOptions {
  name?: string;
  owner?: string;
  /** Training modes, each flag value possibly a comma-separated list. */
  training?: string[];
  dataOrigin?: string;
  agent?: boolean;
  force?: boolean;
}

export const defaultProjectFile = 'aithreat.yaml';

/** `aithreat init [file]`: writes a starter project description, or prints it for `-`. */
export function initCommand(file: string | undefined, options: InitOptions, io: Io): number {
  const training = (options.training ?? []).flatMap((value) => value.split(',')).map((mode) => mode.trim()).filter(Boolean);
  const unknown = training.filter((mode) => !(trainingModes as readonly string[]).includes(mode));
  if (unknown.length > 0) {
    printError(io, `unknown training mode '${unknown[0]}'; expected one or more of: ${trainingModes.join(', ')}`);
    return ExitCode.inputError;
  }
  if (options.dataOrigin !== undefined && !(dataOrigins as readonly string[]).includes(options.dataOrigin)) {
    printError(io, `unknown data origin '${options.dataOrigin}'; expected one of: ${dataOrigins.join(', ')}`);
    return ExitCode.inputError;
  }
  const target = file ?? defaultProjectFile;
  const text = renderTemplate({
    name: options.name,
    owner: options.owner,
    training: training as TrainingMode[],
    dataOrigin: options.dataOrigin as DatasetOrigin | undefined,
    agent: options.agent === true,
  });
  // The flags end up in the file, so a name that breaks the schema (too long, empty) is caught here.
  const checked = parseProject(text, target === '-' ? '<stdout>' : target);
  if (!checked.ok) {
    io.stderr(formatProblems(checked.problems));
    printError(io, 'the starter file would not be valid with these options; nothing was written');
    return ExitCode.inputError;
  }
  if (target === '-') {
    io.stdout(text);
    return ExitCode.ok;
  }
  if (namesFolder(target)) {
    printError(io, `${target} names a folder; give a file name, such as ${target.replace(/[\\/]+$/, '') || '.'}/${defaultProjectFile}`);
    return ExitCode.inputError;
  }
  const path = resolve(io.cwd, target);
  const shown = displayPath(path, io.cwd);
  const written = createFileAtomic(path, text, { overwrite: options.force === true });
  if (!written.ok) {
    const why =
      written.reason === 'exists' ? `${shown} already exists; use --force to overwrite it` : written.reason === 'folder' ? `${shown} is a folder; give a file name, such as ${shown}/${defaultProjectFile}` : written.message;
    printError(io, why);
    return ExitCode.inputError;
  }
  printLine(io, `wrote ${shown}; fill in the TODOs, then run: aithreat assess ${shown}`);
  return ExitCode.ok;
}
