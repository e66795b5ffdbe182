/**
 * Writes what is documented from the code: docs/rules/<ID>.md for every registered rule (from its
 * meta and the catalog), and the README's table of formats and the config schema's pattern of
 * format names (from the format registry). Run `npx tsx scripts/update-docs.ts` after changing a
 * rule or a format; test/docs/rule-docs.test.ts and test/render/formats.test.ts fail while
 * anything is stale.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { rules } from '../src/rules/index.js';
import { configSchemaWithFormats, readmeWithFormats } from './format-docs.js';
import { ruleDoc, ruleDocFile } from './rule-docs.js';

for (const rule of rules) {
  const file = ruleDocFile(rule);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, ruleDoc(rule));
  console.log(`wrote ${relative(process.cwd(), file)}`);
}

for (const [file, write] of [['README.md', readmeWithFormats], ['schemas/config.schema.json', configSchemaWithFormats]] as const) {
  const path = new URL(`../${file}`, import.meta.url);
  writeFileSync(path, write(readFileSync(path, 'utf8')));
  console.log(`wrote ${file}`);
}
