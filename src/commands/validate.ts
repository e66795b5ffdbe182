import { declaresProject } from '../files/declares-project.js';
import { expandInputs } from '../files/expand.js';
import { ExitCode, printError, printLine, type Io } from '../io.js';
import { readScope } from '../load/read-scope.js';
import { formatProblems, type Problem } from '../problem.js';
import { readTargetOf } from '../load/read-file.js';
import { loadProject } from '../validate/load-project.js';

export interface ValidateOptions {
  format?: string;
  /** Read files through symbolic links that leave the tree (see read-scope.ts). */
  followSymlinks?: boolean;
}

/** `aithreat validate`: every problem of every file, one line each, in file order. */
export function validateCommand(inputs: string[], options: ValidateOptions, io: Io): number {
  const format = options.format ?? 'text';
  if (format !== 'text' && format !== 'json') {
    printError(io, `unknown format '${format}' for validate; use text or json`);
    return ExitCode.inputError;
  }
  // Directories and quoted globs become the project files they hold, sorted and without duplicates.
  const scope = readScope(io.cwd, inputs, options.followSymlinks);
  const expanded = expandInputs(inputs, io.cwd, declaresProject(scope));
  if (!expanded.ok) {
    printError(io, expanded.message);
    return ExitCode.inputError;
  }
  const problems: Problem[] = [];
  const valid: string[] = [];
  for (const file of expanded.files) {
    const loaded = loadProject(readTargetOf(file, io.cwd), io.cwd, scope);
    if (loaded.ok) valid.push(loaded.source.file);
    else problems.push(...loaded.problems);
  }
  if (format === 'json') {
    io.stdout(`${JSON.stringify(problems, null, 2)}\n`);
  } else {
    for (const file of valid) printLine(io, `${file}: valid`);
    io.stderr(formatProblems(problems));
  }
  return problems.length > 0 ? ExitCode.inputError : ExitCode.ok;
}
