import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/run-cli.js';
import { asOf, expectNoCrash, runCli, tempDir } from './helpers.js';

/**
 * What aithreat reads (SECURITY.md, "What aithreat reads"): only regular files, within a size
 * limit kept while reading, and never through a symbolic link that leaves the tree unless
 * `--follow-symlinks` says so. Every input goes through one reader, so each case is tried as a
 * project file, a policy, a baseline and the configuration. Runs use a 256 MB heap, so a file read
 * without limit kills the process, and a hang guard, so a FIFO that blocks is seen.
 */

const work = tempDir('reading');
afterAll(() => work.remove());
const heap = { NODE_OPTIONS: '--max-old-space-size=256' };
const project = join(repoRoot, 'test', 'fixtures', 'workflow', 'three-projects', 'aithreat.yaml');
/** What a file outside the tree holds: it must never reach stderr, stdout or a report. */
const secret = 'ghp_s3cr3tTOKENthatMustNotLeak';

/** A fresh folder holding a valid project, a secret outside it, and whatever `setup` adds. */
function repository(name: string, setup: (dir: string) => void): string {
  const dir = join(work.path, name, 'repo');
  mkdirSync(dir, { recursive: true });
  copyFileSync(project, join(dir, 'aithreat.yaml'));
  writeFileSync(join(work.path, name, 'credentials.yaml'), `project:\n  name: ${secret}\n${secret}: ${secret}\n`);
  setup(dir);
  return dir;
}

function mkfifo(path: string): void {
  expect(spawnSync('mkfifo', [path]).status, 'mkfifo').toBe(0);
}

