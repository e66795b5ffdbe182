import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/run-cli.js';
import { asOf, expectNoCrash, runCli, sha256, tempDir, type SpawnResult } from './helpers.js';

/**
 * The one path policy for reports (SECURITY.md, "What aithreat writes"): a configuration writes
 * only inside the working directory and never over a file the run reads; a person's flags may
 * write anywhere but over an input; devices and FIFOs are written as streams; a folder is a clear
 * mistake; every refusal is one line and exit 2, before any report is written.
 */

const work = tempDir('output-paths');
afterAll(() => work.remove());
const project = join(repoRoot, 'test', 'fixtures', 'workflow', 'three-projects', 'aithreat.yaml');
const isRoot = process.getuid?.() === 0;

/** A fresh repository with a valid project and, when given, a configuration. */
function repository(name: string, config?: string): string {
  const dir = join(work.path, name, 'repo');
  mkdirSync(dir, { recursive: true });
  copyFileSync(project, join(dir, 'aithreat.yaml'));
  if (config !== undefined) writeFileSync(join(dir, '.aithreatrc.yaml'), config);
  return dir;
}

const assess = (cwd: string, ...args: string[]) => runCli(['assess', 'aithreat.yaml', '--as-of', asOf, ...args], { cwd });

/** Exit 2 with exactly one stderr line matching `message`, and nothing written. */
function expectRefusal(result: SpawnResult, message: RegExp): void {
  expectNoCrash([{ label: 'assess', result }]);
  expect(result.code, result.stderr).toBe(2);
  expect(result.stdout).toBe('');
  const lines = result.stderr.replace(/\n$/, '').split('\n');
  expect(lines, result.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(message);
}

/** Exit 0 (the project passes) and nothing on stderr. */
function expectWritten(result: SpawnResult): void {
  expectNoCrash([{ label: 'assess', result }]);
  expect([result.code, result.stderr]).toEqual([0, '']);
}

describe('paths from .aithreatrc.yaml stay inside the working directory and off the inputs', { timeout: 30_000 }, () => {
  it.each([
    ['an absolute path', (outside: string) => `formats: [json=${outside}/abs/report.json]\n`, /^\.aithreatrc\.yaml:1:11: `formats\.0` writes to `.*\/abs\/report\.json`, an absolute path; a configuration may only name files inside the working directory/],
    ['a path up and out', () => 'formats: [table, "json=../escape/report.json"]\n', /^\.aithreatrc\.yaml:1:18: `formats\.1` writes to `\.\.\/escape\/report\.json`, outside the working directory/],
    ['the configuration itself', () => 'formats: [json=./.aithreatrc.yaml]\n', /^\.aithreatrc\.yaml:1:11: `formats\.0` writes to `\.\/\.aithreatrc\.yaml`, which is this configuration file$/],
    ['a policy outside', () => 'policy: ../policy.yaml\n', /^\.aithreatrc\.yaml:1:9: `policy` names `\.\.\/policy\.yaml`, outside the working directory/],
    ['a baseline by absolute path', () => 'baseline: /etc/passwd\n', /^\.aithreatrc\.yaml:1:11: `baseline` names `\/etc\/passwd`, an absolute path/],
  ])('%s is refused at its position, and nothing is written', async (name, config, message) => {
    const outside = join(work.path, `config-${name}`);
    const cwd = repository(`config-${name}`, config(outside));
    const before = sha256(join(cwd, '.aithreatrc.yaml'));
    expectRefusal(await assess(cwd), message);
    expect(readdirSync(join(work.path, `config-${name}`))).toEqual(['repo']);
    expect(readdirSync(cwd).sort()).toEqual(['.aithreatrc.yaml', 'aithreat.yaml']);
    expect(sha256(join(cwd, '.aithreatrc.yaml'))).toBe(before);
  });

  it('a folder of the repository that is a symbolic link out of it', async () => {
    const cwd = repository('config-link', 'formats: [json=reports/report.json]\n');
    mkdirSync(join(work.path, 'config-link', 'elsewhere'));
    symlinkSync('../elsewhere', join(cwd, 'reports'));
    expectRefusal(await assess(cwd), /^aithreat: the json report of \.aithreatrc\.yaml writes to reports\/report\.json, which leads to .*\/elsewhere\/report\.json, outside the working directory/);
    expect(readdirSync(join(work.path, 'config-link', 'elsewhere'))).toEqual([]);
  });

  it('a project or the baseline it names', async () => {
    const cwd = repository('config-inputs', 'formats: [json=aithreat.yaml]\n');
    const before = sha256(join(cwd, 'aithreat.yaml'));
    expectRefusal(await assess(cwd), /^aithreat: refusing to write the json report over aithreat\.yaml, which this run reads$/);
    expect(sha256(join(cwd, 'aithreat.yaml'))).toBe(before);
    expectWritten(await assess(cwd, '--format', 'json=base.json'));
    writeFileSync(join(cwd, '.aithreatrc.yaml'), 'baseline: base.json\nformats: [json=base.json]\n');
    const baseline = sha256(join(cwd, 'base.json'));
    expectRefusal(await assess(cwd), /^aithreat: refusing to write the json report over base\.json, which this run reads$/);
    expect(sha256(join(cwd, 'base.json'))).toBe(baseline);
    // A person may refresh the baseline in place by typing both.
    const refreshed = await assess(cwd, '--baseline', 'base.json', '--format', 'json=base.json');
    expectNoCrash([{ label: 'refresh', result: refreshed }]);
    expect(refreshed.code, refreshed.stderr).toBe(0);
  });

  it('a flag may write anywhere outside, but not over the configuration the run reads', async () => {
    const cwd = repository('flags', 'failOn: high\n');
    const outside = join(work.path, 'flags', 'outside', 'report.json');
    expectWritten(await assess(cwd, '--format', `json=${outside}`));
    expect(JSON.parse(readFileSync(outside, 'utf8')).projects[0].file).toBe('aithreat.yaml');
    expectRefusal(await assess(cwd, '--format', 'json', '--output', '.aithreatrc.yaml'), /^aithreat: refusing to write the json report over \.aithreatrc\.yaml, which this run reads$/);
    expect(readFileSync(join(cwd, '.aithreatrc.yaml'), 'utf8')).toBe('failOn: high\n');
  });
});

describe('devices and FIFOs are written as streams, never replaced by a regular file', { timeout: 30_000 }, () => {
  it('a link to /dev/null: the report goes nowhere and the link still leads to the device', async () => {
    const cwd = repository('null');
    symlinkSync('/dev/null', join(cwd, 'null'));
    expectWritten(await assess(cwd, '--format', 'json', '--output', 'null'));
    expect(lstatSync(join(cwd, 'null')).isSymbolicLink()).toBe(true);
    expect(statSync(join(cwd, 'null')).isCharacterDevice()).toBe(true);
  });

  it('/dev/full: no space left, reported in one line with exit 2', async () => {
    const cwd = repository('full');
    symlinkSync('/dev/full', join(cwd, 'full'));
    expectRefusal(await assess(cwd, '--format', 'sarif=full'), /^aithreat: cannot write full: no space left on the device$/);
    expect(lstatSync(join(cwd, 'full')).isSymbolicLink()).toBe(true);
  });

  it('a link to /dev/stdout: the report arrives on stdout', async () => {
    const cwd = repository('stdout');
    symlinkSync('/dev/stdout', join(cwd, 'out'));
    const result = await assess(cwd, '--format', 'json', '--output', 'out');
    expectWritten(result);
    expect(JSON.parse(result.stdout).projects[0].file).toBe('aithreat.yaml');
    expect(lstatSync(join(cwd, 'out')).isSymbolicLink()).toBe(true);
  });

  it('a FIFO with a reader receives the report; without one, one line and no hang', async () => {
    const cwd = repository('fifo');
    const fifo = join(cwd, 'report.fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const reader = spawn('cat', [fifo]);
    const received: Buffer[] = [];
    reader.stdout.on('data', (chunk: Buffer) => received.push(chunk));
    const closed = new Promise((resolve) => reader.on('close', resolve));
    // The reader must have the FIFO open before the run writes to it.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expectWritten(await assess(cwd, '--format', 'json=report.fifo'));
    await closed;
    expect(JSON.parse(Buffer.concat(received).toString('utf8')).projects[0].file).toBe('aithreat.yaml');
    expect(statSync(fifo).isFIFO()).toBe(true);
    expectRefusal(await assess(cwd, '--format', 'json=report.fifo'), /^aithreat: cannot write report\.fifo: no process is reading the FIFO$/);
    expect(statSync(fifo).isFIFO()).toBe(true);
  });

  it('a device named directly stays a device', async () => {
    // Only root could replace /dev/null itself: as root the test uses a private copy (mknod).
    const cwd = repository('mknod');
    const device = isRoot ? join(cwd, 'null') : '/dev/null';
    if (isRoot) expect(spawnSync('mknod', [device, 'c', '1', '3']).status).toBe(0);
    expectWritten(await assess(cwd, '--format', 'json', '--output', device));
    expect(statSync(device).isCharacterDevice()).toBe(true);
  });
});

describe('smaller corners of output paths', { timeout: 30_000 }, () => {
  it('--output newdir/ is a clear mistake, not a file named newdir', async () => {
    const cwd = repository('trailing-slash');
    expectRefusal(await assess(cwd, '--format', 'json', '--output', 'newdir/'), /^aithreat: the json report names a folder \(newdir\/\); give a file name, such as newdir\/aithreat\.json$/);
    expect(existsSync(join(cwd, 'newdir'))).toBe(false);
  });

  it('a 250-character name works: the temporary name stays within the 255-byte limit', async () => {
    const cwd = repository('long-name');
    const name = `${'r'.repeat(245)}.json`;
    expectWritten(await assess(cwd, '--format', `json=${name}`));
    expect(readdirSync(cwd).sort()).toEqual(['aithreat.yaml', name]);
  });

  it('two formats to one file spelt two ways are refused before anything is written', async () => {
    const cwd = repository('same-file');
    mkdirSync(join(cwd, 'sub'));
    expectRefusal(await assess(cwd, '--format', 'json=r.json', '--format', 'sarif=./r.json'), /^aithreat: the json and sarif reports would both write to r\.json and \.\/r\.json; give each its own file$/);
    expectRefusal(await assess(cwd, '--format', 'json=r.json', '--format', 'junit=sub/../r.json'), /both write to r\.json and sub\/\.\.\/r\.json/);
    expectRefusal(await assess(cwd, '--format', 'table', '--format', 'json=/dev/stdout'), /^aithreat: the table and json reports would both write to stdout and \/dev\/stdout/);
    expect(readdirSync(cwd).sort()).toEqual(['aithreat.yaml', 'sub']);
  });

  it('a replaced report keeps its permission bits', async () => {
    const cwd = repository('mode');
    writeFileSync(join(cwd, 'r.json'), 'old', { mode: 0o600 });
    expectWritten(await assess(cwd, '--format', 'json=r.json'));
    expect(statSync(join(cwd, 'r.json')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(cwd, 'r.json'), 'utf8')).not.toBe('old');
  });

  it('a path under /proc: one line, exit 2, no endless loop making folders', async () => {
    const cwd = repository('proc');
    expectRefusal(await assess(cwd, '--format', 'json=/proc/self/aithreat/report.json'), /^aithreat: cannot write \/proc\/self\/aithreat\/report\.json: /);
  });
});

describe('init and import write under the same rules', { timeout: 30_000 }, () => {
  it('init --force on a link to /dev/null writes to the device and keeps the link', async () => {
    const cwd = repository('init-null');
    symlinkSync('/dev/null', join(cwd, 'null'));
    const result = await runCli(['init', 'null', '--force'], { cwd });
    expectNoCrash([{ label: 'init', result }]);
    expect([result.code, result.stderr]).toEqual([0, '']);
    expect(lstatSync(join(cwd, 'null')).isSymbolicLink()).toBe(true);
    expect(statSync(join(cwd, 'null')).isCharacterDevice()).toBe(true);
  });

  it('init without --force on a device says it exists; on a folder or a name ending in / says it is a folder', async () => {
    const cwd = repository('init-folder');
    symlinkSync('/dev/null', join(cwd, 'null'));
    mkdirSync(join(cwd, 'folder'));
    expectRefusal(await runCli(['init', 'null'], { cwd }), /^aithreat: null already exists; use --force to overwrite it$/);
    expectRefusal(await runCli(['init', 'folder', '--force'], { cwd }), /^aithreat: folder is a folder; give a file name, such as folder\/aithreat\.yaml$/);
    expectRefusal(await runCli(['init', 'newdir/'], { cwd }), /^aithreat: newdir\/ names a folder; give a file name, such as newdir\/aithreat\.yaml$/);
    expect(readdirSync(cwd).sort()).toEqual(['aithreat.yaml', 'folder', 'null']);
  });

  it('a 250-character name works for init too', async () => {
    const cwd = repository('init-long');
    const name = `${'p'.repeat(245)}.yaml`;
    const result = await runCli(['init', name], { cwd });
    expect([result.code, result.stderr]).toEqual([0, '']);
    expect(readdirSync(cwd).sort()).toEqual(['aithreat.yaml', name]);
  });
});
