import { describe, expect, it } from 'vitest';
import { colorLevel } from '../../src/render/color.js';
import { styleFor } from '../../src/render/style.js';

describe('colorLevel', () => {
  const cases: [string, Record<string, string>, boolean, boolean, number][] = [
    ['a terminal gets colour', {}, true, false, 1],
    ['a pipe gets none', {}, false, false, 0],
    ['a file never does', { FORCE_COLOR: '3' }, true, true, 0],
    ['NO_COLOR turns it off', { NO_COLOR: '1' }, true, false, 0],
    ['an empty NO_COLOR does not count', { NO_COLOR: '' }, true, false, 1],
    ['NO_COLOR wins over FORCE_COLOR', { NO_COLOR: 'yes', FORCE_COLOR: '1' }, false, false, 0],
    ['FORCE_COLOR=1 colours a pipe', { FORCE_COLOR: '1' }, false, false, 1],
    ['FORCE_COLOR=true', { FORCE_COLOR: 'true' }, false, false, 1],
    ['FORCE_COLOR empty', { FORCE_COLOR: '' }, false, false, 1],
    ['FORCE_COLOR=2', { FORCE_COLOR: '2' }, false, false, 2],
    ['FORCE_COLOR=3', { FORCE_COLOR: '3' }, false, false, 3],
    ['FORCE_COLOR=0 turns a terminal off', { FORCE_COLOR: '0' }, true, false, 0],
    ['FORCE_COLOR=false', { FORCE_COLOR: 'false' }, true, false, 0],
    ['a dumb terminal', { TERM: 'dumb' }, true, false, 0],
    ['a 256-colour terminal', { TERM: 'xterm-256color' }, true, false, 2],
    ['a truecolor terminal', { COLORTERM: 'truecolor' }, true, false, 3],
  ];
  it.each(cases)('%s', (_name, env, isTTY, toFile, expected) => {
    expect(colorLevel({ env, isTTY, toFile })).toBe(expected);
  });

  it('styles text at the level, whatever the process supports', () => {
    expect(styleFor(0).red('x')).toBe('x');
    expect(styleFor(1).red('x')).toBe('\u001b[31mx\u001b[39m');
  });
});
