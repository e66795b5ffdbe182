import type { Catalog } from '../catalog/types.js';
import type { SourceFile } from '../load/source.js';
import type { Project } from '../project/types.js';
import { getVersion } from '../version.js';
import { assessProject, type AssessOptions } from './assess.js';
import type { Policy } from './policy.js';
import type { ProjectAssessment, Report, Threshold } from './types.js';

export interface ReportOptions {
  catalog: Catalog;
  asOf: string;
  failOn: Threshold;
  policy: { policy: Policy; file: string } | null;
}

/** Assesses every project and gathers the results into the report every renderer prints. */
export function buildReport(projects: { source: SourceFile; project: Project }[], options: ReportOptions): Report {
  return reportOf(projects.map(({ source, project }) => assessProject(source, project, assessOptionsOf(options))), options);
}

export function assessOptionsOf(options: ReportOptions): AssessOptions {
  return { catalog: options.catalog, asOf: options.asOf, failOn: options.failOn, policy: options.policy?.policy ?? null };
}

/** The report of projects assessed one by one (so that each file's source can go once it is assessed). */
export function reportOf(assessed: ProjectAssessment[], options: ReportOptions): Report {
  return {
    tool: { name: 'aithreat', version: getVersion() },
    asOf: options.asOf,
    failOn: options.failOn,
    policy: options.policy ? { name: options.policy.policy.name ?? null, file: options.policy.file } : null,
    verdict: assessed.some((p) => p.verdict === 'fail') ? 'fail' : 'pass',
    projects: assessed,
  };
}

/** Today's date where the user is, as YYYY-MM-DD. */
export function today(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
