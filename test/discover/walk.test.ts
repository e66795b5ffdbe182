import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, symlinkSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { discover } from '../../src/discover/discover.js';
import { walk } from '../../src/discover/walk.js';
import { workingDirectoryScope } from '../../src/load/read-scope.js';
import type { Notice } from '../../src/discover/types.js';
import { fixtureCopy, tempDir } from './fixture-repo.js';
import { osSystemPickle } from './model-files.js';

const files = (root: string) => {
  const notices: Notice[] = [];
  const list = [...walk(root, notices, { deadline: Date.now() + 60_000, scope: workingDirectoryScope(root) })].map((f) => f.file);
  return { list, notices };
};

describe('the walk', () => {
  it('skips what .gitignore ignores, tool folders and virtual environments, in a stable order', () => {
    const root = fixtureCopy();
    mkdirSync(join(root, 'node_modules/pkg'), { recursive: true });
    writeFileSync(join(root, 'node_modules/pkg/model.pkl'), osSystemPickle());
    mkdirSync(join(root, 'env/lib'), { recursive: true });
    writeFileSync(join(root, 'env/pyvenv.cfg'), 'home = /usr/bin\n');
    writeFileSync(join(root, 'env/lib/evil.py'), 'import torch\ntorch.load("x")\n');
    mkdirSync(join(root, 'src/sentiment/sub'), { recursive: true });
    writeFileSync(join(root, 'src/sentiment/sub/.gitignore'), 'generated.py\n');
    writeFileSync(join(root, 'src/sentiment/sub/generated.py'), 'x = 1\n');
    const { list, notices } = files(root);
    expect(notices).toEqual([]);
    // Each folder's files, then its folders, depth first, names sorted.
    expect(list).toEqual([
      '.gitignore',
      'README.md',
      'pyproject.toml',
      'requirements.txt',
      '.dvc/config',
      'artifacts/baseline.joblib',
      'artifacts/label_encoder.pkl',
      'artifacts/reviewer-gift.pkl',
      'data/tickets.csv.dvc',
      'models/sentiment-q4.gguf',
      'models/sentiment.onnx',
      'models/sentiment.pt',
      'models/sentiment.safetensors',
      'models/sentiment-base/config.json',
      'notebooks/explore.ipynb',
      'src/sentiment/__init__.py',
      'src/sentiment/serve.py',
      'src/sentiment/train.py',
      'src/sentiment/sub/.gitignore',
    ]);
  });
});

describe('a hostile repository gets one clear line per problem, and the rest is still read', () => {
  const root = tempDir();
  writeFileSync(join(root, 'ok.py'), 'import pickle\npickle.loads(b)\n');
  symlinkSync('loop-b', join(root, 'loop-a'));
  symlinkSync('loop-a', join(root, 'loop-b'));
  symlinkSync('/etc', join(root, 'outside'));
  symlinkSync('.', join(root, 'self'));
  writeFileSync(join(root, 'latin1.py'), Buffer.from('x = "caf\xe9"\n', 'latin1'));
  writeFileSync(join(root, 'broken.ipynb'), '{"cells": [');
  writeFileSync(join(root, 'nul.py'), Buffer.from('x = 1\n\0\n'));
  // A 10 GiB file that takes no disk space: discover reads its first bytes only.
  const sparse = openSync(join(root, 'huge.bin'), 'w');
  writeSync(sparse, Buffer.from([0x80, 0x04, 0x95]), 0, 3, 0);
  closeSync(sparse);
  spawnSync('truncate', ['-s', '10G', join(root, 'huge.bin')]);
  // A pickle bomb for readers that build what they read: two million DUPs of a list.
  writeFileSync(join(root, 'bomb.pkl'), Buffer.concat([Buffer.from([0x80, 0x04, 0x5d]), Buffer.alloc(2_000_000, 0x32), Buffer.from([0x2e])]));
  // A byte string that declares 2^62 bytes.
  writeFileSync(join(root, 'liar.pkl'), Buffer.concat([Buffer.from([0x80, 0x04, 0x8e]), Buffer.from([0, 0, 0, 0, 0, 0, 0, 0x40]), Buffer.from('.')]));
  spawnSync('mkfifo', [join(root, 'fifo')]);
  writeFileSync(join(root, 'big.py'), '');
  spawnSync('truncate', ['-s', '11M', join(root, 'big.py')]);

  it('never follows a link, never blocks on a FIFO, and reads headers of huge files only', async () => {
    const result = await discover(root);
    expect(result.notices.map((n) => `${n.file}:${n.line}:${n.column}: ${n.code}: ${n.message}`)).toEqual([
      'big.py:1:1: too-large: file is 11534336 bytes; the limit is 10485760 bytes (10 MiB)',
      'broken.ipynb:1:12: not-json: is not a notebook: JSON syntax error (CloseBracketExpected)',
      'fifo:1:1: special-file: not a regular file; not read',
      'latin1.py:1:9: not-utf8: is not valid UTF-8',
      'loop-a:1:1: symlink: symbolic link, not followed',
      'loop-b:1:1: symlink: symbolic link, not followed',
      'nul.py:2:1: binary: contains a NUL byte: not a text file',
      'outside:1:1: symlink: symbolic link, not followed',
      'self:1:1: symlink: symbolic link, not followed',
    ]);
    const models = Object.fromEntries(result.findings.flatMap((f) => (f.kind === 'model-file' ? [[f.file, f.details.problems]] : [])));
    expect(models).toEqual({
      'bomb.pkl': ['pickle stream at byte 0: more than 1,000,000 values on the stack; reading stopped'],
      'huge.bin': ['pickle stream at byte 0: unknown opcode 0x00 at byte 11'],
      'liar.pkl': [`pickle stream at byte 0: cut short: ${2 ** 62} bytes declared past the end`],
    });
    expect(result.findings.filter((f) => f.kind === 'unsafe-load').map((f) => f.file)).toEqual(['ok.py']);
  });

  it('stops at the time limit with a notice', async () => {
    let clock = 0;
    const result = await discover(root, { now: () => (clock += 1000), maxMilliseconds: 3500 });
    expect(result.notices.some((n) => n.code === 'time-limit')).toBe(true);
  });
});
