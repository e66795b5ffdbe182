import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, runBuiltCli } from '../helpers/run-cli.js';

/**
 * The package as npm ships it: `npm pack` of the built tree, installed into an empty folder, run
 * on an example there, as a user who ran `npm i -D aithreat` would. The install is offline, from
 * the npm cache that `npm ci` filled: the folder gets a lockfile that pins the tarball and the
 * runtime dependencies at the versions package-lock.json locks (its entries not marked dev), so
 * npm needs no registry. A runtime dependency left in devDependencies, or a file missing from
 * `files`, fails here.
 */
const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { name: string; version: string; license: string; dependencies: Record<string, string>; bin: Record<string, string>; engines: Record<string, string> };
const npm = (args: string[], cwd: string) => spawnSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd, encoding: 'utf8', timeout: 120_000, env: { ...process.env, npm_config_update_notifier: 'false' } });

let dir: string;
let app: string;
let tarball: string;

beforeAll(() => {
  if (!existsSync(join(repoRoot, 'dist', 'cli.cjs'))) throw new Error('dist/ is missing: run `npm run build` before the end-to-end tests');
  dir = mkdtempSync(join(tmpdir(), 'aithreat-package-'));
  // dist/ is what `npm test` just built; `prepare` would only build it again.
  const packed = npm(['pack', '--ignore-scripts', '--pack-destination', dir], repoRoot);
  expect(packed.status, packed.stderr).toBe(0);
  tarball = join(dir, `${pkg.name}-${pkg.version}.tgz`);
  app = join(dir, 'app');
  mkdirSync(app);
  const lock = JSON.parse(readFileSync(join(repoRoot, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean; devOptional?: boolean }> };
  const from = `file:../${pkg.name}-${pkg.version}.tgz`;
  const packages: Record<string, unknown> = {
    '': { name: 'app', version: '1.0.0', dependencies: { [pkg.name]: from } },
    [`node_modules/${pkg.name}`]: { version: pkg.version, resolved: from, license: pkg.license, dependencies: pkg.dependencies, bin: pkg.bin, engines: pkg.engines },
  };
  for (const [path, entry] of Object.entries(lock.packages)) if (path !== '' && !entry.dev && !entry.devOptional) packages[path] = entry;
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true, dependencies: { [pkg.name]: from } }));
  writeFileSync(join(app, 'package-lock.json'), JSON.stringify({ name: 'app', version: '1.0.0', lockfileVersion: 3, requires: true, packages }));
  const installed = npm(['ci', '--offline'], app);
  expect(installed.status, installed.stderr).toBe(0);
  copyFileSync(join(repoRoot, 'examples', 'research-image-classifier.yaml'), join(app, 'aithreat.yaml'));
}, 180_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The installed CLI, through the bin link npm made, on this Node.js. */
const installedCli = (args: string[]) => runBuiltCli(args, { cwd: app, bin: join(app, 'node_modules', '.bin', 'aithreat') });

describe('the npm package', () => {
  it('holds the licence, the built CLI, the catalog and the schemas, and no sources or tests', () => {
    const listed = spawnSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).stdout.split('\n');
    for (const file of ['LICENSE', 'README.md', 'SECURITY.md', 'package.json', 'bin/aithreat.cjs', 'dist/main.cjs', 'dist/cli.cjs', 'dist/authoring.cjs', 'dist/discover.cjs', 'dist/lsp.cjs', 'dist/tree-sitter-python.wasm', 'schemas/project.schema.json', 'catalog/threats/datapoison.yaml']) {
      expect(listed, file).toContain(`package/${file}`);
    }
    expect(listed.filter((f) => /^package\/(src|test|scripts|examples)\//.test(f))).toEqual([]);
    expect(readFileSync(join(app, 'node_modules', pkg.name, 'LICENSE'), 'utf8')).toMatch(/^\s+Apache License\n\s+Version 2\.0, January 2004\n/);
  });

  it('says where it lives', () => {
    const installed = JSON.parse(readFileSync(join(app, 'node_modules', pkg.name, 'package.json'), 'utf8'));
    expect(installed.repository).toEqual({ type: 'git', url: 'git+https://github.com/aithreat/aithreat.git' });
    expect(installed.homepage).toBe('https://github.com/aithreat/aithreat#readme');
    expect(installed.bugs).toEqual({ url: 'https://github.com/aithreat/aithreat/issues' });
  });

  it('assesses an example as the clone does', () => {
    expect(installedCli(['--version'])).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
    const installed = installedCli(['assess', 'aithreat.yaml', '--as-of', '2026-11-25']);
    expect(installed.stderr).toBe('');
    expect(installed.code).toBe(1);
    const fromClone = runBuiltCli(['assess', 'aithreat.yaml', '--as-of', '2026-11-25'], { cwd: app });
    expect(installed.stdout).toBe(fromClone.stdout);
    expect(installed.stdout).toMatch(/^Bird species classifier \(research\) — FAIL\n/);
    const sarif = JSON.parse(installedCli(['assess', 'aithreat.yaml', '--as-of', '2026-11-25', '--format', 'sarif']).stdout);
    expect(sarif.version).toBe('2.1.0');
  });

  it('runs the commands that have bundles of their own: init and discover', () => {
    expect(installedCli(['init', 'new/aithreat.yaml'])).toMatchObject({ code: 0, stderr: '' });
    expect(installedCli(['validate', 'new/aithreat.yaml'])).toMatchObject({ code: 0, stdout: 'new/aithreat.yaml: valid\n' });
    writeFileSync(join(app, 'train.py'), 'import torch\nmodel = torch.load("weights.pt")\n');
    const discovered = installedCli(['discover', '.', '--format', 'json']);
    expect(discovered.stderr).toBe('');
    expect(discovered.stdout).toContain('train.py');
  });
});
