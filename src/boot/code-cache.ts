import { closeSync, constants, fstatSync, fsyncSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, unlinkSync, writeSync, type Stats } from 'node:fs';
import { isAbsolute, join } from 'node:path';

/**
 * V8 code caches made on the user's machine, one per bundle and V8 version, in a directory of the
 * user's own. A code cache is compiled code that V8 runs without checking it, so a file another
 * user could have written is never read: the directory and the file must belong to this user and
 * be writable by no one else. Every failure (no home, a read-only disk, a directory that is not
 * ours) means only that aithreat starts without a cache; it never stops a run.
 */

type Env = Readonly<Record<string, string | undefined>>;

/**
 * The directory: `NODE_COMPILE_CACHE/aithreat` when that is an absolute path (Node.js's own
 * setting for its compile cache), else the platform's per-user cache directory; none when
 * `NODE_DISABLE_COMPILE_CACHE` is set. A relative path is ignored rather than resolved against
 * the working directory, which is usually the user's repository.
 */
export function cacheDirectory(env: Env, platform: NodeJS.Platform): string | null {
  if (env.NODE_DISABLE_COMPILE_CACHE) return null;
  const absolute = (path: string | undefined): path is string => path !== undefined && path !== '' && isAbsolute(path);
  if (absolute(env.NODE_COMPILE_CACHE)) return join(env.NODE_COMPILE_CACHE, 'aithreat');
  if (platform === 'win32') return absolute(env.LOCALAPPDATA) ? join(env.LOCALAPPDATA, 'aithreat', 'Cache') : null;
  if (platform === 'darwin') return absolute(env.HOME) ? join(env.HOME, 'Library', 'Caches', 'aithreat') : null;
  if (absolute(env.XDG_CACHE_HOME)) return join(env.XDG_CACHE_HOME, 'aithreat');
  return absolute(env.HOME) ? join(env.HOME, '.cache', 'aithreat') : null;
}

/** The cache's file name: the bundle's content hash (set by the build) and the V8 that compiled it. */
export function cacheFileName(bundleId: string): string {
  return `cli-${bundleId}-${process.versions.v8}-${process.arch}.cache`;
}

export interface CacheEntry {
  /** V8's cached data. */
  data: Buffer;
  /** The kinds of run (see runKind) whose code it holds. */
  kinds: string[];
}

const magic = 'aithreat-code-cache 2\n';

/** Belongs to this user and nobody else can write it (on Windows, the per-user folder says so). */
function isPrivate(stats: Stats): boolean {
  if (typeof process.getuid !== 'function') return true;
  return stats.uid === process.getuid() && (stats.mode & 0o022) === 0;
}

function isPrivateDirectory(dir: string): boolean {
  const stats = lstatSync(dir, { throwIfNoEntry: false });
  return stats !== undefined && stats.isDirectory() && isPrivate(stats);
}

