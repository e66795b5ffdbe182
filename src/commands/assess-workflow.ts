import { applyBaseline } from '../baseline/apply.js';
import { loadReportFile, type LoadedReport } from '../baseline/load.js';
import type { GapReport, Threshold } from '../assess/types.js';
import { applyConfig, loadConfig } from '../config/load.js';
import { expandInputs } from '../files/expand.js';
import { ExitCode, type Io } from '../io.js';
import { formatProblems } from '../problem.js';

/** The options of `assess` that the workflow features read. */
export interface WorkflowOptions {
  failOn?: Threshold;
  policy?: string;
  format?: string[];
  baseline?: string;
  failOnNewOnly?: boolean;
}

export type PreparedRun<T> =
  | { ok: true; files: string[]; options: T; baseline: Extract<LoadedReport, { ok: true }> | null }
  | { ok: false; exitCode: number };

/**
 * Everything `assess` does before it reads a project: the defaults from `.aithreatrc.yaml` (flags
 * win), the files behind directories and globs, and the baseline report. Each mistake is one
 * message on stderr and exit code 2, before any output is written.
 */
export function prepareAssessRun<T extends WorkflowOptions>(inputs: string[], flags: T, io: Io): PreparedRun<T> {
  const fail = (message: string): PreparedRun<T> => {
    io.stderr(`aithreat: ${message}\n`);
    return { ok: false, exitCode: ExitCode.inputError };
  };
  const configured = loadConfig(io.cwd);
  if (!configured.ok) {
    io.stderr(formatProblems(configured.problems));
    return { ok: false, exitCode: ExitCode.inputError };
  }
  const options = applyConfig(flags, configured.config);
  const expanded = expandInputs(inputs, io.cwd);
  if (!expanded.ok) return fail(expanded.message);
  if (options.failOnNewOnly && !options.baseline) return fail('--fail-on-new-only needs a baseline: add --baseline <report.json>');
  const baseline = options.baseline ? loadReportFile(options.baseline, io.cwd) : null;
  if (baseline && !baseline.ok) return fail(`baseline ${baseline.message}`);
  return { ok: true, files: expanded.files, options, baseline };
}

/**
 * After the report is written: the comparison with the baseline goes to stderr (stdout stays the
 * report alone), and with `--fail-on-new-only` only a new required gap fails the run.
 */
export function finishAssessRun(report: GapReport, baseline: Extract<LoadedReport, { ok: true }> | null, options: WorkflowOptions, io: Io): number {
  if (!baseline) return report.verdict === 'fail' ? ExitCode.policyFailure : ExitCode.ok;
  const outcome = applyBaseline(report, baseline, options);
  io.stderr(outcome.text);
  return outcome.exitCode;
}
