import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixtureCopy, tempDir } from '../discover/fixture-repo.js';
import { repoRoot, runBuiltCli } from '../helpers/run-cli.js';

// End-to-end: `aithreat discover` of the built CLI on a copy of test/fixtures/discover/ml-repo,
// with its model files written at test time.

beforeAll(() => {
  if (!existsSync(join(repoRoot, 'dist', 'discover.cjs'))) throw new Error('dist/discover.cjs is missing: run `npm run build` before the end-to-end tests');
});

const repo = fixtureCopy();
const cli = (...args: string[]) => runBuiltCli(args, { cwd: repo });

interface Json {
  discoverVersion: number;
  root: string;
  counts: Record<string, number>;
  findings: { file: string; line: number; column: number; kind: string; details: Record<string, unknown> }[];
  notices: unknown[];
}

describe('aithreat discover --format json', () => {
  const result = cli('discover', '.', '--format', 'json');
  const json = JSON.parse(result.stdout) as Json;

  it('exits 1 because a model file imports os.system, and says nothing on stderr', () => {
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
  });

  it('reads every kind of file, and skips what .gitignore ignores', () => {
    expect(json).toMatchObject({ discoverVersion: 1, root: '.', counts: { files: 18, python: 3, notebooks: 1, dependencyFiles: 2, modelFiles: 7, otherFiles: 5 }, notices: [] });
    expect(json.findings.some((f) => f.file.startsWith('checkpoints/') || f.file === 'train.log')).toBe(false);
    expect([...new Set(json.findings.map((f) => f.kind))].sort()).toEqual([
      'dataset-load', 'dependency', 'dvc-data', 'dvc-remote', 'hosted-model', 'hub-model', 'model-file', 'notebook-install', 'remote-code-config', 'safe-load', 'tracker', 'training', 'unsafe-load',
    ]);
  });

  it('gives each finding its file, line, column, kind and details', () => {
    expect(json.findings.find((f) => f.kind === 'hub-model' && f.line === 20)).toEqual({
      file: 'src/sentiment/serve.py',
      line: 20,
      column: 12,
      kind: 'hub-model',
      details: { api: 'transformers.AutoModel.from_pretrained', hub: 'huggingface', model: { literal: 'acme-research/review-embedder' }, localPath: false, revision: null, revisionPinned: false, trustRemoteCode: { literal: true } },
    });
    expect(json.findings.find((f) => f.file === 'artifacts/reviewer-gift.pkl')).toEqual({
      file: 'artifacts/reviewer-gift.pkl',
      line: 1,
      column: 1,
      kind: 'model-file',
      details: { format: 'pickle', bytes: 32, globals: [{ module: 'os', name: 'system', safety: 'dangerous' }], facts: { dangerousGlobals: 1, unknownGlobals: 0 }, problems: ['imports os.system: loading it can run commands or code'] },
    });
    expect(json.findings.filter((f) => f.kind === 'notebook-install').map((f) => [f.file, f.line, f.column, f.details.packages])).toEqual([
      ['notebooks/explore.ipynb', 14, 6, ['transformers==4.44.2', 'datasets']],
      ['notebooks/explore.ipynb', 15, 6, ['evaluate', 'scikit-learn']],
    ]);
  });

  it('prints byte-identical output for the same repository', () => {
    expect(cli('discover', '.', '--format', 'json').stdout).toBe(result.stdout);
  });
});

describe('aithreat discover (table)', () => {
  it('prints a summary and one line per finding, paths relative to the working directory', () => {
    const result = runBuiltCli(['discover', repo], { cwd: join(repo, '..') });
    const name = repo.split('/').at(-1)!;
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('read 18 file(s): 3 Python, 1 notebook(s), 2 dependency file(s), 7 model file(s); 39 finding(s), 0 notice(s)');
    const line = lines.find((l) => l.startsWith(`${name}/src/sentiment/serve.py:14:9 `));
    expect(line?.replace(/ +/g, ' ')).toBe(`${name}/src/sentiment/serve.py:14:9 unsafe-load deserialises pytorch-pickle via torch.load from "models/sentiment.pt"; weights_only not given`);
  });
});

