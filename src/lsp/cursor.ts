import { isMap, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';
import { limits } from '../load/limits.js';
import type { DataPath } from '../load/locate.js';

/**
 * The document as the editor holds it, parsed by a YAML library that keeps going past errors and
 * gives every node its range: while someone types, the file is often not valid YAML, and hover,
 * completion and go to definition still need to know where the cursor stands. (Diagnostics come
 * from the project's own loader, never from this.) It is only asked of text within the reader's
 * size limit, and a nesting that exhausts the library's stack gives no tree rather than a crash.
 */
export function tolerantParse(text: string): Document | null {
  if (text.length > limits.maxFileBytes) return null;
  try {
    return parseDocument(text, { uniqueKeys: false, strict: false, prettyErrors: false });
  } catch {
    return null;
  }
}

/** The plain data of the tolerant tree, aliases bounded as the loader bounds them; null when that fails. */
export function tolerantData(document: Document): unknown {
  try {
    return document.toJS({ maxAliasCount: limits.maxAliasCount });
  } catch {
    return null;
  }
}

/** Where the cursor stands: on a mapping's key, or on a value (a scalar, or an empty place for one). */
export interface Cursor {
  path: DataPath;
  on: 'key' | 'value';
  /** The scalar under the cursor, with its range; absent in an empty place. */
  scalar?: { value: unknown; start: number; end: number };
}

export function cursorAt(document: Document, offset: number): Cursor | null {
  let node: Node | null = document.contents as Node | null;
  const path: (string | number)[] = [];
  for (let depth = 0; node && depth <= limits.maxDepth; depth++) {
    if (isScalar(node)) {
      const [start, end] = node.range ?? [offset, offset];
      return { path, on: 'value', scalar: { value: node.value, start, end } };
    }
    if (isMap(node)) {
      let next: Node | null = null;
      for (const pair of node.items) {
        const key = pair.key as Node | null;
        if (key && isScalar(key) && key.range && offset >= key.range[0] && offset <= key.range[1]) {
          return { path: [...path, String(key.value)], on: 'key', scalar: { value: key.value, start: key.range[0], end: key.range[1] } };
        }
      }
      for (const pair of node.items) {
        const key = pair.key as Node | null;
        if (key && isScalar(key) && holds(pair.value as Node | null, offset)) {
          path.push(String(key.value));
          next = pair.value as Node;
          break;
        }
      }
      if (!next) return { path, on: 'key' };
      node = next;
      continue;
    }
    if (isSeq(node)) {
      const index = node.items.findIndex((item) => holds(item as Node | null, offset));
      path.push(index >= 0 ? index : node.items.length);
      if (index < 0) return { path, on: 'value' };
      node = node.items[index] as Node;
      continue;
    }
    return null;
  }
  return null;
}

/**
 * Whether the cursor stands in a node, up to and with its end: the cursor after a word typed is on
 * it, and a mapping whose last value is still empty ends where the cursor is. (A block collection
 * also ends where the next key begins: the keys of a mapping are looked at before its values.)
 */
function holds(node: Node | null, offset: number): boolean {
  const range = node?.range;
  return range !== undefined && range !== null && offset >= range[0] && offset <= range[1];
}

/** Every mapping of the tree with its path and where its first key starts, for completing a key on a line of its own. */
export function mappings(document: Document): { path: DataPath; firstKey: number; keys: string[] }[] {
  const found: { path: DataPath; firstKey: number; keys: string[] }[] = [];
  const visit = (node: Node | null, path: (string | number)[], depth: number) => {
    if (!node || depth > limits.maxDepth) return;
    if (isMap(node)) {
      const first = node.items[0]?.key as Node | null | undefined;
      if (first?.range) found.push({ path, firstKey: first.range[0], keys: node.items.map((p) => String(isScalar(p.key) ? p.key.value : '')) });
      for (const pair of node.items) if (isScalar(pair.key)) visit(pair.value as Node | null, [...path, String(pair.key.value)], depth + 1);
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => visit(item as Node | null, [...path, i], depth + 1));
    }
  };
  visit(document.contents as Node | null, [], 0);
  return found;
}

/** The range of the value at a path of the tree (an entry's `id`, say), or null. */
export function rangeOf(document: Document, path: DataPath): [number, number] | null {
  try {
    const node = document.getIn(path, true) as Node | undefined;
    return node?.range ? [node.range[0], node.range[1]] : null;
  } catch {
    return null;
  }
}
