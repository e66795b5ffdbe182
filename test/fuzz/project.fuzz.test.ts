import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildReport, gapsOf } from '../../src/assess/report.js';
import type { Report } from '../../src/assess/types.js';
import { getCatalog } from '../../src/catalog/bundled.js';
import { formatNames, formats, type Format } from '../../src/render/index.js';
import { buildProjectGraph } from '../../src/render/project-graph.js';
import { parseProject } from '../../src/validate/load-project.js';
import { corpus, expectWellFormedProblems, fuzzRuns, fuzzTimeout, mutatedSeed } from './fuzz-kit.js';
import { renderWhole, type DocumentRenderer, type RenderContext } from '../../src/render/renderer.js';

/**
 * Project YAML: for any mutation of a seed, loading either refuses the file with well-formed
 * problems or accepts it, and then the assessment and every format render without throwing, the
 * same bytes twice, with no raw escape sequence in the table.
 */
const seeds = corpus('project');
const file = 'fuzzed.aithreat.yaml';

describe('fuzz: project YAML', () => {
  it(`loads, assesses and renders every mutation of ${seeds.length} seeds (${fuzzRuns} runs)`, async () => {
    // A format written at the end renders the gaps a run keeps; the others, project by project.
    const renderers = await Promise.all(formatNames.map(async (name): Promise<(report: Report, context: RenderContext) => string> => {
      const format = formats[name] as Format;
      if (format.writes === 'at-end') {
        const render = await format.load();
        return (report, context) => render({ ...report, projects: report.projects.map(gapsOf) }, context);
      }
      const start = (await format.load()) as DocumentRenderer;
      return (report, context) => renderWhole(start, report, context);
    }));
    const seen = { accepted: 0, refused: 0 };
    fc.assert(
      fc.property(mutatedSeed(seeds), (text) => {
        const loaded = parseProject(text, file);
        if (!loaded.ok) {
          expectWellFormedProblems(loaded.problems, text.replace(/^\ufeff/, ''), file);
          seen.refused++;
          return;
        }
        seen.accepted++;
        const project = { source: loaded.source, project: loaded.value };
        const render = () => {
          const report = buildReport([project], { catalog: getCatalog(), asOf: '2026-11-25', failOn: 'high', undeclared: 'count', policy: null });
          const context = { colorLevel: 0 as const, width: 80, projectGraphs: new Map([[file, buildProjectGraph(loaded.value)]]) };
          return renderers.map((render) => render(report, context));
        };
        const first = render();
        expect(render()).toEqual(first);
        expect(first[formatNames.indexOf('table')]).not.toMatch(/\u001b/);
      }),
      { numRuns: fuzzRuns },
    );
    // The mutations reach both sides: files refused and files used.
    expect(seen.refused, 'refused').toBeGreaterThan(fuzzRuns / 20);
    expect(seen.accepted, 'accepted').toBeGreaterThan(fuzzRuns / 20);
  }, fuzzTimeout);
});