describe('aithreat discover -o', () => {
  it('writes a draft that validates, refuses to overwrite it without --force, and leaves no temporary file', () => {
    const first = cli('discover', '.', '-o', 'aithreat.yaml', '--name', 'Sentiment service');
    expect(first.code).toBe(1);
    expect(first.stdout).toBe('wrote aithreat.yaml: 12 model(s), 3 data set(s), 2 supplier(s); 21 TODO(s) to resolve\n');
    const text = readFileSync(join(repo, 'aithreat.yaml'), 'utf8');
    expect(text).toContain('project:\n  name: Sentiment service\n');
    expect(cli('validate', 'aithreat.yaml')).toMatchObject({ code: 0, stdout: 'aithreat.yaml: valid\n' });
    expect(cli('assess', 'aithreat.yaml', '--as-of', '2026-12-01').stdout).toMatch(/^Sentiment service — FAIL/);

    writeFileSync(join(repo, 'aithreat.yaml'), 'mine\n');
    expect(cli('discover', '.', '-o', 'aithreat.yaml')).toMatchObject({ code: 2, stderr: 'aithreat: aithreat.yaml already exists; use --force to overwrite it\n' });
    expect(readFileSync(join(repo, 'aithreat.yaml'), 'utf8')).toBe('mine\n');
    expect(cli('discover', '.', '-o', 'aithreat.yaml', '--force', '--name', 'Sentiment service').code).toBe(1);
    expect(readFileSync(join(repo, 'aithreat.yaml'), 'utf8')).toBe(text);
    expect(readdirSync(repo).filter((f) => f.includes('aithreat.yaml') && f !== 'aithreat.yaml')).toEqual([]);
  });

  it('prints the draft with -o -, and the summary on stderr', () => {
    const result = cli('discover', '.', '-o', '-', '--name', 'Sentiment service');
    expect(result.stdout).toBe(readFileSync(join(repo, 'aithreat.yaml'), 'utf8').replace('`aithreat discover .`', '`aithreat discover .`'));
    expect(result.stderr).toBe('aithreat: drafted 12 model(s), 3 data set(s), 2 supplier(s); 21 TODO(s) to resolve\n');
  });
});

describe('aithreat discover on bad input', () => {
  const dir = tempDir();
  it('exits 2 with one line for a directory that does not exist, or a bad format', () => {
    expect(runBuiltCli(['discover', 'nope'], { cwd: dir })).toMatchObject({ code: 2, stdout: '', stderr: 'aithreat: nope: no such directory\n' });
    writeFileSync(join(dir, 'file.txt'), 'x');
    expect(runBuiltCli(['discover', 'file.txt'], { cwd: dir })).toMatchObject({ code: 2, stderr: 'aithreat: file.txt is not a directory\n' });
    expect(runBuiltCli(['discover', '.', '--format', 'sarif'], { cwd: dir })).toMatchObject({ code: 2, stderr: "aithreat: unknown format 'sarif'; expected table or json\n" });
  });

  it('gives a hostile repository one line per problem on stderr, exit 0, and no stack trace', () => {
    const root = join(dir, 'hostile');
    mkdirSync(root);
    symlinkSync('b', join(root, 'a'));
    symlinkSync('a', join(root, 'b'));
    writeFileSync(join(root, 'nb.ipynb'), 'not json');
    writeFileSync(join(root, 'x.py'), Buffer.from([0x78, 0x3d, 0xff, 0x0a]));
    writeFileSync(join(root, 'ok.py'), 'import torch\ntorch.load("m.pt", weights_only=True)\n');
    const result = runBuiltCli(['discover', 'hostile'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('hostile/a:1:1: symbolic link, not followed\nhostile/b:1:1: symbolic link, not followed\nhostile/nb.ipynb:1:1: is not a notebook: JSON syntax error (InvalidSymbol)\nhostile/x.py:1:3: is not valid UTF-8\n');
    expect(result.stdout).toContain('hostile/ok.py:2:1  unsafe-load  deserialises pytorch-pickle via torch.load from "m.pt"; weights_only true');
  });
});
