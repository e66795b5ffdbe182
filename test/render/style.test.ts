import { describe, expect, it } from 'vitest';
import { styleFor } from '../../src/render/style.js';

const style = styleFor(1);

describe('terminal styles', () => {
  it('puts a style’s codes around the text, outer styles first', () => {
    expect(style.bold('x')).toBe('\u001b[1mx\u001b[22m');
    expect(style.red.bold('FAIL')).toBe('\u001b[31m\u001b[1mFAIL\u001b[22m\u001b[39m');
    expect(style.bold.cyan('ID')).toBe('\u001b[1m\u001b[36mID\u001b[39m\u001b[22m');
  });

  it('reopens a style that the text closes inside it', () => {
    expect(style.dim(`a ${style.bold('b')} c`)).toBe('\u001b[2ma \u001b[1mb\u001b[22m\u001b[2m c\u001b[22m');
  });

  it('closes every style before a line break and reopens it after', () => {
    expect(style.red.bold('a\nb\r\nc')).toBe('\u001b[31m\u001b[1ma\u001b[22m\u001b[39m\n\u001b[31m\u001b[1mb\u001b[22m\u001b[39m\r\n\u001b[31m\u001b[1mc\u001b[22m\u001b[39m');
  });

  it('leaves empty text empty, and all text plain at level 0', () => {
    expect(style.red('')).toBe('');
    expect(styleFor(0).red.bold('a\nb')).toBe('a\nb');
  });

  it('uses the same codes at levels 1, 2 and 3', () => {
    for (const level of [2, 3] as const) expect(styleFor(level).yellow('w')).toBe(style.yellow('w'));
  });
});
