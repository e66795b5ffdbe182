import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { expect } from 'vitest';
import { importBomCommand } from '../../src/commands/import.js';
import { importBom, type Standard } from '../../src/import/index.js';
import { memoryIo } from '../../src/io.js';
import { formatProblem } from '../../src/problem.js';
import { parseProject } from '../../src/validate/load-project.js';
import { repoRoot } from '../helpers/run-cli.js';

/**
 * The fuzz target of `aithreat import`: seeds from the committed corpus, mutated structurally
 * (values replaced, removed, duplicated, retyped) and textually (cut, a character inserted).
 * Whatever comes in, the import never throws; it either writes a description that validates and
 * holds no raw control or bidi character, or refuses with one positioned line.
 */
export const fuzzRuns = Number(process.env.AITHREAT_FUZZ_RUNS ?? 100);

export function corpus(standard: Standard): { name: string; text: string }[] {
  const dir = join(repoRoot, 'test/fuzz/corpus', standard);
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

/** Every path of a JSON value, in document order, up to `max` of them. */
function paths(value: Json, max = 2000): Path[] {
  const out: Path[] = [];
  const walk = (node: Json, at: Path) => {
    if (out.length >= max) return;
    out.push(at);
    if (Array.isArray(node)) node.forEach((child, i) => walk(child, [...at, i]));
    else if (node && typeof node === 'object') for (const [key, child] of Object.entries(node)) walk(child, [...at, key]);
  };
  walk(value, []);
  return out;
}

function parentOf(root: Json, path: Path): { parent: Json; key: string | number } | null {
  if (path.length === 0) return null;
  let node: Json = root;
  for (const step of path.slice(0, -1)) node = (node as Record<string | number, Json>)[step]!;
  return { parent: node, key: path[path.length - 1]! };
}

const hostileText = fc.constantFrom('\u0000', '\u001b[2J', '\u202e', '\u2028', '\r\nkey: value', '\ud800', 'x'.repeat(600), '', ' ', 'CycloneDX', '1.7', '3.0.1', 'machine-learning-model', 'data', 'ai_AIPackage', 'dataset_DatasetPackage', 'trainedOn', 'ancestorOf', 'pkg:huggingface/a/b@1', 'openai', 'vllm', 'excluded');
const value: fc.Arbitrary<Json> = fc.oneof(
  { weight: 3, arbitrary: hostileText },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json> },
  { weight: 1, arbitrary: fc.constantFrom<Json>(null, true, 0, -1, 1.5, [], {}, [[[]]], { ref: 'a' }) },
);

type Mutation = { kind: 'replace' | 'delete' | 'duplicate' | 'wrap'; at: number; value: Json } | { kind: 'cut' | 'insert'; at: number; char: string };
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constantFrom('replace', 'delete', 'duplicate', 'wrap' as const), at: fc.nat(), value }),
  fc.record({ kind: fc.constantFrom('cut', 'insert' as const), at: fc.nat(), char: fc.constantFrom('{', '}', '[', ']', ',', '"', ':', '\\', '\u0000', 'x') }),
);

function mutate(text: string, mutations: readonly Mutation[]): string {
  let data = JSON.parse(text) as Json;
  let out: string | null = null;
  for (const m of mutations) {
    if (m.kind === 'cut' || m.kind === 'insert') {
      const current: string = out ?? JSON.stringify(data, null, 1);
      const at = m.at % (current.length + 1);
      out = m.kind === 'cut' ? current.slice(0, at) : current.slice(0, at) + m.char + current.slice(at);
      continue;
    }
    if (out !== null) continue; // Once the text is broken, structural mutations no longer apply.
    const all = paths(data);
    const path = all[m.at % all.length]!;
    const place = parentOf(data, path);
    if (!place) {
      if (m.kind === 'replace') data = m.value;
      continue;
    }
    const { parent, key } = place;
    const container = parent as Record<string | number, Json>;
    if (m.kind === 'replace') container[key] = m.value;
    if (m.kind === 'wrap') container[key] = [container[key]!];
    if (m.kind === 'delete') {
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete container[key];
    }
    if (m.kind === 'duplicate' && Array.isArray(parent)) parent.splice(key as number, 0, structuredClone(parent[key as number]!));
  }
  return out ?? JSON.stringify(data, null, 1);
}

const unsafe = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;

/** The property every input must keep. */
export function checkImport(text: string, standard: Standard | undefined): void {
  const imported = importBom(text, 'bom.json', 'project.yaml', standard);
  if (imported.ok) {
    expect(imported.text).not.toMatch(unsafe);
    const checked = parseProject(imported.text, 'project.yaml');
    expect(checked.ok).toBe(true);
  } else {
    const { line, column, message } = imported.problem;
    expect(line).toBeGreaterThanOrEqual(1);
    expect(column).toBeGreaterThanOrEqual(1);
    expect(message).not.toMatch(/please report/);
    const printed = formatProblem({ file: 'bom.json', code: 'schema', line, column, message });
    expect(printed).not.toMatch(/[\n\r]/);
    expect(printed).not.toMatch(unsafe);
  }
}

export function fuzzStandard(standard: Standard): void {
  const seeds = corpus(standard);
  fc.assert(
    fc.property(fc.nat({ max: seeds.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 4 }), fc.boolean(), (seed, mutations, detect) => {
      checkImport(mutate(seeds[seed]!.text, mutations), detect ? undefined : standard);
    }),
    { numRuns: fuzzRuns },
  );
}

/** The same through the command, on disk: exit 0 with a file that validates, or exit 2, one line, and no file. */
export function fuzzCommand(standard: Standard): void {
  const seeds = corpus(standard);
  const dir = mkdtempSync(join(tmpdir(), 'aithreat-fuzz-import-'));
  try {
    fc.assert(
      fc.property(fc.nat({ max: seeds.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 4 }), (seed, mutations) => {
        writeFileSync(join(dir, 'bom.json'), mutate(seeds[seed]!.text, mutations));
        rmSync(join(dir, 'out.yaml'), { force: true });
        const io = memoryIo({ cwd: dir });
        const code = importBomCommand(undefined, 'bom.json', { output: 'out.yaml' }, io);
        expect([0, 2]).toContain(code);
        if (code === 0) expect(parseProject(readFileSync(join(dir, 'out.yaml'), 'utf8'), 'out.yaml').ok).toBe(true);
        else {
          expect(io.err()).toMatch(/^bom\.json:\d+:\d+: [^\n]+\n$/);
          expect(readdirSync(dir)).toEqual(['bom.json']);
        }
      }),
      { numRuns: Math.max(10, Math.round(fuzzRuns / 10)) },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
