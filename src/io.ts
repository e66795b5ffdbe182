import { writeSync } from 'node:fs';
import { safeLine } from './util/clean-text.js';
import { isTerminal } from './util/is-terminal.js';
import { forEachUtf8Chunk } from './util/utf8-chunks.js';

/** Where a command reads its environment and writes its output, so tests can run commands in-process. */
export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** Whether stdout is a terminal (decides the default format and colour). */
  stdoutIsTTY: boolean;
}

/** Exit codes, as linters and scanners use them. */
export const ExitCode = {
  ok: 0,
  policyFailure: 1,
  inputError: 2,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/**
 * One message on stderr, `aithreat: MESSAGE`. Messages quote file names, values from files and
 * flags, so the whole line goes through the text neutraliser: it cannot colour the terminal, move
 * the cursor, or forge a second line of a CI log.
 */
export function printError(io: Io, message: string): void {
  io.stderr(`aithreat: ${safeLine(message)}\n`);
}

/** One line on stdout, neutralised the same way (such as `FILE: valid`). */
export function printLine(io: Io, line: string): void {
  io.stdout(`${safeLine(line)}\n`);
}

export function processIo(): Io {
  return {
    stdout: (text) => writeToFd(1, text),
    stderr: (text) => writeToFd(2, text),
    cwd: process.cwd(),
    env: process.env,
    stdoutIsTTY: isTerminal(1),
  };
}

/**
 * Writes synchronously to a standard stream. Touching `process.stdout` makes Node set up a stream
 * (and, for a pipe, its networking code) — about a tenth of the CLI's start-up — and a synchronous
 * write also keeps output whole when the process exits. A closed pipe (`| head`) is not an error.
 */
const pause = new Int32Array(new SharedArrayBuffer(4));

function writeToFd(fd: 1 | 2, text: string): void {
  forEachUtf8Chunk(text, (bytes) => {
    let offset = 0;
    while (offset < bytes.length) {
      try {
        offset += writeSync(fd, bytes, offset);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EPIPE') return false;
        if (code !== 'EAGAIN') throw error;
        // A non-blocking pipe is full: wait a moment for the reader instead of spinning on the CPU.
        Atomics.wait(pause, 0, 0, 1);
      }
    }
    return true;
  });
}

/** Collects output in memory; for tests and for renderers that write files. */
export function memoryIo(overrides: Partial<Io> = {}): Io & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: (text) => {
      out += text;
    },
    stderr: (text) => {
      err += text;
    },
    cwd: process.cwd(),
    env: { NO_COLOR: '1' },
    stdoutIsTTY: false,
    ...overrides,
    out: () => out,
    err: () => err,
  };
}
