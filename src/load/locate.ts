import type { PosNode } from './positions.js';
import { entryOf, skipSpace } from './positions.js';
import type { SourceFile } from './source.js';

/** A path into the project data, as rules and the schema report it: keys and list indexes. */
export type DataPath = readonly (string | number)[];

export interface Position {
  line: number;
  column: number;
}

/**
 * Finds where a path lies in the file: the key itself for `target: 'key'` (unknown keys), otherwise
 * the value. When the path does not exist (a required key is missing) it falls back to the closest
 * existing ancestor, so that every message still points somewhere useful.
 */
export function locate(source: SourceFile, path: DataPath, target: 'key' | 'value' = 'value'): Position {
  return source.lines.position(offsetOf(source, path, target));
}

/** The offset `locate` turns into a line and column: callers that locate many paths key on it. */
export function offsetOf(source: SourceFile, path: DataPath, target: 'key' | 'value' = 'value'): number {
  let node: PosNode | undefined = source.root;
  let found = node.start;
  for (let i = 0; i < path.length && node; i++) {
    const step = path[i]!;
    const segment = typeof step === 'string' ? step : String(step);
    if (node.keys) {
      const entry = entryOf(node, segment);
      if (!entry) break;
      if (i === path.length - 1 && target === 'key') {
        found = entry.keyStart;
        break;
      }
      node = entry.value;
      found = node.empty ? entry.keyStart : node.start;
    } else if (node.items && (typeof step === 'number' || /^\d+$/.test(segment))) {
      node = node.items[Number(step)];
      if (node) found = node.start;
    } else {
      break;
    }
  }
  return skipSpace(source.text, found);
}

/** JSON Pointer (as in ajv's instancePath) to a path, unescaping `~1` and `~0`. */
export function pointerToPath(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
}
