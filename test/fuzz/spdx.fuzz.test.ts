import { describe, expect, it } from 'vitest';
import { checkImport, corpus, fuzzCommand, fuzzRuns, fuzzStandard } from './bom-fuzz.js';

describe(`fuzz: aithreat import spdx (${fuzzRuns} runs; AITHREAT_FUZZ_RUNS sets more)`, () => {
  it('every seed of the corpus imports', () => {
    for (const { text } of corpus('spdx')) checkImport(text, 'spdx');
    expect(corpus('spdx').length).toBeGreaterThan(2);
  });

  it('through the command: exit 0 and a valid file, or exit 2, one positioned line and no file', () => fuzzCommand('spdx'), 120_000);

  it('mutated seeds never crash: they import into a valid description or are refused in one line', () => fuzzStandard('spdx'), 120_000);
});
