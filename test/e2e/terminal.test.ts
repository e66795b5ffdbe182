import { spawnSync } from 'node:child_process';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/run-cli.js';

/**
 * The built CLI on a real terminal: util-linux's `script` gives it a pseudo-terminal, `stty`
 * sets that terminal's size, and nothing exports COLUMNS unless a case says so. The table must
 * be as wide as the terminal says (60 to 200), and every line of it whole.
 */
function onTerminal(columns: number, env: Record<string, string> = {}): string[] {
  const command = `stty cols ${columns} rows 50; exec node bin/aithreat.cjs assess examples/keyboard-federated.yaml --as-of 2026-11-25`;
  const result = spawnSync('script', ['-qec', command, '/dev/null'], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', TERM: 'xterm', NO_COLOR: '1', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(result.error, 'util-linux script is needed for this test').toBeUndefined();
  expect(result.status).toBe(1);
  return stripVTControlCharacters(result.stdout).replace(/\r/g, '').trimEnd().split('\n');
}

const widest = (lines: string[]) => Math.max(...lines.map((l) => l.length));
const tableLines = (lines: string[]) => lines.filter((l) => /^[┌│├└]/.test(l));

describe('the table on a real terminal', () => {
  it.each([60, 100, 173])('is as wide as a terminal of %i columns, every table line whole', (columns) => {
    const lines = onTerminal(columns);
    expect(widest(lines)).toBeLessThanOrEqual(columns);
    const tables = tableLines(lines);
    expect(tables.length).toBeGreaterThan(10);
    for (const line of tables) expect(line).toHaveLength(columns);
  });

  it('keeps to 60 columns at least and 200 at most', () => {
    expect(new Set(tableLines(onTerminal(300)).map((l) => l.length))).toEqual(new Set([200]));
    expect(new Set(tableLines(onTerminal(45)).map((l) => l.length))).toEqual(new Set([60]));
  });

  it('takes COLUMNS over the terminal when it is set', () => {
    expect(new Set(tableLines(onTerminal(120, { COLUMNS: '90' })).map((l) => l.length))).toEqual(new Set([90]));
  });
});
