import { spawn } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, watch, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/output/write-file.js';
import { repoRoot } from '../helpers/run-cli.js';
import { asOf, binPath, expectNoCrash, formats, runCli, sha256, stackTrace, tempDir, type Format } from './helpers.js';

/**
 * Where reports go: `--output FILE` and `--format NAME=FILE`. Files are written whole or not at
 * all (a temporary file in the same folder, renamed over the target), missing folders are made,
 * failures are one line on stderr with exit code 2, and the project file is never touched.
 */

const project = 'project.yaml';
const work = tempDir('writes');
const cwd = work.path;
const extensions: Record<Format, string> = { table: 'txt', markdown: 'md', json: 'json', sarif: 'sarif', junit: 'xml', summary: 'summary.md', github: 'github.txt' };
/** What a complete run writes in each format, into a folder at the same depth as the tests' folders. */
const reference = {} as Record<Format, string>;
let projectHash = '';

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const assess = (...args: string[]) => runCli(['assess', project, '--as-of', asOf, ...args], { cwd });
const allFormatsInto = (dir: string) => formats.flatMap((f) => ['--format', `${f}=${dir}/report.${extensions[f]}`]);
/**
 * A report as written into any folder: Markdown links to the project differ only in their `../`
 * prefix, and the summary's link to the Markdown report beside it only in the folder it names.
 */
const portable = (text: string) => text.replace(/\]\((?:\.\.\/)+project\.yaml/g, '](project.yaml').replace(/\]: (?:\.\.\/)+project\.yaml/g, ']: project.yaml').replace(/\[[\w/.-]*\/report\.md\]\(report\.md\)/g, '[report.md](report.md)');
const expectReport = (path: string, format: Format) => expect(portable(readFileSync(path, 'utf8')), `${format} report at ${path}`).toBe(portable(reference[format]));
/** Temporary files the writer leaves behind: `.NAME.RANDOM.tmp`. */
const strayTemporaries = (dir: string) => readdirSync(dir).filter((name) => name.endsWith('.tmp'));

beforeAll(async () => {
  copyFileSync(join(repoRoot, 'examples', 'fraud-detection.yaml'), join(cwd, project));
  projectHash = sha256(join(cwd, project));
  const result = await assess(...allFormatsInto('reference'));
  expectNoCrash([{ label: 'reference run', result }]);
  for (const format of formats) reference[format] = readFileSync(join(cwd, 'reference', `report.${extensions[format]}`), 'utf8');
});
afterAll(() => {
  try {
    expect(sha256(join(cwd, project)), 'the project file changed').toBe(projectHash);
  } finally {
    work.remove();
  }
});

describe('writing reports', () => {
  it('makes missing folders, for --output and for --format NAME=FILE', async () => {
    const result = await assess('--format', 'markdown', '--output', 'new/deeper/report.md', '--format', 'sarif=other/new/report.sarif');
    expectNoCrash([{ label: 'assess', result }]);
    expect([result.code, result.stdout, result.stderr]).toEqual([0, '', '']);
    expectReport(join(cwd, 'new/deeper/report.md'), 'markdown');
    expectReport(join(cwd, 'other/new/report.sarif'), 'sarif');
  }, 30_000);

  it('replaces an existing file whole: nothing of a longer old file is left', async () => {
    mkdirSync(join(cwd, 'existing'), { recursive: true });
    for (const format of formats) writeFileSync(join(cwd, 'existing', `report.${extensions[format]}`), 'old '.repeat(250_000));
    const result = await assess(...allFormatsInto('existing'));
    expect([result.code, result.stderr]).toEqual([0, '']);
    for (const format of formats) expectReport(join(cwd, 'existing', `report.${extensions[format]}`), format);
    expect(strayTemporaries(join(cwd, 'existing'))).toEqual([]);
  }, 30_000);

  it('replaces a symbolic link rather than writing through it', async () => {
    mkdirSync(join(cwd, 'links'), { recursive: true });
    writeFileSync(join(cwd, 'links', 'elsewhere.txt'), 'not a report');
    symlinkSync('elsewhere.txt', join(cwd, 'links', 'report.md'));
    const result = await assess('--format', 'markdown=links/report.md');
    expect([result.code, result.stderr]).toEqual([0, '']);
    expect(readFileSync(join(cwd, 'links', 'elsewhere.txt'), 'utf8')).toBe('not a report');
    expectReport(join(cwd, 'links', 'report.md'), 'markdown');
  }, 30_000);

  it('never writes a report over the project file it reads', async () => {
    // A copy of its own, so that a failure here does not spoil the other tests' project file.
    const dir = join(cwd, 'self');
    mkdirSync(dir, { recursive: true });
    const input = join(dir, project);
    for (const args of [['--output', project], ['--format', `json=${project}`], ['--format', 'table', '--format', `markdown=./${project}`]]) {
      copyFileSync(join(cwd, project), input);
      const result = await runCli(['assess', project, '--as-of', asOf, ...args], { cwd: dir });
      expectNoCrash([{ label: args.join(' '), result }]);
      expect(sha256(input), `${args.join(' ')} changed the project file`).toBe(projectHash);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(/^aithreat: .+\n$/);
    }
  }, 30_000);
});

