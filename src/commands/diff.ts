import { compareReports } from '../baseline/compare.js';
import { loadReportFile } from '../baseline/load.js';
import { renderComparisonJson, renderComparisonText } from '../baseline/render.js';
import { ExitCode, type Io } from '../io.js';

export interface DiffOptions {
  format?: string;
}

/**
 * `aithreat diff <old.json> <new.json>`: the control gaps that are new, resolved and unchanged
 * between two JSON reports. Exits 1 when a new gap is required, so it can gate a pipeline.
 */
export function diffCommand(oldFile: string, newFile: string, options: DiffOptions, io: Io): number {
  const format = options.format ?? 'text';
  if (format !== 'text' && format !== 'json') {
    io.stderr(`aithreat: unknown format '${format}' for diff; use text or json\n`);
    return ExitCode.inputError;
  }
  const before = loadReportFile(oldFile, io.cwd);
  const after = loadReportFile(newFile, io.cwd);
  const failures = [before, after].filter((loaded) => !loaded.ok);
  if (!before.ok || !after.ok) {
    for (const failure of failures) if (!failure.ok) io.stderr(`aithreat: ${failure.message}\n`);
    return ExitCode.inputError;
  }
  const comparison = compareReports(before.report, after.report);
  io.stdout(format === 'json' ? renderComparisonJson(comparison, before.file, after.file) : renderComparisonText(comparison, before.file));
  return comparison.counts.newRequired > 0 ? ExitCode.policyFailure : ExitCode.ok;
}
