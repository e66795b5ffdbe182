import type { Problem, ProblemCode } from '../problem.js';
import { limits, reservedKeys } from './limits.js';
import { LineIndex, type PosNode } from './positions.js';
import type { LoadResult } from './source.js';

/**
 * JSON input (baselines) read the way YAML input is: into a value and the positions the locator
 * needs, with the same limits (nesting, entries per list or mapping, reserved keys), so that one
 * schema check (`checkSchema`) reports a wrong shape as `file:line:column: message` before the
 * value is used. The parser keeps its own stack instead of recursing, so no nesting can overflow
 * the call stack; a problem names what is wrong and where, and never quotes the file's text.
 * Strict RFC 8259: no comments, no trailing commas, and (unlike `JSON.parse`) no duplicate keys,
 * since two readers of one file must not see different values.
 */
export function parseJsonSource(input: string, file: string): LoadResult {
  const text = input.startsWith('\ufeff') ? input.slice(1) : input;
  const lines = new LineIndex(text);
  const fail = (offset: number, code: ProblemCode, message: string): LoadResult => ({ ok: false, problems: [problemAt(file, lines, offset, code, message)] });
  if (text.trim() === '') return fail(0, 'empty-file', 'file is empty: expected a JSON object');
  try {
    const { value, node } = new JsonParser(text, lines).parse();
    return { ok: true, source: { file, text, root: node, lines }, data: value, problems: [] };
  } catch (error) {
    if (!(error instanceof JsonError)) throw error;
    return fail(error.offset, error.code, error.message);
  }
}

function problemAt(file: string, lines: LineIndex, offset: number, code: ProblemCode, message: string): Problem {
  return { file, ...lines.position(offset), code, message };
}