/** Exit 2, one `FILE:1:1: message` line, nothing on stdout, no report, no secret, in bounded time and memory. */
async function expectRefused(args: string[], cwd: string, file: string, message: RegExp): Promise<void> {
  const result = await runCli(args[0] === 'assess' ? [...args, '--format', 'json=out/report.json'] : args, { cwd, env: heap });
  expectNoCrash([{ label: args.join(' '), result }]);
  expect(result.code, result.stderr).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:1:1: `));
  expect(result.stderr.trimEnd().split('\n')[0]).toMatch(message);
  expect(result.stderr + result.stdout).not.toContain(secret);
  expect(existsSync(join(cwd, 'out')), 'a report was written').toBe(false);
}

const nonRegular: { name: string; make: (dir: string, name: string) => void; message: RegExp }[] = [
  { name: 'a FIFO', make: (dir, name) => mkfifo(join(dir, name)), message: /is a FIFO \(named pipe\), not a regular file/ },
  { name: 'a symbolic link to a FIFO', make: (dir, name) => (mkfifo(join(dir, `${name}.fifo`)), symlinkSync(`${name}.fifo`, join(dir, name))), message: /is a FIFO \(named pipe\), not a regular file/ },
  { name: 'a symbolic link to /dev/zero', make: (dir, name) => symlinkSync('/dev/zero', join(dir, name)), message: /is a character device, not a regular file/ },
  { name: 'a symbolic link to /dev/urandom', make: (dir, name) => symlinkSync('/dev/urandom', join(dir, name)), message: /is a character device, not a regular file/ },
];

describe('only regular files are read: devices, FIFOs and links to them are refused without hanging', () => {
  for (const kind of nonRegular) {
    it(`a project file that is ${kind.name}, named and found by a directory search`, async () => {
      const cwd = repository(`project-${kind.name}`, (dir) => kind.make(dir, 'x.aithreat.yaml'));
      await expectRefused(['validate', 'x.aithreat.yaml'], cwd, 'x.aithreat.yaml', kind.message);
      await expectRefused(['assess', '.', '--as-of', asOf], cwd, 'x.aithreat.yaml', kind.message);
    }, 60_000);

    it(`a policy, a baseline and a configuration that are ${kind.name}`, async () => {
      const cwd = repository(`inputs-${kind.name}`, (dir) => {
        kind.make(dir, 'policy.yaml');
        kind.make(dir, 'base.json');
      });
      await expectRefused(['assess', 'aithreat.yaml', '--as-of', asOf, '--policy', 'policy.yaml'], cwd, 'policy.yaml', kind.message);
      await expectRefused(['assess', 'aithreat.yaml', '--as-of', asOf, '--baseline', 'base.json'], cwd, 'base.json', kind.message);
      kind.make(cwd, '.aithreatrc.yaml');
      await expectRefused(['assess', 'aithreat.yaml', '--as-of', asOf], cwd, '.aithreatrc.yaml', kind.message);
    }, 60_000);
  }
});

describe('a symbolic link that leaves the tree is not followed without --follow-symlinks', () => {
  const linked = (name: string, link: string) =>
    repository(name, (dir) => {
      symlinkSync('../credentials.yaml', join(dir, link));
    });

  it('a project file named on the command line and one found by a directory search: refused, the content never quoted', async () => {
    const cwd = linked('project-link', 'leak.aithreat.yaml');
    const message = /leads through a symbolic link to .*credentials\.yaml, outside the working directory; aithreat follows such links only with --follow-symlinks/;
    await expectRefused(['validate', 'leak.aithreat.yaml'], cwd, 'leak.aithreat.yaml', message);
    await expectRefused(['assess', '.', '--as-of', asOf], cwd, 'leak.aithreat.yaml', message);
  }, 60_000);

  it('a policy and a baseline reached through a linked folder', async () => {
    const cwd = repository('folder-link', (dir) => symlinkSync('..', join(dir, 'up')));
    const message = /leads through a symbolic link to .*credentials\.yaml, outside the working directory/;
    await expectRefused(['assess', 'aithreat.yaml', '--as-of', asOf, '--policy', 'up/credentials.yaml'], cwd, 'up/credentials.yaml', message);
    await expectRefused(['assess', 'aithreat.yaml', '--as-of', asOf, '--baseline', 'up/credentials.yaml'], cwd, 'up/credentials.yaml', message);
  }, 60_000);

  it('with --follow-symlinks the link is followed (and the file is then read like any other)', async () => {
    const cwd = linked('followed', 'leak.aithreat.yaml');
    const result = await runCli(['validate', '--follow-symlinks', 'leak.aithreat.yaml'], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^leak\.aithreat\.yaml:\d+:\d+: /);
    expect(result.stderr).not.toMatch(/symbolic link/);
  });

  it('a file typed outside the working directory is read from its own folder; a link out of that folder is not', async () => {
    const cwd = repository('typed-outside', () => {});
    const other = join(work.path, 'typed-outside', 'other');
    mkdirSync(other);
    copyFileSync(project, join(other, 'aithreat.yaml'));
    symlinkSync('../credentials.yaml', join(other, 'leak.aithreat.yaml'));
    const fine = await runCli(['validate', join(other, 'aithreat.yaml')], { cwd });
    expect([fine.code, fine.stderr]).toEqual([0, '']);
    await expectRefused(['validate', join(other, 'leak.aithreat.yaml')], cwd, join(other, 'leak.aithreat.yaml'), /leads through a symbolic link to .*credentials\.yaml, outside the working directory and the folders named on the command line/);
  }, 60_000);
});

describe('a directory search looks into other YAML files only through the one reader', () => {
  it('a FIFO, a device and a link out of the tree named *.yaml are passed over, without hanging or quoting', async () => {
    const cwd = repository('glance', (dir) => {
      mkfifo(join(dir, 'pipe.yaml'));
      symlinkSync('/dev/zero', join(dir, 'zero.yml'));
      writeFileSync(join(dir, '..', 'outside.yaml'), `formatVersion: 1\nproject:\n  name: ${secret}\n`);
      symlinkSync('../outside.yaml', join(dir, 'linked.yaml'));
    });
    const result = await runCli(['assess', '.', '--as-of', asOf, '--format', 'json'], { cwd, env: heap });
    expectNoCrash([{ label: 'assess .', result }]);
    expect(result.stderr).toBe('');
    expect((JSON.parse(result.stdout) as { projects: { file: string }[] }).projects.map((p) => p.file)).toEqual(['aithreat.yaml']);
    expect(result.stdout).not.toContain(secret);
  }, 60_000);

  it('standard input is held to the size limit', async () => {
    const result = await runCli(['validate', '-'], { cwd: repository('stdin', () => {}), env: heap, input: `${'#'.repeat(1023)}\n`.repeat(11 * 1024) });
    expectNoCrash([{ label: 'validate -', result }]);
    expect([result.code, result.stderr]).toEqual([2, '<stdin>:1:1: file on standard input is larger than that; the limit is 10485760 bytes (10 MiB)\n']);
  }, 60_000);
});
