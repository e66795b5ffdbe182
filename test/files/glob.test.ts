import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { glob } from '../../src/files/expand.js';
import { hasGlobMagic, matchesSegment, matchSegments, splitPattern } from '../../src/files/glob.js';

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

describe('matchesSegment and hasGlobMagic', () => {
  it('every character but the wildcards matches itself', () => {
    expect(matchesSegment('a.b*c?', 'a.bXXcY')).toBe(true);
    expect(matchesSegment('a.b', 'axb')).toBe(false);
    expect(matchesSegment('$^{}|\\', '$^{}|\\')).toBe(true);
    expect(matchesSegment('[ab]', 'a')).toBe(false);
    expect(matchesSegment('?', '👋')).toBe(true);
  });

  it('agrees with the regular expression it replaces, on every small pattern and name', () => {
    const regexOf = (segment: string) => new RegExp(`^${[...segment].map((c) => (c === '*' ? '[^/]*' : c === '?' ? '[^/]' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('')}$`, 'u');
    fc.assert(
      fc.property(fc.stringMatching(/^[ab*?.-]{0,8}$/), fc.stringMatching(/^[ab.-]{0,10}$/), (segment, name) => {
        expect(matchesSegment(segment, name)).toBe(regexOf(segment).test(name));
      }),
      { numRuns: 2000 },
    );
  });

  it('matches in steps proportional to pattern times name: no backtracking blow-up', () => {
    // As a regular expression, five stars against 250 dashes that never match backtrack through
    // about 250^5 / 120 states: minutes. Here it is at most 23 * 250 steps.
    expect(matchesSegment('*-*-*-*-*.aithreat.yaml', '-'.repeat(250))).toBe(false);
    expect(matchesSegment('*-*-*-*-*.aithreat.yaml', `${'-'.repeat(250)}.aithreat.yaml`)).toBe(true);
  });

  it('a directory search with that pattern beside a long name of dashes finishes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aithreat-glob-'));
    writeFileSync(join(dir, '-'.repeat(250)), '');
    writeFileSync(join(dir, 'a-b-c-d-e.aithreat.yaml'), '');
    expect(glob('*-*-*-*-*.aithreat.yaml', dir)).toEqual({ ok: true, files: [join(dir, 'a-b-c-d-e.aithreat.yaml')] });
  });

  it('only * and ? are wildcards', () => {
    expect([hasGlobMagic('a*'), hasGlobMagic('a?'), hasGlobMagic('[ab]'), hasGlobMagic('{a,b}')]).toEqual([true, true, false, false]);
  });
});
