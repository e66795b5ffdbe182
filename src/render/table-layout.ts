import { strlen } from './text-table.js';

/**
 * How a column of a terminal table may be sized; widths count the cell's two spaces of padding.
 * - `min`: what it gets before anything else.
 * - `ideal`: as wide as it grows while another column is flexible (default `min`).
 * - `flex`: it takes whatever is left (the column of prose, such as "Why"); its `min` is what it
 *   keeps while the other columns grow to hold their longest word, down to `flexFloor`.
 */
export interface ColumnSpec {
  min: number;
  ideal?: number;
  flex?: boolean;
}

/** A flexible column gives up width to other columns' longest words down to this. */
const flexFloor = 10;

/** Columns of the borders of a table of `n` columns: `│` before, between and after the cells. */
export function borderColumns(n: number): number {
  return n + 1;
}

/**
 * Column widths that add up to exactly `width` with the borders, for any width: the table can
 * never be wider than the terminal, so its borders never wrap. In order: every column gets its
 * `min`; a fixed column grows to hold its longest word (an id such as
 * ADVERSARIALROBUSTDISTILLATION must not be cut), taking from the flexible columns if it must;
 * then fixed columns grow to their `ideal`; the flexible columns share the rest. When even the
 * minimums do not fit, every column shrinks in proportion and long words are cut with an
 * ellipsis (text-table.ts).
 */
export function fitColumns(width: number, specs: readonly ColumnSpec[], rows: readonly (readonly string[])[] = []): number[] {
  const available = Math.max(specs.length * 3, width - borderColumns(specs.length));
  const widths = specs.map((s) => s.min);
  const total = () => widths.reduce((a, b) => a + b, 0);
  if (total() > available) return shrink(widths, available);
  const flexible = specs.map((s, i) => (s.flex ? i : -1)).filter((i) => i >= 0);
  const longest = specs.map((_, i) => Math.max(0, ...rows.map((row) => longestWord(row[i] ?? ''))) + 2);
  // A flexible column lends width down to what holds its own longest word, and never below the floor.
  const floor = (f: number) => Math.min(specs[f]!.min, Math.max(flexFloor, longest[f]!));
  const grow = (i: number, to: number, borrow: boolean) => {
    let want = to - widths[i]!;
    const spare = Math.min(want, available - total());
    widths[i]! += spare;
    want -= spare;
    for (const f of borrow ? flexible : []) {
      const give = Math.max(0, Math.min(want, widths[f]! - floor(f)));
      widths[f]! -= give;
      widths[i]! += give;
      want -= give;
    }
  };
  specs.forEach((s, i) => {
    if (s.flex) return;
    grow(i, Math.min(s.ideal ?? s.min, Math.max(s.min, longest[i]!)), true);
  });
  specs.forEach((s, i) => {
    if (!s.flex) grow(i, s.ideal ?? s.min, false);
  });
  const rest = available - total();
  flexible.forEach((f, k) => {
    widths[f]! += Math.floor(rest / flexible.length) + (k < rest % flexible.length ? 1 : 0);
  });
  if (flexible.length === 0) widths[widths.length - 1]! += rest;
  return widths;
}

function shrink(widths: number[], available: number): number[] {
  const sum = widths.reduce((a, b) => a + b, 0);
  const shrunk = widths.map((w) => Math.max(3, Math.floor((w * available) / sum)));
  shrunk[shrunk.length - 1]! += available - shrunk.reduce((a, b) => a + b, 0);
  return shrunk;
}

/** The widest word of a cell, colour codes not counted. */
function longestWord(cell: string): number {
  return Math.max(0, ...cell.split(/\s+/).map(strlen));
}
