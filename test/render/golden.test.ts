import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runSourceCli } from '../helpers/run-cli.js';
import { goldenCases, goldenEnv } from './helpers/golden-cases.js';

/** Byte-for-byte comparison with test/golden; `npx tsx scripts/update-golden.ts` regenerates them. */
describe('golden reports', () => {
  it.each(goldenCases().map((c) => [relative(repoRoot, c.file), c] as const))('%s', async (_name, golden) => {
    expect(existsSync(golden.file), `${golden.file} is missing: run npx tsx scripts/update-golden.ts`).toBe(true);
    const result = await runSourceCli(golden.args, { env: goldenEnv });
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(readFileSync(golden.file, 'utf8'));
  });
});
