import { readlinkSync, realpathSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { isInside } from '../load/read-scope.js';
import { formats, type FormatName } from '../render/index.js';
import type { OutputTarget } from './output-plan.js';

/**
 * The one path policy for every report a run writes. Who named the path decides what it may be:
 * - a path typed on the command line (`--output`, `--format NAME=FILE`) may name any place the
 *   user can write, except a file this run reads;
 * - a path from `.aithreatrc.yaml` belongs to the repository being assessed, so it must lie
 *   inside the working directory once every symbolic link on the way is resolved, and may not
 *   name a file the run reads, the baseline included (the configuration was checked as written
 *   when it was loaded: config/load.ts).
 * Whatever named it, a path that ends in `/` or names a folder is a mistake; a device or FIFO
 * that exists (`/dev/null`, `/dev/full`, a named pipe) is written as a stream, never replaced by a
 * regular file; `/dev/stdout` and `/dev/stderr` are the run's own streams; and two formats may not
 * reach the same file, however each is spelt.
 */
export type Destination =
  | { kind: 'file'; path: string; /** Permission bits of the file replaced, kept on the new one. */ mode: number | null }
  | { kind: 'stream'; path: string }
  | { kind: 'stdout' }
  | { kind: 'stderr' };

export interface PlannedOutput {
  format: FormatName;
  /** The path as given, for messages; null for stdout. */
  shown: string | null;
  destination: Destination;
}

export interface PathContext {
  cwd: string;
  /** Files the run reads and no report may replace: projects, the policy, the configuration. */
  inputs: readonly string[];
  /** Files that only a typed path may replace (the baseline, which a person may refresh in place). */
  typedMayReplace: readonly string[];
}

export type PathPlan = { ok: true; outputs: PlannedOutput[] } | { ok: false; message: string };

/** Decides where each target goes, or says in one line why one may not go there. */
export function planDestinations(targets: readonly OutputTarget[], context: PathContext): PathPlan {
  const outputs: PlannedOutput[] = [];
  for (const target of targets) {
    const destination = destinationOf(target, context);
    if (typeof destination === 'string') return { ok: false, message: destination };
    outputs.push({ format: target.format, shown: target.path, destination });
  }
  const clash = sameDestination(outputs);
  if (clash) return { ok: false, message: clash };
  const over = overInput(outputs, targets, context);
  return over ? { ok: false, message: over } : { ok: true, outputs };
}

/** Paths that are the process's own standard streams, whatever they are connected to. */
const standardStreams: Record<string, 'stdout' | 'stderr'> = {
  '/dev/stdout': 'stdout',
  '/dev/fd/1': 'stdout',
  '/proc/self/fd/1': 'stdout',
  [`/proc/${process.pid}/fd/1`]: 'stdout',
  '/dev/stderr': 'stderr',
  '/dev/fd/2': 'stderr',
  '/proc/self/fd/2': 'stderr',
  [`/proc/${process.pid}/fd/2`]: 'stderr',
};

/**
 * Whether a path is, or links to, a standard stream. The links are followed one at a time because
 * the last one (`/proc/self/fd/1`) leads to a pipe or a socket that has no path of its own.
 */
function standardStreamOf(absolute: string): 'stdout' | 'stderr' | undefined {
  let path = absolute;
  for (let hop = 0; hop < 40; hop++) {
    const stream = standardStreams[path];
    if (stream) return stream;
    try {
      path = resolve(dirname(path), readlinkSync(path));
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/**
 * Whether a path as typed names a folder rather than a file: it ends in `/` (`--output newdir/`
 * would otherwise make a file called `newdir`), or is `.` or `..`.
 */
export function namesFolder(path: string): boolean {
  return /[\\/]$/.test(path) || path === '.' || path === '..';
}

/** What exists at a path, following links: nothing, a regular file, a folder, or a device or FIFO to stream to. */
export function existingKind(path: string): 'none' | 'file' | 'folder' | 'stream' | 'other' {
  const stat = statOrNull(path);
  if (!stat) return 'none';
  if (stat.isFile()) return 'file';
  if (stat.isDirectory()) return 'folder';
  return stat.isFIFO() || stat.isCharacterDevice() ? 'stream' : 'other';
}

function destinationOf(target: OutputTarget, context: PathContext): Destination | string {
  if (target.path === null) return { kind: 'stdout' };
  const { path, format } = target;
  const absolute = resolve(context.cwd, path);
  const example = `${path.replace(/[\\/]+$/, '') || '.'}/aithreat.${formats[format].extension}`;
  if (namesFolder(path)) return `${what(target)} names a folder (${path}); give a file name, such as ${example}`;
  const stream = target.origin === 'flag' ? standardStreamOf(absolute) : undefined;
  if (stream) return { kind: stream };
  const stat = statOrNull(absolute);
  if (target.origin === 'config') {
    const real = realDestination(absolute, stat);
    if (!isInside(real, realOrSelf(context.cwd))) return `${what(target)} writes to ${path}, which leads to ${real}, outside the working directory; a configuration may only write inside it`;
  }
  if (!stat) return { kind: 'file', path: absolute, mode: null };
  if (stat.isDirectory()) return `${what(target)} names a folder (${path}); give a file name, such as ${example}`;
  if (stat.isFile()) return { kind: 'file', path: absolute, mode: stat.mode & 0o7777 };
  if (stat.isFIFO() || stat.isCharacterDevice()) return { kind: 'stream', path: absolute };
  const kind = stat.isBlockDevice() ? 'a block device' : stat.isSocket() ? 'a socket' : 'neither a file nor a device';
  return `${what(target)} names ${path}, which is ${kind}; reports go to files, character devices and FIFOs`;
}

function what(target: OutputTarget): string {
  return target.origin === 'config' ? `the ${target.format} report of .aithreatrc.yaml` : `the ${target.format} report`;
}

/**
 * Where writing would land, with every link resolved: the target itself for a device or FIFO
 * (written through), else its folder's real path and its name (a link at the name is replaced).
 */
function realDestination(absolute: string, stat: Stats | null): string {
  if (stat && !stat.isFile() && !stat.isDirectory()) return realOrSelf(absolute);
  const rest: string[] = [basename(absolute)];
  let folder = dirname(absolute);
  while (statOrNull(folder) === null && dirname(folder) !== folder) {
    rest.unshift(basename(folder));
    folder = dirname(folder);
  }
  return join(realOrSelf(folder), ...rest);
}

/** Two outputs that reach one file, device or stream, compared by where they land. */
function sameDestination(outputs: readonly PlannedOutput[]): string | null {
  const seen = new Map<string, PlannedOutput>();
  for (const output of outputs) {
    const key = keyOf(output.destination);
    const earlier = seen.get(key);
    if (earlier) {
      const where = (o: PlannedOutput) => o.shown ?? 'stdout';
      const spelt = where(earlier) === where(output) ? where(output) : `${where(earlier)} and ${where(output)}`;
      return `the ${earlier.format} and ${output.format} reports would both write to ${spelt}; give each its own file`;
    }
    seen.set(key, output);
  }
  return null;
}

function keyOf(destination: Destination): string {
  if (destination.kind === 'stdout' || destination.kind === 'stderr') return destination.kind;
  const stat = statOrNull(destination.path);
  if (destination.kind === 'stream' && stat) return `device ${stat.dev}:${stat.ino}`;
  return `file ${realDestination(destination.path, null)}`;
}

/** An output that would replace a file the run reads, compared by device and inode (hard links too). */
function overInput(outputs: readonly PlannedOutput[], targets: readonly OutputTarget[], context: PathContext): string | null {
  const existing = outputs
    .map((output, i) => ({ output, origin: targets[i]!.origin, stat: output.destination.kind === 'file' ? statOrNull(output.destination.path) : null }))
    .filter((entry) => entry.stat !== null);
  // Each input costs a system call: only when a report would replace an existing file.
  if (existing.length === 0) return null;
  const identity = (stat: Stats) => `${stat.dev}:${stat.ino}`;
  const read = new Set<string>();
  for (const input of context.inputs) {
    const stat = statOrNull(resolve(context.cwd, input));
    if (stat) read.add(identity(stat));
  }
  const refreshable = new Set<string>();
  for (const input of context.typedMayReplace) {
    const stat = statOrNull(resolve(context.cwd, input));
    if (stat) refreshable.add(identity(stat));
  }
  for (const { output, origin, stat } of existing) {
    const id = identity(stat!);
    if (read.has(id) || (origin === 'config' && refreshable.has(id))) return `refusing to write the ${output.format} report over ${output.shown}, which this run reads`;
  }
  return null;
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

function realOrSelf(path: string): string {
  try {
    return realpathSync.native(path);
  } catch {
    return path;
  }
}
