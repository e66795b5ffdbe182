import { resolve } from 'node:path';
import { assessProject } from '../assess/assess.js';
import { loadAssessmentContext } from '../assess/context.js';
import { assessOptionsOf, gapsOf, judgementOf, reportOf, today } from '../assess/report.js';
import type { DiscoveredRepository, GapReport, ProjectAssessment, ProjectGaps, Threshold, UndeclaredMode } from '../assess/types.js';
import { ExitCode, printError, type Io } from '../io.js';
import { isCalendarDate } from '../util/dates.js';
import { formatProblems, type Problem } from '../problem.js';
import { ReportRun } from '../output/streamed-reports.js';
import { planOutputs } from '../output/output-plan.js';
import { planDestinations } from '../output/path-policy.js';
import { resolveRunPlaces } from '../render/link-base.js';
import { compareReports } from '../baseline/compare.js';
import { buildProjectGraph } from '../render/project-graph.js';
import { finishAssessRun, prepareAssessRun } from './assess-workflow.js';
import { readTargetOf } from '../load/read-file.js';
import { isRuleError } from '../rules/api.js';
import { catalogIds } from '../validate/catalog-references.js';
import { loadProject } from '../validate/load-project.js';

/** The flags of `aithreat assess`, as commander parses them. */
export interface AssessFlags {
  failOn?: Threshold;
  /** How fields a project does not declare count; see `UndeclaredMode`. */
  undeclared?: UndeclaredMode;
  policy?: string;
  asOf?: string;
  /** `name` or `name=path`, repeatable; see `planOutputs`. */
  format?: string[];
  /** Where the stdout format goes instead of stdout. */
  output?: string;
  /** A JSON report of an earlier run; the comparison goes to stderr. `false`: `--no-baseline`. */
  baseline?: string | false;
  /** Exit 1 only for a required gap that is not in the baseline. */
  failOnNewOnly?: boolean;
  /** The repository each description is checked against (drift); read once for the run. */
  discover?: string;
  /** Read files through symbolic links that leave the tree (see read-scope.ts). */
  followSymlinks?: boolean;
  /** Where Markdown links to project files point; see render/link-base.ts. */
  linkBase?: string;
  /** Folders of an organisation's catalogs and rules; each flag replaces the configured list. */
  catalog?: string[];
  rules?: string[];
}

