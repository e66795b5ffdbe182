import { describe, expect, it } from 'vitest';
import { checkImport, corpus, fuzzCommand, fuzzRuns, fuzzStandard } from './bom-fuzz.js';

describe(`fuzz: aithreat import cyclonedx (${fuzzRuns} runs; AITHREAT_FUZZ_RUNS sets more)`, () => {
  it('every seed of the corpus imports', () => {
    for (const { text } of corpus('cyclonedx')) checkImport(text, 'cyclonedx');
    expect(corpus('cyclonedx').length).toBeGreaterThan(5);
  });

  it('through the command: exit 0 and a valid file, or exit 2, one positioned line and no file', () => fuzzCommand('cyclonedx'), 120_000);

  it('mutated seeds never crash: they import into a valid description or are refused in one line', () => fuzzStandard('cyclonedx'), 120_000);
});
