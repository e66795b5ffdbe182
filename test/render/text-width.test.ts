import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { oneColumnEach, textWidth } from '../../src/render/text-width.js';

/** Every code point the fast path counts as one column. */
function fastPathCodePoints(): number[] {
  const found: number[] = [];
  for (let c = 0; c <= 0xffff; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    if (oneColumnEach.test(String.fromCharCode(c))) found.push(c);
  }
  return found;
}

describe('the width of text in a terminal', () => {
  it('counts one column by length only for characters string-width counts as one', () => {
    const wrong = fastPathCodePoints().filter((c) => stringWidth(String.fromCharCode(c)) !== 1);
    expect(wrong.map((c) => c.toString(16))).toEqual([]);
    expect(fastPathCodePoints().length).toBeGreaterThan(1400);
  });

  it.each([
    ['plain ASCII', 'DATAPOISON high yes', 19],
    ['dashes, quotes and box drawing', '— “quoted” ‘x’ … ┌──┬──┐ │ → ←', 30],
    ['Latin, Greek and Cyrillic', 'Zürich Ελλάδα Москва', 20],
    ['wide characters', '数据投毒 データ', 15],
    ['emoji', 'ok ✅ 👍🏽 👨‍👩‍👧', 11],
    ['combining marks', 'e\u0301 a\u0308', 3],
    ['nothing', '', 0],
  ])('is string-width’s for %s', (_name, text, columns) => {
    expect(textWidth(text)).toBe(columns);
    expect(textWidth(text)).toBe(stringWidth(text));
  });
});
