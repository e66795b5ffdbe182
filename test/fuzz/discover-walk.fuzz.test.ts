import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { discover } from '../../src/discover/discover.js';
import type { Discovery } from '../../src/discover/types.js';

// Fuzzing target: the repository walker of `aithreat discover` and the readers behind it, on
// random trees of folders, files of random or format-like bytes, and symbolic links (loops,
// links to the parent, out of the tree). It must never throw, never report a path outside the
// tree or below a link, and give the same result twice. Runs: AITHREAT_FUZZ_RUNS (default 25).

const runs = Number(process.env.AITHREAT_FUZZ_RUNS ?? 25);
const corpus = join(__dirname, 'corpus', 'discover-walk');

interface Entry {
  path: string;
  type: 'file' | 'dir' | 'link';
  text?: string;
  bytes?: string;
  target?: string;
}

// Outside every generated tree: a file with a finding that a walk which followed a link out would report.
const outside = mkdtempSync(join(tmpdir(), 'aithreat-fuzz-outside-'));
writeFileSync(join(outside, 'secret.py'), 'import torch\ntorch.load("OUTSIDE")\n');
const roots: string[] = [outside];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

function build(entries: readonly Entry[]): string {
  const root = mkdtempSync(join(tmpdir(), 'aithreat-fuzz-walk-'));
  roots.push(root);
  for (const entry of entries) {
    const path = join(root, entry.path);
    try {
      mkdirSync(dirname(path), { recursive: true });
      if (entry.type === 'dir') mkdirSync(path, { recursive: true });
      else if (entry.type === 'link') symlinkSync(entry.target === '@outside' ? outside : (entry.target ?? '.'), path);
      else writeFileSync(path, entry.bytes !== undefined ? Buffer.from(entry.bytes, 'base64') : (entry.text ?? ''));
    } catch {
      // A name taken by an earlier entry (a file where a folder should go): the tree is what it is.
    }
  }
  return root;
}

/** Whether a reported path lies in the tree, with no symbolic link above it. */
function inTree(root: string, file: string): boolean {
  if (file.startsWith('/') || file.split('/').includes('..')) return false;
  const parts = file.split('/');
  for (let i = 1; i < parts.length; i++) {
    try {
      if (lstatSync(join(root, ...parts.slice(0, i))).isSymbolicLink()) return false;
    } catch {
      return false;
    }
  }
  return true;
}

async function check(entries: readonly Entry[]): Promise<void> {
  const root = build(entries);
  const first: Discovery = await discover(root);
  for (const item of [...first.findings, ...first.notices]) expect(inTree(root, item.file), item.file).toBe(true);
  expect(JSON.stringify(first)).not.toContain('OUTSIDE');
  expect(first.counts.files).toBeLessThanOrEqual(entries.length);
  expect(await discover(root)).toEqual(first);
}

const names = ['a', 'b', 'src', '.git', 'node_modules', '.venv', 'x.py', 'm.pkl', 'w.pt', 'nb.ipynb', 'requirements.txt', '.gitignore', 'config.json', 'd.dvc', 'pyproject.toml'];
const formatStarts = ['gAQ=', 'gAI=', 'UEsDBA==', 'R0dVRg==', 'iUhERg0KGgo=', 'k05VTVBZ', 'CAg=', 'eJw=', 'H4s=', 'EAAAAAAAAAB7'];
const content = fc.oneof(
  fc.uint8Array({ maxLength: 300 }).map((b) => ({ bytes: Buffer.from(b).toString('base64') })),
  fc.tuple(fc.constantFrom(...formatStarts), fc.uint8Array({ maxLength: 200 })).map(([start, rest]) => ({ bytes: Buffer.concat([Buffer.from(start, 'base64'), Buffer.from(rest)]).toString('base64') })),
  fc.constantFrom('import torch\ntorch.load("w.pt")\n', '*.py\n!x.py\n', '{"cells": [', '{"auto_map": {"AutoModel": "m.M"}}', 'outs:\n- path: d\n', '[project]\ndependencies = ["torch"]\n', 'torch==2\n').map((text) => ({ text })),
);
const entry: fc.Arbitrary<Entry> = fc.oneof(
  fc.record({ path: fc.array(fc.constantFrom(...names), { minLength: 1, maxLength: 3 }).map((p) => p.join('/')), type: fc.constant('file' as const) }).chain((e) => content.map((c) => ({ ...e, ...c }))),
  fc.record({ path: fc.array(fc.constantFrom(...names), { minLength: 1, maxLength: 3 }).map((p) => p.join('/')), type: fc.constant('dir' as const) }),
  fc.record({ path: fc.array(fc.constantFrom(...names), { minLength: 1, maxLength: 3 }).map((p) => p.join('/')), type: fc.constant('link' as const), target: fc.constantFrom('.', '..', '../..', 'a', 'src/x.py', '@outside', '/', 'missing') }),
);

describe('fuzzing the discover walk', () => {
  it.each(readdirSync(corpus).filter((f) => f.endsWith('.json')))('replays the seed %s', async (file) => {
    await check((JSON.parse(readFileSync(join(corpus, file), 'utf8')) as { entries: Entry[] }).entries);
  });

  it('never throws, never leaves the tree, never follows a link, and gives the same result twice', async () => {
    await fc.assert(fc.asyncProperty(fc.array(entry, { maxLength: 25 }), check), { numRuns: runs });
  }, 60_000 + runs * 500);
});
