import type { GapReport } from '../assess/types.js';
import { ExitCode } from '../io.js';
import { compareReports, type Comparison } from './compare.js';
import type { LoadedReport } from './load.js';
import { renderComparisonText } from './render.js';

export interface BaselineOutcome {
  comparison: Comparison;
  /** The text block `assess` writes to stderr, so stdout stays the report alone. */
  text: string;
  exitCode: number;
}

/**
 * Compares a fresh report with a baseline. With `failOnNewOnly`, the exit code is 1 only when a
 * required gap is new, or when the code drifts from a description in a way the policy forbids
 * (drift is what the code shows now, not a gap a baseline can have accepted); otherwise the
 * report's own verdict decides, as without a baseline.
 */
export function applyBaseline(report: GapReport, baseline: Extract<LoadedReport, { ok: true }>, options: { failOnNewOnly?: boolean }, comparison = compareReports(baseline.report, report)): BaselineOutcome {
  const failed = options.failOnNewOnly ? comparison.counts.newRequired > 0 || report.projects.some((p) => p.counts.requiredDrift > 0) : report.verdict === 'fail';
  return { comparison, text: renderComparisonText(comparison, baseline.file), exitCode: failed ? ExitCode.policyFailure : ExitCode.ok };
}
