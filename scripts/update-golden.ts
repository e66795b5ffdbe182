/**
 * Regenerates test/golden/<example>.<ext> for every example and output format, from source, as
 * `aithreat assess <example> --as-of 2026-11-25 --format <format>` prints it without colour.
 * Run `npx tsx scripts/update-golden.ts`, then read the diff: it is the change users will see.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { goldenCases, goldenEnv } from '../test/render/helpers/golden-cases.js';
import { repoRoot, runSourceCli } from '../test/helpers/run-cli.js';

for (const golden of goldenCases()) {
  const result = await runSourceCli(golden.args, { env: goldenEnv });
  if (result.stderr !== '' || (result.code !== 0 && result.code !== 1)) {
    throw new Error(`aithreat ${golden.args.join(' ')} failed (exit ${result.code}): ${result.stderr}`);
  }
  mkdirSync(dirname(golden.file), { recursive: true });
  writeFileSync(golden.file, result.stdout);
  console.log(`wrote ${relative(repoRoot, golden.file)}`);
}
