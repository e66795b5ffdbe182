import { lstatSync, readdirSync, type Dirent, type Stats } from 'node:fs';
import { join } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import type { ReadScope } from '../load/read-scope.js';
import { discoverLimits } from './limits.js';
import { notice, readTextFile } from './read.js';
import type { Notice } from './types.js';

/** A regular file the walk found. */
export interface WalkedFile {
  path: string;
  /** Relative to the root, with `/`. */
  file: string;
  name: string;
}

/** Directories that hold tools' state, dependencies or caches, never the project's own code. */
const skippedNames = new Set([
  '.git', '.hg', '.svn', 'node_modules', '__pycache__', '.venv', 'venv', '.tox', '.nox', '.mypy_cache', '.pytest_cache',
  '.ruff_cache', '.ipynb_checkpoints', 'site-packages', '.eggs',
]);
/** Paths below the root that hold DVC's content-addressed copies of data (the data itself, not its description). */
const skippedPaths = new Set(['.dvc/cache', '.dvc/tmp']);

interface IgnoreLevel {
  /** The directory of the .gitignore, relative to the root ('' for the root), with a trailing `/` when not empty. */
  base: string;
  rules: Ignore;
}

export interface WalkOptions {
  deadline: number;
  /** Where files may be read from (the shared reader's scope). */
  scope: ReadScope;
  now?: () => number;
}

/**
 * The files below `root`, in a stable order (names sorted by code unit), skipping version control
 * and tool directories, virtual environments (a directory with `pyvenv.cfg`) and what .gitignore
 * files ignore. Symbolic links are never followed, so neither a loop nor a link out of the tree
 * is a way in; each is a notice, as are FIFOs, sockets and devices.
 */
export function* walk(root: string, notices: Notice[], options: WalkOptions): Generator<WalkedFile> {
  const now = options.now ?? Date.now;
  let entries = 0;
  const stack: { dir: string; rel: string; depth: number; ignores: IgnoreLevel[] }[] = [{ dir: root, rel: '', depth: 0, ignores: [] }];
  while (stack.length > 0) {
    const { dir, rel, depth, ignores: inherited } = stack.pop()!;
    if (now() > options.deadline) {
      notices.push(notice(rel || '.', 'time-limit', `the walk stopped after ${discoverLimits.maxMilliseconds / 1000} s; files from here on were not read`));
      return;
    }
    let names: { name: string; kind: EntryKind }[];
    try {
      names = readdirSync(dir, { withFileTypes: true })
        .map((d) => ({ name: d.name, kind: kindOf(d, join(dir, d.name)) }))
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    } catch (error) {
      notices.push(notice(rel || '.', 'unreadable', `cannot list directory (${(error as NodeJS.ErrnoException).code ?? 'error'})`));
      continue;
    }
    const ignores = names.some((n) => n.name === '.gitignore' && n.kind === 'file') ? [...inherited, readIgnore(join(dir, '.gitignore'), rel, notices, options.scope)] : inherited;
    const subdirectories: typeof stack = [];
    for (const { name, kind } of names) {
      if (++entries > discoverLimits.maxEntries) {
        notices.push(notice(rel || '.', 'limit', `the walk stopped after ${discoverLimits.maxEntries} directory entries; the rest was not read`));
        return;
      }
      const childRel = rel ? `${rel}/${name}` : name;
      if (kind === 'link') {
        if (!isIgnored(ignores, childRel, false)) notices.push(notice(childRel, 'symlink', 'symbolic link, not followed'));
        continue;
      }
      if (kind === 'dir') {
        if (skippedNames.has(name) || skippedPaths.has(childRel) || isIgnored(ignores, childRel, true)) continue;
        if (isVirtualEnvironment(join(dir, name))) continue;
        if (depth + 1 > discoverLimits.maxDepth) {
          notices.push(notice(childRel, 'limit', `deeper than ${discoverLimits.maxDepth} directories; not read`));
          continue;
        }
        subdirectories.push({ dir: join(dir, name), rel: childRel, depth: depth + 1, ignores });
        continue;
      }
      if (isIgnored(ignores, childRel, false)) continue;
      if (kind === 'other') {
        notices.push(notice(childRel, 'special-file', 'not a regular file; not read'));
        continue;
      }
      yield { path: join(dir, name), file: childRel, name };
    }
    // Reversed onto the stack, so that directories come out in name order: depth-first, sorted.
    for (let i = subdirectories.length - 1; i >= 0; i--) stack.push(subdirectories[i]!);
  }
}

type EntryKind = 'file' | 'dir' | 'link' | 'other';

function kindOf(entry: Stats | Dirent, path: string): EntryKind {
  if (entry.isSymbolicLink()) return 'link';
  if (entry.isDirectory()) return 'dir';
  if (entry.isFile()) return 'file';
  if (entry.isFIFO() || entry.isSocket() || entry.isBlockDevice() || entry.isCharacterDevice()) return 'other';
  // Some file systems do not say what an entry is when listing it: ask once more, without following links.
  if ('name' in entry) {
    try {
      return kindOf(lstatSync(path), path);
    } catch {
      return 'other';
    }
  }
  return 'other';
}

function readIgnore(path: string, rel: string, notices: Notice[], scope: ReadScope): IgnoreLevel {
  const read = readTextFile(path, rel ? `${rel}/.gitignore` : '.gitignore', discoverLimits.maxTextBytes, scope);
  const rules = ignore();
  if ('notice' in read) notices.push(read.notice);
  else rules.add(read.text);
  return { base: rel ? `${rel}/` : '', rules };
}

function isIgnored(levels: readonly IgnoreLevel[], rel: string, isDirectory: boolean): boolean {
  for (const { base, rules } of levels) {
    if (!rel.startsWith(base)) continue;
    const inner = rel.slice(base.length);
    if (inner && rules.ignores(isDirectory ? `${inner}/` : inner)) return true;
  }
  return false;
}

function isVirtualEnvironment(dir: string): boolean {
  try {
    return lstatSync(join(dir, 'pyvenv.cfg')).isFile();
  } catch {
    return false;
  }
}
