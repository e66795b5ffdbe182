import type { State } from 'js-yaml';
import { limits, reservedKeys } from './limits.js';

/**
 * Where each node of a YAML document starts, built from js-yaml's parse events while it loads.
 * Much lighter than a full YAML document model, so positions of ten thousand data sets cost
 * little; the locator walks it to turn a data path into a line and column.
 */
export interface PosNode {
  /** Offset where the node's text (or its anchor) begins. */
  start: number;
  /** A value left empty (`key:` and nothing): it has no text of its own, so its key stands for it. */
  empty?: boolean;
  entries?: Map<string, { key: PosNode; value: PosNode | undefined }>;
  items?: PosNode[];
}

/** A limit or rule the document broke while it was read, at an offset. */
export class StructureError extends Error {
  constructor(
    readonly code: 'alias-limit' | 'reserved-key' | 'collection-limit',
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

interface Frame {
  start: number;
  children: { node: PosNode; result: unknown; size: number }[];
}

/** Collects positions from js-yaml's `listener` events. */
export class PositionRecorder {
  root: PosNode = { start: 0 };
  private readonly stack: Frame[] = [];
  private readonly sizes = new WeakMap<object, number>();
  private aliases = 0;
  private expanded = 0;

  constructor(private readonly text: string) {}

  readonly listener = (event: 'open' | 'close', state: State): void => {
    if (event === 'open') {
      this.stack.push({ start: state.position, children: [] });
      return;
    }
    const frame = this.stack.pop()!;
    const result = (state as State & { result: unknown }).result;
    const built = this.build(frame, result);
    const parent = this.stack.at(-1);
    if (parent) parent.children.push({ node: built.node, result, size: built.size });
    else this.root = built.node;
  };

  private build(frame: Frame, result: unknown): { node: PosNode; size: number } {
    const only = frame.children.length === 1 ? frame.children[0]! : undefined;
    // js-yaml wraps some nodes (anchors, implicit-key look-ahead) in a second event pair.
    if (only && only.result === result) return { node: only.node, size: only.size };
    const start = skipSpace(this.text, frame.start);
    if (frame.children.length === 0 && this.text[start] === '*') return { node: { start }, size: this.alias(result, start) };
    const entries = Array.isArray(result) ? frame.children.length : frame.children.length / 2;
    if (entries > limits.maxCollectionItems) {
      throw new StructureError('collection-limit', `${Array.isArray(result) ? 'list has' : 'mapping has'} ${entries} entries; the limit is ${limits.maxCollectionItems}`, start);
    }
    let size = 1;
    for (const child of frame.children) size += child.size;
    if (result !== null && typeof result === 'object') this.sizes.set(result, size);
    if (Array.isArray(result)) return { node: { start, items: frame.children.map((c) => c.node) }, size };
    if (result !== null && typeof result === 'object') {
      const entries = new Map<string, { key: PosNode; value: PosNode | undefined }>();
      for (let i = 0; i < frame.children.length; i += 2) {
        const key = frame.children[i]!;
        const name = String(key.result);
        if (reservedKeys.has(name)) throw new StructureError('reserved-key', `key \`${name}\` is not allowed`, key.node.start);
        entries.set(name, { key: key.node, value: frame.children[i + 1]?.node });
      }
      return { node: { start, entries }, size };
    }
    if (result === null && !/^(null|Null|NULL|~)(?![^\s,\]}])/.test(this.text.slice(start, start + 5))) return { node: { start, empty: true }, size };
    return { node: { start }, size };
  }

  /** Aliases share one object in js-yaml, but every later walk expands them: bound the expansion. */
  private alias(result: unknown, start: number): number {
    const size = result !== null && typeof result === 'object' ? (this.sizes.get(result) ?? 1) : 1;
    this.aliases++;
    this.expanded += size;
    if (this.aliases > limits.maxAliasCount || this.expanded > limits.maxAliasExpansion) {
      throw new StructureError('alias-limit', `aliases expand beyond the limit (${limits.maxAliasCount} aliases, ${limits.maxAliasExpansion} expanded nodes)`, start);
    }
    return size;
  }
}

/** Skips white space and comments, so a position points at the node, not at what precedes it. */
export function skipSpace(text: string, offset: number): number {
  let i = offset;
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\ufeff') i++;
    else if (c === '#') while (i < text.length && text[i] !== '\n') i++;
    else break;
  }
  return i;
}

/** Line starts of a text, for turning offsets into 1-based lines and columns in O(log n). */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    // YAML breaks lines at LF, CRLF and a lone CR alike; most files have no CR, and indexOf is
    // much faster than a loop over every character.
    if (!text.includes('\r')) {
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) this.starts.push(i + 1);
    }
  }

  position(offset: number): { line: number; column: number } {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - this.starts[low]! + 1 };
  }
}
