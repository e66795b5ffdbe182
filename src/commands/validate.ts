import { resolve } from 'node:path';
import { expandInputs } from '../files/expand.js';
import { ExitCode, type Io } from '../io.js';
import { formatProblems, type Problem } from '../problem.js';
import { loadProject } from '../validate/load-project.js';

export interface ValidateOptions {
  format?: string;
}

/** `aithreat validate`: every problem of every file, one line each, in file order. */
export function validateCommand(inputs: string[], options: ValidateOptions, io: Io): number {
  const format = options.format ?? 'text';
  if (format !== 'text' && format !== 'json') {
    io.stderr(`aithreat: unknown format '${format}' for validate; use text or json\n`);
    return ExitCode.inputError;
  }
  // Directories and quoted globs become the project files they hold, sorted and without duplicates.
  const expanded = expandInputs(inputs, io.cwd);
  if (!expanded.ok) {
    io.stderr(`aithreat: ${expanded.message}\n`);
    return ExitCode.inputError;
  }
  const problems: Problem[] = [];
  const valid: string[] = [];
  for (const file of expanded.files) {
    const loaded = loadProject(resolve(io.cwd, file), io.cwd);
    if (loaded.ok) valid.push(loaded.source.file);
    else problems.push(...loaded.problems);
  }
  if (format === 'json') {
    io.stdout(`${JSON.stringify(problems, null, 2)}\n`);
  } else {
    io.stdout(valid.map((file) => `${file}: valid\n`).join(''));
    io.stderr(formatProblems(problems));
  }
  return problems.length > 0 ? ExitCode.inputError : ExitCode.ok;
}
