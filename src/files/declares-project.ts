import { readFilePrefix } from '../load/read-file.js';
import type { ReadScope } from '../load/read-scope.js';

/**
 * How much of a YAML file a directory search reads to see whether it is a project description:
 * a project declares `formatVersion` near its top, as `aithreat init` writes it.
 */
export const declarationBytes = 16 * 1024;

/** `formatVersion: 1` as a key of the top-level mapping (at the start of a line), quoted or not. */
export const declaration = /^(?:formatVersion|"formatVersion"|'formatVersion')[ \t]*:[ \t]*["']?\d/m;

/**
 * Whether a YAML file that is not named `aithreat.yaml` declares itself a project description,
 * from its first 16 KiB and without parsing it: a directory search looks at every YAML file, most
 * of which are not meant for aithreat. It reads through the one reader (regular files only, within
 * the read scope); a file it may not read is simply not a project here, and a named one is
 * reported by the loader.
 */
export function declaresProject(scope: ReadScope): (path: string) => boolean {
  return (path) => {
    const read = readFilePrefix(path, path, scope, declarationBytes);
    return 'bytes' in read && declaration.test(read.bytes.toString('latin1'));
  };
}
