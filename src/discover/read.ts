import { openRegularFile, readFileBytes, type ReadFailure, type Refusal, type RegularFile } from '../load/read-file.js';
import type { ReadScope } from '../load/read-scope.js';
import { decode } from '../load/source.js';
import { discoverLimits } from './limits.js';
import type { Notice, NoticeCode } from './types.js';

/**
 * File access for discover: every file of the scanned repository is hostile, and every one is
 * opened through the shared reader (src/load/read-file.ts): only a regular file whose real path
 * lies in the scope, never through a symbolic link (the walk follows none, and one swapped in
 * after the walk is refused), opened without blocking. Text files are read whole within their
 * limit, counted while reading; model files by range, within a budget of bytes.
 */
export function notice(file: string, code: NoticeCode, message: string, line = 1, column = 1): Notice {
  return { file, line, column, code, message };
}

const noticeCodes: Record<Refusal, NoticeCode> = { symlink: 'symlink', 'not-regular': 'special-file', outside: 'symlink', unreadable: 'unreadable', 'too-large': 'too-large' };

/** The notice for a file the shared reader refused: its words, discover's code. */
export function refusalNotice(file: string, failure: ReadFailure): Notice {
  return notice(file, noticeCodes[failure.refusal], failure.problem.message);
}

/** A text file of at most `maxBytes`, decoded as UTF-8 (a byte-order mark dropped), or why not. */
export function readTextFile(path: string, file: string, maxBytes: number, scope: ReadScope): { text: string } | { notice: Notice } {
  const read = readFileBytes(path, file, scope, { maxBytes, noFollow: true });
  if ('problem' in read) return { notice: refusalNotice(file, read) };
  const decoded = decode(read.bytes, file);
  if ('problem' in decoded) {
    const code = decoded.problem.code === 'binary-file' ? 'binary' : 'not-utf8';
    return { notice: notice(file, code, decoded.problem.message, decoded.problem.line, decoded.problem.column) };
  }
  return { text: decoded.text.startsWith('\ufeff') ? decoded.text.slice(1) : decoded.text };
}

/** A file opened to be looked at as a model, by range: see `RegularFile`. */
export function openModelFile(path: string, file: string, scope: ReadScope): { file: RegularFile } | { code: NoticeCode; message: string } {
  const opened = openRegularFile(path, file, scope, { noFollow: true, budget: discoverLimits.maxModelReadBytes });
  if ('problem' in opened) return { code: noticeCodes[opened.refusal], message: opened.problem.message };
  return opened;
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
    private readonly file: RegularFile | null,
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
    const out = this.file!.readAt(this.position, n);
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
    this.window = this.file!.readAt(from, Math.min(64 * 1024, this.end - from));
  }
}

/** A ByteStream over bytes already in memory (an inflated zip entry or joblib file). */
export class BufferStream extends ByteStream {
  constructor(private readonly buffer: Buffer) {
    super(null, 0, buffer.length);
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
