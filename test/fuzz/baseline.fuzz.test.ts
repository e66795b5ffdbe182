import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareReports } from '../../src/baseline/compare.js';
import { parseReport } from '../../src/baseline/load.js';
import { renderComparisonJson, renderComparisonText } from '../../src/baseline/render.js';
import { corpus, expectWellFormedProblems, fuzzRuns, fuzzTimeout, mutatedSeed } from './fuzz-kit.js';

/**
 * Baseline JSON: for any mutation of a seed, the baseline is refused with well-formed problems,
 * or accepted, and then compared with itself (every gap unchanged) and with an empty report, and
 * the comparison text is made of clean lines of bounded length.
 */
const seeds = corpus('baseline');
const file = 'fuzzed-baseline.json';
const unsafe = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;

describe('fuzz: baseline JSON', () => {
  it(`checks and compares every mutation of ${seeds.length} seeds (${fuzzRuns} runs)`, () => {
    const seen = { accepted: 0, refused: 0 };
    fc.assert(
      fc.property(mutatedSeed(seeds), (text) => {
        const loaded = parseReport(text, file);
        if (!loaded.ok) {
          expectWellFormedProblems(loaded.problems, text.replace(/^\ufeff/, ''), file);
          seen.refused++;
          return;
        }
        seen.accepted++;
        const itself = compareReports(loaded.report, loaded.report);
        expect(itself.counts.new + itself.counts.resolved).toBe(0);
        const gone = compareReports(loaded.report, { projects: [] });
        const textOut = renderComparisonText(gone, file);
        for (const line of textOut.replace(/\n$/, '').split('\n')) {
          expect(line.match(unsafe)?.[0]).toBeUndefined();
          expect(line.length).toBeLessThanOrEqual(2100);
        }
        expect(JSON.parse(renderComparisonJson(gone, file, null)).counts.resolved).toBe(gone.counts.resolved);
      }),
      { numRuns: fuzzRuns },
    );
    // The mutations reach both sides: files refused and files used.
    expect(seen.refused, 'refused').toBeGreaterThan(fuzzRuns / 20);
    expect(seen.accepted, 'accepted').toBeGreaterThan(fuzzRuns / 20);
  }, fuzzTimeout);
});
