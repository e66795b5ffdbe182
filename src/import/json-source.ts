import { parse as parseWithPositions, type AnyNode } from '@humanwhocodes/momoa';
import { limits } from '../load/limits.js';
import { LineIndex } from '../load/positions.js';

/** A place in a BOM file, 1-based, and what is wrong there. */
export interface BomProblem {
  line: number;
  column: number;
  message: string;
}

export type ParsedJson = { ok: true; value: unknown } | { ok: false; problem: BomProblem };

/**
 * Parses a BOM's JSON text. The value comes from the native JSON.parse; positions come from
 * momoa (ESLint's JSON parser), which is only run when something has to be pointed at: a syntax
 * error, or a value of the wrong shape. Nesting deeper than the limit is refused before either
 * parser sees the text, since both descend recursively.
 */
export function parseJson(text: string): ParsedJson {
  const deep = tooDeepAt(text, limits.maxDepth);
  if (deep >= 0) return { ok: false, problem: { ...new LineIndex(text).position(deep), message: `nesting is deeper than the limit of ${limits.maxDepth} levels` } };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, problem: syntaxProblem(text) };
  }
}

/**
 * The offset of the first `{` or `[` that opens a level beyond `max`, or -1. Brackets inside
 * strings do not count; a string's end is found by skipping escaped characters.
 */
export function tooDeepAt(text: string, max: number): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) if (text.charCodeAt(i) === 0x5c) i++;
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return i;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    }
  }
  return -1;
}

const tokenNames: Record<string, string> = {
  LBrace: '`{`',
  RBrace: '`}`',
  LBracket: '`[`',
  RBracket: '`]`',
  Colon: '`:`',
  Comma: '`,`',
  String: 'string',
  Number: 'number',
  Boolean: '`true` or `false`',
  Null: '`null`',
};

/** Where and why JSON.parse failed, in words: momoa says where, its error class says what. */
function syntaxProblem(text: string): BomProblem {
  const lines = new LineIndex(text);
  try {
    parseWithPositions(text, { mode: 'json' });
  } catch (error) {
    const at = error as Error & { line?: number; column?: number; offset?: number };
    if (typeof at.line === 'number' && typeof at.column === 'number') {
      const offset = at.offset ?? 0;
      const before = text.slice(0, offset).trimEnd();
      if (/^Unexpected end of input/.test(at.message)) {
        return { ...lines.position(text.trimEnd().length), message: 'not valid JSON: the text ends before the JSON value does' };
      }
      const next = text[offset] ?? '';
      if (before.endsWith(',') && (next === '}' || next === ']')) {
        return { line: at.line, column: at.column, message: `not valid JSON: a comma before \`${next}\`: JSON allows no comma after the last entry` };
      }
      const value = /^Unexpected token (String|Number|Boolean|Null|LBrace|LBracket) found/.test(at.message) && !/[,:[{]$/.test(before);
      return { line: at.line, column: at.column, message: `not valid JSON: ${describeSyntaxError(at.message)}${value ? '; is a `,` missing before it?' : ''}` };
    }
  }
  // momoa lets raw control characters stand in strings; JSON.parse does not.
  const control = firstRawControlInString(text);
  if (control >= 0) {
    const code = text.charCodeAt(control).toString(16).padStart(4, '0');
    return { ...lines.position(control), message: `not valid JSON: a raw control character (U+${code.toUpperCase()}) inside a string; write it as \\u${code}` };
  }
  return { line: 1, column: 1, message: 'not valid JSON' };
}

function firstRawControlInString(text: string): number {
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) !== 0x22) continue;
    for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x5c) i++;
      else if (c < 0x20) return i;
    }
  }
  return -1;
}

function describeSyntaxError(message: string): string {
  const withoutPosition = message.replace(/\s*\(\d+:\d+\)$/, '');
  const token = /^Unexpected token (\w+) found\.$/.exec(withoutPosition);
  if (token) return `unexpected ${tokenNames[token[1]!] ?? token[1]}`;
  const char = /^Unexpected character '([\s\S])' found\.$/.exec(withoutPosition);
  if (char) return `unexpected character ${JSON.stringify(char[1])}`;
  if (/^Unexpected end of input/.test(withoutPosition)) return 'the text ends before the JSON value does';
  const identifier = /^Unexpected identifier '(.*)' found\.$/.exec(withoutPosition);
  if (identifier) return `unexpected word \`${identifier[1]}\` (JSON allows only true, false and null)`;
  return withoutPosition.replace(/\.$/, '');
}

/** Positions of the nodes of a JSON text, for pointing at a path; built only when needed. */
export class JsonPositions {
  private readonly root: AnyNode;

  constructor(text: string) {
    this.root = parseWithPositions(text, { mode: 'json' }).body;
  }

  /** The line and column of the value at `path`, or of its closest existing ancestor. */
  at(path: readonly (string | number)[], target: 'key' | 'value' = 'value'): { line: number; column: number } {
    let node: AnyNode = this.root;
    let found: { line: number; column: number } = node.loc.start;
    for (const [i, step] of path.entries()) {
      if (node.type === 'Object') {
        const member = node.members.find((m) => m.name.type === 'String' && m.name.value === String(step));
        if (!member) break;
        if (i === path.length - 1 && target === 'key') found = member.name.loc.start;
        if (i === path.length - 1 && target === 'key') break;
        node = member.value;
      } else if (node.type === 'Array') {
        const element = node.elements[Number(step)];
        if (!element) break;
        node = element.value;
      } else {
        break;
      }
      found = node.loc.start;
    }
    return { line: found.line, column: found.column };
  }
}
