import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/run-cli.js';

describe('the language server bundle', () => {
  it('is apart from the CLI bundle, so that no other command loads the protocol libraries', () => {
    const cli = readFileSync(join(repoRoot, 'dist/cli.cjs'), 'latin1');
    // Booleans, not the bundles, in a failure message.
    expect(cli.includes('Content-Length')).toBe(false);
    expect(cli.includes('"lsp.cjs"')).toBe(true);
    expect(readFileSync(join(repoRoot, 'dist/lsp.cjs'), 'latin1').includes('Content-Length')).toBe(true);
  });
});