/** The cache, when the file exists, is ours and is well formed; otherwise null. */
export function readCache(dir: string, name: string): CacheEntry | null {
  let fd: number | undefined;
  try {
    if (!isPrivateDirectory(dir)) return null;
    fd = openSync(join(dir, name), constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
    const stats = fstatSync(fd);
    if (!stats.isFile() || !isPrivate(stats)) return null;
    const file = readFileSync(fd);
    // The header: the magic line, the kinds, and the length of V8's data, which follows twice.
    const head = file.subarray(0, 4096).toString('latin1');
    const kindsEnd = head.indexOf('\n', magic.length);
    const lengthEnd = head.indexOf('\n', kindsEnd + 1);
    if (!head.startsWith(magic) || kindsEnd < 0 || lengthEnd < 0) return null;
    const length = Number(head.slice(kindsEnd + 1, lengthEnd));
    const first = file.subarray(lengthEnd + 1, lengthEnd + 1 + length);
    const second = file.subarray(lengthEnd + 1 + length);
    // V8 runs cached data without checking it (in release builds), and damaged data crashes it at
    // every start. Node.js's compile cache checks a CRC for that reason; loading zlib or crypto
    // for one costs 3 ms, so the data is stored twice and compared (well under a millisecond).
    if (!Number.isSafeInteger(length) || length === 0 || second.length !== length || !first.equals(second)) return null;
    return { data: first, kinds: head.slice(magic.length, kindsEnd).split(' ').filter(Boolean) };
  } catch {
    return null;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Writes the cache whole or not at all: into a new file of this process, renamed over the old
 * one, so that a reader sees the old cache or the new one and two writers cannot mix their bytes.
 */
export function writeCache(dir: string, name: string, entry: CacheEntry): boolean {
  const temporary = join(dir, `${name}.${process.pid}.tmp`);
  let fd: number | undefined;
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (!isPrivateDirectory(dir)) return false;
    // 'wx' fails when the name exists, a symbolic link included.
    fd = openSync(temporary, 'wx', 0o600);
    writeSync(fd, `${magic}${entry.kinds.join(' ')}\n${entry.data.length}\n`, null, 'latin1');
    writeAll(fd, entry.data);
    writeAll(fd, entry.data);
    // On disk before it takes the old file's name, so that a crash leaves one cache or the other.
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temporary, join(dir, name));
    pruneCaches(dir, name);
    return true;
  } catch {
    if (fd !== undefined) {
      closeSync(fd);
      unlinkSync(temporary);
    }
    return false;
  }
}

/** How many caches a directory keeps: one per installed aithreat and Node.js in use, about. */
export const keptCaches = 4;

/**
 * Every build of aithreat and every V8 has caches of its own, so old ones would pile up, a
 * megabyte each. After a write, only the most recently written few stay (and no temporary file a
 * crashed writer left an hour ago).
 */
function pruneCaches(dir: string, written: string): void {
  try {
    const caches: { file: string; written: number }[] = [];
    for (const entry of readdirSync(dir)) {
      const file = join(dir, entry);
      const stats = lstatSync(file);
      if (/^cli-.+\.cache$/.test(entry) && entry !== written) caches.push({ file, written: stats.mtimeMs });
      else if (/^cli-.+\.cache\.\d+\.tmp$/.test(entry) && stats.mtimeMs < Date.now() - 3_600_000) unlinkSync(file);
    }
    caches.sort((a, b) => b.written - a.written);
    for (const { file } of caches.slice(keptCaches - 1)) unlinkSync(file);
  } catch {
    // A cache left over costs only disk space.
  }
}

function writeAll(fd: number, data: Buffer): void {
  for (let offset = 0; offset < data.length; ) offset += writeSync(fd, data, offset);
}

/** At most this many kinds of run in one cache: past that the cache stops growing. */
export const maxKinds = 32;

/**
 * What a run exercises, as far as the code V8 compiles for it goes: the command and the formats
 * asked for (`assess+json+sarif`). A cache made by a run of one kind lacks the code another kind
 * needs, so a run of a kind the cache does not hold yet rewrites it with that code added. Only
 * plain names count, so that typing mistakes do not make new kinds.
 */
export function runKind(argv: readonly string[]): string | null {
  const formats = new Set<string>();
  argv.forEach((arg, i) => {
    const value = arg === '-f' || arg === '--format' ? argv[i + 1] : arg.startsWith('--format=') ? arg.slice('--format='.length) : undefined;
    const format = value?.split('=')[0];
    if (format) formats.add(format);
  });
  const kind = [argv[0] ?? '', ...[...formats].sort()].join('+');
  return /^[a-z][a-z0-9+-]{0,63}$/.test(kind) ? kind : null;
}

/** The commands that load dist/authoring.cjs through require (scripts/build.ts, authoringApart). */
const authoringCommands = new Set(['init', 'import']);

export function loadsAuthoringBundle(argv: readonly string[]): boolean {
  return authoringCommands.has(argv[0] ?? '');
}
