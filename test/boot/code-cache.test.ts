import { chmodSync, cpSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import * as nodeModule from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cacheDirectory, cacheFileName, keptCaches, maxKinds, readCache, runKind, writeCache } from '../../src/boot/code-cache.js';
import { repoRoot, runBuiltCli } from '../helpers/run-cli.js';

let work: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'aithreat-cache-'));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

describe('where the code cache lives', () => {
  it.each([
    ['NODE_COMPILE_CACHE, when absolute', { NODE_COMPILE_CACHE: '/c', HOME: '/h' }, 'linux', '/c/aithreat'],
    ['XDG_CACHE_HOME on Linux', { XDG_CACHE_HOME: '/x', HOME: '/h' }, 'linux', '/x/aithreat'],
    ['~/.cache on Linux', { HOME: '/h' }, 'linux', '/h/.cache/aithreat'],
    ['~/Library/Caches on macOS', { HOME: '/h', XDG_CACHE_HOME: '/x' }, 'darwin', '/h/Library/Caches/aithreat'],
    ['a relative NODE_COMPILE_CACHE is ignored', { NODE_COMPILE_CACHE: 'cache', HOME: '/h' }, 'linux', '/h/.cache/aithreat'],
    ['a relative XDG_CACHE_HOME is ignored', { XDG_CACHE_HOME: '.cache', HOME: '/h' }, 'linux', '/h/.cache/aithreat'],
    ['no home: none', {}, 'linux', null],
    ['a relative home: none', { HOME: 'h' }, 'linux', null],
    ['NODE_DISABLE_COMPILE_CACHE: none', { NODE_DISABLE_COMPILE_CACHE: '1', NODE_COMPILE_CACHE: '/c', HOME: '/h' }, 'linux', null],
  ] as const)('%s', (_name, env, platform, expected) => {
    expect(cacheDirectory(env, platform)).toBe(expected);
  });

  it('is under LOCALAPPDATA on Windows, and none without it', () => {
    // The path module of the platform running the test joins them.
    expect(cacheDirectory({ LOCALAPPDATA: '/local' }, 'win32')).toBe(join('/local', 'aithreat', 'Cache'));
    expect(cacheDirectory({ HOME: '/h' }, 'win32')).toBe(null);
  });

  it('names each cache after the bundle and the V8 that compiled it', () => {
    expect(cacheFileName('0123456789abcdef')).toBe(`cli-0123456789abcdef-${process.versions.v8}-${process.arch}.cache`);
  });
});

