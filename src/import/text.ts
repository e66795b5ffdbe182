import { cleanText, oneLine, shorten } from '../util/clean-text.js';

/**
 * BOM text on its way into the written YAML. A BOM is untrusted input: its strings must not be
 * able to add keys (a newline in a header comment), act on a terminal or an editor (escape
 * sequences, C0 and C1 controls, NUL), or read differently from what they are (bidi overrides).
 * Values keep their line breaks, since the YAML writer quotes them; anything placed in a comment
 * becomes one line.
 */

/** A value for a schema text field: cleaned, line and paragraph separators made plain newlines, cut at `max`. */
export function bomValue(text: string, max: number): string {
  const cleaned = cleanText(text)
    .replace(/[\u0085\u2028\u2029]/g, '\n')
    .replace(/[ \t]+\n/g, '\n')
    .trim();
  return cleaned.length <= max ? cleaned : `${cleaned.slice(0, max - 1).trimEnd()}…`;
}

/** BOM text quoted in a comment or a message: one line, at most `max` characters. */
export function bomInline(text: string, max = 120): string {
  return shorten(oneLine(text), max);
}

/** A comment line: whatever it quotes, it stays one line of the comment it belongs to. */
export function commentLine(text: string): string {
  return oneLine(text);
}
