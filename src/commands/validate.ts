import { declaresProject } from '../files/declares-project.js';
import { expandInputs } from '../files/expand.js';
import { ExitCode, printError, printLine, type Io } from '../io.js';
import { readScope } from '../load/read-scope.js';
import { formatProblems, type Problem } from '../problem.js';
import { readTargetOf } from '../load/read-file.js';
import { catalogIds } from '../validate/catalog-references.js';
import { loadProject } from '../validate/load-project.js';
import { loadContextOfRun } from './context-of-run.js';

export interface ValidateOptions {
  format?: string;
  /** Read files through symbolic links that leave the tree (see read-scope.ts). */
  followSymlinks?: boolean;
  /** Folders of an organisation's catalogs, whose control ids the files may name. */
  catalog?: string[];
}

/**
 * `aithreat validate`: every problem of every file, one line each, in file order. Control ids are
 * checked against the catalog in force: the built-in one, with the organisation's catalogs of
 * `--catalog` or `catalogs:` in `.aithreatrc.yaml`.
 */
export async function validateCommand(inputs: string[], options: ValidateOptions, io: Io): Promise<number> {
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
  // The configuration's and the catalogs' problems are reported like the files', in the same format.
  const loaded = await loadContextOfRun(io.cwd, { catalog: options.catalog, followSymlinks: options.followSymlinks }, 'catalog');
  const ids = loaded.ok ? catalogIds(loaded.context.catalog) : null;
  const problems: Problem[] = loaded.ok ? [] : [...loaded.problems];
  const valid: string[] = [];
  for (const file of ids ? expanded.files : []) {
    const project = loadProject(readTargetOf(file, io.cwd), io.cwd, scope, ids ?? undefined);
    if (project.ok) valid.push(project.source.file);
    else problems.push(...project.problems);
  }
  if (format === 'json') {
    io.stdout(`${JSON.stringify(problems, null, 2)}\n`);
  } else {
    for (const file of valid) printLine(io, `${file}: valid`);
    io.stderr(formatProblems(problems));
  }
  return problems.length > 0 ? ExitCode.inputError : ExitCode.ok;
}
