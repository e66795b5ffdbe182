import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBundle } from '../../src/boot/load-bundle.js';
import { memoryIo, type Io } from '../../src/io.js';
import { repoRoot } from '../helpers/run-cli.js';

// The built CLI's fast form (scripts/build.ts): a CommonJS bundle with a V8 code cache made by the
// Node.js that built it. If V8 refused the cache, the CLI would still work, only slower; these
// tests catch that quietly happening, and a bundle that stopped being ASCII (loadBundle reads it
// as latin1).
describe('the built bundle and its code cache', () => {
  const cli = join(repoRoot, 'dist', 'cli.cjs');

  it('is ASCII, so that reading it as latin1 gives the same text', () => {
    expect(/[^\x00-\x7f]/.test(readFileSync(cli, 'latin1'))).toBe(false);
  });

  it('loads with the cache the build wrote for this V8, and V8 accepts it', async () => {
    const cache = readFileSync(join(repoRoot, 'dist', `cli-${process.versions.v8}-${process.arch}.cache`));
    const bundle = loadBundle<{ run: (argv: string[], io: Io) => Promise<number> }>(cli, cache, createRequire(cli));
    expect(bundle.cacheAccepted).toBe(true);
    const io = memoryIo({ cwd: repoRoot });
    expect(await bundle.exports.run(['validate', 'examples/fraud-detection.yaml'], io)).toBe(0);
    expect(io.out()).toBe('examples/fraud-detection.yaml: valid\n');
  });
});
