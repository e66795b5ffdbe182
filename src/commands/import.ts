import { resolve } from 'node:path';
import { createFileAtomic } from '../files/create-file.js';
import { importBom, type Standard } from '../import/index.js';
import { ExitCode, printError, printLine, type Io } from '../io.js';
import { readScope } from '../load/read-scope.js';
import { namesFolder } from '../output/path-policy.js';
import { readTargetOf, standardInputName } from '../load/read-file.js';
import { readText } from '../load/source.js';
import { formatProblems } from '../problem.js';
import { displayPath } from '../validate/load-project.js';

export interface ImportOptions {
  /** Where to write the project description; stdout when absent or `-`. */
  output?: string;
  force?: boolean;
  /** Read the BOM through a symbolic link that leaves the tree (see read-scope.ts). */
  followSymlinks?: boolean;
}

/**
 * `aithreat import [cyclonedx|spdx] <bom.json>`: a project description drafted from an AI bill
 * of materials; without a standard, the document says which it is. Nothing is written unless the
 * result validates, and a file is written whole or not at all. A BOM that cannot be imported is
 * one `file:line:column: message` line and exit 2.
 */
export function importBomCommand(standard: Standard | undefined, bomPath: string, options: ImportOptions, io: Io): number {
  const bomFile = bomPath === '-' ? standardInputName : displayPath(resolve(io.cwd, bomPath), io.cwd);
  const read = readText(readTargetOf(bomPath, io.cwd), bomFile, readScope(io.cwd, [bomPath], options.followSymlinks));
  if ('problem' in read) {
    io.stderr(formatProblems([read.problem]));
    return ExitCode.inputError;
  }
  const toStdout = options.output === undefined || options.output === '-';
  if (!toStdout && namesFolder(options.output!)) {
    printError(io, `--output ${options.output} names a folder; give a file name, such as ${options.output!.replace(/[\\/]+$/, '') || '.'}/aithreat.yaml`);
    return ExitCode.inputError;
  }
  const target = toStdout ? null : resolve(io.cwd, options.output!);
  const shown = target ? displayPath(target, io.cwd) : '<stdout>';
  const imported = importBom(read.text, bomFile, shown, standard);
  if (!imported.ok) {
    io.stderr(formatProblems([{ file: bomFile, code: 'schema', ...imported.problem }]));
    return ExitCode.inputError;
  }
  const todos = imported.text.match(/TODO\(aithreat import\)/g)?.length ?? 0;
  const { models, datasets, suppliers } = imported.counts;
  const summary = `${models} model(s), ${datasets} data set(s), ${suppliers} supplier(s) from ${imported.standard}; ${todos} TODO(s) to resolve`;
  if (!target) {
    io.stdout(imported.text);
    printError(io, `imported ${summary}`);
    return ExitCode.ok;
  }
  const written = createFileAtomic(target, imported.text, { overwrite: options.force === true });
  if (!written.ok) {
    printError(io, written.reason === 'exists' ? `${shown} already exists; use --force to overwrite it` : written.reason === 'folder' ? `${shown} is a folder; give a file name, such as ${shown}/aithreat.yaml` : written.message);
    return ExitCode.inputError;
  }
  printLine(io, `wrote ${shown}: ${summary}`);
  return ExitCode.ok;
}
