import { isAbsolute, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkConfig, configFileName } from '../../src/config/load.js';
import { parseSource } from '../../src/load/source.js';
import { isInside } from '../../src/load/read-scope.js';
import { planOutputs } from '../../src/output/output-plan.js';
import { corpus, expectWellFormedProblems, fuzzRuns, fuzzTimeout, mutatedSeed } from './fuzz-kit.js';

/**
 * `.aithreatrc.yaml`: for any mutation of a seed, the configuration is refused with well-formed
 * problems, or accepted, and then every path it names lies inside the working directory and no
 * report it asks for is the configuration itself (the promise of SECURITY.md).
 */
const seeds = corpus('config');
const cwd = resolve('/work/repository');

describe('fuzz: .aithreatrc.yaml', () => {
  it(`checks every mutation of ${seeds.length} seeds (${fuzzRuns} runs)`, () => {
    const seen = { accepted: 0, refused: 0 };
    fc.assert(
      fc.property(mutatedSeed(seeds), (text) => {
        const loaded = checkConfig(parseSource(text, configFileName), cwd);
        if (!loaded.ok) {
          expectWellFormedProblems(loaded.problems, text.replace(/^\ufeff/, ''), configFileName);
          seen.refused++;
          return;
        }
        seen.accepted++;
        const { config } = loaded;
        const plan = planOutputs(config.formats ?? [], undefined, 'config');
        const written = plan.ok ? plan.targets.flatMap((t) => (t.path === null ? [] : [t.path])) : [];
        for (const path of [config.policy, config.baseline, ...written]) {
          if (path === undefined) continue;
          expect(isAbsolute(path), path).toBe(false);
          expect(isInside(resolve(cwd, path), cwd) && resolve(cwd, path) !== cwd, path).toBe(true);
        }
        for (const path of written) expect(resolve(cwd, path)).not.toBe(resolve(cwd, configFileName));
        // The repository to discover may be the working directory itself, never a folder outside it.
        if (config.discover !== undefined) expect([isAbsolute(config.discover), isInside(resolve(cwd, config.discover), cwd)], config.discover).toEqual([false, true]);
      }),
      { numRuns: fuzzRuns },
    );
    // The mutations reach both sides: files refused and files used.
    expect(seen.refused, 'refused').toBeGreaterThan(fuzzRuns / 20);
    expect(seen.accepted, 'accepted').toBeGreaterThan(fuzzRuns / 20);
  }, fuzzTimeout);
});
