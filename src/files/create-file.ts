import { linkSync, lstatSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { existingKind } from '../output/path-policy.js';
import { makeFolders, temporaryPathFor, writeErrorReason, writeStreamSync } from '../output/write-file.js';

export type WriteResult = { ok: true } | { ok: false; reason: 'exists' | 'folder' | 'error'; message: string };

/**
 * Writes a file so that readers see either the old content or the whole new content, never half
 * of it: the text goes to a temporary file beside the target, which then takes the target's name.
 * Without `overwrite`, the temporary file is hard-linked into place, which fails if the target
 * exists even when another process creates it meanwhile; where hard links are not supported, an
 * existence check followed by a rename does the same job with a small race. Reports go through
 * src/output/write-file.ts, which always replaces; this one is for files a person then edits.
 * The rules of the path policy (src/output/path-policy.ts) hold here too: a folder is a mistake,
 * and a device or FIFO that exists counts as existing and is written as a stream, never replaced.
 */
export function createFileAtomic(path: string, text: string, options: { overwrite: boolean }): WriteResult {
  const kind = existingKind(path);
  if (kind === 'folder') return { ok: false, reason: 'folder', message: `${path} is a folder` };
  if (kind === 'stream' || kind === 'other') {
    if (!options.overwrite) return { ok: false, reason: 'exists', message: `${path} already exists` };
    try {
      writeStreamSync(path, text);
      return { ok: true };
    } catch (error) {
      return { ok: false, reason: 'error', message: `cannot write ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
    }
  }
  const temp = temporaryPathFor(path);
  try {
    // Missing folders are made, as for reports (`init sub/dir/aithreat.yaml`).
    makeFolders(dirname(path));
    writeFileSync(temp, text, { flag: 'wx' });
    if (options.overwrite) {
      renameSync(temp, path);
      return { ok: true };
    }
    try {
      linkSync(temp, path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return { ok: false, reason: 'exists', message: `${path} already exists` };
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw error;
      if (existsQuietly(path)) return { ok: false, reason: 'exists', message: `${path} already exists` };
      renameSync(temp, path);
    }
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: 'error', message: `cannot write ${path}: ${writeErrorReason(error)}` };
  } finally {
    removeQuietly(temp);
  }
}

/** Removes the temporary file if there is one; where the folder itself is missing or a file, there is none. */
function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // ENOTDIR: a folder on the way is a file, so nothing was created.
  }
}

/** Whether anything, a dangling symbolic link included, already has this name. */
function existsQuietly(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}
