import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ProblemCode } from '../../src/problem.js';
import { repoRoot } from './run-cli.js';

/** The fixtures' folder, relative to the repository root (as the CLI prints paths run from there). */
export const fixtureDir = 'test/fixtures/validate';

export interface ExpectedProblem {
  line: number;
  column: number;
  code: ProblemCode;
  message: string;
}

export interface ValidateFixture {
  /** Path relative to the repository root. */
  file: string;
  valid: boolean;
  problems: ExpectedProblem[];
}

/** Fixtures whose bytes cannot hold a `# expect:` comment. */
const expectedElsewhere: Record<string, ExpectedProblem[]> = {
  'empty.yaml': [{ line: 1, column: 1, code: 'empty-file', message: 'file is empty: expected a YAML mapping' }],
};

/**
 * Reads every fixture's `# expect:` comments (see the folder's README.md):
 * `# expect: valid`, or one `# expect: LINE:COLUMN CODE: MESSAGE` per problem, in output order.
 * Bytes are read as latin1 so that the fixture which is not UTF-8 can still be read.
 */
export function readValidateFixtures(): ValidateFixture[] {
  const dir = join(repoRoot, fixtureDir);
  return readdirSync(dir)
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => {
      const file = `${fixtureDir}/${name}`;
      const lines = readFileSync(join(dir, name), 'latin1').replace(/^\xef\xbb\xbf/, '').split(/\r?\n/);
      const expects = lines.filter((line) => line.startsWith('# expect:')).map((line) => line.slice('# expect:'.length).trim());
      if (expects.length === 1 && expects[0] === 'valid') return { file, valid: true, problems: [] };
      const problems = expects.map((text) => {
        const match = /^(\d+):(\d+) ([a-z0-9-]+): (.+)$/.exec(text);
        if (!match) throw new Error(`${file}: cannot read expectation \`${text}\``);
        return { line: Number(match[1]), column: Number(match[2]), code: match[3] as ProblemCode, message: match[4]! };
      });
      const elsewhere = expectedElsewhere[name];
      if (elsewhere && problems.length === 0) return { file, valid: false, problems: elsewhere };
      if (problems.length === 0) throw new Error(`${file}: no \`# expect:\` comment`);
      return { file, valid: false, problems };
    });
}

/** The stderr lines `aithreat validate` prints for a fixture, in order. */
export function expectedStderr(fixture: ValidateFixture): string[] {
  return fixture.problems.map((p) => `${fixture.file}:${p.line}:${p.column}: ${p.message}`);
}

/** The bytes that the byte-exact fixtures are about, checked before their expectations are trusted. */
export function fixtureBytes(name: string): Buffer {
  return readFileSync(join(repoRoot, fixtureDir, name));
}

/** Every fixture the README promises; the tests fail when one goes missing or an unlisted one appears. */
export const fixtureNames = [
  'adapter-without-base',
  'bad-date',
  'bad-enum',
  'bom-crlf',
  'bom-crlf-error',
  'combined',
  'dangling-reference',
  'duplicate-id',
  'duplicate-key',
  'empty',
  'invalid-utf8',
  'misspelt-key',
  'missing-justification',
  'multi-document',
  'only-comments',
  'proto-key',
  'risk-accepted-no-expiry',
  'syntax-error',
].map((name) => `${fixtureDir}/${name}.yaml`);
