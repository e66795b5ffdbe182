import { lstatSync } from 'node:fs';
import { resolve } from 'node:path';
import { applyBaseline } from '../baseline/apply.js';
import type { Comparison } from '../baseline/compare.js';
import { loadReportFile, type LoadedReport } from '../baseline/load.js';
import type { GapReport, Threshold } from '../assess/types.js';
import { applyConfig, configFileName, configuredOrigins, loadConfig, type Config, type ConfiguredOrigins } from '../config/load.js';
import { declaresProject } from '../files/declares-project.js';
import { expandInputs } from '../files/expand.js';
import { ExitCode, printError, type Io } from '../io.js';
import { readScope, workingDirectoryScope, type ReadScope } from '../load/read-scope.js';
import { formatProblems } from '../problem.js';

/** The options of `assess` that the workflow features read. */
export interface WorkflowOptions {
  failOn?: Threshold;
  policy?: string;
  format?: string[];
  /** `false` is `--no-baseline`. */
  baseline?: string | false;
  failOnNewOnly?: boolean;
  discover?: string;
  followSymlinks?: boolean;
}

export interface ReadScopes {
  /** For what a person typed: the operands, `--policy`, `--baseline`. */
  typed: ReadScope;
  /** For files the configuration names: the working directory alone. */
  configured: ReadScope;
}

export type PreparedRun<T> =
  | {
      ok: true;
      files: string[];
      options: T;
      baseline: Extract<LoadedReport, { ok: true }> | null;
      scopes: ReadScopes;
      origins: ConfiguredOrigins;
      /** The configuration file when there is one: an input that no report may replace. */
      configFile: string | null;
      /** The configuration as read (empty without a file), for loadAssessmentContext. */
      config: Config;
    }
  | { ok: false; exitCode: number };

/**
 * Everything `assess` does before it reads a project: the defaults from `.aithreatrc.yaml` (flags
 * win), the files behind directories and globs, and the baseline report. Each mistake is one
 * message on stderr and exit code 2, before any output is written.
 */
export function prepareAssessRun<T extends WorkflowOptions>(inputs: string[], flags: T, io: Io): PreparedRun<T> {
  const fail = (message: string): PreparedRun<T> => {
    printError(io, message);
    return { ok: false, exitCode: ExitCode.inputError };
  };
  const configured = loadConfig(io.cwd, { followSymlinks: flags.followSymlinks });
  if (!configured.ok) {
    io.stderr(formatProblems(configured.problems));
    return { ok: false, exitCode: ExitCode.inputError };
  }
  const options = applyConfig(flags, configured.config);
  const origins = configuredOrigins(flags, configured.config);
  const typedPaths = [...inputs, ...(origins.policy || !options.policy ? [] : [options.policy]), ...(origins.baseline || !options.baseline ? [] : [options.baseline]), ...(origins.discover || !options.discover ? [] : [options.discover])];
  const scopes = { typed: readScope(io.cwd, typedPaths, flags.followSymlinks), configured: workingDirectoryScope(io.cwd, flags.followSymlinks) };
  const expanded = expandInputs(inputs, io.cwd, declaresProject(scopes.typed));
  if (!expanded.ok) return fail(expanded.message);
  if (flags.failOnNewOnly && !options.baseline) return fail('--fail-on-new-only needs a baseline: add --baseline <report.json>');
  // A baseline the configuration names may not exist yet: the run that is to write it (the
  // README's recipe) is told so, compares nothing and is judged by its verdict. A typed one must exist.
  const notYet = options.baseline && origins.baseline && !existsAtAll(resolve(io.cwd, options.baseline));
  if (notYet) {
    printError(io, `warning: the baseline ${options.baseline} named by ${configFileName} does not exist yet, so this run compares nothing and its verdict decides; write it with --format json=${options.baseline}`);
  }
  const baseline = options.baseline && !notYet ? loadReportFile(options.baseline, io.cwd, origins.baseline ? scopes.configured : scopes.typed) : null;
  if (baseline && !baseline.ok) {
    io.stderr(formatProblems(baseline.problems));
    return { ok: false, exitCode: ExitCode.inputError };
  }
  const configFile = configured.file === null ? null : resolve(io.cwd, configFileName);
  return { ok: true, files: expanded.files, options, baseline, scopes, origins, configFile, config: configured.config };
}

/** Whether anything has this name, a dangling symbolic link included (the loader then says what is wrong with it). */
function existsAtAll(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * After the report is written: the comparison with the baseline goes to stderr (stdout stays the
 * report alone), and with `--fail-on-new-only` only a new required gap fails the run. `report`
 * holds the gaps the run kept, which it does when there is a baseline; `comparison` is the one the
 * reports were rendered with.
 */
export function finishAssessRun(verdict: 'pass' | 'fail', report: GapReport | null, baseline: Extract<LoadedReport, { ok: true }> | null, options: WorkflowOptions, io: Io, comparison?: Comparison): number {
  if (!baseline || !report) return verdict === 'fail' ? ExitCode.policyFailure : ExitCode.ok;
  const outcome = applyBaseline(report, baseline, options, comparison);
  io.stderr(outcome.text);
  return outcome.exitCode;
}
