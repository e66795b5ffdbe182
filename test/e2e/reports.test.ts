import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, runBuiltCli, runSourceCli } from '../helpers/run-cli.js';
import { reportCases } from '../render/helpers/golden-cases.js';

/**
 * `aithreat assess` output as users and CI get it: the built CLI (bin/aithreat.cjs → dist/, built by
 * `npm run build`, which `npm test` runs first), spawned with a minimal environment.
 */
const asOf = '2026-11-25';
const example = 'examples/research-image-classifier.yaml';
const esc = '\u001b';
let work: string;

beforeAll(() => {
  if (!existsSync(join(repoRoot, 'dist', 'main.cjs'))) throw new Error('dist/ is missing: run npm run build first');
  work = mkdtempSync(join(tmpdir(), 'aithreat-reports-'));
  mkdirSync(join(work, 'examples'));
  copyFileSync(join(repoRoot, example), join(work, example));
});
afterAll(() => {
  chmodSync(work, 0o755);
  rmSync(work, { recursive: true, force: true });
});

const assess = (args: string[], env?: Record<string, string>) => runBuiltCli(['assess', example, '--as-of', asOf, ...args], { cwd: work, env });
const filesIn = (dir: string): string[] => readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();

describe('aithreat assess: reports', () => {
  it('writes every format of a multi-output run, and the table to stdout', () => {
    const run = assess(['--format', 'table', '--format', 'markdown=out/report.md', '--format', 'sarif=aithreat.sarif', '--format', 'json=r.json', '--format', 'junit=ci/junit.xml']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(assess([]).stdout);
    expect(readFileSync(join(work, 'aithreat.sarif'), 'utf8')).toBe(assess(['--format', 'sarif']).stdout);
    expect(readFileSync(join(work, 'r.json'), 'utf8')).toBe(assess(['--format', 'json']).stdout);
    expect(readFileSync(join(work, 'ci/junit.xml'), 'utf8')).toBe(assess(['--format', 'junit']).stdout);
    // The Markdown links to the project file from where the report lands.
    const markdown = readFileSync(join(work, 'out/report.md'), 'utf8');
    expect(markdown).toContain(']: ../examples/research-image-classifier.yaml#L');
    expect(markdown).toBe(assess(['--format', 'markdown']).stdout.replaceAll(']: examples/', ']: ../examples/'));
    expect(filesIn(work).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('keeps the exit codes: 0 pass, 1 required control missing, 2 usage error', () => {
    expect(assess(['--fail-on', 'none']).code).toBe(0);
    expect(assess(['--format', 'json=pass.json', '--fail-on', 'none']).code).toBe(0);
    expect(assess(['--format', 'sarif=fail.sarif']).code).toBe(1);
    const unknown = assess(['--format', 'xml']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe("aithreat: unknown format 'xml'; the formats are table, markdown, json, sarif, junit, summary, github\n");
    expect(unknown.stdout).toBe('');
    expect(assess(['--format', 'json', '--format', 'sarif']).code).toBe(2);
  });

  it('colours the table only when asked and never in a file', () => {
    expect(assess([], { NO_COLOR: '1' }).stdout).not.toContain(esc);
    expect(assess([], { NO_COLOR: '', FORCE_COLOR: '1' }).stdout).toContain(`${esc}[31m`);
    expect(assess([], { NO_COLOR: '1', FORCE_COLOR: '1' }).stdout).not.toContain(esc);
    const toFile = assess(['--output', 'coloured.txt'], { NO_COLOR: '', FORCE_COLOR: '3' });
    expect(toFile.stdout).toBe('');
    expect(readFileSync(join(work, 'coloured.txt'), 'utf8')).not.toContain(esc);
  });

  it('creates a missing folder for --output', () => {
    const run = assess(['--format', 'json', '--output', 'new/deeper/report.json']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(JSON.parse(readFileSync(join(work, 'new/deeper/report.json'), 'utf8')).reportVersion).toBe(1);
  });

  it('fails with one line and exit 2, leaving no file, when a folder cannot be written', () => {
    writeFileSync(join(work, 'plain-file'), '');
    const run = assess(['--output', 'plain-file/report.txt']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('aithreat: cannot write plain-file/report.txt: part of the path is a file, not a folder\n');
  });

  it('fails with one line and exit 2 in a read-only folder, leaving no file', () => {
    mkdirSync(join(work, 'locked'));
    chmodSync(join(work, 'locked'), 0o555);
    chmodSync(work, 0o755);
    // Permissions do not stop root, so as root the CLI runs as nobody (uid 65534) for this case.
    const asRoot = process.getuid?.() === 0;
    const run = spawnSync(process.execPath, [join(repoRoot, 'bin/aithreat.cjs'), 'assess', example, '--as-of', asOf, '--format', 'markdown', '--output', 'locked/report.md'], {
      cwd: work,
      env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' },
      encoding: 'utf8',
      ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
    });
    expect(run.stderr).toBe('aithreat: cannot write locked/report.md: permission denied\n');
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(readdirSync(join(work, 'locked'))).toEqual([]);
    chmodSync(join(work, 'locked'), 0o755);
  });

  it('prints the same bytes from the built CLI as from source, for every example and format', async () => {
    for (const golden of reportCases()) {
      const built = runBuiltCli(golden.args);
      const source = await runSourceCli(golden.args);
      expect(built.stderr, golden.args.join(' ')).toBe('');
      expect(built.stdout, golden.args.join(' ')).toBe(source.stdout);
      expect(built.code).toBe(source.code);
    }
  }, 120_000);
});
