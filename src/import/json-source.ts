import { parseJsonSource } from '../load/json.js';
import { locate } from '../load/locate.js';
import type { SourceFile } from '../load/source.js';

/** A place in a BOM file, 1-based, and what is wrong there. */
export interface BomProblem {
  line: number;
  column: number;
  message: string;
}

export type ParsedJson = { ok: true; value: unknown; positions: JsonPositions } | { ok: false; problem: BomProblem };

/**
 * Parses a BOM's JSON text with the reader baselines use (src/load/json.ts): strict JSON, the
 * same nesting and size limits as every other input, no duplicate keys, and positions kept for
 * pointing at a value of the wrong shape. One reader means one set of messages and limits for
 * every JSON file aithreat is given.
 */
export function parseJson(text: string): ParsedJson {
  const parsed = parseJsonSource(text, '');
  if (!parsed.ok) {
    const [first] = parsed.problems;
    return { ok: false, problem: { line: first?.line ?? 1, column: first?.column ?? 1, message: first?.message ?? 'not valid JSON' } };
  }
  return { ok: true, value: parsed.data, positions: new JsonPositions(parsed.source) };
}

/** Positions of the values of a parsed BOM, for pointing at a path. */
export class JsonPositions {
  constructor(private readonly source: SourceFile) {}

  /** The line and column of the value at `path`, or of its closest existing ancestor. */
  at(path: readonly (string | number)[], target: 'key' | 'value' = 'value'): { line: number; column: number } {
    return locate(this.source, path, target);
  }
}
