import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import type { Problem } from '../problem.js';
import { limits } from './limits.js';
import { outsideScope, type ReadScope } from './read-scope.js';

/**
 * The one way aithreat reads a file it was given: project descriptions, policies, the
 * configuration, baselines, bills of materials and every file of a repository that discover reads
 * (text whole, model files by range through `openRegularFile`) all come through here, so each
 * promise below holds for all of them.
 *
 * - Only regular files are read. A device (`/dev/zero` reports a size of 0 and never ends), a FIFO
 *   (opening one waits for a writer), a socket, and a symbolic link to any of them are refused
 *   before they are opened; the file is then opened non-blocking and checked again, so one
 *   swapped in meanwhile cannot hang the run either.
 * - The size limit (10 MiB, or the reader's own `maxBytes`) is kept while reading: a file that
 *   grows, or reports a size it does not have (files of /proc report 0), is refused as soon as one
 *   byte more than the limit arrives. A file read by range is never read past the size it reported
 *   when opened, nor beyond its reader's budget of bytes in all.
 * - A file whose real path leaves the tree (see read-scope.ts) is refused without being opened.
 * - A refusal says why in words, and never quotes the file's content.
 * - Standard input (`-` on the command line, `standardInput` here) is read by the same size limit.
 */
export function readFileBytes(path: ReadTarget, file: string, scope: ReadScope, options: ReadOptions = {}): { bytes: Buffer } | ReadFailure {
  const max = options.maxBytes ?? limits.maxFileBytes;
  if (path === standardInput) return readStandardInput(file, max);
  const opened = openChecked(path, file, scope, options.noFollow === true, max);
  if ('problem' in opened) return opened;
  try {
    const bytes = readWithin(opened.fd, opened.size, max);
    return bytes ? { bytes } : failure('too-large', tooLarge(file, 'grew while it was read', max));
  } catch (error) {
    return failure('unreadable', unreadable(file, error));
  } finally {
    closeSync(opened.fd);
  }
}

/** What `-` on the command line reads: standard input, once per run. */
export const standardInput: unique symbol = Symbol('standard input');
export type ReadTarget = string | typeof standardInput;

/** How standard input is named in messages and reports. */
export const standardInputName = '<stdin>';

/**
 * `-` as an operand: standard input, whatever it is (a pipe, a file, a terminal until Ctrl-D),
 * read to its end within the size limit; any other operand is a path from the working directory.
 */
export function readTargetOf(operand: string, cwd: string): ReadTarget {
  return operand === '-' ? standardInput : resolvePath(cwd, operand);
}

function readStandardInput(file: string, max: number): { bytes: Buffer } | ReadFailure {
  try {
    const stat = fstatSync(0);
    if (stat.isDirectory()) return failure('not-regular', refused(file, 'is a directory, not a file'));
    const bytes = readWithin(0, stat.isFile() ? stat.size : 0, max);
    return bytes ? { bytes } : failure('too-large', tooLarge(file, 'on standard input is larger than that', max));
  } catch (error) {
    return failure('unreadable', unreadable(file, error));
  }
}

/**
 * The first `max` bytes of a file, by the same rules as `readFileBytes` (regular files only, in
 * scope, opened without waiting): for a glance at a file that may not be meant for aithreat, such
 * as whether a YAML file in a searched folder declares `formatVersion`.
 */
export function readFilePrefix(path: string, file: string, scope: ReadScope, max: number): { bytes: Buffer } | ReadFailure {
  const opened = openRegularFile(path, file, scope, { budget: max });
  if ('problem' in opened) return opened;
  try {
    return { bytes: opened.file.head(max) };
  } catch (error) {
    return failure('unreadable', unreadable(file, error));
  } finally {
    opened.file.close();
  }
}

/** What a read may be asked to do beyond the defaults. */
export interface ReadOptions {
  /** The most bytes the file may hold: 10 MiB (`limits.maxFileBytes`) unless the reader needs another bound. */
  maxBytes?: number;
  /**
   * Refuse the file when it is itself a symbolic link, rather than follow it inside the tree:
   * discover walks a repository whose links it never follows, and a link swapped in between the
   * walk and the read is refused too (the file is opened with O_NOFOLLOW).
   */
  noFollow?: boolean;
}

/** Why a file was not read, for a reader that words its own notices (discover): the problem says it in words. */
export type Refusal = 'symlink' | 'not-regular' | 'outside' | 'unreadable' | 'too-large';

export interface ReadFailure {
  problem: Problem;
  refusal: Refusal;
}

/**
 * A regular file opened for reads by range, for formats read in part: a model file's header, its
 * pickle opcodes, a zip archive's directory. The same checks as `readFileBytes` come first (only
 * a regular file, held to the tree, opened without blocking); then every read is bounded twice:
 * never past the size the open file reported (a file that grows meanwhile is read as it was),
 * and never more than `budget` bytes in all, counted as they arrive. A read past the budget
 * throws `ReadBudgetExceeded`, which the reader reports for that file.
 */
export class RegularFile {
  private bytesRead = 0;

