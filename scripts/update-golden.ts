/**
 * Regenerates test/golden: the whole reports of the examples kept byte for byte
 * (test/golden/reports/<example>.<ext>, as `aithreat assess <example> --as-of 2026-11-25 --format
 * <format>` prints them without colour), and test/golden/examples.json, what every example
 * decides. Run `npx tsx scripts/update-golden.ts`, then read the diff: it is the change users see.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { exampleStructures, goldenEnv, goldenReports, structureFile } from '../test/render/helpers/golden-cases.js';
import { repoRoot, runSourceCli } from '../test/helpers/run-cli.js';

rmSync(join(repoRoot, 'test', 'golden', 'reports'), { recursive: true, force: true });
for (const golden of goldenReports()) {
  const result = await runSourceCli(golden.args, { env: goldenEnv });
  if (result.stderr !== '' || (result.code !== 0 && result.code !== 1)) {
    throw new Error(`aithreat ${golden.args.join(' ')} failed (exit ${result.code}): ${result.stderr}`);
  }
  mkdirSync(dirname(golden.file), { recursive: true });
  writeFileSync(golden.file, result.stdout);
  console.log(`wrote ${relative(repoRoot, golden.file)}`);
}
writeFileSync(structureFile, await exampleStructures());
console.log(`wrote ${relative(repoRoot, structureFile)}`);