describe('a report that cannot be written: one line on stderr, exit code 2, nothing left behind', () => {
  const expectWriteFailure = (result: Awaited<ReturnType<typeof assess>>, target: string, reason: RegExp) => {
    expectNoCrash([{ label: 'assess', result }]);
    expect(result.code).toBe(2);
    expect(result.stderr).not.toMatch(stackTrace);
    const lines = result.stderr.replace(/\n$/, '').split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^aithreat: cannot write ${target.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `));
    expect(lines[0]).toMatch(reason);
  };

  it('a path under a regular file (ENOTDIR, even for root)', async () => {
    writeFileSync(join(cwd, 'somefile.txt'), 'a file, not a folder');
    const result = await assess('--format', 'markdown', '--output', 'somefile.txt/out.md');
    expectWriteFailure(result, 'somefile.txt/out.md', /a file, not a folder/);
    expect(result.stdout).toBe('');
    expect(readFileSync(join(cwd, 'somefile.txt'), 'utf8')).toBe('a file, not a folder');
  }, 30_000);

  it('a read-only folder (or, when running as root, which ignores permissions, a folder under a file)', async () => {
    const dir = join(cwd, 'read-only');
    mkdirSync(dir, { recursive: true });
    chmodSync(dir, 0o555);
    try {
      const target = isRoot ? 'somefile.txt/deeper/out.sarif' : 'read-only/out.sarif';
      writeFileSync(join(cwd, 'somefile.txt'), 'a file, not a folder');
      const result = await assess('--format', `sarif=${target}`);
      expectWriteFailure(result, target, isRoot ? /a file, not a folder/ : /permission denied/);
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      chmodSync(dir, 0o755);
    }
  }, 30_000);

  it('a target that is a folder: refused before anything is written, the folder is untouched', async () => {
    mkdirSync(join(cwd, 'is-a-folder', 'report.json', 'inside'), { recursive: true });
    const result = await assess('--format', 'json=is-a-folder/report.json', '--format', 'sarif=is-a-folder/report.sarif');
    expectNoCrash([{ label: 'assess', result }]);
    expect([result.code, result.stdout]).toEqual([2, '']);
    expect(result.stderr).toBe('aithreat: the json report names a folder (is-a-folder/report.json); give a file name, such as is-a-folder/report.json/aithreat.json\n');
    expect(readdirSync(join(cwd, 'is-a-folder'))).toEqual(['report.json']);
    expect(readdirSync(join(cwd, 'is-a-folder', 'report.json'))).toEqual(['inside']);
  }, 30_000);

  it('one target fails, the others are still written whole', async () => {
    mkdirSync(join(cwd, 'mixed'), { recursive: true });
    writeFileSync(join(cwd, 'mixed', 'file'), 'a file, not a folder');
    const result = await assess(...formats.flatMap((f) => ['--format', f === 'json' ? 'json=mixed/file/report.json' : `${f}=mixed/report.${extensions[f]}`]));
    expectWriteFailure(result, 'mixed/file/report.json', /a file, not a folder/);
    for (const format of formats.filter((f) => f !== 'json')) expectReport(join(cwd, 'mixed', `report.${extensions[format]}`), format);
    expect(strayTemporaries(join(cwd, 'mixed'))).toEqual([]);
  }, 30_000);

  it('in-process: when the rename fails, the old file stays and no temporary file is left', async () => {
    const dir = join(cwd, 'in-process');
    mkdirSync(join(dir, 'target'), { recursive: true });
    await expect(writeFileAtomic(join(dir, 'target'), 'new')).rejects.toThrow();
    expect(readdirSync(dir)).toEqual(['target']);
    writeFileSync(join(dir, 'kept.md'), 'old');
    rmSync(join(dir, 'target'), { recursive: true });
    await writeFileAtomic(join(dir, 'kept.md'), 'new');
    expect(readFileSync(join(dir, 'kept.md'), 'utf8')).toBe('new');
    expect(readdirSync(dir)).toEqual(['kept.md']);
  });
});

describe('a run killed half-way', () => {
  /**
   * SIGKILL as soon as anything appears in the output folder (the first temporary file or the
   * first report), ten times, since where the kill lands varies. Every report present afterwards
   * must be whole. A kill between writing a temporary file and renaming it cannot be caught, so
   * the temporary file stays, named as this run's (`.NAME.RANDOM.tmp`); the next run leaves it
   * alone, since it cannot tell an abandoned file from one another run is writing (a process id
   * means nothing across PID namespaces or hosts). Signals that can be caught: signals.test.ts.
   */
  it('leaves only whole reports; a temporary file left by SIGKILL is named as one and left to the user', async () => {
    const bin = binPath();
    const outcomes: { present: string[]; stray: string[] }[] = [];
    for (let attempt = 0; attempt < 10; attempt++) {
      const dir = join(cwd, `killed-${attempt}`);
      mkdirSync(dir);
      await new Promise<void>((resolve) => {
        const child = spawn(process.execPath, [bin, 'assess', project, '--as-of', asOf, ...allFormatsInto(`killed-${attempt}`)], { cwd, stdio: 'ignore', env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' } });
        const watcher = watch(dir, () => {
          child.kill('SIGKILL');
          watcher.close();
        });
        const guard = setTimeout(() => child.kill('SIGKILL'), 20_000);
        child.on('exit', () => {
          clearTimeout(guard);
          watcher.close();
          resolve();
        });
      });
      const names = readdirSync(dir);
      const present = names.filter((name) => !name.endsWith('.tmp'));
      for (const name of present) {
        const format = formats.find((f) => name === `report.${extensions[f]}`)!;
        expectReport(join(dir, name), format);
      }
      const stray = strayTemporaries(dir);
      for (const name of stray) expect(name).toMatch(/^\.report\.[a-z]+\.[0-9a-f]{16}\.tmp$/);
      await runCli(['assess', project, '--as-of', asOf, ...allFormatsInto(`killed-${attempt}`)], { cwd });
      for (const format of formats) expectReport(join(dir, `report.${extensions[format]}`), format);
      outcomes.push({ present, stray: strayTemporaries(dir).filter((name) => !stray.includes(name)) });
    }
    expect(sha256(join(cwd, project))).toBe(projectHash);
    expect(outcomes.filter((o) => o.stray.length > 0), 'complete runs that left a temporary file behind').toEqual([]);
  }, 120_000);
});

describe('the working folder holds only what was asked for', () => {
  it('no stray files next to the project', () => {
    const expected = new Set([project, 'reference', 'new', 'other', 'existing', 'links', 'somefile.txt', 'read-only', 'is-a-folder', 'mixed', 'in-process', 'self']);
    const unexpected = readdirSync(cwd).filter((name) => !expected.has(name) && !name.startsWith('killed-'));
    expect(unexpected).toEqual([]);
    expect(existsSync(join(cwd, `.${project}.tmp`))).toBe(false);
  });
});
