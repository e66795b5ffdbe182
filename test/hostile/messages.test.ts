import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/run-cli.js';
import { asOf, binPath, expectNoCrash, rawControl, runCli, tempDir, type SpawnResult } from './helpers.js';

/**
 * The one text neutraliser (SECURITY.md, "What aithreat prints"): every message and every line
 * aithreat prints about a file loses escape sequences, C0 and C1 controls, carriage returns,
 * bidi controls and line breaks (LF, U+2028, U+2029, NEL), and is cut at 2,000 characters, so a
 * name or value chosen by a pull request can neither colour the terminal nor forge a line of the
 * CI log. Each case prints one of the messages that printed raw text before.
 */

const work = tempDir('messages');
afterAll(() => work.remove());
const project = join(repoRoot, 'test', 'fixtures', 'workflow', 'three-projects', 'aithreat.yaml');
/** Everything a file name may hold that a terminal or a log would act on, and a forged line. */
const hostile = 'evil\u001b[31mred\u001b]8;;https:evil.example\u0007link\u001b]8;;\u0007\r\u202e\u0085\u2028\u2029\u009b2J\nforged.yaml:1:1: all is well';
const lineBreaks = /[\u0085\u2028\u2029]/;

/** Every printed line is clean, and there are exactly `lines` of them on the stream (or each matches `lines`). */
function expectClean(text: string, lines: number | RegExp, label: string): void {
  expect(text.match(rawControl)?.[0], `${label}: raw control character`).toBeUndefined();
  expect(text.match(lineBreaks)?.[0], `${label}: a line break other than LF`).toBeUndefined();
  const split = text.replace(/\n$/, '').split('\n');
  if (typeof lines === 'number') expect(split, `${label}: lines`).toHaveLength(lines);
  else for (const line of split) expect(line, `${label}: a line of an unexpected shape`).toMatch(lines);
  expect(text, `${label}: a forged message line`).not.toMatch(/^forged\.yaml:1:1:/m);
}

