import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { decode } from '../load/source.js';
import type { Notice, NoticeCode } from './types.js';

/**
 * File access for discover: every file of the scanned repository is hostile. A path is opened
 * without following a symbolic link and without blocking (a FIFO would hang a plain open), and
 * only regular files are read; binary files are read by range, never whole.
 */
export function openRegular(path: string): { fd: number; size: number } | { code: NoticeCode; message: string } {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') return { code: 'symlink', message: 'symbolic link, not followed' };
    return { code: 'unreadable', message: code === 'EACCES' ? 'permission denied' : `cannot read (${code ?? 'error'})` };
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) {
      closeSync(fd);
      return { code: 'special-file', message: 'not a regular file; not read' };
    }
    return { fd, size: stat.size };
  } catch (error) {
    closeSync(fd);
    return { code: 'unreadable', message: `cannot read (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
  }
}

export function notice(file: string, code: NoticeCode, message: string, line = 1, column = 1): Notice {
  return { file, line, column, code, message };
}

/** A text file of at most `maxBytes`, decoded as UTF-8 (a byte-order mark dropped), or why not. */
export function readTextFile(path: string, file: string, maxBytes: number): { text: string } | { notice: Notice } {
  const opened = openRegular(path);
  if ('code' in opened) return { notice: notice(file, opened.code, opened.message) };
  try {
    if (opened.size > maxBytes) return { notice: notice(file, 'too-large', `is ${opened.size} bytes; text files over ${maxBytes} bytes are not read`) };
    const bytes = readRange(opened.fd, 0, opened.size);
    const decoded = decode(bytes, file);
    if ('problem' in decoded) {
      const code = decoded.problem.code === 'binary-file' ? 'binary' : 'not-utf8';
      return { notice: notice(file, code, decoded.problem.message, decoded.problem.line, decoded.problem.column) };
    }
    return { text: decoded.text.startsWith('\ufeff') ? decoded.text.slice(1) : decoded.text };
  } catch (error) {
    return { notice: notice(file, 'unreadable', `cannot read (${(error as NodeJS.ErrnoException).code ?? 'error'})`) };
  } finally {
    closeSync(opened.fd);
  }
}

/** Up to `length` bytes from `offset`; fewer at the end of the file. */
export function readRange(fd: number, offset: number, length: number): Buffer {
  const bytes = Buffer.allocUnsafe(length);
  let filled = 0;
  while (filled < length) {
    const read = readSync(fd, bytes, filled, length - filled, offset + filled);
    if (read === 0) break;
    filled += read;
  }
  return filled === length ? bytes : bytes.subarray(0, filled);
}

/**
 * Sequential reads over a byte range of a file, through a small window, with skips that cost
 * nothing: a pickle that declares a 4 GiB byte string is passed over, not read.
 */
export class ByteStream {
  private window: Buffer = Buffer.alloc(0);
  private windowStart = 0;
  position: number;

  constructor(
    private readonly fd: number,
    start: number,
    /** The offset where the range ends (exclusive). */
    readonly end: number,
  ) {
    this.position = start;
  }

  get remaining(): number {
    return this.end - this.position;
  }

  /** The next byte, or -1 at the end. */
  byte(): number {
    if (this.position >= this.end) return -1;
    const at = this.position - this.windowStart;
    if (at < 0 || at >= this.window.length) this.fill(this.position);
    const value = this.window[this.position - this.windowStart];
    if (value === undefined) return -1;
    this.position++;
    return value;
  }

  /** Exactly n bytes, or null when the range ends first. */
  bytes(n: number): Buffer | null {
    if (n > this.remaining) return null;
    const at = this.position - this.windowStart;
    if (at >= 0 && at + n <= this.window.length) {
      this.position += n;
      return this.window.subarray(at, at + n);
    }
    const out = readRange(this.fd, this.position, n);
    if (out.length < n) return null;
    this.position += n;
    return out;
  }

  /** Passes over n bytes; false when the range ends first. */
  skip(n: number): boolean {
    if (n > this.remaining) {
      this.position = this.end;
      return false;
    }
    this.position += n;
    return true;
  }

  private fill(from: number): void {
    this.windowStart = from;
    this.window = readRange(this.fd, from, Math.min(64 * 1024, this.end - from));
  }
}

/** A ByteStream over bytes already in memory (an inflated zip entry or joblib file). */
export class BufferStream extends ByteStream {
  constructor(private readonly buffer: Buffer) {
    super(-1, 0, buffer.length);
  }

  override byte(): number {
    return this.position < this.end ? this.buffer[this.position++]! : -1;
  }

  override bytes(n: number): Buffer | null {
    if (n > this.remaining) return null;
    const out = this.buffer.subarray(this.position, this.position + n);
    this.position += n;
    return out;
  }
}
