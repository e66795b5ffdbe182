import { existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { op } from '../discover/model-files.js';
import { asOf, runCli, tempDir } from './helpers.js';

/**
 * A repository crafted so that anything that ran its content would leave a file behind: a pickle
 * whose opcodes call os.system, a Python module and a notebook whose code writes a file, a
 * setup.py, a requirements file that names a local package with a build script, and a Hugging
 * Face config whose auto_map names remote code. discover and assess --discover read all of it,
 * and no file appears (SECURITY.md).
 */
const work = tempDir('discover-runs-nothing');
afterAll(() => work.remove());
const repo = join(work.path, 'repo');
const marker = (name: string) => join(work.path, `ran-${name}`);
const shell = (name: string) => `touch ${JSON.stringify(marker(name))}`;

mkdirSync(join(repo, 'models', 'remote'), { recursive: true });
mkdirSync(join(repo, 'notebooks'), { recursive: true });
const pickle = (command: string) => Buffer.concat([op.proto(4), op.unicode('os'), op.memoize, op.unicode('system'), op.memoize, op.stackGlobal, op.unicode(command), op.tuple1, op.reduce, op.stop]);
writeFileSync(join(repo, 'models', 'model.pkl'), pickle(shell('pickle')));
writeFileSync(join(repo, 'models', 'model.pt'), pickle(shell('torch')));
writeFileSync(join(repo, 'train.py'), `import os, torch\nos.system(${JSON.stringify(shell('python'))})\nmodel = torch.load("models/model.pt")\n`);
writeFileSync(join(repo, 'setup.py'), `import os\nos.system(${JSON.stringify(shell('setup'))})\n`);
writeFileSync(join(repo, 'requirements.txt'), './localpkg\ntorch\n');
writeFileSync(join(repo, 'models', 'remote', 'config.json'), JSON.stringify({ model_type: 'x', auto_map: { AutoModel: 'modeling_x.XModel' } }));
writeFileSync(join(repo, 'models', 'remote', 'modeling_x.py'), `import os\nos.system(${JSON.stringify(shell('remote'))})\n`);
const cell = (source: string[]) => ({ cell_type: 'code', metadata: {}, outputs: [], execution_count: null, source });
writeFileSync(join(repo, 'notebooks', 'run.ipynb'), JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [cell([`!${shell('notebook')}\n`, '%pip install evil-package\n']), cell([`import os\nos.system(${JSON.stringify(shell('cell'))})\n`])] }));
writeFileSync(join(repo, 'aithreat.yaml'), 'formatVersion: 1\nproject: { name: Hostile }\nmodels:\n  - { id: m, name: models/model.pt, origin: trained-here, format: safetensors }\n');

describe('nothing a repository holds is run', { timeout: 30_000 }, () => {
  it('discover and assess --discover read a pickle, Python, a notebook and remote code that would each leave a file, and none appears', async () => {
    const discovered = await runCli(['discover', '.', '--format', 'json'], { cwd: repo });
    expect(discovered.code, discovered.stderr).toBe(1);
    const kinds = (JSON.parse(discovered.stdout) as { findings: { kind: string }[] }).findings.map((f) => f.kind);
    expect(kinds).toEqual(expect.arrayContaining(['model-file', 'unsafe-load', 'notebook-install', 'remote-code-config']));
    const assessed = await runCli(['assess', 'aithreat.yaml', '--discover', '.', '--as-of', asOf, '--format', 'json'], { cwd: repo });
    expect([0, 1], assessed.stderr).toContain(assessed.code);
    const drift = (JSON.parse(assessed.stdout) as { projects: { drift: { code: string }[] }[] }).projects[0]!.drift.map((d) => d.code);
    expect(drift).toEqual(expect.arrayContaining(['dangerous-model-file', 'pickle-declared-safe', 'undeclared-user-installs']));
    expect(readdirSync(work.path).filter((name) => name.startsWith('ran-'))).toEqual([]);
    for (const name of ['pickle', 'torch', 'python', 'setup', 'remote', 'notebook', 'cell']) expect(existsSync(marker(name)), name).toBe(false);
  });
});

describe('the repository the configuration names stays in the tree', { timeout: 30_000 }, () => {
  const outside = tempDir('discover-outside');
  afterAll(() => outside.remove());
  const checkout = join(work.path, 'checkout');
  mkdirSync(checkout);
  writeFileSync(join(outside.path, 'secret.py'), 'from transformers import AutoModel\nAutoModel.from_pretrained("org/secret-model")\n');
  symlinkSync(outside.path, join(checkout, 'vendor'));
  writeFileSync(join(checkout, 'aithreat.yaml'), 'formatVersion: 1\nproject: { name: Linked }\n');
  writeFileSync(join(checkout, '.aithreatrc.yaml'), 'configVersion: 1\ndiscover: vendor\n');

  it('a folder that links out of the working directory is refused, from the configuration or typed, unless typed as the folder itself or with --follow-symlinks', async () => {
    const configured = await runCli(['assess', 'aithreat.yaml', '--as-of', asOf], { cwd: checkout });
    expect([configured.code, configured.stdout]).toEqual([2, '']);
    expect(configured.stderr).toMatch(/^aithreat: --discover vendor: leads through a symbolic link to .*, outside the working directory; aithreat follows such links only with --follow-symlinks\n$/);
    expect(configured.stderr).not.toContain('secret-model');
    const typedLink = await runCli(['assess', 'aithreat.yaml', '--as-of', asOf, '--discover', 'vendor'], { cwd: checkout });
    expect(typedLink.code).toBe(2);
    for (const args of [['--discover', outside.path], ['--discover', 'vendor', '--follow-symlinks']]) {
      const typed = await runCli(['assess', 'aithreat.yaml', '--as-of', asOf, '--format', 'json', ...args], { cwd: checkout });
      expect(typed.stdout, args.join(' ')).toContain('org/secret-model');
    }
  });
});
