import { closeSync, constants, fstatSync, openSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import type { Problem } from '../problem.js';
import { limits } from './limits.js';
import { outsideScope, type ReadScope } from './read-scope.js';

/**
 * The one way aithreat reads a file it was given: project descriptions, policies, the
 * configuration, baselines and bills of materials all come through here, so each promise below
 * holds for all of them.
 *
 * - Only regular files are read. A device (`/dev/zero` reports a size of 0 and never ends), a FIFO
 *   (opening one waits for a writer), a socket, and a symbolic link to any of them are refused
 *   before they are opened; the file is then opened non-blocking and checked again, so one
 *   swapped in meanwhile cannot hang the run either.
 * - The size limit is kept while reading: a file that grows, or reports a size it does not have
 *   (files of /proc report 0), is refused as soon as one byte more than the limit arrives.
 * - A file whose real path leaves the tree (see read-scope.ts) is refused without being opened.
 * - A refusal says why in words, and never quotes the file's content.
 * - Standard input (`-` on the command line, `standardInput` here) is read by the same size limit.
 */
export function readFileBytes(path: ReadTarget, file: string, scope: ReadScope): { bytes: Buffer } | { problem: Problem } {
  if (path === standardInput) return readStandardInput(file);
  return withOpenFile(path, file, scope, (fd, opened) => {
    const bytes = readWithin(fd, opened.size, limits.maxFileBytes);
    return bytes ? { bytes } : { problem: tooLarge(file, 'grew while it was read') };
  });
}

/**
 * The first `max` bytes of a file, by the same rules as `readFileBytes` (regular files only, in
 * scope, opened without waiting): for a glance at a file that may not be meant for aithreat, such
 * as whether a YAML file in a searched folder declares `formatVersion`.
 */
export function readFilePrefix(path: string, file: string, scope: ReadScope, max: number): { bytes: Buffer } | { problem: Problem } {
  return withOpenFile(path, file, scope, (fd) => {
    const bytes = Buffer.allocUnsafe(max);
    let length = 0;
    for (let read = -1; read !== 0 && length < max; length += read) read = readSync(fd, bytes, length, max - length, null);
    return { bytes: bytes.subarray(0, length) };
  });
}

/** Opens a regular file in scope, checks it is still the file that was checked, and reads it with `read`. */
function withOpenFile(path: string, file: string, scope: ReadScope, read: (fd: number, opened: Stats) => { bytes: Buffer } | { problem: Problem }): { bytes: Buffer } | { problem: Problem } {
  let real: string;
  let stat: Stats;
  try {
    real = realpathSync.native(path);
    stat = statSync(real);
  } catch (error) {
    return { problem: unreadable(file, error) };
  }
  const kind = notRegular(stat);
  if (kind) return { problem: refused(file, kind) };
  const outside = outsideScope(real, scope);
  if (outside) return { problem: refused(file, outside) };
  if (stat.size > limits.maxFileBytes) return { problem: tooLarge(file, `is ${stat.size} bytes`) };
  let fd: number;
  try {
    fd = openSync(real, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (error) {
    return { problem: unreadable(file, error) };
  }
  try {
    const opened = fstatSync(fd);
    const swapped = notRegular(opened) ?? (opened.ino !== stat.ino || opened.dev !== stat.dev ? 'changed while it was being opened' : null);
    if (swapped) return { problem: refused(file, swapped) };
    return read(fd, opened);
  } catch (error) {
    return { problem: unreadable(file, error) };
  } finally {
    closeSync(fd);
  }
}

/** What `-` on the command line reads: standard input, once per run. */
export const standardInput: unique symbol = Symbol('standard input');
export type ReadTarget = string | typeof standardInput;

/** How standard input is named in messages and reports. */
export const standardInputName = '<stdin>';

/**
 * `-` as an operand: standard input, whatever it is (a pipe, a file, a terminal until Ctrl-D),
 * read to its end within the size limit. A directory given as standard input is refused.
 */
export function readTargetOf(operand: string, cwd: string): ReadTarget {
  return operand === '-' ? standardInput : resolvePath(cwd, operand);
}

function readStandardInput(file: string): { bytes: Buffer } | { problem: Problem } {
  try {
    const stat = fstatSync(0);
    if (stat.isDirectory()) return { problem: refused(file, 'is a directory, not a file') };
    const bytes = readWithin(0, stat.isFile() ? stat.size : 0, limits.maxFileBytes);
    return bytes ? { bytes } : { problem: tooLarge(file, 'on standard input is larger than that') };
  } catch (error) {
    return { problem: unreadable(file, error) };
  }
}

/** A short wait for a writer that has not written yet (a non-blocking pipe answers EAGAIN). */
const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * Reads to the end of the file, or returns null once more than `max` bytes have arrived. The
 * size the file reported is a first guess for the buffer (one byte more shows that the file ends
 * there), never a promise: files of /proc report 0 and some never end.
 */
function readWithin(fd: number, reportedSize: number, max: number): Buffer | null {
  // Whole chunks: some kernel files (/proc/self/pagemap) refuse reads that are not a multiple of 8.
  const chunk = 64 * 1024;
  const capacity = Math.ceil((max + 1) / chunk) * chunk;
  let bytes = Buffer.allocUnsafe(reportedSize > 0 ? Math.min(reportedSize, max) + 1 : chunk);
  let length = 0;
  while (length <= max) {
    if (length === bytes.length) {
      const larger = Buffer.allocUnsafe(Math.min(capacity, Math.max(chunk, length * 2)));
      bytes.copy(larger, 0, 0, length);
      bytes = larger;
    }
    let read: number;
    try {
      read = readSync(fd, bytes, length, bytes.length - length, null);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
      Atomics.wait(pause, 0, 0, 5);
      continue;
    }
    if (read === 0) return bytes.subarray(0, length);
    length += read;
  }
  return null;
}

/** What a file that is not a regular file is, in words; null for a regular file. */
function notRegular(stat: Stats): string | null {
  if (stat.isFile()) return null;
  if (stat.isDirectory()) return 'is a directory, not a file';
  const what = stat.isFIFO() ? 'a FIFO (named pipe)' : stat.isCharacterDevice() ? 'a character device' : stat.isBlockDevice() ? 'a block device' : stat.isSocket() ? 'a socket' : 'not a regular file';
  return `is ${what}, not a regular file; aithreat reads only regular files`;
}

function refused(file: string, message: string): Problem {
  return { file, line: 1, column: 1, code: 'file-unreadable', message };
}

function tooLarge(file: string, what: string): Problem {
  return { file, line: 1, column: 1, code: 'file-too-large', message: `file ${what}; the limit is ${limits.maxFileBytes} bytes (10 MiB)` };
}

function unreadable(file: string, error: unknown): Problem {
  const code = (error as NodeJS.ErrnoException).code;
  const reason =
    code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, not a file' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'ELOOP' ? 'has too many levels of symbolic links' : code === 'ENOTDIR' ? 'no such file (part of the path is a file, not a folder)' : `cannot read (${code ?? 'error'})`;
  return refused(file, reason);
}