function folder(name: string): string {
  const dir = join(work.path, name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

describe('messages that name a file or quote a value are neutralised', { timeout: 30_000 }, () => {
  it('validate: `FILE: valid` for a project whose name holds escapes and line breaks', async () => {
    const cwd = folder('valid');
    copyFileSync(project, join(cwd, `${hostile}.aithreat.yaml`));
    const result = await runCli(['validate', '.'], { cwd });
    expectNoCrash([{ label: 'validate', result }]);
    expect(result.code, result.stderr).toBe(0);
    expectClean(result.stdout, 1, 'stdout');
    expect(result.stdout).toMatch(/^evil.*forged\.yaml:1:1: all is well\.aithreat\.yaml: valid\n$/);
  });

  it('the comparison with a baseline, which prints the baseline\'s project files', async () => {
    const cwd = folder('baseline');
    copyFileSync(project, join(cwd, 'aithreat.yaml'));
    const gap = { control: 'DEVSECURITY', kind: 'missing', required: true, severity: 'high', threats: ['DATAPOISON'] };
    writeFileSync(join(cwd, 'base.json'), JSON.stringify({ projects: [{ file: hostile, gaps: [gap] }] }));
    const result = await runCli(['assess', 'aithreat.yaml', '--as-of', asOf, '--baseline', 'base.json', '--format', 'json=out.json'], { cwd });
    expectNoCrash([{ label: 'assess', result }]);
    expect(result.code, result.stderr).toBe(0);
    const comparisonLine = /^(Compared with baseline base\.json: .*|  (new|resolved) +[^ ].*)$/;
    expectClean(result.stderr, comparisonLine, 'stderr');
    expect(result.stderr).toMatch(/^ {2}resolved evil.*all is well: DEVSECURITY \(missing\) required, high, against DATAPOISON$/m);
    const diff = await runCli(['diff', 'base.json', 'out.json'], { cwd });
    expectClean(diff.stdout, comparisonLine, 'diff stdout');
  });

  it('invalid JSON: the position and what is wrong, never a snippet of the file', async () => {
    const cwd = folder('json');
    copyFileSync(project, join(cwd, 'aithreat.yaml'));
    writeFileSync(join(cwd, 'base.json'), `{"projects": [\n  \u001b[2J\u001b]0;ghp_secretToken\u0007 ]}`);
    const result = await runCli(['assess', 'aithreat.yaml', '--as-of', asOf, '--baseline', 'base.json'], { cwd });
    expectNoCrash([{ label: 'assess', result }]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('base.json:2:3: not valid JSON: expected a value\n');
  });

  it('a 9 MB value in a baseline is refused in a line of bounded length', async () => {
    const cwd = folder('long');
    copyFileSync(project, join(cwd, 'aithreat.yaml'));
    writeFileSync(join(cwd, 'base.json'), JSON.stringify({ projects: [{ file: 'a.yaml', gaps: [{ control: 'X'.repeat(9_000_000), kind: 'missing', required: true }] }] }));
    const result = await runCli(['assess', 'aithreat.yaml', '--as-of', asOf, '--baseline', 'base.json'], { cwd });
    expectNoCrash([{ label: 'assess', result }]);
    expect(result.code).toBe(2);
    expect(result.stderr.length).toBeLessThan(2100);
    expectClean(result.stderr, 1, 'stderr');
  }, 30_000);

  it('cannot write: the target as typed, cleaned', async () => {
    const cwd = folder('write');
    copyFileSync(project, join(cwd, 'aithreat.yaml'));
    writeFileSync(join(cwd, hostile), 'a file, not a folder');
    const result = await runCli(['assess', 'aithreat.yaml', '--as-of', asOf, '--format', `json=${hostile}/report.json`], { cwd });
    expectNoCrash([{ label: 'assess', result }]);
    expect(result.code).toBe(2);
    expectClean(result.stderr, 1, 'stderr');
    expect(result.stderr).toMatch(/^aithreat: cannot write evil.*\/report\.json: part of the path is a file, not a folder\n$/);
  });

  it('cannot read directory: the folder name, cleaned (run without root\'s privileges, which ignore permissions)', async () => {
    const cwd = folder('unreadable');
    copyFileSync(project, join(cwd, 'aithreat.yaml'));
    const locked = join(cwd, hostile);
    mkdirSync(locked);
    chmodSync(locked, 0o000);
    const result = await runUnprivileged(['validate', '.'], cwd);
    chmodSync(locked, 0o755);
    expectNoCrash([{ label: 'validate', result }]);
    expect(result.code).toBe(2);
    expectClean(result.stderr, 1, 'stderr');
    expect(result.stderr).toMatch(/^aithreat: cannot read directory '.*evil.*all is well' \(EACCES\)\n$/);
  });

  it('a flag value quoted back', async () => {
    const result = await runCli(['assess', project, '--as-of', hostile]);
    expect(result.code).toBe(2);
    expectClean(result.stderr, 1, 'stderr');
  });
});

/** Runs the built CLI as an unprivileged user when this process is root, so permissions apply. */
function runUnprivileged(args: string[], cwd: string): Promise<SpawnResult> {
  if (process.getuid?.() !== 0) return runCli(args, { cwd });
  // The test's folders are root's: let the unprivileged user in (and no further than the permissions say).
  for (let dir = cwd; dir.startsWith(work.path); dir = dirname(dir)) chmodSync(dir, 0o755);
  const result = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, binPath(), ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' },
    encoding: 'utf8',
    timeout: 20_000,
  });
  return Promise.resolve({ code: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr, timedOut: result.error !== undefined });
}

describe('no message bypasses the neutraliser', { timeout: 30_000 }, () => {
  // A guard for the next command: a message on stderr is built with printError or formatProblems
  // (src/io.ts, src/problem.ts), never written as a raw template that could quote a file's text.
  it('no source file writes a template string to stderr itself', () => {
    const offenders: string[] = [];
    const visit = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) visit(path);
        else if (path.endsWith('.ts') && path !== join(repoRoot, 'src', 'io.ts')) {
          readFileSync(path, 'utf8').split('\n').forEach((line, i) => {
            if (/\bio\.stderr\(\s*[`'"]/.test(line)) offenders.push(`${path.slice(repoRoot.length)}:${i + 1}: ${line.trim()}`);
          });
        }
      }
    };
    visit(join(repoRoot, 'src'));
    expect(offenders).toEqual([]);
  });
});
