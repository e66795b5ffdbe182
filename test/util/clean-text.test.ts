import { describe, expect, it } from 'vitest';
import { cleanText, oneLine } from '../../src/util/clean-text.js';

describe('cleanText', () => {
  it.each([
    ['colour codes', 'a\u001b[31mred\u001b[0m b', 'ared b'],
    ['OSC 8 links ended by BEL', '\u001b]8;;https://x.example\u0007link\u001b]8;;\u0007', 'link'],
    ['OSC 8 links ended by ST', '\u001b]8;;https://x.example\u001b\\link\u001b]8;;\u001b\\', 'link'],
    ['cursor moves and screen clears', 'a\u001b[2J\u001b[10;5Hb', 'ab'],
    ['C0 and C1 controls', 'a\u0001\u0007\u007f\u0085\u009bb', 'ab'],
    ['bidi overrides and isolates', 'a\u202egnp\u202c\u2066x\u2069b', 'agnpxb'],
    ['lone surrogates', 'a\ud800b\udc00c', 'abc'],
    ['carriage returns become newlines', 'a\r\nb\rc', 'a\nb\nc'],
    ['tabs become spaces', 'a\tb', 'a b'],
  ])('removes %s', (_name, input, expected) => {
    expect(cleanText(input)).toBe(expected);
  });

  it('keeps ordinary text, emoji and other scripts', () => {
    expect(cleanText('Grüße 👋 日本語 ≤ →')).toBe('Grüße 👋 日本語 ≤ →');
  });

  it('oneLine folds every line break and the space around it', () => {
    expect(oneLine('  a \n b\r\n\n c  ')).toBe('a b c');
  });
});
