/**
 * Writes docs/rules/<ID>.md for every registered rule, from its meta and the catalog. Run
 * `npx tsx scripts/update-docs.ts` after changing a rule; test/docs/rule-docs.test.ts fails while
 * a page is stale.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { rules } from '../src/rules/index.js';
import { ruleDoc, ruleDocFile } from './rule-docs.js';

for (const rule of rules) {
  const file = ruleDocFile(rule);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, ruleDoc(rule));
  console.log(`wrote ${relative(process.cwd(), file)}`);
}
