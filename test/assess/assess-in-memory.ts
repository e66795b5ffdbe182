import { stringify } from 'yaml';
import { assessProject } from '../../src/assess/assess.js';
import type { Policy } from '../../src/assess/policy.js';
import type { DiscoveredRepository, ProjectAssessment, ThreatFinding, Threshold, UndeclaredMode } from '../../src/assess/types.js';
import { getCatalog } from '../../src/catalog/bundled.js';
import type { Project } from '../../src/project/types.js';
import { parseProject } from '../../src/validate/load-project.js';

export interface InMemoryOptions {
  failOn?: Threshold;
  asOf?: string;
  policy?: Policy | null;
  undeclared?: UndeclaredMode;
  /** The repository read by --discover. */
  discovered?: DiscoveredRepository | null;
}

/**
 * Assesses a project built in code the way the CLI does: written out as YAML and validated first
 * (so a test cannot assess a project the schema would refuse), then assessed with the bundled catalog.
 */
export function assessInMemory(project: Project, options: InMemoryOptions = {}): ProjectAssessment {
  const loaded = parseProject(stringify(project), 'project.yaml');
  if (!loaded.ok) throw new Error(`test project is invalid:\n${loaded.problems.map((p) => `${p.line}:${p.column}: ${p.message}`).join('\n')}`);
  return assessProject(loaded.source, loaded.value, {
    catalog: getCatalog(),
    asOf: options.asOf ?? '2026-06-15',
    failOn: options.failOn ?? 'high',
    policy: options.policy ?? null,
    undeclared: options.undeclared ?? 'count',
    discovered: options.discovered ?? null,
  });
}

export function threat(assessment: ProjectAssessment, id: string): ThreatFinding {
  const found = assessment.threats.find((t) => t.threat === id);
  if (!found) throw new Error(`no finding for ${id}`);
  return found;
}
