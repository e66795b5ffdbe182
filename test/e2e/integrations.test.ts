import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { projectFileName } from '../../src/files/expand.js';
import { repoRoot } from '../helpers/run-cli.js';

const readYaml = (name: string) => parse(readFileSync(join(repoRoot, name), 'utf8')) as Record<string, unknown>;

describe('action.yml', () => {
  const action = readYaml('action.yml') as {
    name: string;
    description: string;
    inputs: Record<string, { description?: string; default?: string; required?: boolean }>;
    outputs: Record<string, { description?: string; value?: string }>;
    runs: { using: string; steps: { shell?: string; run?: string; id?: string; env?: Record<string, string> }[] };
  };

  it('is a composite action with a name and a description', () => {
    expect(typeof action.name).toBe('string');
    expect(action.description.length).toBeGreaterThan(10);
    expect(action.runs.using).toBe('composite');
  });

  it('has the inputs the README documents, each described', () => {
    expect(Object.keys(action.inputs)).toEqual(['files', 'fail-on', 'policy', 'discover', 'formats', 'sarif-file', 'markdown-file', 'summary-file', 'version']);
    for (const [name, input] of Object.entries(action.inputs)) expect([name, typeof input.description]).toEqual([name, 'string']);
    expect(action.inputs.files?.default).toBe('aithreat.yaml');
    expect(action.inputs.formats?.default).toBe('table');
    expect(action.inputs['sarif-file']?.default).toBe('aithreat.sarif');
    expect(action.inputs['markdown-file']?.default).toBe('aithreat-report.md');
    expect(action.inputs['summary-file']?.default).toBe('aithreat-summary.md');
  });

  it('outputs the exit code of the assess step', () => {
    expect(action.outputs['exit-code']?.value).toBe('${{ steps.assess.outputs.exit-code }}');
    expect(action.runs.steps.some((s) => s.id === 'assess')).toBe(true);
  });

  it('gives every run step a shell, and passes inputs through env rather than into the script', () => {
    for (const step of action.runs.steps.filter((s) => s.run)) {
      expect(step.shell).toBe('bash');
      expect(step.run).not.toMatch(/\$\{\{\s*inputs\./);
    }
  });

  it('writes SARIF, Markdown and the summary with the assess command', () => {
    const script = action.runs.steps.find((s) => s.id === 'assess')!.run!;
    expect(script).toContain('--format "sarif=$SARIF_FILE"');
    expect(script).toContain('--format "markdown=$MARKDOWN_FILE"');
    expect(script).toContain('--format "summary=$SUMMARY_FILE"');
    expect(script).toContain('echo "exit-code=$code" >> "$GITHUB_OUTPUT"');
  });
});

describe('the assess step of action.yml', () => {
  const action = readYaml('action.yml') as { runs: { steps: { id?: string; run?: string }[] } };
  const script = action.runs.steps.find((s) => s.id === 'assess')!.run!;

  /** Runs the step's script with a stand-in for aithreat that prints its arguments and exits 1. */
  function runStep(env: Record<string, string>) {
    const dir = mkdtempSync(join(tmpdir(), 'aithreat-action-'));
    try {
      const bin = join(dir, 'fake-aithreat.js');
      writeFileSync(bin, 'process.stdout.write(JSON.stringify(process.argv.slice(2))); process.exitCode = 1;\n');
      const output = join(dir, 'github-output');
      writeFileSync(output, '');
      const inputs = { FILES: 'aithreat.yaml', FAIL_ON: '', POLICY: '', DISCOVER: '', FORMATS: 'table', SARIF_FILE: 'aithreat.sarif', MARKDOWN_FILE: 'aithreat-report.md', SUMMARY_FILE: 'aithreat-summary.md', ...env };
      const result = spawnSync('bash', ['-c', script], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', AITHREAT_BIN: bin, GITHUB_OUTPUT: output, ...inputs } });
      return { args: JSON.parse(result.stdout) as string[], code: result.status, output: readFileSync(output, 'utf8') };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it.skipIf(process.platform === 'win32')('passes the defaults as flags and reports the exit code', () => {
    expect(runStep({})).toEqual({
      args: ['assess', 'aithreat.yaml', '--format', 'table', '--format', 'sarif=aithreat.sarif', '--format', 'markdown=aithreat-report.md', '--format', 'summary=aithreat-summary.md'],
      code: 1,
      output: 'exit-code=1\n',
    });
  });

  it.skipIf(process.platform === 'win32')('passes globs unexpanded and splits lists on spaces, commas and new lines', () => {
    const { args } = runStep({ FILES: 'ml/**/*.aithreat.yaml\nother.yaml', FORMATS: 'table, json=r.json', FAIL_ON: 'medium', POLICY: 'policy.yaml', DISCOVER: '.', SARIF_FILE: '', MARKDOWN_FILE: '', SUMMARY_FILE: '' });
    expect(args).toEqual(['assess', 'ml/**/*.aithreat.yaml', 'other.yaml', '--format', 'table', '--format', 'json=r.json', '--fail-on', 'medium', '--policy', 'policy.yaml', '--discover', '.']);
  });
});

describe('the install step of action.yml', () => {
  const action = readYaml('action.yml') as { runs: { steps: { name?: string; run?: string }[] } };
  const script = action.runs.steps.find((s) => s.name === 'Install aithreat')!.run!;

  it('builds the checkout by default and installs from npm when a version is given', () => {
    expect(script).toContain('npm ci');
    expect(script).toContain('npm install --prefix "$dir" --no-save --no-audit --no-fund "aithreat@$AITHREAT_VERSION"');
  });

  it.skipIf(process.platform === 'win32')('finds the entry point that package.json names', () => {
    const line = script.split('\n').find((l) => l.trim().startsWith('bin=$('))!;
    const result = spawnSync('bash', ['-c', `package="$1"; ${line.trim()}; printf %s "$bin"`, 'bash', repoRoot], { encoding: 'utf8' });
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    expect(result.stdout).toBe(join(repoRoot, pkg.bin.aithreat!));
  });
});

describe('.pre-commit-hooks.yaml', () => {
  const hooks = parse(readFileSync(join(repoRoot, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string; entry: string; language: string; files: string; name: string }[];

  it('has the assess and validate hooks, run with node', () => {
    expect(hooks.map((h) => [h.id, h.entry, h.language])).toEqual([
      ['aithreat', 'aithreat assess', 'node'],
      ['aithreat-validate', 'aithreat validate', 'node'],
    ]);
    for (const hook of hooks) expect(typeof hook.name).toBe('string');
  });

  it.each([
    ['aithreat.yaml', true],
    ['aithreat.yml', true],
    ['ml/fraud.aithreat.yaml', true],
    ['teams/a/b/aithreat.yaml', true],
    ['foo.yaml', false],
    ['notaithreat.yaml', false],
    ['.aithreatrc.yaml', false],
    ['aithreat.yaml.orig', false],
  ])('its files pattern matches %s: %s', (path, expected) => {
    for (const hook of hooks) expect(new RegExp(hook.files).test(path)).toBe(expected);
  });

  it('agrees with the names a directory search finds', () => {
    for (const name of ['aithreat.yaml', 'x.aithreat.yml', 'foo.yaml', 'myaithreat.yaml']) {
      expect(new RegExp(hooks[0]!.files).test(name)).toBe(projectFileName.test(name));
    }
  });
});