  constructor(
    private readonly fd: number,
    /** The size the file reported when it was opened. */
    readonly size: number,
    /** The most bytes read from it in all. */
    readonly budget: number,
  ) {}

  /** Up to `length` bytes from `offset`; fewer at the end of the file as it was opened. */
  readAt(offset: number, length: number): Buffer {
    const wanted = Math.max(0, Math.min(length, this.size - offset));
    if (this.bytesRead + wanted > this.budget) throw new ReadBudgetExceeded(this.budget);
    const bytes = Buffer.allocUnsafe(wanted);
    let filled = 0;
    while (filled < wanted) {
      const read = readSync(this.fd, bytes, filled, wanted - filled, offset + filled);
      if (read === 0) break;
      filled += read;
    }
    this.bytesRead += filled;
    return filled === wanted ? bytes : bytes.subarray(0, filled);
  }

  /** The first `length` bytes (fewer in a shorter file). */
  head(length: number): Buffer {
    return this.readAt(0, length);
  }

  close(): void {
    closeSync(this.fd);
  }
}

/** A reader of a RegularFile asked for more bytes than its budget allows. */
export class ReadBudgetExceeded extends Error {
  constructor(readonly budget: number) {
    super(`read more than ${budget} bytes of it; the rest was not read`);
  }
}

/** Opens a regular file for reads by range: see `RegularFile`. Close it when done. */
export function openRegularFile(path: string, file: string, scope: ReadScope, options: { noFollow?: boolean; budget: number }): { file: RegularFile } | ReadFailure {
  const opened = openChecked(path, file, scope, options.noFollow === true, Number.POSITIVE_INFINITY);
  return 'problem' in opened ? opened : { file: new RegularFile(opened.fd, opened.size, options.budget) };
}

/**
 * The checks every read makes before its first byte: the real path is a regular file inside the
 * scope, its reported size is within `max`, and the file opened (without blocking, and without
 * following a link when `noFollow`) is that same file.
 */
function openChecked(path: string, file: string, scope: ReadScope, noFollow: boolean, max: number): { fd: number; size: number } | ReadFailure {
  let real: string;
  let stat: Stats;
  try {
    // Under noFollow the file is not a link, so what lstat says of it is what stat would.
    const own = noFollow ? lstatSync(path) : null;
    if (own?.isSymbolicLink()) return failure('symlink', refused(file, 'is a symbolic link, not followed'));
    real = realpathSync.native(path);
    stat = own ?? statSync(real);
  } catch (error) {
    return failure('unreadable', unreadable(file, error));
  }
  const kind = notRegular(stat);
  if (kind) return failure('not-regular', refused(file, kind));
  const outside = outsideScope(real, scope);
  if (outside) return failure('outside', refused(file, outside));
  if (stat.size > max) return failure('too-large', tooLarge(file, `is ${stat.size} bytes`, max));
  let fd: number;
  try {
    fd = openSync(real, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY | (noFollow ? constants.O_NOFOLLOW : 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ELOOP' && noFollow ? failure('symlink', refused(file, 'is a symbolic link, not followed')) : failure('unreadable', unreadable(file, error));
  }
  try {
    const opened = fstatSync(fd);
    const swapped = notRegular(opened) ?? (opened.ino !== stat.ino || opened.dev !== stat.dev ? 'changed while it was being opened' : null);
    if (swapped) {
      closeSync(fd);
      return failure(notRegular(opened) ? 'not-regular' : 'unreadable', refused(file, swapped));
    }
    return { fd, size: opened.size };
  } catch (error) {
    closeSync(fd);
    return failure('unreadable', unreadable(file, error));
  }
}

function failure(refusal: Refusal, problem: Problem): ReadFailure {
  return { problem, refusal };
}

/**
 * Reads to the end of the file, or returns null once more than `max` bytes have arrived. The
 * size the file reported is a first guess for the buffer (one byte more shows that the file ends
 * there), never a promise: files of /proc report 0 and some never end.
 */
/** A short wait for a writer that has not written yet (a non-blocking pipe answers EAGAIN). */
const pause = new Int32Array(new SharedArrayBuffer(4));

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

/**
 * The size limit for text that does not come from a file: what an editor holds of a document
 * (the language server). Null when it is within the limit.
 */
export function sizeProblem(file: string, bytes: number, max = limits.maxFileBytes): Problem | null {
  return bytes > max ? tooLarge(file, `is ${bytes} bytes`, max) : null;
}

function tooLarge(file: string, what: string, max: number): Problem {
  return { file, line: 1, column: 1, code: 'file-too-large', message: `file ${what}; the limit is ${max} bytes${max >= 1024 * 1024 ? ` (${Math.round((max / 1024 / 1024) * 10) / 10} MiB)` : ''}` };
}

function unreadable(file: string, error: unknown): Problem {
  const code = (error as NodeJS.ErrnoException).code;
  const reason =
    code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, not a file' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'ELOOP' ? 'has too many levels of symbolic links' : code === 'ENOTDIR' ? 'no such file (part of the path is a file, not a folder)' : `cannot read (${code ?? 'error'})`;
  return refused(file, reason);
}