describe('reading and writing a cache', () => {
  const data = Buffer.from([1, 2, 3, 10, 0, 255]);

  it('reads back what it wrote, in a directory and a file only this user can write', () => {
    const dir = join(work, 'deep', 'aithreat');
    expect(writeCache(dir, 'c.cache', { data, kinds: ['validate', 'assess+table'] })).toBe(true);
    expect(readCache(dir, 'c.cache')).toEqual({ data, kinds: ['validate', 'assess+table'] });
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, 'c.cache')).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['c.cache']);
  });

  it('replaces a cache whole', () => {
    writeCache(work, 'c.cache', { data, kinds: ['validate'] });
    writeCache(work, 'c.cache', { data: Buffer.from('new'), kinds: ['validate', 'catalog'] });
    expect(readCache(work, 'c.cache')).toEqual({ data: Buffer.from('new'), kinds: ['validate', 'catalog'] });
    expect(readdirSync(work)).toEqual(['c.cache']);
  });

  it('keeps the caches written last, and removes what a crashed writer left long ago', () => {
    const old = Date.now() / 1000 - 7200;
    for (let i = 0; i < 6; i++) {
      writeCache(work, `cli-${i}.cache`, { data, kinds: [] });
      utimesSync(join(work, `cli-${i}.cache`), old + i * 60, old + i * 60);
    }
    writeFileSync(join(work, 'cli-9.cache.123.tmp'), 'half a cache');
    utimesSync(join(work, 'cli-9.cache.123.tmp'), old, old);
    writeFileSync(join(work, 'cli-9.cache.456.tmp'), 'a cache being written');
    writeFileSync(join(work, 'notes.txt'), 'not ours');
    writeCache(work, 'cli-new.cache', { data, kinds: [] });
    expect(readdirSync(work).sort()).toEqual(['cli-3.cache', 'cli-4.cache', 'cli-5.cache', 'cli-9.cache.456.tmp', 'cli-new.cache', 'notes.txt']);
    expect(keptCaches).toBe(4);
  });

  it('ignores a missing cache, a missing directory and a file that is not a cache', () => {
    expect(readCache(work, 'none.cache')).toBe(null);
    expect(readCache(join(work, 'none'), 'c.cache')).toBe(null);
    writeFileSync(join(work, 'c.cache'), 'not a cache at all', { mode: 0o600 });
    expect(readCache(work, 'c.cache')).toBe(null);
  });

  it('never reads a cache others could have written', () => {
    writeCache(work, 'c.cache', { data, kinds: [] });
    chmodSync(join(work, 'c.cache'), 0o622);
    expect(readCache(work, 'c.cache')).toBe(null);
    chmodSync(join(work, 'c.cache'), 0o600);
    chmodSync(work, 0o777);
    expect(readCache(work, 'c.cache')).toBe(null);
    expect(writeCache(work, 'd.cache', { data, kinds: [] })).toBe(false);
  });

  it('follows no symbolic link, to the directory or to the file', () => {
    const real = join(work, 'real');
    writeCache(real, 'c.cache', { data, kinds: [] });
    symlinkSync(real, join(work, 'link'));
    expect(readCache(join(work, 'link'), 'c.cache')).toBe(null);
    expect(writeCache(join(work, 'link'), 'c.cache', { data, kinds: [] })).toBe(false);
    symlinkSync(join(real, 'c.cache'), join(real, 'other.cache'));
    expect(readCache(real, 'other.cache')).toBe(null);
  });

  it('reports failure, without throwing, where it cannot write', () => {
    writeFileSync(join(work, 'file'), 'a file where the directory would be');
    expect(writeCache(join(work, 'file'), 'c.cache', { data, kinds: [] })).toBe(false);
    expect(writeCache(join(work, 'file', 'below'), 'c.cache', { data, kinds: [] })).toBe(false);
    expect(readCache(join(work, 'file'), 'c.cache')).toBe(null);
  });
});

describe('the kind of a run', () => {
  it.each([
    [['validate', 'a.yaml'], 'validate'],
    [['assess', 'a.yaml'], 'assess'],
    [['assess', 'a.yaml', '--format', 'table'], 'assess+table'],
    [['assess', 'a.yaml', '-f', 'sarif=out.sarif', '--format=json', '-f', 'json'], 'assess+json+sarif'],
    [['catalog', 'list'], 'catalog'],
    [['Assess', 'a.yaml'], null],
    [['assess', '-f', '../../x y'], null],
    [[], null],
  ])('%j is %s', (argv, kind) => {
    expect(runKind(argv)).toBe(kind);
  });

  it('has a bound on how many kinds one cache holds', () => {
    expect(maxKinds).toBeGreaterThan(8);
  });
});

