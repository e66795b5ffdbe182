import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot, runSourceCli } from '../helpers/run-cli.js';
import { asOf, tempDir } from '../hostile/helpers.js';

/**
 * For any small random damage to a valid example (a line deleted, two characters swapped, a line
 * indented differently, a character inserted), the CLI either accepts the file (exit 0 or 1) or
 * refuses it with exit code 2 and one `FILE:LINE:COLUMN: message` line per problem on stderr:
 * never an uncaught exception or an internal error, and never exit 1 for a broken input.
 * In-process, through the CLI's `run()`.
 */

const examples = readdirSync(join(repoRoot, 'examples'))
  .filter((name) => name.endsWith('.yaml'))
  .sort()
  .map((name) => ({ name, text: readFileSync(join(repoRoot, 'examples', name), 'utf8') }));
const work = tempDir('mutations');
afterAll(() => work.remove());
const file = 'mutated.yaml';
const positioned = /^mutated\.yaml:\d+:\d+: .+$/;

/** Characters worth inserting: YAML indicators, white space of every kind, controls, multi-byte text. */
const insertable = fc.oneof(
  fc.constantFrom(':', '-', '?', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', "'", '"', '%', '@', '`', ' ', '\t', '\n', '\r', '\u0000', '\u0001', '\u001b', '\u0085', '\u00a0', '\u2028', '\ufeff', '\ufffe', 'é', '😀', '\\'),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
);

type Mutation =
  | { kind: 'delete-line'; line: number }
  | { kind: 'swap'; at: number; with: number }
  | { kind: 'indent'; line: number; by: number }
  | { kind: 'insert'; at: number; char: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete-line' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), with: fc.nat() }),
  fc.record({ kind: fc.constant('indent' as const), line: fc.nat(), by: fc.integer({ min: -4, max: 4 }).filter((n) => n !== 0) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), char: insertable }),
);

function mutate(text: string, m: Mutation): string {
  const lines = text.split('\n');
  switch (m.kind) {
    case 'delete-line': {
      lines.splice(m.line % lines.length, 1);
      return lines.join('\n');
    }
    case 'indent': {
      const i = m.line % lines.length;
      lines[i] = m.by > 0 ? ' '.repeat(m.by) + lines[i] : lines[i]!.replace(new RegExp(`^ {0,${-m.by}}`), '');
      return lines.join('\n');
    }
    case 'swap': {
      const chars = [...text];
      const a = m.at % chars.length;
      const b = m.with % chars.length;
      [chars[a], chars[b]] = [chars[b]!, chars[a]!];
      return chars.join('');
    }
    case 'insert': {
      const at = m.at % (text.length + 1);
      return text.slice(0, at) + m.char + text.slice(at);
    }
  }
}

describe('any small damage to a valid example', () => {
  it('is accepted, or refused with exit code 2 and positioned one-line messages only', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...examples), fc.array(mutation, { minLength: 1, maxLength: 3 }), async (example, mutations) => {
        const text = mutations.reduce(mutate, example.text);
        writeFileSync(join(work.path, file), text, 'utf8');
        const validate = await runSourceCli(['validate', file], { cwd: work.path });
        const assess = await runSourceCli(['assess', file, '--as-of', asOf, '--format', 'json'], { cwd: work.path });
        for (const [name, result] of [['validate', validate], ['assess', assess]] as const) {
          expect(result.stderr, name).not.toMatch(/internal error|\n\s+at /);
          if (result.code === 2) {
            expect(result.stdout, name).toBe('');
            const lines = result.stderr.replace(/\n$/, '').split('\n');
            expect(lines.length, name).toBeGreaterThan(0);
            for (const line of lines) expect(positioned.test(line), `${name}: ${JSON.stringify(line.slice(0, 200))}`).toBe(true);
          } else {
            expect(result.stderr, name).toBe('');
          }
        }
        expect([0, 2]).toContain(validate.code);
        // An input error is exit code 2 from both commands; a valid file gets a verdict (0 or 1).
        if (validate.code === 2) expect(assess.code).toBe(2);
        else expect([0, 1]).toContain(assess.code);
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 200) },
    );
  }, 120_000);
});
