import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

// The bundle measures table cells with these stand-ins (scripts/build.ts `alias`); they must give
// the widths and matches of the packages they stand in for.
const require = createRequire(import.meta.url);
const shimWidth = require('../../scripts/shims/string-width.cjs') as ((text: string) => number) & { oneColumnEach: RegExp };
const realWidth = require('string-width') as (text: string) => number;
const shimAnsi = require('../../scripts/shims/ansi-regex.cjs') as (options?: { onlyFirst?: boolean }) => RegExp;
const realAnsi = require('ansi-regex') as (options?: { onlyFirst?: boolean }) => RegExp;

/** Every code point the fast path of the string-width stand-in counts as one column. */
function fastPathCodePoints(): number[] {
  const found: number[] = [];
  for (let c = 0; c <= 0xffff; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    if (shimWidth.oneColumnEach.test(String.fromCharCode(c))) found.push(c);
  }
  return found;
}

describe('string-width stand-in', () => {
  it('counts one column only for characters string-width counts as one', () => {
    const wrong = fastPathCodePoints().filter((c) => realWidth(String.fromCharCode(c)) !== 1);
    expect(wrong.map((c) => c.toString(16))).toEqual([]);
    expect(fastPathCodePoints().length).toBeGreaterThan(1400);
  });

  it.each([
    ['plain ASCII', 'DATAPOISON high yes'],
    ['dashes, quotes and box drawing', '— “quoted” ‘x’ … ┌──┬──┐ │ → ←'],
    ['Latin, Greek and Cyrillic', 'Zürich Ελλάδα Москва'],
    ['wide characters', '数据投毒 データ'],
    ['emoji', 'ok ✅ 👍🏽 👨‍👩‍👧'],
    ['combining marks', 'e\u0301 a\u0308'],
    ['colour codes', '\u001b[31mred\u001b[39m — \u001b[1mbold\u001b[22m'],
    ['control characters', 'a\u0007b\u009bc'],
  ])('gives string-width’s width for %s', (_name, text) => {
    expect(shimWidth(text)).toBe(realWidth(text));
  });
});

describe('ansi-regex stand-in', () => {
  it.each([
    ['colours', '\u001b[31mred\u001b[39m and \u001b[1;4mbold\u001b[0m'],
    ['a hyperlink', '\u001b]8;;https://example.com\u0007link\u001b]8;;\u0007'],
    ['no codes', 'plain text'],
  ])('matches what ansi-regex matches in %s, call after call', (_name, text) => {
    for (let i = 0; i < 3; i++) {
      expect(text.match(shimAnsi())).toEqual(text.match(realAnsi()));
      expect(shimAnsi({ onlyFirst: true }).exec(text)?.[0]).toEqual(realAnsi({ onlyFirst: true }).exec(text)?.[0]);
    }
  });
});