describe('the built CLI and its cache', () => {
  /** The built package without the cache the build made, as another Node.js version sees it. */
  function installWithoutShippedCache(): string {
    const pkg = join(work, 'pkg');
    cpSync(join(repoRoot, 'bin'), join(pkg, 'bin'), { recursive: true });
    mkdirSync(join(pkg, 'dist'));
    for (const file of ['main.cjs', 'cli.cjs', 'authoring.cjs']) cpSync(join(repoRoot, 'dist', file), join(pkg, 'dist', file));
    return pkg;
  }
  const cli = (pkg: string, args: string[], env: Record<string, string>) => runBuiltCli(args, { env, bin: join(pkg, 'bin', 'aithreat.cjs') });

  it('saves the code of each kind of run once, and runs the same from it', () => {
    const pkg = installWithoutShippedCache();
    const home = join(work, 'home');
    mkdirSync(home);
    const env = { HOME: home };
    const dir = join(home, '.cache', 'aithreat');
    const first = cli(pkg, ['validate', 'examples/fraud-detection.yaml'], env);
    expect(first).toEqual({ stdout: 'examples/fraud-detection.yaml: valid\n', stderr: '', code: 0 });
    const [name] = readdirSync(dir);
    expect(name).toMatch(new RegExp(`^cli-[0-9a-f]{16}-${process.versions.v8.replace(/\./g, '\\.')}-${process.arch}\\.cache$`));
    const file = join(dir, name!);
    expect(readCache(dir, name!)?.kinds).toEqual(['validate']);
    const written = lstatSync(file).mtimeMs;

    expect(cli(pkg, ['validate', 'examples/fraud-detection.yaml'], env)).toEqual(first);
    expect(lstatSync(file).mtimeMs).toBe(written);

    const table = cli(pkg, ['assess', 'examples/fraud-detection.yaml', '--format', 'table', '--as-of', '2026-11-25'], env);
    expect(readCache(dir, name!)?.kinds).toEqual(['validate', 'assess+table']);
    expect(cli(pkg, ['assess', 'examples/fraud-detection.yaml', '--format', 'table', '--as-of', '2026-11-25'], env)).toEqual(table);
    expect(readdirSync(dir).filter((f) => f.endsWith('.cache'))).toEqual([name]);
  });

  it('lets Node.js 22+ keep the authoring bundle’s code in the same private directory', () => {
    const pkg = installWithoutShippedCache();
    const home = join(work, 'home');
    mkdirSync(home);
    const dir = join(home, '.cache', 'aithreat');
    cli(pkg, ['validate', 'examples/fraud-detection.yaml'], { HOME: home });
    const init = cli(pkg, ['init', '-'], { HOME: home });
    expect(init.code).toBe(0);
    expect(init.stdout).toContain('formatVersion: 1');
    expect(cli(pkg, ['init', '-'], { HOME: home })).toEqual(init);
    const nodeHasCompileCache = typeof (nodeModule as { enableCompileCache?: unknown }).enableCompileCache === 'function';
    expect(readdirSync(dir).includes('node')).toBe(nodeHasCompileCache);
  });

  it('saves nothing for a run that failed on its input', () => {
    const pkg = installWithoutShippedCache();
    const home = join(work, 'home');
    mkdirSync(home);
    expect(cli(pkg, ['validate', 'no-such-file.yaml'], { HOME: home }).code).toBe(2);
    expect(readdirSync(home)).toEqual([]);
  });

  it('runs without a cache where none may be written, and writes nothing in the working directory', () => {
    const pkg = installWithoutShippedCache();
    const home = join(work, 'home');
    writeFileSync(home, 'not a directory');
    const before = readdirSync(repoRoot).sort();
    const envs: Record<string, string>[] = [{ HOME: home }, { HOME: 'relative-home' }, { HOME: join(work, 'h'), NODE_DISABLE_COMPILE_CACHE: '1' }];
    for (const env of envs) {
      expect(cli(pkg, ['validate', 'examples/fraud-detection.yaml'], env)).toEqual({ stdout: 'examples/fraud-detection.yaml: valid\n', stderr: '', code: 0 });
    }
    expect(readdirSync(repoRoot).sort()).toEqual(before);
    expect(readdirSync(work).sort()).toEqual(['home', 'pkg']);
  });

  it('ignores a cache that is corrupt, and replaces it', () => {
    const pkg = installWithoutShippedCache();
    const home = join(work, 'home');
    mkdirSync(home);
    cli(pkg, ['validate', 'examples/fraud-detection.yaml'], { HOME: home });
    const dir = join(home, '.cache', 'aithreat');
    const [name] = readdirSync(dir);
    const file = join(dir, name!);
    const good = readFileSync(file);
    // Both headers intact, the compiled code replaced by noise.
    writeFileSync(file, Buffer.concat([good.subarray(0, 200), Buffer.alloc(good.length - 200, 0x5a)]), { mode: 0o600 });
    expect(cli(pkg, ['validate', 'examples/fraud-detection.yaml'], { HOME: home })).toEqual({ stdout: 'examples/fraud-detection.yaml: valid\n', stderr: '', code: 0 });
    expect(readCache(dir, name!)?.kinds).toEqual(['validate']);
  });
});
