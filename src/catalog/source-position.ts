import { isMap, isScalar, type Document, type LineCounter, type Node } from 'yaml';

/** A 1-based line and column. */
export interface Position {
  line: number;
  column: number;
}

/** A path into a YAML document: map keys and sequence indexes. */
export type NodePath = (string | number)[];

/** A parsed catalog file with what is needed to turn a path into a position. */
export interface SourceFile {
  path: string;
  doc: Document;
  lineCounter: LineCounter;
}

/** Turns an ajv instancePath (`/controls/0/id`) into a node path, unescaping `~1` and `~0`. */
export function instancePathToNodePath(instancePath: string): NodePath {
  if (instancePath === '') return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((segment) => (/^(0|[1-9]\d*)$/.test(segment) ? Number(segment) : segment));
}

/** Offsets become 1-based positions here and only here. */
export function offsetToPosition(lineCounter: LineCounter, offset: number): Position {
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}

function nodeAt(doc: Document, path: NodePath): Node | undefined {
  if (path.length === 0) return (doc.contents as Node | null) ?? undefined;
  const found: unknown = doc.getIn(path, true);
  return found && typeof found === 'object' && 'range' in found ? (found as Node) : undefined;
}

/**
 * Where `path` starts in the file, falling back to the closest existing ancestor when the node
 * is missing (a required property that is absent points at the object that should hold it).
 * With `key`, points at that key inside the map at `path` (for an unknown property).
 */
export function locate(source: SourceFile, path: NodePath, key?: string): Position {
  if (key !== undefined) {
    const map = nodeAt(source.doc, path);
    if (isMap(map)) {
      const pair = map.items.find((item) => isScalar(item.key) && String(item.key.value) === key);
      const range = pair && isScalar(pair.key) ? pair.key.range : undefined;
      if (range) return offsetToPosition(source.lineCounter, range[0]);
    }
  }
  for (let length = path.length; length >= 0; length--) {
    const range = nodeAt(source.doc, path.slice(0, length))?.range;
    if (range) return offsetToPosition(source.lineCounter, range[0]);
  }
  return { line: 1, column: 1 };
}

/** A readable form of a node path for messages: `controls[2].id`. */
export function formatNodePath(path: NodePath): string {
  return path
    .map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : index === 0 ? segment : `.${segment}`))
    .join('');
}
