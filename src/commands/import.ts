import { resolve } from 'node:path';
import { createFileAtomic } from '../files/create-file.js';
import { importBom, type Standard } from '../import/index.js';
import { ExitCode, type Io } from '../io.js';
import { readText } from '../load/source.js';
import { formatProblem } from '../problem.js';
import { oneLine } from '../util/clean-text.js';
import { displayPath } from '../validate/load-project.js';

export interface ImportOptions {
  /** Where to write the project description; stdout when absent or `-`. */
  output?: string;
  force?: boolean;
}

/**
 * `aithreat import [cyclonedx|spdx] <bom.json>`: a project description drafted from an AI bill
 * of materials; without a standard, the document says which it is. Nothing is written unless the
 * result validates, and a file is written whole or not at all. A BOM that cannot be imported is
 * one `file:line:column: message` line and exit 2.
 */
export function importBomCommand(standard: Standard | undefined, bomPath: string, options: ImportOptions, io: Io): number {
  const bomFile = displayPath(resolve(io.cwd, bomPath), io.cwd);
  const read = readText(resolve(io.cwd, bomPath), bomFile);
  if ('problem' in read) {
    io.stderr(`${formatProblem(read.problem)}\n`);
    return ExitCode.inputError;
  }
  const toStdout = options.output === undefined || options.output === '-';
  const target = toStdout ? null : resolve(io.cwd, options.output!);
  const shown = target ? displayPath(target, io.cwd) : '<stdout>';
  const imported = importBom(read.text, bomFile, shown, standard);
  if (!imported.ok) {
    io.stderr(`${formatProblem({ file: bomFile, code: 'schema', ...imported.problem })}\n`);
    return ExitCode.inputError;
  }
  const todos = imported.text.match(/TODO\(aithreat import\)/g)?.length ?? 0;
  const { models, datasets, suppliers } = imported.counts;
  const summary = `${models} model(s), ${datasets} data set(s), ${suppliers} supplier(s) from ${imported.standard}; ${todos} TODO(s) to resolve`;
  if (!target) {
    io.stdout(imported.text);
    io.stderr(`aithreat: imported ${summary}\n`);
    return ExitCode.ok;
  }
  const written = createFileAtomic(target, imported.text, { overwrite: options.force === true });
  if (!written.ok) {
    io.stderr(`aithreat: ${written.reason === 'exists' ? `${oneLine(shown)} already exists; use --force to overwrite it` : oneLine(written.message)}\n`);
    return ExitCode.inputError;
  }
  io.stdout(`wrote ${oneLine(shown)}: ${summary}\n`);
  return ExitCode.ok;
}
