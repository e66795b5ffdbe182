import { describe, expect, it } from 'vitest';
import { referenceFields, referenceKindAt } from '../../src/validate/references.js';
import { parseProject } from '../../src/validate/load-project.js';
import { phraseSuggestions, suggestionsIn } from '../../src/validate/suggest.js';

/** The path of a pattern with each `*` as index 0. */
const concrete = (pattern: readonly string[]) => pattern.map((step) => (step === '*' ? 0 : step));

/** A project where every reference field names `nothing-here`, built from the table itself. */
function danglingEverywhere(): Record<string, unknown> {
  const project: Record<string, unknown> = { formatVersion: 1, project: { name: 'x' } };
  for (const { pattern } of referenceFields) {
    let node: Record<string, unknown> | unknown[] = project;
    const path = concrete(pattern);
    path.forEach((step, i) => {
      const last = i === path.length - 1;
      const container = node as Record<string | number, unknown>;
      if (last) container[step] = 'nothing-here';
      else container[step] ??= typeof path[i + 1] === 'number' ? [] : {};
      node = container[step] as Record<string, unknown>;
    });
  }
  return project;
}

describe('the table of reference fields', () => {
  it('is what validation resolves: each field that names nothing is one dangling reference, at its path', () => {
    const loaded = parseProject(JSON.stringify(danglingEverywhere()), 'p.yaml');
    expect(loaded.ok).toBe(false);
    const dangling = loaded.ok ? [] : loaded.problems.filter((p) => p.code === 'dangling-reference').map((p) => /^`([^`]+)`/.exec(p.message)![1]);
    expect(dangling.sort()).toEqual(referenceFields.map(({ pattern }) => concrete(pattern).join('.')).sort());
  });

  it('says what kind of entry a path names, and null elsewhere', () => {
    expect(referenceKindAt(['models', 3, 'storedIn', 1])).toBe('environment');
    expect(referenceKindAt(['datasets', 0, 'supplyChain', 2, 'supplier'])).toBe('supplier');
    expect(referenceKindAt(['code', 'developedBy', 0])).toBe('supplier');
    expect(referenceKindAt(['models', 3, 'storedIn'])).toBeNull();
    expect(referenceKindAt(['models', '3', 'baseModel'])).toBeNull();
    expect(referenceKindAt(['models', 0, 'name'])).toBeNull();
  });
});

describe('suggestionsIn', () => {
  it('reads back the words phraseSuggestions wrote', () => {
    for (const words of [['a'], ['a', 'b'], ['trained-here', 'pretrained', 'c.d']]) expect(suggestionsIn(`x is y${phraseSuggestions(words)}`)).toEqual(words);
    expect(suggestionsIn('`a` names environment `b`, which is not defined; did you mean `c`? (defined: `c`, `d`)')).toEqual(['c']);
    expect(suggestionsIn('`a` is `b`; allowed values: x, y')).toEqual([]);
  });
});
