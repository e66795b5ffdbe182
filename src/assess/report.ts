import type { Catalog } from '../catalog/types.js';
import type { Rule } from '../rules/api.js';
import type { SourceFile } from '../load/source.js';
import type { Project } from '../project/types.js';
import { getVersion } from '../version.js';
import { assessProject } from './assess.js';
import type { AssessOptions, DiscoveredRepository, Policy, ProjectAssessment, ProjectGaps, Report, ReportOf, Threshold, ThreatVerdict, UndeclaredMode } from './types.js';

/** What a run is assessed with: the options of each project, and the policy file they came from. */
export interface ReportOptions {
  catalog: Catalog;
  /** The built-in rules unless given; see AssessOptions. */
  rules?: readonly Rule[];
  asOf: string;
  failOn: Threshold;
  undeclared: UndeclaredMode;
  policy: { policy: Policy; file: string } | null;
  /** The repository read by `--discover`; null or absent without it. */
  discovered?: DiscoveredRepository | null;
}

/** Assesses every project and gathers the results into the report every renderer prints. */
export function buildReport(projects: { source: SourceFile; project: Project }[], options: ReportOptions): Report {
  return reportOf(projects.map(({ source, project }) => assessProject(source, project, assessOptionsOf(options))), options);
}

/**
 * The fail threshold and the weight of undeclared fields for a run: what the user chose (flags, the
 * configuration, an editor's settings), else the policy's, else `high` and `count`. Not declared
 * counts as a risk unless someone chooses otherwise: a gate must be conservative.
 */
export function judgementOf(chosen: { failOn?: Threshold | undefined; undeclared?: UndeclaredMode | undefined }, policy: Policy | null): { failOn: Threshold; undeclared: UndeclaredMode } {
  return { failOn: chosen.failOn ?? policy?.failOn ?? 'high', undeclared: chosen.undeclared ?? policy?.undeclared ?? 'count' };
}

export function assessOptionsOf(options: ReportOptions): AssessOptions {
  return { catalog: options.catalog, rules: options.rules, asOf: options.asOf, failOn: options.failOn, undeclared: options.undeclared, policy: options.policy?.policy ?? null, discovered: options.discovered ?? null };
}

/** The report of projects assessed one by one (so that each file's source can go once it is assessed). */
export function reportOf<P extends ProjectGaps>(assessed: P[], options: ReportOptions): ReportOf<P> {
  return {
    tool: { name: 'aithreat', version: getVersion() },
    catalog: options.catalog,
    asOf: options.asOf,
    failOn: options.failOn,
    undeclared: options.undeclared,
    policy: options.policy ? { name: options.policy.policy.name ?? null, file: options.policy.file } : null,
    discover: options.discovered ? { root: options.discovered.root } : null,
    verdict: assessed.some((p) => p.verdict === 'fail') ? 'fail' : 'pass',
    projects: assessed,
  };
}

/**
 * The assessment without its findings' facts and recommendations. A run keeps every project's
 * assessment until the report is written; when no requested format reads the findings, keeping
 * this instead spares the garbage collector most of what it would copy (see the README's
 * performance section).
 */
export function gapsOf(assessment: ProjectAssessment): ProjectGaps {
  const { file, name, owner, verdict, gaps, acceptances, drift, counts } = assessment;
  return { file, name, owner, verdict, threats: assessment.threats.map(verdictOf), gaps, acceptances, drift, counts };
}

function verdictOf(finding: ThreatVerdict): ThreatVerdict {
  return { threat: finding.threat, applies: finding.applies, severity: finding.severity };
}

/** Today's date where the user is, as YYYY-MM-DD. */
export function today(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
