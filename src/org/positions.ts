import { locate, offsetOf, type DataPath, type Position } from '../load/locate.js';
import type { SourceFile } from '../load/source.js';

/**
 * Where a character of an expression stands in the rule file: the scalar's position, plus the
 * offset, when the file writes the expression as it reads (a plain or quoted scalar without
 * escapes on one line, or a literal block `|`). Otherwise the start of the scalar, which is still
 * the right line for a short expression.
 */
export function expressionPosition(source: SourceFile, path: DataPath, expression: string, offset: number): Position {
  const start = offsetOf(source, path);
  const text = source.text;
  const quote = text[start];
  const inline = quote === '"' || quote === "'" ? start + 1 : start;
  if (!expression.includes('\n') && text.startsWith(expression, inline)) return source.lines.position(inline + Math.min(offset, expression.length));
  if (quote === '|') {
    // A literal block keeps each line as written, indented under its key.
    const lineStart = text.indexOf('\n', start) + 1;
    const indent = /^ */.exec(text.slice(lineStart))![0].length;
    const before = expression.slice(0, offset).split('\n');
    const line = source.lines.position(lineStart).line + before.length - 1;
    return { line, column: indent + before.at(-1)!.length + 1 };
  }
  return locate(source, path);
}