/** `aithreat assess`: validate, assess, render; exit 1 when a required control is missing. */
export async function assessCommand(inputs: string[], flags: AssessFlags, io: Io): Promise<number> {
  // Defaults from .aithreatrc.yaml, directories and globs, and the baseline: see assess-workflow.ts.
  const prepared = prepareAssessRun(inputs, flags, io);
  if (!prepared.ok) return prepared.exitCode;
  const { files, options, baseline, scopes, origins, configFile, config } = prepared;
  const plan = planOutputs(options.format ?? [], options.output, origins.format ? 'config' : 'flag');
  if (!plan.ok) {
    printError(io, plan.message);
    return ExitCode.inputError;
  }
  // The catalog, the rules and the policy: the built-in ones, or with an organisation's.
  const loadedContext = await loadAssessmentContext(io.cwd, config, { catalog: flags.catalog, rules: flags.rules, policy: flags.policy, followSymlinks: flags.followSymlinks });
  if (!loadedContext.ok) {
    io.stderr(formatProblems(loadedContext.problems));
    return ExitCode.inputError;
  }
  const { context } = loadedContext;
  // A typed path may refresh the baseline in place; projects, the policy, the configuration and
  // the organisation's catalogs and rules are never replaced (path-policy.ts).
  const readInputs = [...files.filter((f) => f !== '-'), ...context.files, ...(configFile ? [configFile] : [])];
  const destinations = planDestinations(plan.targets, { cwd: io.cwd, inputs: readInputs, typedMayReplace: options.baseline ? [options.baseline] : [] });
  if (!destinations.ok) {
    printError(io, destinations.message);
    return ExitCode.inputError;
  }
  const places = resolveRunPlaces(flags.linkBase, io.env, io.cwd);
  if (!places.ok) {
    printError(io, places.message);
    return ExitCode.inputError;
  }
  const problems: Problem[] = [];
  const asOf = options.asOf ?? today();
  if (!isCalendarDate(asOf)) {
    printError(io, `--as-of must be a date as YYYY-MM-DD, not '${asOf}'`);
    return ExitCode.inputError;
  }
  const { policy } = context;
  const { failOn, undeclared } = judgementOf(options, policy?.policy ?? null);
  // The repository is read once, whatever the number of projects; its bundle (the tree-sitter
  // parser) loads only when --discover is given. A policy that does not load stops the run first.
  let discovered: DiscoveredRepository | null = null;
  if (options.discover !== undefined && problems.length === 0) {
    const { readRepositoryForAssess } = await import('./discover.js');
    const reportFiles = destinations.outputs.flatMap((o) => (o.destination.kind === 'file' ? [o.destination.path] : []));
    const read = await readRepositoryForAssess(options.discover, io.cwd, origins.discover ? scopes.configured : scopes.typed, reportFiles);
    if (!read.ok) {
      printError(io, read.message);
      return ExitCode.inputError;
    }
    if (read.notices.length > 0) io.stderr(read.notices.map((line) => `${line}\n`).join(''));
    discovered = read.discovered;
  }
  const reportOptions = { catalog: context.catalog, rules: context.rules, asOf, failOn, undeclared, policy, discovered };
  const ids = catalogIds(context.catalog);
  const assessOptions = assessOptionsOf(reportOptions);
  // Each project is assessed as soon as it is read, its part of every report is written (to a
  // temporary file once the reports grow), and its source, positions and findings can then go: a
  // run keeps of each project no more than its verdict, and its gaps when the baseline comparison
  // or a format rendered at the end reads them.
  const run = reportOf([], reportOptions);
  const reports = await ReportRun.open(destinations.outputs, run, io, places.places);
  const keepsGaps = baseline !== null || reports.needsGaps;
  const kept: ProjectGaps[] = [];
  let failing = false;
  // Only the Markdown report draws the project map, each project's as its part is written.
  const drawsMaps = destinations.outputs.some((output) => output.format === 'markdown');
  try {
    for (const file of files) {
      const loaded = loadProject(readTargetOf(file, io.cwd), io.cwd, scopes.typed, ids);
      if (!loaded.ok) problems.push(...loaded.problems);
      if (!loaded.ok || problems.length > 0) continue;
      let assessment: ProjectAssessment;
      try {
        assessment = assessProject(loaded.source, loaded.value, assessOptions);
      } catch (error) {
        // An organisation's rule that cannot decide on this project stops the run, as bad input does.
        if (!isRuleError(error)) throw error;
        problems.push(...error.problems.map((p) => ({ ...p, message: `${p.message} (assessing ${loaded.source.file})` })));
        continue;
      }
      if (assessment.verdict === 'fail') failing = true;
      if (keepsGaps) kept.push(gapsOf(assessment));
      await reports.add(assessment, drawsMaps ? buildProjectGraph(loaded.value) : undefined);
    }
  } catch (error) {
    reports.discard();
    throw error;
  }
  if (problems.length > 0) {
    // Bad input in any project: no report is written, not even the parts of the projects before it.
    reports.discard();
    io.stderr(formatProblems(problems));
    return ExitCode.inputError;
  }
  const gapReport: GapReport | null = keepsGaps ? reportOf(kept, reportOptions) : null;
  // Outputs never change the verdict's exit code, except that a report that could not be written
  // is a usage error: CI must not pass on a SARIF file that is not there.
  // The comparison with the baseline is made once, before any report is finished: the summary and
  // the annotations show it, and stderr says it.
  const comparison = baseline && gapReport ? { file: baseline.file, comparison: compareReports(baseline.report, gapReport) } : undefined;
  if (!(await reports.finish(gapReport, comparison))) return ExitCode.inputError;
  return finishAssessRun(failing ? 'fail' : 'pass', gapReport, baseline, options, io, comparison?.comparison);
}
