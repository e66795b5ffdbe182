import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/run-cli.js';

/**
 * SECURITY.md states each promise with the test that holds it: every `file` › name it cites must
 * be a test file that has a test or group of that name (up to an ellipsis), so that a renamed or
 * deleted test cannot leave a promise without its proof.
 */
const security = readFileSync(join(repoRoot, 'SECURITY.md'), 'utf8');

function citations(): { file: string; name: string; row: string }[] {
  const found: { file: string; name: string; row: string }[] = [];
  for (const row of security.split('\n').filter((line) => line.startsWith('| ') && line.includes('test/'))) {
    const cell = row.split(' | ').at(-1)!.replace(/ \|$/, '');
    let file: string | null = null;
    for (const part of cell.split(/(`test\/[^`]+`|›[^›;`]*)/).filter(Boolean)) {
      if (part.startsWith('`test/')) file = part.slice(1, -1);
      else if (part.startsWith('›') && file) {
        const name = part.slice(1).replace(/\s*\(.*$/, '').split('…')[0]!.trim();
        if (name) found.push({ file, name, row: row.slice(0, 60) });
      }
    }
  }
  return found;
}

describe('SECURITY.md', () => {
  it('cites tests that exist, by file and name', () => {
    const cited = citations();
    expect(cited.length).toBeGreaterThan(40);
    const missing = cited.filter(({ file, name }) => !existsSync(join(repoRoot, file)) || !readFileSync(join(repoRoot, file), 'utf8').includes(name));
    expect(missing).toEqual([]);
  });

  it('names a test for every promise', () => {
    const promises = security.split('\n').filter((line) => /^\| [A-Z]/.test(line) && !line.startsWith('| Promise') && security.indexOf(line) < security.indexOf('| Format |'));
    for (const row of promises.filter((line) => line.split(' | ').length === 2)) expect(row, 'a promise without a test').toMatch(/`test\/[^`]+\.test\.ts`/);
  });
});
