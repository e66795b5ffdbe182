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

export function processIo(): Io {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
    env: process.env,
    stdoutIsTTY: Boolean(process.stdout.isTTY),
  };
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
