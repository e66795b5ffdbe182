import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Policy } from '../../src/assess/policy.js';
import { buildReport } from '../../src/assess/report.js';
import { getCatalog } from '../../src/catalog/bundled.js';
import { parseSource } from '../../src/load/source.js';
import { renderJson } from '../../src/render/json.js';
import { checkSchema, parseProject } from '../../src/validate/load-project.js';
import { corpus, expectWellFormedProblems, fuzzRuns, fuzzTimeout, mutatedSeed } from './fuzz-kit.js';

/**
 * Policy YAML: for any mutation of a seed, the policy is refused with well-formed problems, or
 * accepted and then applied to every project of the project corpus without throwing.
 */
const seeds = corpus('policy');
const projects = corpus('project').flatMap(({ name, text }) => {
  const loaded = parseProject(text, name);
  return loaded.ok ? [{ source: loaded.source, project: loaded.value }] : [];
});
const file = 'fuzzed-policy.yaml';

describe('fuzz: policy YAML', () => {
  it(`checks and applies every mutation of ${seeds.length} seeds (${fuzzRuns} runs)`, () => {
    expect(projects.length).toBeGreaterThan(3);
    const seen = { accepted: 0, refused: 0 };
    fc.assert(
      fc.property(mutatedSeed(seeds), (text) => {
        const checked = checkSchema<Policy>(parseSource(text, file), 'policy');
        if (!checked.ok) {
          expectWellFormedProblems(checked.problems, text.replace(/^\ufeff/, ''), file);
          seen.refused++;
          return;
        }
        seen.accepted++;
        const policy = { policy: checked.value, file };
        const report = buildReport(projects, { catalog: getCatalog(), asOf: '2026-11-25', failOn: checked.value.failOn ?? 'high', undeclared: checked.value.undeclared ?? 'count', policy });
        expect(JSON.parse(renderJson(report, { colorLevel: 0, width: 80 })).projects).toHaveLength(projects.length);
      }),
      { numRuns: fuzzRuns },
    );
    // The mutations reach both sides: files refused and files used.
    expect(seen.refused, 'refused').toBeGreaterThan(fuzzRuns / 20);
    expect(seen.accepted, 'accepted').toBeGreaterThan(fuzzRuns / 20);
  }, fuzzTimeout);
});
