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
  /** A mapping's keys, in the order of the file. */
  keys?: string[];
  /** A mapping's key and value nodes in turn: key `i` at `2i`, its value at `2i + 1`. */
  pairs?: PosNode[];
  items?: PosNode[];
}

/** A mapping's entry: where its key begins, and its value. */
export interface PosEntry {
  keyStart: number;
  value: PosNode;
}

/** Mappings large enough to be searched through an index, built when first searched. */
const indexes = new WeakMap<PosNode, Map<string, number>>();
const scanLimit = 16;

/**
 * The entry of a mapping under a key. Most mappings of a file are never searched (a report points
 * at a few dozen places), so they keep their keys as the parser gave them, and only a large one
 * that is searched gets an index.
 */
export function entryOf(node: PosNode, key: string): PosEntry | undefined {
  const keys = node.keys;
  if (!keys) return undefined;
  let i = -1;
  if (keys.length <= scanLimit) {
    i = keys.indexOf(key);
  } else {
    let index = indexes.get(node);
    if (!index) {
      index = new Map();
      for (let k = keys.length - 1; k >= 0; k--) index.set(keys[k]!, k);
      indexes.set(node, index);
    }
    i = index.get(key) ?? -1;
  }
  if (i < 0) return undefined;
  const pairs = node.pairs!;
  const keyStart = pairs[2 * i]!.start;
  return { keyStart, value: pairs[2 * i + 1] ?? { start: keyStart, empty: true } };
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

/**
 * Collects positions from js-yaml's `listener` events. It runs for every node of every file, so
 * it keeps its work in flat stacks (the children of all open nodes, and per open node where it
 * starts and where its children begin) rather than in an object per open node.
 */
export class PositionRecorder {
  root: PosNode = { start: 0 };
  /** Children of the open nodes, oldest first: each with the value js-yaml built for it. */
  private readonly nodes: PosNode[] = [];
  private readonly results: unknown[] = [];
  /** How many entries of `nodes` and `results` are in use (the arrays are reused, never shrunk). */
  private used = 0;
  /** Per open node: its start offset, and where its children begin in `nodes`. */
  private readonly starts: number[] = [];
  private readonly firstChild: number[] = [];
  private aliases = 0;
  private expanded = 0;

  constructor(private readonly text: string) {}

  readonly listener = (event: 'open' | 'close', state: State): void => {
    if (event === 'open') {
      this.starts.push(state.position);
      this.firstChild.push(this.used);
      return;
    }
    const start = this.starts.pop()!;
    const first = this.firstChild.pop()!;
    const result = (state as State & { result: unknown }).result;
    const node = this.build(start, first, result);
    this.used = first;
    if (this.starts.length > 0) {
      this.nodes[this.used] = node;
      this.results[this.used] = result;
      this.used++;
    } else {
      this.root = node;
    }
  };

  private build(frameStart: number, first: number, result: unknown): PosNode {
    const count = this.used - first;
    // js-yaml wraps some nodes (anchors, implicit-key look-ahead) in a second event pair.
    if (count === 1 && this.results[first] === result) return this.nodes[first]!;
    const start = skipSpace(this.text, frameStart);
    if (count === 0 && this.text.charCodeAt(start) === 42 /* '*' */) {
      this.alias(result, start);
      return { start };
    }
    const isList = Array.isArray(result);
    const entries = isList ? count : count / 2;
    if (entries > limits.maxCollectionItems) {
      throw new StructureError('collection-limit', `${isList ? 'list has' : 'mapping has'} ${entries} entries; the limit is ${limits.maxCollectionItems}`, start);
    }
    if (isList) return { start, items: this.nodes.slice(first, this.used) };
    if (result !== null && typeof result === 'object') {
      const keys: string[] = [];
      for (let i = first; i < this.used; i += 2) {
        const name = String(this.results[i]);
        if (reservedKeys.has(name)) throw new StructureError('reserved-key', `key \`${name}\` is not allowed`, this.nodes[i]!.start);
        keys.push(name);
      }
      return { start, keys, pairs: this.nodes.slice(first, this.used) };
    }
    if (result === null && !/^(null|Null|NULL|~)(?![^\s,\]}])/.test(this.text.slice(start, start + 5))) return { start, empty: true };
    return { start };
  }

  /**
   * Aliases share one object in js-yaml, but every later walk expands them: bound the expansion.
   * The aliased value is counted when an alias is met (aliases are rare in project files), and
   * the count stops at what the limit still allows, so an alias bomb costs no more than the limit.
   */
  private alias(result: unknown, start: number): void {
    this.aliases++;
    const allowed = limits.maxAliasExpansion - this.expanded;
    this.expanded += expandedSize(result, allowed + 1);
    if (this.aliases > limits.maxAliasCount || this.expanded > limits.maxAliasExpansion) {
      throw new StructureError('alias-limit', `aliases expand beyond the limit (${limits.maxAliasCount} aliases, ${limits.maxAliasExpansion} expanded nodes)`, start);
    }
  }
}

/**
 * Nodes in a value with shared parts counted each time they appear (a mapping counts itself, each
 * key and each value), counting no further than `budget`.
 */
function expandedSize(value: unknown, budget: number): number {
  let count = 0;
  const pending: unknown[] = [value];
  while (pending.length > 0 && count < budget) {
    const next = pending.pop();
    count++;
    if (Array.isArray(next)) {
      for (const item of next) pending.push(item);
    } else if (next !== null && typeof next === 'object') {
      for (const item of Object.values(next)) {
        count++;
        pending.push(item);
      }
    }
  }
  return count;
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
