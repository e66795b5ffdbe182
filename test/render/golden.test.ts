import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runSourceCli } from '../helpers/run-cli.js';
import { exampleStructures, goldenEnv, goldenReports, structureFile } from './helpers/golden-cases.js';

// `npx tsx scripts/update-golden.ts` regenerates both; read the diff, it is what users will see.
describe('golden reports', () => {
  it.each(goldenReports().map((c) => [relative(repoRoot, c.file), c] as const))('%s', async (_name, golden) => {
    expect(existsSync(golden.file), `${golden.file} is missing: run npx tsx scripts/update-golden.ts`).toBe(true);
    const result = await runSourceCli(golden.args, { env: goldenEnv });
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(readFileSync(golden.file, 'utf8'));
  });

  it('every example decides as test/golden/examples.json says: verdict, severities, required gaps, advice, open questions', async () => {
    expect(await exampleStructures()).toBe(readFileSync(structureFile, 'utf8'));
  });
});
