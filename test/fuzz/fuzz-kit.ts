import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { expect } from 'vitest';
import { formatProblem, type Problem } from '../../src/problem.js';

/**
 * What every fuzz target of test/fuzz shares (the convention of BRIEF.md): the number of runs,
 * taken from AITHREAT_FUZZ_RUNS (default 200, which keeps `npm test` quick; set it to 100000 for
 * a long session), the committed seed corpus of test/fuzz/corpus/<input>/, the mutations applied
 * to the seeds, and the checks every refusal must pass.
 *
 * fast-check is not coverage-guided: it explores by mutating the seeds with the tokens below,
 * which are the ones each reader treats specially. A failure prints fast-check's seed and path,
 * which replay it (`fc.assert(..., { seed, path })`); add the shrunk input to the corpus.
 */
export const fuzzRuns = Number(process.env.AITHREAT_FUZZ_RUNS ?? '') || 200;

/** A test timeout that grows with the runs asked for: a long session must not hit the default. */
export const fuzzTimeout = Math.max(120_000, fuzzRuns * 100);

/** The seeds of one input, in a fixed order. */
export function corpus(input: string): { name: string; text: string }[] {
  const dir = join(import.meta.dirname, 'corpus', input);
  return readdirSync(dir)
    .sort()
    .map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));
}

/** Text that means something to a YAML or JSON reader, a schema, a terminal or a renderer. */
const tokens = [
  '{', '}', '[', ']', ':', ': ', ',', '- ', '? ', '#', '&a ', '*a', '<<: *a', '!!js/function ', '!!binary ', '!<tag:yaml.org,2002:str> ', '---\n', '...\n',
  '"', "'", '\\', '\\u0000', '\\ud800', '|', '>', '%YAML 1.1\n', '__proto__', 'constructor', 'prototype', '.inf', '-.inf', '.nan', '1e400', '-0', '0x10', '~', 'null',
  'true', 'yes', '\n', '\r', '\r\n', '\t', '  ', '\u0000', '\u0001', '\u001b[31m', '\u001b]8;;https://x.example\u0007', '\u0085', '\u009b', '\u00a0', '\u200b', '\u2028',
  '\u202e', '\ufeff', '\ufffe', '\ud800', '😀', 'é', 'https://evil.example', '@octocat', '#1', '$x$', '../', '/etc/passwd', '='.repeat(3), 'x'.repeat(300),
];
const insert = fc.oneof(fc.constantFrom(...tokens), fc.string({ maxLength: 4 }), fc.string({ unit: 'binary', maxLength: 2 }));

type Edit = { at: number; remove: number; insert: string } | { copyFrom: number; length: number; to: number };
const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ at: fc.nat(), remove: fc.oneof(fc.constant(0), fc.nat({ max: 3 }), fc.nat({ max: 40 })), insert }),
  fc.record({ copyFrom: fc.nat(), length: fc.nat({ max: 200 }), to: fc.nat() }),
);

function apply(text: string, change: Edit): string {
  const at = (n: number) => (text.length === 0 ? 0 : n % (text.length + 1));
  if ('copyFrom' in change) {
    const from = at(change.copyFrom);
    const to = at(change.to);
    return text.slice(0, to) + text.slice(from, from + change.length) + text.slice(to);
  }
  const start = at(change.at);
  return text.slice(0, start) + change.insert + text.slice(start + change.remove);
}

/** A seed of the corpus with up to eight edits, or two seeds spliced together. */
export function mutatedSeed(seeds: readonly { text: string }[]): fc.Arbitrary<string> {
  const one = fc.tuple(fc.constantFrom(...seeds.map((s) => s.text)), fc.array(edit, { maxLength: 8 })).map(([text, edits]) => edits.reduce(apply, text));
  const spliced = fc.tuple(fc.constantFrom(...seeds.map((s) => s.text)), fc.constantFrom(...seeds.map((s) => s.text)), fc.nat(), fc.nat()).map(([a, b, i, j]) => a.slice(0, i % (a.length + 1)) + b.slice(j % (b.length + 1)));
  return fc.oneof({ weight: 4, arbitrary: one }, { weight: 1, arbitrary: spliced });
}

/** Raw characters no message line may carry: C0 but LF, DEL, C1, bidi controls, line separators. */
const unsafe = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;

/**
 * Refusals are well formed: in the file, at a position that exists in it (1-based, the line no
 * further than the text's last line), and printed as one line without raw control characters,
 * of bounded length.
 */
export function expectWellFormedProblems(problems: readonly Problem[], text: string, file: string): void {
  expect(problems.length).toBeGreaterThan(0);
  const lines = text.split(/\r\n|\r|\n/).length;
  for (const problem of problems) {
    expect(problem.file).toBe(file);
    expect(problem.line).toBeGreaterThanOrEqual(1);
    expect(problem.line).toBeLessThanOrEqual(lines);
    expect(problem.column).toBeGreaterThanOrEqual(1);
    const line = formatProblem(problem);
    expect(line).not.toMatch(/\n/);
    expect(line.match(unsafe)?.[0]).toBeUndefined();
    expect(line.length).toBeLessThanOrEqual(4096 + 2100);
  }
}
