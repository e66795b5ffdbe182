import type { RenderContext } from './renderer.js';

export type ColorLevel = RenderContext['colorLevel'];

/**
 * Decides how much colour output gets, in one place: `NO_COLOR` (non-empty) turns it off,
 * `FORCE_COLOR` forces a level (`0`/`false` off, `1`/`true`/empty basic, `2`, `3`), and otherwise
 * only a terminal gets colour. A file never does: escape codes in a saved report are noise.
 */
export function colorLevel(options: { env: Readonly<Record<string, string | undefined>>; isTTY: boolean; toFile: boolean }): ColorLevel {
  const { env, isTTY, toFile } = options;
  if (toFile) return 0;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 0;
  const force = env.FORCE_COLOR;
  if (force !== undefined) {
    const value = force.trim().toLowerCase();
    if (value === '0' || value === 'false') return 0;
    if (value === '2') return 2;
    if (value === '3') return 3;
    return 1;
  }
  if (!isTTY) return 0;
  if (env.TERM === 'dumb') return 0;
  if (env.COLORTERM === 'truecolor' || env.COLORTERM === '24bit') return 3;
  if (env.TERM?.endsWith('256color')) return 2;
  return 1;
}