class JsonError extends Error {
  constructor(
    readonly code: ProblemCode,
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** An object or array being read: its value, its position node, and the key awaiting a value. */
interface Frame {
  value: Record<string, unknown> | unknown[];
  node: PosNode;
  key?: string;
}

const number = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const literals: [string, unknown][] = [
  ['true', true],
  ['false', false],
  ['null', null],
];

class JsonParser {
  private at = 0;

  constructor(
    private readonly text: string,
    private readonly lines: LineIndex,
  ) {}

  parse(): { value: unknown; node: PosNode } {
    const stack: Frame[] = [];
    let result: { value: unknown; node: PosNode } | undefined;
    // Each turn reads one value (opening a container pushes a frame) or closes a container.
    for (;;) {
      this.skipSpace();
      const top = stack.at(-1);
      if (top && this.at >= this.text.length) {
        const opened = this.lines.position(top.node.start);
        throw this.syntax(`the file ends before the ${Array.isArray(top.value) ? 'list' : 'object'} opened at ${opened.line}:${opened.column} is closed`);
      }
      let value: unknown;
      let node: PosNode;
      if (top && this.closes(top)) {
        stack.pop();
        ({ value, node } = top);
      } else {
        if (top) this.beforeEntry(top);
        const start = this.at;
        const c = this.text.charCodeAt(start);
        if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
          if (stack.length >= limits.maxDepth) throw new JsonError('nesting-limit', `nesting is deeper than the limit of ${limits.maxDepth} levels`, start);
          this.at++;
          const frame: Frame = c === 0x7b ? { value: {}, node: { start, keys: [], pairs: [] } } : { value: [], node: { start, items: [] } };
          stack.push(frame);
          continue;
        }
        node = { start };
        value = this.scalar();
      }
      const parent = stack.at(-1);
      if (!parent) {
        result = { value, node };
        break;
      }
      this.add(parent, value, node);
    }
    this.skipSpace();
    if (this.at < this.text.length) throw this.syntax('unexpected text after the JSON value');
    return result;
  }

  /** Whether the container ends here (and steps over its closing bracket). */
  private closes(frame: Frame): boolean {
    const close = Array.isArray(frame.value) ? 0x5d : 0x7d;
    if (this.text.charCodeAt(this.at) !== close) return false;
    if (frame.key !== undefined) throw this.syntax('expected a value after the key');
    this.at++;
    return true;
  }

  /** The separators before an entry: a comma between entries, and an object's key and colon. */
  private beforeEntry(frame: Frame): void {
    const isArray = Array.isArray(frame.value);
    const count = isArray ? (frame.value as unknown[]).length : frame.node.keys!.length;
    if (count > 0) {
      if (this.text.charCodeAt(this.at) !== 0x2c) throw this.syntax(`expected ',' or '${isArray ? ']' : '}'}'`);
      this.at++;
      this.skipSpace();
      const close = isArray ? ']' : '}';
      if (this.text[this.at] === close) throw this.syntax(`a comma before \`${close}\`: JSON allows no comma after the last entry`);
    }
    if (isArray) return;
    const keyStart = this.at;
    if (this.text.charCodeAt(keyStart) !== 0x22) throw this.syntax('expected a key in double quotes');
    const key = this.string();
    if (reservedKeys.has(key)) throw new JsonError('reserved-key', `key \`${key}\` is not allowed`, keyStart);
    if (frame.node.keys!.includes(key)) throw new JsonError('json-syntax', `duplicate key \`${key.slice(0, 80)}\`: a key may appear only once in an object`, keyStart);
    this.skipSpace();
    if (this.text.charCodeAt(this.at) !== 0x3a) throw this.syntax("expected ':' after the key");
    this.at++;
    this.skipSpace();
    frame.key = key;
    frame.node.keys!.push(key);
    frame.node.pairs!.push({ start: keyStart });
  }

  private add(frame: Frame, value: unknown, node: PosNode): void {
    const entries = Array.isArray(frame.value) ? frame.value.length : frame.node.keys!.length - 1;
    if (entries >= limits.maxCollectionItems) {
      throw new JsonError('collection-limit', `${Array.isArray(frame.value) ? 'list' : 'object'} has more than ${limits.maxCollectionItems} entries; the limit is ${limits.maxCollectionItems}`, frame.node.start);
    }
    if (Array.isArray(frame.value)) {
      frame.value.push(value);
      frame.node.items!.push(node);
    } else {
      frame.value[frame.key!] = value;
      frame.node.pairs!.push(node);
      frame.key = undefined;
    }
  }

  private scalar(): unknown {
    const c = this.text.charCodeAt(this.at);
    if (c === 0x22) return this.string();
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      number.lastIndex = this.at;
      const match = number.exec(this.text);
      if (!match) throw this.syntax('a malformed number');
      this.at += match[0].length;
      return Number(match[0]);
    }
    for (const [word, value] of literals) {
      if (this.text.startsWith(word, this.at)) {
        this.at += word.length;
        return value;
      }
    }
    throw this.syntax(this.at >= this.text.length ? 'the file ends where a value is expected' : 'expected a value');
  }

  /** A string token: checked here, decoded by the native parser (which then cannot fail). */
  private string(): string {
    const start = this.at;
    let escaped = false;
    let i = start + 1;
    for (;;) {
      if (i >= this.text.length) throw new JsonError('json-syntax', 'not valid JSON: a string is not closed', start);
      const c = this.text.charCodeAt(i);
      if (c === 0x22) break;
      if (c < 0x20) throw new JsonError('json-syntax', 'not valid JSON: a control character inside a string (write it as an escape)', i);
      if (c === 0x5c) {
        escaped = true;
        const next = this.text[i + 1] ?? '';
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(this.text.slice(i + 2, i + 6))) throw new JsonError('json-syntax', 'not valid JSON: a \\u escape needs four hexadecimal digits', i);
          i += 6;
          continue;
        }
        if (!'"\\/bfnrt'.includes(next) || next === '') throw new JsonError('json-syntax', 'not valid JSON: an unknown escape in a string', i);
        i += 2;
        continue;
      }
      i++;
    }
    this.at = i + 1;
    return escaped ? (JSON.parse(this.text.slice(start, i + 1)) as string) : this.text.slice(start + 1, i);
  }

  private skipSpace(): void {
    while (this.at < this.text.length) {
      const c = this.text.charCodeAt(this.at);
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return;
      this.at++;
    }
  }

  private syntax(what: string): JsonError {
    return new JsonError('json-syntax', `not valid JSON: ${what}`, this.at);
  }
}
