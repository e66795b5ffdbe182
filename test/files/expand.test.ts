import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { comparePaths, expandInputs, projectFileName } from '../../src/files/expand.js';

let root: string;
const touch = (path: string) => {
  mkdirSync(join(root, path, '..'), { recursive: true });
  writeFileSync(join(root, path), 'formatVersion: 1\n');
};

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'aithreat-expand-'));
  for (const file of [
    'aithreat.yaml',
    'teams/fraud/fraud.aithreat.yaml',
    'teams/fraud/notes.yaml',
    'teams/vision/aithreat.yml',
    'teams/vision/aithreat.yaml',
    'teams/a-b/aithreat.yaml',
    'node_modules/pkg/aithreat.yaml',
    '.cache/aithreat.yaml',
    'teams/.git/aithreat.yaml',
    'other/x.yaml',
  ]) touch(file);
  try {
    symlinkSync(join(root, 'teams'), join(root, 'loop'), 'dir');
  } catch {
    // Symbolic links may need privileges (Windows); the test that uses it then checks nothing extra.
  }
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const expand = (...inputs: string[]) => {
  const result = expandInputs(inputs, root);
  return result.ok ? result.files.map((f) => relative(root, f).split('\\').join('/')) : result.message;
};

describe('expandInputs', () => {
  it('searches a directory for project descriptions, skipping node_modules, dot-directories and links', () => {
    expect(expand('.')).toEqual([
      'aithreat.yaml',
      'teams/a-b/aithreat.yaml',
      'teams/fraud/fraud.aithreat.yaml',
      'teams/vision/aithreat.yaml',
      'teams/vision/aithreat.yml',
    ]);
  });

  it('keeps a file as given, even when it does not exist (the loader reports it)', () => {
    expect(expand('other/x.yaml', 'missing.yaml')).toEqual(['other/x.yaml', 'missing.yaml']);
  });

  it('matches globs against every file, not only project names', () => {
    expect(expand('teams/*/*.yaml')).toEqual([
      'teams/a-b/aithreat.yaml',
      'teams/fraud/fraud.aithreat.yaml',
      'teams/fraud/notes.yaml',
      'teams/vision/aithreat.yaml',
    ]);
    expect(expand('**/aithreat.y*ml')).toEqual(['aithreat.yaml', 'teams/a-b/aithreat.yaml', 'teams/vision/aithreat.yaml', 'teams/vision/aithreat.yml']);
    expect(expand('**/aithreat.y?ml')).toEqual(['aithreat.yaml', 'teams/a-b/aithreat.yaml', 'teams/vision/aithreat.yaml']);
  });

  it('enters node_modules only when the pattern names it', () => {
    expect(expand('node_modules/*/aithreat.yaml')).toEqual(['node_modules/pkg/aithreat.yaml']);
  });

  it('removes duplicates and keeps the first occurrence, so the order is stable', () => {
    expect(expand('teams/vision/aithreat.yaml', 'teams', 'aithreat.yaml', '*.yaml')).toEqual([
      'teams/vision/aithreat.yaml',
      'teams/a-b/aithreat.yaml',
      'teams/fraud/fraud.aithreat.yaml',
      'teams/vision/aithreat.yml',
      'aithreat.yaml',
    ]);
  });

  it('says clearly when nothing matches', () => {
    expect(expand('nothing/**/*.yaml')).toBe("no file matches 'nothing/**/*.yaml'");
    expect(expand('teams/*.json')).toBe("no file matches 'teams/*.json'");
    expect(expand('other')).toBe("no project description (aithreat.yaml, *.aithreat.yaml, or a YAML file that declares formatVersion) in directory 'other'");
  });

  it('accepts absolute paths and patterns', () => {
    expect(expand(join(root, 'teams', 'fraud'))).toEqual(['teams/fraud/fraud.aithreat.yaml']);
    expect(expand(`${root.split('\\').join('/')}/teams/*/fraud.*`)).toEqual(['teams/fraud/fraud.aithreat.yaml']);
  });
});

describe('projectFileName', () => {
  it.each([
    ['aithreat.yaml', true],
    ['aithreat.yml', true],
    ['fraud.aithreat.yaml', true],
    ['a.b.aithreat.yaml', true],
    ['myaithreat.yaml', false],
    ['.aithreatrc.yaml', false],
    ['aithreat.yaml.bak', false],
    ['foo.yaml', false],
  ])('%s: %s', (name, expected) => expect(projectFileName.test(name)).toBe(expected));
});

describe('comparePaths', () => {
  it('orders by path segment', () => {
    expect(['a-b/c', 'a/b', 'a/a/z', 'a'].sort(comparePaths)).toEqual(['a', 'a/a/z', 'a/b', 'a-b/c']);
  });
});
