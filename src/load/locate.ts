import { isAlias, isMap, isScalar, isSeq, type Node } from 'yaml';
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
  let node: unknown = source.doc.contents;
  let found = offsetOf(node);
  for (let i = 0; i < path.length; i++) {
    if (isAlias(node)) node = node.resolve(source.doc);
    const segment = path[i]!;
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
      if (!pair) break;
      if (last && target === 'key') {
        found = offsetOf(pair.key) ?? found;
        break;
      }
      node = pair.value;
      found = offsetOf(node) ?? offsetOf(pair.key) ?? found;
    } else if (isSeq(node) && /^\d+$/.test(String(segment))) {
      node = node.items[Number(segment)];
      if (node === undefined) break;
      found = offsetOf(node) ?? found;
    } else {
      break;
    }
  }
  const { line, col } = source.lineCounter.linePos(found ?? 0);
  return { line, column: col };
}

function offsetOf(node: unknown): number | undefined {
  return (node as Node | null)?.range?.[0];
}

/** JSON Pointer (as in ajv's instancePath) to a path, unescaping `~1` and `~0`. */
export function pointerToPath(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
}
