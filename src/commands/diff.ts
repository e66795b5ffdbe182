import { compareReports } from '../baseline/compare.js';
import { loadReportFile } from '../baseline/load.js';
import { renderComparisonJson, renderComparisonText } from '../baseline/render.js';
import { ExitCode, printError, type Io } from '../io.js';
import { readScope } from '../load/read-scope.js';
import { formatProblems } from '../problem.js';

export interface DiffOptions {
  format?: string;
  /** Read files through symbolic links that leave the tree (see read-scope.ts). */
  followSymlinks?: boolean;
}

/**
 * `aithreat diff <old.json> <new.json>`: the control gaps that are new, resolved and unchanged
 * between two JSON reports. Exits 1 when a new gap is required, so it can gate a pipeline.
 */
export function diffCommand(oldFile: string, newFile: string, options: DiffOptions, io: Io): number {
  const format = options.format ?? 'text';
  if (format !== 'text' && format !== 'json') {
    printError(io, `unknown format '${format}' for diff; use text or json`);
    return ExitCode.inputError;
  }
  const scope = readScope(io.cwd, [oldFile, newFile], options.followSymlinks);
  const before = loadReportFile(oldFile, io.cwd, scope);
  const after = loadReportFile(newFile, io.cwd, scope);
  if (!before.ok || !after.ok) {
    io.stderr(formatProblems([before, after].flatMap((loaded) => (loaded.ok ? [] : loaded.problems))));
    return ExitCode.inputError;
  }
  const comparison = compareReports(before.report, after.report);
  io.stdout(format === 'json' ? renderComparisonJson(comparison, before.file, after.file) : renderComparisonText(comparison, before.file));
  return comparison.counts.newRequired > 0 ? ExitCode.policyFailure : ExitCode.ok;
}
