import { resolve } from 'node:path';
import { loadPolicy, type Policy } from '../assess/policy.js';
import { buildReport, today } from '../assess/report.js';
import type { Threshold } from '../assess/types.js';
import { getCatalog } from '../catalog/bundled.js';
import { ExitCode, type Io } from '../io.js';
import { formatProblem, type Problem } from '../problem.js';
import { renderSummary } from '../render/summary.js';
import { loadProject } from '../validate/load-project.js';

export interface AssessOptions {
  failOn?: Threshold;
  policy?: string;
  asOf?: string;
  format?: string[];
}

/** `aithreat assess`: validate, assess, render; exit 1 when a required control is missing. */
export async function assessCommand(files: string[], options: AssessOptions, io: Io): Promise<number> {
  const problems: Problem[] = [];
  const asOf = options.asOf ?? today();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || Number.isNaN(Date.parse(`${asOf}T00:00:00Z`))) {
    io.stderr(`aithreat: --as-of must be a date as YYYY-MM-DD, not '${asOf}'\n`);
    return ExitCode.inputError;
  }
  let policy: { policy: Policy; file: string } | null = null;
  if (options.policy) {
    const loaded = loadPolicy(resolve(io.cwd, options.policy), io.cwd);
    if (loaded.ok) policy = { policy: loaded.value, file: loaded.source.file };
    else problems.push(...loaded.problems);
  }
  const projects = [];
  for (const file of files) {
    const loaded = loadProject(resolve(io.cwd, file), io.cwd);
    if (loaded.ok) projects.push({ source: loaded.source, project: loaded.value });
    else problems.push(...loaded.problems);
  }
  if (problems.length > 0) {
    for (const problem of problems) io.stderr(`${formatProblem(problem)}\n`);
    return ExitCode.inputError;
  }
  const failOn = options.failOn ?? policy?.policy.failOn ?? 'high';
  const report = buildReport(projects, { catalog: getCatalog(), asOf, failOn, policy });
  io.stdout(renderSummary(report));
  return report.verdict === 'fail' ? ExitCode.policyFailure : ExitCode.ok;
}
