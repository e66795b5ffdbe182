import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildReport } from '../../../src/assess/report.js';
import type { Report, Threshold } from '../../../src/assess/types.js';
import { getCatalog } from '../../../src/catalog/bundled.js';
import { buildProjectGraph, type ProjectGraph } from '../../../src/render/project-graph.js';
import type { RenderContext } from '../../../src/render/renderer.js';
import { workingDirectoryScope } from '../../../src/load/read-scope.js';
import { loadProject } from '../../../src/validate/load-project.js';
import { repoRoot } from '../../helpers/run-cli.js';

/** The date golden files and tests assess against, so expiry checks never depend on today. */
export const asOf = '2026-11-25';

/** Every example project, as paths relative to the repository. */
export const examples = readdirSync(join(repoRoot, 'examples'))
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((f) => `examples/${f}`);

/** Assesses project files (relative to the repository) in-process, as `aithreat assess` does. */
export function assessFiles(files: string[], failOn: Threshold = 'high'): { report: Report; graphs: Map<string, ProjectGraph> } {
  const projects = files.map((file) => {
    const loaded = loadProject(resolve(repoRoot, file), repoRoot, workingDirectoryScope(repoRoot));
    if (!loaded.ok) throw new Error(`${file} does not load: ${loaded.problems.map((p) => p.message).join('; ')}`);
    return { source: loaded.source, project: loaded.value };
  });
  const report = buildReport(projects, { catalog: getCatalog(), asOf, failOn, undeclared: 'count', policy: null });
  return { report, graphs: new Map(projects.map((p) => [p.source.file, buildProjectGraph(p.project)])) };
}

export function plainContext(overrides: Partial<RenderContext> = {}): RenderContext {
  return { colorLevel: 0, width: 80, ...overrides };
}
