import { describe, expect, it, vi } from 'vitest';

// Counts the edit distances worked out, so that the cost of suggestions is checked by its work
// rather than by time.
const counter = vi.hoisted(() => ({ calls: 0 }));
vi.mock('fastest-levenshtein', async (importOriginal) => {
  const original = await importOriginal<typeof import('fastest-levenshtein')>();
  return {
    ...original,
    distance: (a: string, b: string) => {
      counter.calls++;
      return original.distance(a, b);
    },
  };
});

const { didYouMean, nearest } = await import('../../src/validate/suggest.js');
const { parseProject } = await import('../../src/validate/load-project.js');

describe('nearest', () => {
  it.each([
    ['ownr', ['owner', 'name', 'description'], ['owner']],
    ['trainig', ['training', 'operational', 'external'], ['training']],
    ['client', ['clients', 'count'], ['clients']],
    ['CTRLTWO', ['CTRLONE', 'OTHER'], ['CTRLONE']],
    ['datapoision', ['DATAPOISON', 'DEVDATALEAK', 'DEVMODELPOISON'], ['DATAPOISON']],
    ['qqqqqqqqqqqqqqqqqqqqqqqqq', ['DATAPOISON', 'DEVSECURITY'], []],
  ])('%s among %j: %j', (word, candidates, expected) => {
    expect(nearest(word, candidates)).toEqual(expected);
  });

  it('nearest first, then in code-unit order, at most three', () => {
    expect(nearest('ab', ['abd', 'abc', 'ab1', 'abcd', 'x'])).toEqual(['ab1', 'abc', 'abd']);
  });

  it('suggests nothing for a word no typo makes (a 9 MB value), without comparing it', () => {
    counter.calls = 0;
    expect(nearest('x'.repeat(9_000_000), ['training', 'operational'])).toEqual([]);
    expect(counter.calls).toBe(0);
  });

  it('phrases one, two or three suggestions', () => {
    expect(didYouMean('trainig', ['training'])).toBe('; did you mean `training`?');
    expect(didYouMean('ab', ['abc', 'abd', 'ab1'])).toBe('; did you mean `ab1`, `abc` or `abd`?');
    expect(didYouMean('zzz', ['training'])).toBe('');
  });
});

describe('suggestions in a file with many problems', () => {
  const project = (n: number) =>
    [
      'formatVersion: 1',
      'project: { name: Many references }',
      'environments:',
      ...Array.from({ length: n }, (_, i) => `  - { id: env-${i}, area: training }`),
      'datasets:',
      ...Array.from({ length: n }, (_, i) => `  - { id: d-${i}, purpose: training, origin: internal, storedIn: [env-${i}x] }`),
      '',
    ].join('\n');

  it('5,000 dangling references against 5,000 ids: suggestions only for the problems shown, within a bounded number of comparisons', () => {
    counter.calls = 0;
    const checked = parseProject(project(5000), 'many.yaml');
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.problems).toHaveLength(1001);
    expect(checked.problems[0]!.message).toMatch(/^`datasets\.0\.storedIn\.0` names environment `env-0x`, which is not defined; did you mean `env-0`/);
    expect(checked.problems[1000]!.message).toBe('4000 more problem(s) from here on are not shown (at most 1000 per file)');
    // Every reference against every id would be 25,000,000 comparisons.
    expect(counter.calls).toBeLessThanOrEqual(1_000_000);
  });
});
