import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { repoRoot, runBuiltCli } from '../helpers/run-cli.js';

// End-to-end: the built CLI (`npm run build` first), in temporary directories.

const fixtures = join(repoRoot, 'test/fixtures');
const asOf = ['--as-of', '2025-06-01'];
let dir: string;

beforeAll(() => {
  const built = existsSync(join(repoRoot, 'dist')) && readdirSync(join(repoRoot, 'dist')).length > 0;
  if (!built) throw new Error('dist/ is missing: run `npm run build` before the end-to-end tests');
});
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'aithreat-e2e-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const cli = (...args: string[]) => runBuiltCli(args, { cwd: dir });
const projectsOf = (stdout: string) => (JSON.parse(stdout) as { projects: { file: string; verdict: string }[] }).projects.map((p) => [p.file, p.verdict]);

describe('aithreat --help', () => {
  it('lists every command', () => {
    const result = cli('--help');
    expect(result.code).toBe(0);
    for (const command of ['validate', 'assess', 'catalog', 'init', 'schema', 'diff', 'import']) expect(result.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
    expect(cli('import', '--help').stdout).toMatch(/^  cyclonedx\b/m);
  });
});

describe('init', () => {
  it('writes a file that validates and assesses with no edits', () => {
    const init = cli('init', '--name', 'Fraud scoring', '--training', 'fine-tuning,retrieval-augmented', '--owner', 'Risk ML');
    expect([init.code, init.stderr]).toEqual([0, '']);
    expect(readdirSync(dir)).toEqual(['aithreat.yaml']);
    expect(cli('validate', 'aithreat.yaml')).toMatchObject({ code: 0, stdout: 'aithreat.yaml: valid\n' });
    const assess = cli('assess', 'aithreat.yaml', ...asOf);
    expect([0, 1]).toContain(assess.code);
    expect(assess.stdout).toContain('Fraud scoring');
  });

  it('refuses to overwrite, unless --force', () => {
    writeFileSync(join(dir, 'aithreat.yaml'), 'my work\n');
    expect(cli('init')).toMatchObject({ code: 2, stdout: '', stderr: 'aithreat: aithreat.yaml already exists; use --force to overwrite it\n' });
    expect(readFileSync(join(dir, 'aithreat.yaml'), 'utf8')).toBe('my work\n');
    expect(cli('init', '--force').code).toBe(0);
    expect(readFileSync(join(dir, 'aithreat.yaml'), 'utf8')).toMatch(/^# yaml-language-server: \$schema=https:\/\/aithreat\.dev\/schemas\/project\/v1\.json\n/);
  });

  it('prints to stdout with -', () => {
    const result = cli('init', '-', '--training', 'federated');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('mode: federated');
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('many projects in one run', () => {
  beforeEach(() => cpSync(join(fixtures, 'workflow/three-projects'), join(dir, 'ml'), { recursive: true }));

  it('assesses a folder of three projects, in a stable order, and exits with the worst result', () => {
    const result = cli('assess', 'ml', '--format', 'json', ...asOf);
    expect(result.code).toBe(1);
    expect(projectsOf(result.stdout)).toEqual([
      ['ml/aithreat.yaml', 'pass'],
      ['ml/fraud/fraud.aithreat.yaml', 'fail'],
      ['ml/vision/aithreat.yaml', 'fail'],
    ]);
  });

  it('takes quoted globs and removes duplicates', () => {
    const result = cli('assess', 'ml/vision/aithreat.yaml', 'ml/**/*.yaml', 'ml', '--format', 'json', ...asOf);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain('ml/notes.yaml');
    const globbed = cli('assess', 'ml/vision/aithreat.yaml', 'ml/**/*aithreat.yaml', 'ml', '--format', 'json', ...asOf);
    expect(projectsOf(globbed.stdout).map(([file]) => file)).toEqual(['ml/vision/aithreat.yaml', 'ml/aithreat.yaml', 'ml/fraud/fraud.aithreat.yaml']);
  });

  it('validates a folder', () => {
    expect(cli('validate', 'ml')).toMatchObject({ code: 0, stdout: 'ml/aithreat.yaml: valid\nml/fraud/fraud.aithreat.yaml: valid\nml/vision/aithreat.yaml: valid\n' });
  });

  it('exits 2 with a clear message when nothing matches', () => {
    expect(cli('assess', 'ml/**/*.json')).toMatchObject({ code: 2, stdout: '', stderr: "aithreat: no file matches 'ml/**/*.json'\n" });
    expect(cli('validate', '.git-less-dir/*')).toMatchObject({ code: 2 });
  });
});

describe('baselines', () => {
  const project = () => join(dir, 'fraud.aithreat.yaml');
  beforeEach(() => cpSync(join(fixtures, 'workflow/three-projects/fraud/fraud.aithreat.yaml'), project()));

  it('reports a newly added gap as new, and --fail-on-new-only fails only on it', () => {
    expect(cli('assess', '.', '--format', 'json=baseline.json', ...asOf).code).toBe(1);
    const same = cli('assess', '.', '--baseline', 'baseline.json', '--fail-on-new-only', ...asOf);
    expect(same.code).toBe(0);
    expect(same.stderr).toMatch(/^Compared with baseline baseline\.json: 0 new gaps \(0 required\), 0 resolved, \d+ unchanged\n$/);

    writeFileSync(project(), readFileSync(project(), 'utf8').replace('DEVDATAPROTECT: { status: implemented }', 'DEVDATAPROTECT: { status: planned }'));
    const worse = cli('assess', '.', '--baseline', 'baseline.json', '--fail-on-new-only', '--format', 'json=current.json', ...asOf);
    expect(worse.code).toBe(1);
    expect(worse.stderr).toMatch(/: 1 new gap \(1 required\), 0 resolved, \d+ unchanged\n  new      fraud\.aithreat\.yaml: DEVDATAPROTECT \(planned\) required, /);
    expect(cli('assess', '.', '--baseline', 'baseline.json', ...asOf).code).toBe(1);

    const diff = cli('diff', 'baseline.json', 'current.json');
    expect([diff.code, diff.stdout.split('\n')[1]]).toEqual([1, expect.stringMatching(/^  new      fraud\.aithreat\.yaml: DEVDATAPROTECT \(planned\)/)]);
    expect(JSON.parse(cli('diff', 'baseline.json', 'current.json', '--format', 'json').stdout).counts).toMatchObject({ new: 1, newRequired: 1, resolved: 0 });
  });

  it('exits 2 on a malformed baseline, and when --fail-on-new-only has no baseline', () => {
    writeFileSync(join(dir, 'bad.json'), '{"projects": 3}');
    expect(cli('assess', '.', '--baseline', 'bad.json')).toMatchObject({ code: 2, stdout: '', stderr: 'bad.json:1:14: `projects` must be a list, not a number (3)\n' });
    expect(cli('assess', '.', '--fail-on-new-only')).toMatchObject({ code: 2, stderr: 'aithreat: --fail-on-new-only needs a baseline: add --baseline <report.json>\n' });
  });
});

describe('.aithreatrc.yaml', () => {
  beforeEach(() => cpSync(join(fixtures, 'workflow/three-projects/fraud/fraud.aithreat.yaml'), join(dir, 'fraud.aithreat.yaml')));

  it('supplies defaults that flags override', () => {
    writeFileSync(join(dir, '.aithreatrc.yaml'), 'configVersion: 1\nfailOn: none\nformats: [json]\n');
    const configured = cli('assess', 'fraud.aithreat.yaml', ...asOf);
    expect([configured.code, JSON.parse(configured.stdout).failOn]).toEqual([0, 'none']);
    const flagged = cli('assess', 'fraud.aithreat.yaml', '--fail-on', 'high', '--format', 'table', ...asOf);
    expect(flagged.code).toBe(1);
    expect(flagged.stdout).toContain('Card fraud scoring');
  });

  it('is checked against its schema, with positions', () => {
    writeFileSync(join(dir, '.aithreatrc.yaml'), 'failOn: high\nasOf: 2025-01-01\n');
    expect(cli('assess', 'fraud.aithreat.yaml')).toMatchObject({ code: 2, stdout: '', stderr: expect.stringMatching(/^\.aithreatrc\.yaml:2:1: unknown key `asOf`/) });
  });
});

describe('import cyclonedx', () => {
  it('imports the fine-tuned LLM BOM into a project that validates and assesses', () => {
    const result = cli('import', 'cyclonedx', join(fixtures, 'cyclonedx/fine-tuned-llm.cdx.json'), '-o', 'project.yaml');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^wrote project\.yaml: 2 model\(s\), 2 data set\(s\), 1 supplier\(s\)/);
    expect(cli('validate', 'project.yaml').code).toBe(0);
    const assess = cli('assess', 'project.yaml', '--format', 'json', ...asOf);
    expect(assess.code).toBe(1);
    expect(projectsOf(assess.stdout)).toEqual([['project.yaml', 'fail']]);
    expect(cli('import', 'cyclonedx', join(fixtures, 'cyclonedx/fine-tuned-llm.cdx.json'), '-o', 'project.yaml').code).toBe(2);
  });

  it.each(['truncated.cdx.json', 'wrong-format.cdx.json', 'old-spec.cdx.json', 'no-components.cdx.json'])('refuses %s in one line and writes nothing', (name) => {
    const result = cli('import', 'cyclonedx', join(fixtures, 'cyclonedx', name), '-o', 'project.yaml');
    expect(result.code).toBe(2);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('schema', () => {
  it.each(['project', 'policy', 'config', 'report'])('prints the %s schema', (name) => {
    const result = cli('schema', name);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).$id).toBe(`https://aithreat.dev/schemas/${name}/v1.json`);
  });
});
