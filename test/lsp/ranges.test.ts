import { describe, expect, it } from 'vitest';
import { lineOf, rangeAt } from '../../src/lsp/ranges.js';

const word = (text: string, line: number, column: number) => {
  const r = rangeAt(text, line, column);
  return lineOf(text, r.start.line).slice(r.start.character, r.end.character);
};

describe('rangeAt', () => {
  it.each([
    ['a plain value', 'a: value  # note\n', 1, 4, 'value'],
    ['a key', '  storedIn: [x]\n', 1, 3, 'storedIn'],
    ['a list item', 'a: [one, two]\n', 1, 10, 'two'],
    ['a quoted value with a colon and a comma', 'a: "b: c, d" # x\n', 1, 4, '"b: c, d"'],
    ['a flow mapping value', 'a: { b: cloud }\n', 1, 9, 'cloud'],
    ['a line of CRLF', 'a: x\r\nb: yes\r\n', 2, 4, 'yes'],
  ])('covers %s', (_name, text, line, column, expected) => {
    expect(word(text, line, column)).toBe(expected);
  });

  it('turns 1-based lines and columns into 0-based positions, and counts a byte-order mark the loader dropped', () => {
    expect(rangeAt('a: b\n', 1, 4).start).toEqual({ line: 0, character: 3 });
    expect(rangeAt('\ufeffa: b\n', 1, 4).start).toEqual({ line: 0, character: 4 });
    expect(rangeAt('\ufeffa: b\nc: d\n', 2, 4).start).toEqual({ line: 1, character: 3 });
  });

  it('is one character wide at least, within the line, and empty past the end of the text', () => {
    expect(rangeAt('a:\n', 1, 3)).toEqual({ start: { line: 0, character: 2 }, end: { line: 0, character: 2 } });
    expect(rangeAt('a: [', 1, 4)).toEqual({ start: { line: 0, character: 3 }, end: { line: 0, character: 4 } });
    expect(rangeAt('', 9, 9)).toEqual({ start: { line: 8, character: 8 }, end: { line: 8, character: 8 } });
  });
});
