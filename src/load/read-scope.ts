import { realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * The tree aithreat reads from, so that a symbolic link in an assessed repository cannot make it
 * read (and quote in a CI log) a file elsewhere on the machine, such as `~/.git-credentials`.
 *
 * The tree is the working directory, together with each folder a person names on the command line
 * outside it: a directory operand, the folder holding a file operand or a glob's literal base, and
 * the folder of a file given to `--policy` or `--baseline`. A file is read when its real path (every
 * symbolic link resolved) lies inside one of those folders, or when `--follow-symlinks` says that
 * the person trusts where the repository's links lead. Paths that `.aithreatrc.yaml` names are
 * further held inside the working directory by the configuration's own check (src/config/load.ts).
 */
export interface ReadScope {
  /** Real paths of the tree's folders, the working directory first. */
  readonly roots: readonly string[];
  /** `--follow-symlinks`: read a file wherever its links lead. */
  readonly followSymlinks: boolean;
}

/** The scope of a run in `cwd`, given what a person typed: operands and file-valued flags. */
export function readScope(cwd: string, typed: readonly string[], followSymlinks = false): ReadScope {
  const home = realOrSelf(cwd);
  const roots = [home];
  for (const operand of typed) {
    const path = resolve(cwd, literalBase(operand));
    if (isInside(path, cwd) || isInside(path, home)) continue;
    const folder = isDirectory(path) ? path : dirname(path);
    const real = realOrSelf(folder);
    if (!roots.some((root) => isInside(real, root))) roots.push(real);
  }
  return { roots, followSymlinks };
}

/** A scope of the working directory alone, for reads that no person chose. */
export function workingDirectoryScope(cwd: string, followSymlinks = false): ReadScope {
  return { roots: [realOrSelf(cwd)], followSymlinks };
}

/** Whether `path` is `folder` or lies below it (both absolute and normalised). */
export function isInside(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/**
 * Why a file with this real path may not be read in this scope, or null when it may. The message
 * shows where the links lead (a name, never the content).
 */
export function outsideScope(realPath: string, scope: ReadScope): string | null {
  if (scope.followSymlinks || scope.roots.some((root) => isInside(realPath, root))) return null;
  const where = scope.roots.length === 1 ? 'the working directory' : 'the working directory and the folders named on the command line';
  return `leads through a symbolic link to ${realPath}, outside ${where}; aithreat follows such links only with --follow-symlinks`;
}

/** The part of a glob before its first wildcard segment; the operand itself when it has none. */
function literalBase(operand: string): string {
  const parts = operand.split(/[\\/]/);
  const first = parts.findIndex((part) => /[*?]/.test(part));
  if (first < 0) return operand;
  const base = parts.slice(0, first).join('/');
  return base === '' ? (operand.startsWith('/') ? '/' : '.') : base;
}

function realOrSelf(path: string): string {
  try {
    return realpathSync.native(path);
  } catch {
    return resolve(path);
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
