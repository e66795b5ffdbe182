import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateHostileFiles } from '../fixtures/hostile/generate.js';
import { expectAccepted, expectRefusal, hostileDir, runEverywhere, tempDir, type ExpectedRefusal } from './helpers.js';

/**
 * Resource exhaustion, end to end through the built CLI: `validate`, and `assess` in every format
 * (see `runEverywhere`). Each built run gets a 512 MB heap, so "bounded memory" is checked too (an overrun kills the process,
 * and the test sees the fatal error), and a 20-second hang guard. The large files are generated
 * once into a temporary folder; the small ones are committed in test/fixtures/hostile/.
 */

const heap = 512;
const generated = tempDir('resources');
const outDir = tempDir('resources-out');
afterAll(() => {
  generated.remove();
  outDir.remove();
});
beforeAll(() => {
  generateHostileFiles(generated.path, [
    'deep-flow-seq.yaml',
    'deep-flow-map.yaml',
    'deep-block-seq.yaml',
    'deep-block-map-1000.yaml',
    'deep-block-map-10000.yaml',
    'big-50mib.yaml',
    'string-10mib.yaml',
    'string-9mib-description.yaml',
    'string-9mib-enum.yaml',
    'string-9mib-comment.yaml',
    'million-suppliers.yaml',
    'million-ids.yaml',
    'million-unknown-key.yaml',
    'hundred-thousand-suppliers.yaml',
    'hundred-thousand-environments.yaml',
    'ten-thousand-keys.yaml',
    'ten-thousand-controls.yaml',
  ]);
});

interface Case extends ExpectedRefusal {
  file: string;
  /** Committed rather than generated. */
  committed?: boolean;
  /** Seconds of work per run: not repeated in-process (see `runEverywhere`). */
  heavy?: boolean;
  /** Hung or crashed when this test was written (see SECURITY.md): run side by side. */
}

const refused: Case[] = [
  // Aliases: nine levels of nine would be 9^9 strings; refused at the alias that crosses 10,000 nodes.
  { file: 'alias-bomb.yaml', committed: true, line: 10, column: 10, message: /aliases expand beyond the limit/ },
  // 101 aliases of one scalar: over the count, at the 101st.
  { file: 'alias-count.yaml', committed: true, line: 5, column: 410, message: /aliases expand beyond the limit/ },
  // 10,000 levels, refused at the 65th.
  { file: 'deep-flow-seq.yaml', line: 4, column: 67, message: /nesting is deeper than the limit of 64 levels/ },
  { file: 'deep-flow-map.yaml', line: 4, column: 253, message: /nesting is deeper than the limit of 64 levels/ },
  { file: 'deep-block-seq.yaml', line: 5, column: 129, message: /nesting is deeper than the limit of 64 levels/ },
  { file: 'deep-block-map-1000.yaml', line: 67, column: 64, message: /nesting is deeper than the limit of 64 levels/ },
  // 10,000 indented levels need 50 MB of indentation: the size limit refuses them first.
  { file: 'deep-block-map-10000.yaml', line: 1, column: 1, message: /^file is 50035051 bytes; the limit is 10485760 bytes/ },
  { file: 'big-50mib.yaml', line: 1, column: 1, message: /^file is 52428851 bytes; the limit is 10485760 bytes/ },
  { file: 'string-10mib.yaml', line: 1, column: 1, message: /^file is 10485826 bytes; the limit is 10485760 bytes/ },
  // Under the size limit, a 9 MiB string is read, then refused by the schema's maxLength.
  { file: 'string-9mib-description.yaml', heavy: true, line: 4, column: 16, message: /`project\.description`.*5000 characters/ },
  { file: 'string-9mib-enum.yaml', heavy: true, line: 7, column: 12, message: /`suppliers\.0\.trust`/ },
  { file: 'million-unknown-key.yaml', heavy: true, line: 5, column: 1, message: /^list has 1000000 entries; the limit is 100000$/ },
  { file: 'ten-thousand-keys.yaml', line: 4, column: 1, message: /unknown key `k0`/ },
  { file: 'ten-thousand-controls.yaml', line: 5, column: 3, message: /unknown control id `CONTROL0`/ },
  // A million items (4-6 MB, under the size limit) where the schema expects something else. These
  // must be refused in bounded time and memory; where the first message goes is for the fix to say.
  { file: 'million-suppliers.yaml', heavy: true, message: /^list has 1000000 entries; the limit is 100000$/ },
  { file: 'million-ids.yaml', heavy: true, message: /^list has 1000000 entries; the limit is 100000$/ },
  // The schema's own limit: 100,000 entries, none of them a mapping.
  { file: 'hundred-thousand-suppliers.yaml', heavy: true, message: /suppliers/ },
];

const accepted: { file: string; why: string }[] = [
  { file: 'string-9mib-comment.yaml', why: 'a 9 MiB comment: the reader takes files up to the size limit' },
  { file: 'hundred-thousand-environments.yaml', why: '100,000 valid environments (the schema allows 100,000)' },
];

const where = (c: { file: string; committed?: boolean }) => ({ cwd: c.committed ? hostileDir : generated.path, outDir: join(outDir.path, c.file) });

describe('resource exhaustion: refused with one positioned message per problem, in bounded time and memory', () => {
  for (const c of refused) {
    it(
      c.file,
      async () => {
        const result = await runEverywhere(c.file, { ...where(c), maxOldSpaceMb: heap, inProcess: !c.heavy });
        expectRefusal(result, c.file, c);
      },
      60_000,
    );
  }
});

describe('resource use at the limits: accepted', () => {
  for (const c of accepted) {
    it(
      `${c.file}: ${c.why}`,
      async () => {
        const result = await runEverywhere(c.file, { ...where(c), maxOldSpaceMb: heap, inProcess: false });
        expectAccepted(result, c.file);
        expect(JSON.parse(result.outputs.json!).projects[0].file).toBe(c.file);
      },
      60_000,
    );
  }
});
