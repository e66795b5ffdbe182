import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasGlobMagic, matchSegments, segmentRegExp, splitPattern } from '../../src/files/glob.js';

describe('splitPattern', () => {
  it.each([
    ['*.aithreat.yaml', '.', ['*.aithreat.yaml']],
    ['ml/**/*.yaml', 'ml', ['**', '*.yaml']],
    ['./ml//teams/?/aithreat.yaml', './ml/teams', ['?', 'aithreat.yaml']],
    ['/abs/**', '/abs', ['**']],
    ['a/***/b', 'a', ['**', 'b']],
    ['plain/file.yaml', 'plain/file.yaml', []],
  ])('%s', (pattern, base, segments) => {
    expect(splitPattern(pattern)).toEqual({ base, segments });
  });
});

describe('matchSegments', () => {
  const cases: [string, string, boolean][] = [
    ['*.yaml', 'a.yaml', true],
    ['*.yaml', 'a.yml', false],
    ['*.yaml', 'd/a.yaml', false],
    ['?.yaml', 'a.yaml', true],
    ['?.yaml', 'ab.yaml', false],
    ['**/*.yaml', 'a.yaml', true],
    ['**/*.yaml', 'x/y/z/a.yaml', true],
    ['**/aithreat.yaml', 'team/aithreat.yaml', true],
    ['a/**/b/*.yaml', 'a/b/c.yaml', true],
    ['a/**/b/*.yaml', 'a/x/y/b/c.yaml', true],
    ['a/**/b/*.yaml', 'a/x/y/c.yaml', false],
    ['*.yaml', '.hidden.yaml', false],
    ['.*.yaml', '.hidden.yaml', true],
    ['**/*.yaml', '.git/a.yaml', false],
    ['[a].yaml', '[a].yaml', true],
    ['[a].yaml', 'a.yaml', false],
    ['a+b(1).yaml', 'a+b(1).yaml', true],
  ];
  it.each(cases)('%s against %s is %s', (pattern, path, expected) => {
    expect(matchSegments(pattern.split('/'), path.split('/'))).toBe(expected);
  });

  it('a pattern without wildcards matches exactly the path it spells', () => {
    const name = fc.stringMatching(/^[a-z0-9._-]{1,8}$/).filter((s) => !s.startsWith('.'));
    fc.assert(
      fc.property(fc.array(name, { minLength: 1, maxLength: 4 }), fc.array(name, { minLength: 1, maxLength: 4 }), (a, b) => {
        expect(matchSegments(a, b)).toBe(a.join('/') === b.join('/'));
      }),
    );
  });

  it('`**/<name>` matches the name at any depth', () => {
    const name = fc.stringMatching(/^[a-z][a-z0-9_-]{0,7}$/);
    fc.assert(
      fc.property(fc.array(name, { maxLength: 5 }), name, (dirs, file) => {
        expect(matchSegments(['**', file], [...dirs, file])).toBe(true);
      }),
    );
  });
});

describe('segmentRegExp and hasGlobMagic', () => {
  it('escapes every regular-expression character but the wildcards', () => {
    expect(segmentRegExp('a.b*c?').test('a.bXXcY')).toBe(true);
    expect(segmentRegExp('a.b').test('axb')).toBe(false);
    expect(segmentRegExp('$^{}|\\').test('$^{}|\\')).toBe(true);
  });
  it('only * and ? are wildcards', () => {
    expect([hasGlobMagic('a*'), hasGlobMagic('a?'), hasGlobMagic('[ab]'), hasGlobMagic('{a,b}')]).toEqual([true, true, false, false]);
  });
});
