import { readdirSync, statSync, type Dirent } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { accepts, advance, hasGlobMagic, initialStates, splitPattern, type GlobStates } from './glob.js';

/**
 * Names of project descriptions found when a directory is given: `aithreat.yaml` and
 * `<anything>.aithreat.yaml` (`.yml` too). The pre-commit hook's `files` pattern says the same.
 */
export const projectFileName = /^([^/]*\.)?aithreat\.ya?ml$/;

/** Other YAML files a directory search looks into for a `formatVersion` (files/declares-project.ts). */
const yamlFileName = /\.ya?ml$/;

export type Expanded = { ok: true; files: string[] } | { ok: false; message: string };

/**
 * Turns the command line's inputs into the project files to read: a file is kept as given (the
 * loader reports a missing one with its position), a directory is searched recursively for project
 * descriptions (by name, or any YAML file that `declares` one, see declares-project.ts), and a pattern with `*`, `**` or `?` is matched against files. Directory searches
 * and `**` skip `node_modules` and dot-directories and do not follow symbolic links to directories.
 * Each input's matches are sorted; the first occurrence of a file wins, so the order is stable.
 * Returned paths are absolute, but for `-` (standard input), which is kept as it is.
 */
export function expandInputs(inputs: readonly string[], cwd: string, declares: (path: string) => boolean = () => false): Expanded {
  const files: string[] = [];
  const seen = new Set<string>();
  const add = (path: string) => {
    if (!seen.has(path)) {
      seen.add(path);
      files.push(path);
    }
  };
  for (const input of inputs) {
    // Standard input, read by the one reader (load/read-file.ts); a file named `-` is `./-`.
    if (input === '-') {
      add('-');
      continue;
    }
    const path = resolve(cwd, input);
    const kind = kindOf(path);
    if (kind === 'directory') {
      const found = walk(path, (dir, name) => projectFileName.test(name) || (yamlFileName.test(name) && declares(join(dir, name))), () => true);
      if (!found.ok) return found;
      if (found.files.length === 0) {
        return { ok: false, message: `no project description (aithreat.yaml, *.aithreat.yaml, or a YAML file that declares formatVersion) in directory '${input}'` };
      }
      found.files.forEach(add);
    } else if (kind === 'none' && hasGlobMagic(input)) {
      const found = glob(input, cwd);
      if (!found.ok) return found;
      if (found.files.length === 0) return { ok: false, message: `no file matches '${input}'` };
      found.files.forEach(add);
    } else {
      add(path);
    }
  }
  return { ok: true, files };
}

function kindOf(path: string): 'file' | 'directory' | 'none' {
  try {
    return statSync(path).isDirectory() ? 'directory' : 'file';
  } catch {
    return 'none';
  }
}

/** Files below `base` that match `pattern`, sorted. */
export function glob(pattern: string, cwd: string): Expanded {
  const { base, segments } = splitPattern(sep === '\\' ? pattern.replaceAll('\\', '/') : pattern);
  const root = resolve(cwd, base);
  if (kindOf(root) !== 'directory') return { ok: true, files: [] };
  const explicitNodeModules = segments.includes('node_modules');
  const states = new Map<string, GlobStates>([[root, initialStates()]]);
  const stateOf = (dir: string, name: string) => advance(segments, states.get(dir) ?? new Set(), name);
  return walk(
    root,
    (dir, name) => accepts(segments, stateOf(dir, name)),
    (dir, name) => {
      if (name === 'node_modules' && !explicitNodeModules) return false;
      const next = stateOf(dir, name);
      if (next.size === 0) return false;
      states.set(join(dir, name), next);
      return true;
    },
    true,
  );
}

/**
 * Walks a directory tree in sorted order. Dot-directories and `node_modules` are skipped unless
 * `enterAny` leaves the choice to `enter` (globs decide for themselves); symbolic links to
 * directories are never followed, which rules out cycles.
 */
function walk(
  root: string,
  keep: (dir: string, name: string) => boolean,
  enter: (dir: string, name: string) => boolean,
  enterAny = false,
): Expanded {
  const files: string[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      return { ok: false, message: `cannot read directory '${dir}' (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
    }
    const subdirectories: string[] = [];
    for (const entry of entries) {
      // Anything but a folder is a candidate, a FIFO or a device too: the reader then says why it
      // refuses it (src/load/read-file.ts), rather than the search skipping it in silence.
      const isFile = entry.isSymbolicLink() ? kindOf(join(dir, entry.name)) === 'file' : !entry.isDirectory();
      if (isFile && keep(dir, entry.name)) files.push(join(dir, entry.name));
      if (!entry.isDirectory()) continue;
      const skipped = !enterAny && (entry.name.startsWith('.') || entry.name === 'node_modules');
      if (!skipped && enter(dir, entry.name)) subdirectories.push(join(dir, entry.name));
    }
    stack.push(...subdirectories.sort().reverse());
  }
  return { ok: true, files: files.sort(comparePaths) };
}

/** Orders paths by their segments, so `a/b.yaml` comes before `a-b/c.yaml` on every platform. */
export function comparePaths(a: string, b: string): number {
  const pa = a.split(sep);
  const pb = b.split(sep);
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    if (pa[i] !== pb[i]) return pa[i]! < pb[i]! ? -1 : 1;
  }
  return pa.length - pb.length;
}
