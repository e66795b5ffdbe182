import { randomBytes } from 'node:crypto';
import { closeSync, constants, fchmodSync, mkdirSync, openSync, readSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { basename, dirname, join } from 'node:path';
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import { utf8Chunks } from '../util/utf8-chunks.js';
import { releaseTemporary, trackTemporary } from './temporaries.js';

/**
 * Writes a file whole or not at all: the text goes to a temporary file in the same folder, which
 * is then renamed over the target (a rename within one file system is atomic). A reader never sees
 * half a report, and a failed or interrupted run leaves the previous file as it was (the signal
 * handler of temporaries.ts removes the temporary file). A replaced file keeps its permission
 * bits (`mode`); a new one gets the usual ones (0666 less the umask). Missing folders are created
 * one at a time, as ESLint's `--output-file` does, so `--format sarif=reports/aithreat.sarif`
 * works in a fresh CI checkout.
 * @throws the file system's error (with its `code`) when the file cannot be written.
 */
export async function writeFileAtomic(path: string, text: string, mode: number | null = null): Promise<void> {
  const file = TemporaryFile.beside(path, mode);
  try {
    await file.write(text);
    file.commit(path);
  } catch (error) {
    file.discard();
    throw error;
  }
}

/** Bytes read at a time when a temporary file is copied or replayed. */
const readBytes = 1024 * 1024;

/**
 * A temporary file of this run: beside the file it is to become (`beside`), or in the system's
 * temporary folder for text bound for a stream (`private`). It is removed by the signal handler of
 * temporaries.ts until it is renamed into place (`commit`) or removed (`discard`), and it can be
 * read back (`copyTo`, `replay`) to assemble a report from parts written earlier.
 */
export class TemporaryFile {
  /** Bytes written so far. */
  size = 0;
  private open = true;

  private constructor(readonly path: string, private readonly fd: number, readonly madeFolders: readonly string[]) {}

  /** A new file beside `target`, with `mode` when it replaces a file (see `writeFileAtomic`); missing folders are made. */
  static beside(target: string, mode: number | null): TemporaryFile {
    const made = makeFolders(dirname(target));
    return TemporaryFile.create(temporaryPathFor(target), 0o666, mode, made);
  }

  /** A new file only this user can read, in `folder` (the system's temporary folder). */
  static private(folder: string): TemporaryFile {
    return TemporaryFile.create(temporaryPathFor(join(folder, 'aithreat-report')), 0o600, null, []);
  }

  private static create(path: string, createMode: number, mode: number | null, made: string[]): TemporaryFile {
    // Registered before it exists: a signal that comes the moment the file appears must find it.
    trackTemporary(path);
    let fd: number;
    try {
      // O_EXCL and O_NOFOLLOW: the name is new, and nothing planted under it is written through.
      fd = openSync(path, constants.O_RDWR | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, createMode);
    } catch (error) {
      releaseTemporary(path);
      throw error;
    }
    const file = new TemporaryFile(path, fd, made);
    try {
      if (mode !== null) fchmodSync(fd, mode);
    } catch (error) {
      file.discard();
      throw error;
    }
    return file;
  }

  async write(text: string): Promise<void> {
    this.size += await writeText(this.fd, text);
  }

  /** Writes `text` over the start of the file, where a draft of the same length in UTF-8 was written. */
  overwriteStart(text: string): void {
    const bytes = Buffer.from(text);
    for (let offset = 0; offset < bytes.length; ) offset += writeSync(this.fd, bytes, offset, bytes.length - offset, offset);
  }

  /** Appends the whole of `other` to this file. */
  async append(other: TemporaryFile): Promise<void> {
    await other.readBack(async (bytes) => {
      for (let offset = 0; offset < bytes.length; ) offset += writeSync(this.fd, bytes, offset);
      this.size += bytes.length;
    });
  }

  /** Hands the file's text to `write` a slice at a time, never splitting a character. */
  async replay(write: (text: string) => void | Promise<void>): Promise<void> {
    const decoder = new StringDecoder('utf8');
    await this.readBack(async (bytes) => write(decoder.write(bytes)));
    const rest = decoder.end();
    if (rest) await write(rest);
  }

  private async readBack(each: (bytes: Buffer) => Promise<void>): Promise<void> {
    const buffer = Buffer.allocUnsafe(readBytes);
    for (let position = 0; position < this.size; ) {
      const read = readSync(this.fd, buffer, 0, Math.min(readBytes, this.size - position), position);
      if (read === 0) break;
      await each(buffer.subarray(0, read));
      position += read;
      // A turn of the event loop per slice, so that an interrupt is handled during a long copy.
      await nextTurn();
    }
  }

  /** Closes the file and renames it over `target`: from now on it is the target's. */
  commit(target: string): void {
    try {
      this.close();
      renameSync(this.path, target);
    } finally {
      releaseTemporary(this.path);
    }
  }

  /** Closes and removes the file; never throws. */
  discard(): void {
    try {
      this.close();
    } catch {
      // A file that cannot be closed is removed all the same.
    }
    rmSync(this.path, { force: true });
    releaseTemporary(this.path);
  }

  private close(): void {
    if (!this.open) return;
    this.open = false;
    closeSync(this.fd);
  }
}

/**
 * Writes to a device or a FIFO that already exists (`/dev/null`, `/dev/full`, a named pipe) as a
 * stream, the way a shell's `>` does, instead of replacing it with a regular file. It is opened
 * non-blocking, so a FIFO that no process reads is an error (`ENXIO`) rather than a hang.
 */
export async function writeStream(path: string, text: string): Promise<void> {
  const fd = openSync(path, constants.O_WRONLY | constants.O_APPEND | constants.O_NONBLOCK | constants.O_NOCTTY);
  try {
    await writeText(fd, text);
  } finally {
    closeSync(fd);
  }
}

/** `writeStream` for a caller that cannot wait (init and import write one small file). */
export function writeStreamSync(path: string, text: string): void {
  const fd = openSync(path, constants.O_WRONLY | constants.O_APPEND | constants.O_NONBLOCK | constants.O_NOCTTY);
  try {
    for (const bytes of utf8Chunks(text)) {
      for (let offset = 0; offset < bytes.length; ) {
        try {
          offset += writeSync(fd, bytes, offset);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
          Atomics.wait(pause, 0, 0, 1);
        }
      }
    }
  } finally {
    closeSync(fd);
  }
}

const pause = new Int32Array(new SharedArrayBuffer(4));

/** Bytes between turns of the event loop, so that an interrupt is handled during a long write. */
const bytesPerTurn = 256 * 1024;

/** Writes `text` as UTF-8 and returns how many bytes that was. */
async function writeText(fd: number, text: string): Promise<number> {
  let sinceTurn = 0;
  let written = 0;
  for (const bytes of utf8Chunks(text)) {
    for (let offset = 0; offset < bytes.length; ) {
      try {
        offset += writeSync(fd, bytes, offset);
      } catch (error) {
        // A non-blocking pipe is full: wait a moment for its reader.
        if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
        await sleep(1);
      }
    }
    sinceTurn += bytes.length;
    written += bytes.length;
    if (sinceTurn >= bytesPerTurn) {
      sinceTurn = 0;
      await nextTurn();
    }
  }
  return written;
}

/**
 * Creates the missing folders of `folder`, from the nearest existing one down, one `mkdir` each:
 * an error is then the file system's answer for one folder (Node's recursive `mkdir` loops for
 * ever under /proc, which answers ENOENT to every `mkdir`). Returns the folders it made, outermost first.
 */
export function makeFolders(folder: string): string[] {
  const missing: string[] = [];
  for (let at = folder; ; at = dirname(at)) {
    try {
      if (statSync(at).isDirectory()) break;
      const error: NodeJS.ErrnoException = new Error(`not a folder: ${at}`);
      error.code = 'ENOTDIR';
      throw error;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || dirname(at) === at) throw error;
      missing.push(at);
    }
  }
  const made: string[] = [];
  for (const at of missing.reverse()) {
    try {
      mkdirSync(at);
      made.push(at);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return made;
}

/** The longest part of the target's name a temporary name keeps, in UTF-8 bytes. */
const nameBytes = 100;

/**
 * A name beside the target that no other run uses, on this host or any other sharing the folder:
 * dot-prefixed, with at most 100 bytes of the target's name (so that a 250-byte name still leaves
 * a temporary name within the 255-byte limit of file names) and 64 random bits.
 */
export function temporaryPathFor(path: string): string {
  return join(dirname(path), `.${utf8Prefix(basename(path), nameBytes)}.${randomBytes(8).toString('hex')}.tmp`);
}

function utf8Prefix(text: string, bytes: number): string {
  if (Buffer.byteLength(text) <= bytes) return text;
  let prefix = '';
  for (const char of text) {
    if (Buffer.byteLength(prefix + char) > bytes) break;
    prefix += char;
  }
  return prefix;
}

const reasons: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOTDIR: 'part of the path is a file, not a folder',
  EISDIR: 'it is a folder',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is exhausted',
  EFBIG: 'the file is too large for the file system',
  EEXIST: 'part of the path is a file, not a folder',
  ENAMETOOLONG: 'the name is too long',
  ENOENT: 'a folder on the way cannot be created there',
  ENXIO: 'no process is reading the FIFO',
  EPIPE: 'the reader of the FIFO went away',
  EIO: 'an input/output error',
  EXDEV: 'the temporary file and the target are on different file systems',
};

/** Why a write failed, in words, for a one-line message. */
export function writeErrorReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return (code && reasons[code]) ?? (error as Error).message;
}
