import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Language, LANGUAGE_VERSION, MIN_COMPATIBLE_VERSION, Parser } from 'web-tree-sitter';
import { repoRoot } from '../helpers/run-cli.js';
import pkg from '../../package.json' with { type: 'json' };

describe('the discover bundle', () => {
  it('is apart from the CLI bundle, so that no other command loads the parser', () => {
    const cli = readFileSync(join(repoRoot, 'dist/cli.cjs'), 'latin1');
    // Booleans, not the 400 KB bundles, in a failure message.
    expect(cli.includes('tree-sitter')).toBe(false);
    expect(cli.includes('"discover.cjs"')).toBe(true);
    expect(readFileSync(join(repoRoot, 'dist/discover.cjs'), 'latin1').includes('tree-sitter-python.wasm')).toBe(true);
  });

  it('ships the WebAssembly runtime and the Python grammar beside it, in the npm package', () => {
    for (const file of ['web-tree-sitter.wasm', 'tree-sitter-python.wasm']) expect(existsSync(join(repoRoot, 'dist', file))).toBe(true);
    expect(pkg.files).toContain('dist');
  });

  it('has a grammar whose ABI the runtime reads', async () => {
    await Parser.init({ wasmBinary: readFileSync(join(repoRoot, 'dist/web-tree-sitter.wasm')) } as object);
    const language = await Language.load(readFileSync(join(repoRoot, 'dist/tree-sitter-python.wasm')));
    expect(language.abiVersion).toBeGreaterThanOrEqual(MIN_COMPATIBLE_VERSION);
    expect(language.abiVersion).toBeLessThanOrEqual(LANGUAGE_VERSION);
    expect(language.name).toBe('python');
  });
});
