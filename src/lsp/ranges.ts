import type { Position, Range } from 'vscode-languageserver-textdocument';

/**
 * Where a problem stands in the editor: its 1-based line and column (in UTF-16 units, as the
 * loader counts them and LSP's default encoding does) to a 0-based range over the word there.
 * The loader drops a byte-order mark, so a column of the first line is one short of the editor's.
 */
export function rangeAt(text: string, line: number, column: number): Range {
  const start: Position = { line: Math.max(0, line - 1), character: Math.max(0, column - 1 + (line === 1 && text.startsWith('\ufeff') ? 1 : 0)) };
  const lineText = lineOf(text, start.line);
  const end = Math.max(start.character + 1, Math.min(lineText.length, tokenEnd(lineText, start.character)));
  return { start, end: { line: start.line, character: Math.min(end, Math.max(lineText.length, start.character)) } };
}

/** The end of the YAML word that starts at `from`: a quoted string, or a plain scalar up to `: `, `,`, a bracket or a comment. */
export function tokenEnd(lineText: string, from: number): number {
  const quote = lineText[from];
  if (quote === '"' || quote === "'") {
    const close = lineText.indexOf(quote, from + 1);
    return close < 0 ? lineText.length : close + 1;
  }
  let i = from;
  while (i < lineText.length) {
    const c = lineText[i]!;
    if (c === ',' || c === ']' || c === '}' || c === '[' || c === '{') break;
    if (c === ':' && (i + 1 === lineText.length || lineText[i + 1] === ' ' || lineText[i + 1] === '\t')) break;
    if (c === '#' && i > from && (lineText[i - 1] === ' ' || lineText[i - 1] === '\t')) break;
    i++;
  }
  while (i > from && (lineText[i - 1] === ' ' || lineText[i - 1] === '\t')) i--;
  return i;
}

/** The text of one 0-based line, without its line break. */
export function lineOf(text: string, line: number): string {
  let start = 0;
  for (let n = 0; n < line; n++) {
    const next = text.indexOf('\n', start);
    if (next < 0) return '';
    start = next + 1;
  }
  const end = text.indexOf('\n', start);
  return text.slice(start, end < 0 ? text.length : end).replace(/\r$/, '');
}
