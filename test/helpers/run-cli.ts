import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { run } from '../../src/cli.js';
import { memoryIo, type Io } from '../../src/io.js';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const bin = fileURLToPath(new URL('../../bin/aithreat.cjs', import.meta.url));

export interface CliResult {
  stdout: string;
  stderr: string;
  code: number | null;
}

/**
 * Spawns the built CLI (bin/aithreat.cjs, which runs dist/) the way a user or CI does, with a
 * minimal environment and no colour unless the test asks for it. `npm test` builds first.
 */
export function runBuiltCli(args: string[], options: { cwd?: string; env?: Record<string, string>; input?: string; bin?: string } = {}): CliResult {
  const result = spawnSync(process.execPath, [options.bin ?? bin, ...args], {
    cwd: options.cwd ?? repoRoot,
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...options.env },
    input: options.input ?? '',
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: 60_000,
  });
  return { stdout: result.stdout, stderr: result.stderr, code: result.status };
}

/** Runs the CLI from source, in-process: the same function the built CLI calls. */
export async function runSourceCli(args: string[], overrides: Partial<Io> = {}): Promise<CliResult> {
  const io = memoryIo({ cwd: repoRoot, ...overrides });
  const code = await run(args, io);
  return { stdout: io.out(), stderr: io.err(), code };
}
