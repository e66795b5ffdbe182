import { describe, expect, it } from 'vitest';
import type { Problem } from '../../src/problem.js';
import { runSourceCli } from '../helpers/run-cli.js';
import { expectedStderr, fixtureBytes, fixtureNames, readValidateFixtures } from '../helpers/validate-fixtures.js';

// The fixtures of test/fixtures/validate, run in-process from source. test/e2e/validate.test.ts
// runs the same expectations against the built CLI.

const fixtures = readValidateFixtures();

describe('validate fixtures (from source)', () => {
  it('has exactly the fixtures the README lists', () => {
    expect(fixtures.map((f) => f.file).sort()).toEqual([...fixtureNames].sort());
  });

  it('keeps the byte-exact fixtures byte-exact', () => {
    const bom = fixtureBytes('bom-crlf.yaml');
    expect([...bom.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bom.toString('latin1')).toMatch(/\r\n/);
    expect(bom.toString('latin1')).not.toMatch(/[^\r]\n/);
    const bomError = fixtureBytes('bom-crlf-error.yaml');
    expect(bomError.toString('latin1').startsWith('\xef\xbb\xbfformatVersion: 2\r\n')).toBe(true);
    expect(fixtureBytes('invalid-utf8.yaml').includes(0xff)).toBe(true);
    expect(fixtureBytes('empty.yaml').length).toBe(0);
  });

  for (const fixture of fixtures) {
    it(`${fixture.file}: ${fixture.valid ? 'valid' : `${fixture.problems.length} problem(s)`}`, async () => {
      const text = await runSourceCli(['validate', fixture.file]);
      expect(text.stderr.split('\n').filter(Boolean)).toEqual(expectedStderr(fixture));
      expect(text.stdout).toBe(fixture.valid ? `${fixture.file}: valid\n` : '');
      expect(text.code).toBe(fixture.valid ? 0 : 2);

      const json = await runSourceCli(['validate', '--format', 'json', fixture.file]);
      const problems = JSON.parse(json.stdout) as Problem[];
      expect(problems).toEqual(fixture.problems.map((p) => ({ file: fixture.file, ...p })));
      expect(json.stderr).toBe('');
      expect(json.code).toBe(text.code);
    });
  }
});
