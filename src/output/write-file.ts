import { closeSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import { forEachUtf8Chunk } from '../util/utf8-chunks.js';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * Writes a file whole or not at all: the text goes to a temporary file in the same folder, which
 * is then renamed over the target (a rename within one file system is atomic). A reader never sees
 * half a report, and a failed run leaves the previous file as it was. Missing folders are created,
 * as ESLint's `--output-file` does, so `--format sarif=reports/aithreat.sarif` works in a fresh CI
 * checkout.
 * @throws the file system's error (with its `code`) when the file cannot be written.
 */
export function writeFileAtomic(path: string, text: string): void {
  const folder = dirname(path);
  mkdirSync(folder, { recursive: true });
  removeAbandonedTemporaries(path);
  const temporary = temporaryPathFor(path);
  try {
    writeNewFile(temporary, text);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/** Creates a file that must not exist yet and writes the text to it. */
function writeNewFile(path: string, text: string): void {
  const fd = openSync(path, 'wx');
  try {
    forEachUtf8Chunk(text, (bytes) => {
      for (let offset = 0; offset < bytes.length; ) offset += writeSync(fd, bytes, offset);
    });
  } finally {
    closeSync(fd);
  }
}

/** A name beside the target that no other run uses: dot-prefixed, with the process id and random bytes. */
export function temporaryPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/**
 * A run killed between writing its temporary file and renaming it (SIGKILL cannot be caught)
 * leaves that file behind. The next write to the same target removes such files when the process
 * that made them is gone.
 */
export function removeAbandonedTemporaries(path: string): void {
  const pattern = new RegExp(`^\\.${escapeRegExp(basename(path))}\\.(\\d+)\\.[0-9a-f]{8}\\.tmp$`);
  let names: string[];
  try {
    names = readdirSync(dirname(path));
  } catch {
    return;
  }
  for (const name of names) {
    const pid = Number(pattern.exec(name)?.[1]);
    if (pid && pid !== process.pid && !isRunning(pid)) rmSync(join(dirname(path), name), { force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const reasons: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOTDIR: 'part of the path is a file, not a folder',
  EISDIR: 'it is a folder',
  ENOSPC: 'no space left on the device',
  EEXIST: 'part of the path is a file, not a folder',
  ENAMETOOLONG: 'the name is too long',
};

/** Why a write failed, in words, for a one-line message. */
export function writeErrorReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return (code && reasons[code]) ?? (error as Error).message;
}
