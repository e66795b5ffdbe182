import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Problem } from '../../src/problem.js';
import { repoRoot, runBuiltCli, type CliResult } from '../helpers/run-cli.js';
import { expectedStderr, readValidateFixtures } from '../helpers/validate-fixtures.js';

// `aithreat validate` as users and CI run it: the built CLI (bin/aithreat.cjs → dist/), spawned from
// the repository root with a minimal environment. `npm test` builds first.

const examples = readdirSync(join(repoRoot, 'examples'))
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((f) => `examples/${f}`);
const fixtures = readValidateFixtures();

const stackTrace = /\n\s+at /;
const lines = (text: string) => text.split('\n').filter((line) => line !== '');

function expectCleanFailure(result: CliResult): void {
  expect(result.code).toBe(2);
  expect(result.stderr).not.toMatch(stackTrace);
  expect(result.stderr).not.toMatch(/internal error/);
}

beforeAll(() => {
  if (!existsSync(join(repoRoot, 'dist', 'main.cjs'))) throw new Error('dist/ is missing: run `npm run build` before the end-to-end tests');
});

describe('aithreat validate (built CLI): examples', () => {
  it('accepts every example, naming each as valid on stdout', () => {
    const result = runBuiltCli(['validate', ...examples]);
    expect(result.stderr).toBe('');
    expect(lines(result.stdout)).toEqual(examples.map((file) => `${file}: valid`));
    expect(result.code).toBe(0);
  });

  it('prints an empty JSON list for valid files', () => {
    const result = runBuiltCli(['validate', '--format', 'json', ...examples]);
    expect(JSON.parse(result.stdout)).toEqual([]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('expands a quoted glob to the same files', () => {
    const result = runBuiltCli(['validate', 'examples/*.yaml']);
    expect(lines(result.stdout)).toEqual(examples.map((file) => `${file}: valid`));
    expect(result.code).toBe(0);
  });

  it('shows paths relative to the working directory, however they were given', () => {
    const result = runBuiltCli(['validate', join(repoRoot, examples[0]!), `./${examples[1]!}`]);
    expect(lines(result.stdout)).toEqual([`${examples[0]}: valid`, `${examples[1]}: valid`]);
    expect(result.code).toBe(0);
  });
});

describe('aithreat validate (built CLI): fixtures', () => {
  for (const fixture of fixtures) {
    it(`${fixture.file}: text output`, () => {
      const result = runBuiltCli(['validate', fixture.file]);
      expect(lines(result.stderr)).toEqual(expectedStderr(fixture));
      if (fixture.valid) {
        expect(result.stdout).toBe(`${fixture.file}: valid\n`);
        expect(result.code).toBe(0);
      } else {
        expect(result.stdout).toBe('');
        expectCleanFailure(result);
      }
    });

    it(`${fixture.file}: --format json has the same problems`, () => {
      const result = runBuiltCli(['validate', '--format', 'json', fixture.file]);
      const problems = JSON.parse(result.stdout) as Problem[];
      expect(problems).toEqual(fixture.problems.map((p) => ({ file: fixture.file, line: p.line, column: p.column, code: p.code, message: p.message })));
      expect(result.stderr).toBe('');
      expect(result.code).toBe(fixture.valid ? 0 : 2);
    });
  }

  it('reports every file of a mixed run, valid ones on stdout, in argument order', () => {
    const invalid = fixtures.filter((f) => !f.valid);
    const result = runBuiltCli(['validate', examples[0]!, ...invalid.map((f) => f.file)]);
    expect(lines(result.stdout)).toEqual([`${examples[0]}: valid`]);
    expect(lines(result.stderr)).toEqual(invalid.flatMap(expectedStderr));
    expectCleanFailure(result);
  });
});

describe('aithreat validate (built CLI): files it cannot read, and usage errors', () => {
  it('reports a missing file on one line', () => {
    const result = runBuiltCli(['validate', 'examples/does-not-exist.yaml']);
    expect(result.stderr).toBe('examples/does-not-exist.yaml:1:1: no such file\n');
    expect(result.stdout).toBe('');
    expectCleanFailure(result);
  });

  it('reports a directory without project descriptions on one line', () => {
    // A directory is searched for aithreat.yaml, *.aithreat.yaml and YAML files that declare
    // formatVersion; the CycloneDX fixtures are JSON.
    const result = runBuiltCli(['validate', 'test/fixtures/cyclonedx']);
    expect(result.stderr).toBe("aithreat: no project description (aithreat.yaml, *.aithreat.yaml, or a YAML file that declares formatVersion) in directory 'test/fixtures/cyclonedx'\n");
    expect(result.stdout).toBe('');
    expectCleanFailure(result);
  });

  it('still checks the other files when one cannot be read', () => {
    const result = runBuiltCli(['validate', 'missing.yaml', examples[0]!]);
    expect(result.stdout).toBe(`${examples[0]}: valid\n`);
    expect(result.stderr).toBe('missing.yaml:1:1: no such file\n');
    expectCleanFailure(result);
  });

  it('reports a missing file in JSON too', () => {
    const result = runBuiltCli(['validate', '--format', 'json', 'missing.yaml']);
    expect(JSON.parse(result.stdout)).toEqual([{ file: 'missing.yaml', line: 1, column: 1, code: 'file-unreadable', message: 'no such file' }]);
    expect(result.code).toBe(2);
  });

  it('exits 2 with a short message when no file is given', () => {
    const result = runBuiltCli(['validate']);
    expect(result.stderr).toMatch(/missing required argument 'files'/);
    expect(lines(result.stderr).length).toBeLessThanOrEqual(3);
    expect(result.stdout).toBe('');
    expectCleanFailure(result);
  });

  it('exits 2 on an unknown output format', () => {
    const result = runBuiltCli(['validate', '--format', 'xml', examples[0]!]);
    expect(result.stderr).toBe("aithreat: unknown format 'xml' for validate; use text or json\n");
    expect(result.stdout).toBe('');
    expectCleanFailure(result);
  });
});
