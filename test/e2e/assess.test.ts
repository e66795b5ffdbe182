import { describe, expect, it } from 'vitest';
import { fixturesDir, runAssess, sortedGaps, type AssessOutcome } from './assess-outcome.js';
import { repoRoot, runBuiltCli } from '../helpers/run-cli.js';
import { fixtureFiles, readExpectations } from './fixture-expectations.js';

// End-to-end: the built CLI (`npm run build` first), run from test/fixtures/assess.

const noStackTrace = (result: AssessOutcome) => {
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(result.stderr).not.toContain('internal error');
};

describe('every fixture meets the expectations in its comments', () => {
  const files = fixtureFiles(fixturesDir);
  it('there are fixtures', () => expect(files.length).toBeGreaterThan(5));

  it.each(files)('%s', (file) => {
    const want = readExpectations(fixturesDir, file);
    const result = runAssess([file, ...want.args]);
    expect(result.code, result.stderr).toBe(want.exit);
    if (want.exit === 2) {
      expect(result.stdout).toBe('');
      for (const text of want.stderr) expect(result.stderr).toContain(text);
      noStackTrace(result);
      return;
    }
    expect(result.stderr).toBe('');
    expect(result.verdict).toBe(want.exit === 0 ? 'pass' : 'fail');
    for (const [threat, severity] of Object.entries(want.threats)) expect([threat, result.threats[threat]]).toEqual([threat, severity]);
    const dated = new Set(want.requiredGaps.filter((g) => g.expires).map((g) => g.control));
    const got = result.requiredGaps.map((g) => (dated.has(g.control) ? g : { control: g.control, kind: g.kind }));
    expect(sortedGaps(got)).toEqual(sortedGaps(want.requiredGaps));
    if (want.openQuestions) expect(result.openQuestions).toEqual(want.openQuestions);
  });
});

describe('exit codes', () => {
  it('2, with one line, on a Node.js older than 20.12', () => {
    const preload = `${repoRoot}/test/fixtures/node/pretend-node-20.11.cjs`;
    const result = runBuiltCli(['assess', 'examples/fraud-detection.yaml'], { env: { NODE_OPTIONS: `--require ${JSON.stringify(preload)}` } });
    expect([result.code, result.stdout]).toEqual([2, '']);
    expect(result.stderr).toMatch(/^aithreat: needs Node\.js 20\.12 or later; this is v\d+\.\d+\.\d+\n$/);
  });

  it('0 for a well-controlled project', () => {
    const result = runAssess(['well-controlled.yaml']);
    expect([result.code, result.verdict, result.requiredGaps, result.stderr]).toEqual([0, 'pass', [], '']);
  });

  it('the exit code does not depend on the output format', () => {
    const table = runBuiltCli(['assess', 'missing-required.yaml'], { cwd: fixturesDir });
    expect([table.code, table.stderr]).toEqual([1, '']);
    expect(table.stdout).toContain('DATAQUALITYCONTROL');
    expect(runBuiltCli(['assess', 'well-controlled.yaml'], { cwd: fixturesDir }).code).toBe(0);
  });

  it('1 when a required control is missing', () => {
    const result = runAssess(['missing-required.yaml']);
    expect([result.code, result.verdict]).toEqual([1, 'fail']);
    expect(result.requiredGaps).toEqual([{ control: 'DATAQUALITYCONTROL', kind: 'missing' }]);
  });

  it('2 for an invalid project, with the position of the bad value and no stack trace', () => {
    const result = runAssess(['invalid-project.yaml']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^invalid-project\.yaml:11:13: `datasets\.0\.origin` is `scraped-from-forums`; allowed values: internal, /);
    noStackTrace(result);
  });

  it('2 for an invalid policy file, with the position in the policy', () => {
    const result = runAssess(['well-controlled.yaml', '--policy', 'policies/invalid-control.yaml']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^policies\/invalid-control\.yaml:4:14: `require\.0\.control` names control `WATERMARKING`, which the catalog does not define$/m);
    noStackTrace(result);
  });

  it('2 for a missing policy file', () => {
    const result = runAssess(['well-controlled.yaml', '--policy', 'policies/no-such-policy.yaml']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('policies/no-such-policy.yaml');
    noStackTrace(result);
  });

  it.each(['tomorrow', '2026-6-15', '2026-13-01', '15/06/2026'])('2 for --as-of %s', (date) => {
    const result = runAssess(['well-controlled.yaml', '--as-of', date]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`aithreat: --as-of must be a date as YYYY-MM-DD, not '${date}'\n`);
  });

  // Bug: Date.parse rolls 2026-02-30 over to 2 March, so the CLI accepts a day that does not exist
  // (an `expires` of 2026-02-30 in a project file is refused as `invalid-date`).
  it('2 for --as-of a day that does not exist', () => {
    const result = runAssess(['well-controlled.yaml', '--as-of', '2026-02-30']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--as-of must be a date as YYYY-MM-DD, not '2026-02-30'");
  });

  it('2 for an unknown --fail-on', () => {
    const result = runAssess(['well-controlled.yaml', '--fail-on', 'severe']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain("argument 'severe' is invalid. Allowed choices are critical, high, medium, low, none");
  });

  it('2 for a risk acceptance without a justification, at the control entry', () => {
    const result = runAssess(['risk-accepted-no-justification.yaml']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^risk-accepted-no-justification\.yaml:61:5: missing required key `justification` in `controls\.DATAQUALITYCONTROL`/);
    noStackTrace(result);
  });
});

describe('--fail-on', () => {
  it.each([
    ['missing-required.yaml', 'none', 0],
    ['missing-required.yaml', 'critical', 0],
    ['missing-required.yaml', 'high', 1],
    ['medium-only.yaml', 'high', 0],
    ['medium-only.yaml', 'medium', 1],
    ['medium-only.yaml', 'none', 0],
    ['well-controlled.yaml', 'critical', 0],
    ['well-controlled.yaml', 'medium', 1],
    ['well-controlled.yaml', 'low', 1],
  ])('%s with --fail-on %s exits %i', (file, threshold, code) => {
    expect(runAssess([file, '--fail-on', threshold]).code).toBe(code);
  });

  it('lowering the threshold requires the primary controls of lower threats', () => {
    const result = runAssess(['well-controlled.yaml', '--fail-on', 'low']);
    expect(result.requiredGaps).toEqual([{ control: 'DATAMINIMIZE', kind: 'missing' }]);
  });
});

describe('policy files', () => {
  it('a control required always', () => {
    const result = runAssess(['well-controlled.yaml', '--policy', 'policies/require-watermarking.yaml']);
    expect(result.code).toBe(1);
    expect(result.requiredGaps).toEqual([{ control: 'MODELWATERMARKING', kind: 'missing' }]);
    const report = JSON.parse(result.stdout) as { policy: unknown; projects: { gaps: { control: string; reason: string | null }[] }[] };
    expect(report.policy).toEqual({ name: 'Model IP policy', file: 'policies/require-watermarking.yaml' });
    expect(report.projects[0]!.gaps.find((g) => g.control === 'MODELWATERMARKING')?.reason).toBe('Legal requires proof of ownership for every model we ship.');
  });

  it('a control required always, even with --fail-on none', () => {
    expect(runAssess(['medium-only.yaml', '--policy', 'policies/require-watermarking.yaml', '--fail-on', 'none']).code).toBe(1);
  });

  it('a control required when a threat applies, named by its 2024 id TRANSFERLEARNINGATTACK', () => {
    const result = runAssess(['hub-model-pickle.yaml', '--policy', 'policies/require-ensemble-for-supplied-models.yaml']);
    expect(result.code).toBe(1);
    expect(result.requiredGaps).toContainEqual({ control: 'MODELENSEMBLE', kind: 'missing' });
  });

  it('no requirement when that threat does not apply', () => {
    const result = runAssess(['well-controlled.yaml', '--policy', 'policies/require-ensemble-for-supplied-models.yaml']);
    expect([result.code, result.requiredGaps]).toEqual([0, []]);
  });

  it('failOn from the policy, and --fail-on above it', () => {
    expect(runAssess(['medium-only.yaml', '--policy', 'policies/fail-on-medium.yaml']).code).toBe(1);
    expect(runAssess(['medium-only.yaml', '--policy', 'policies/fail-on-medium.yaml', '--fail-on', 'high']).code).toBe(0);
    expect(runAssess(['missing-required.yaml', '--policy', 'policies/fail-on-medium.yaml', '--fail-on', 'none']).code).toBe(0);
  });

  it('forbidding risk acceptance turns a valid acceptance into a gap', () => {
    const args = ['risk-accepted-valid.yaml', '--as-of', '2026-06-15'];
    expect(runAssess(args).code).toBe(0);
    const result = runAssess([...args, '--policy', 'policies/forbid-risk-acceptance.yaml']);
    expect(result.code).toBe(1);
    expect(result.requiredGaps).toEqual([{ control: 'DATAQUALITYCONTROL', kind: 'acceptance-forbidden', expires: '2027-01-31' }]);
  });
});

describe('risk acceptances', () => {
  it('a valid acceptance of the only gap passes', () => {
    expect(runAssess(['risk-accepted-valid.yaml', '--as-of', '2026-06-15']).code).toBe(0);
  });

  it('is still valid on its expiry date, and expired the day after', () => {
    expect(runAssess(['risk-accepted-valid.yaml', '--as-of', '2027-01-31']).code).toBe(0);
    const after = runAssess(['risk-accepted-valid.yaml', '--as-of', '2027-02-01']);
    expect(after.code).toBe(1);
    expect(after.requiredGaps).toEqual([{ control: 'DATAQUALITYCONTROL', kind: 'acceptance-expired', expires: '2027-01-31' }]);
  });

  it('an expired acceptance fails and is reported with its date', () => {
    const result = runAssess(['risk-accepted-expired.yaml', '--as-of', '2026-06-15']);
    expect(result.code).toBe(1);
    expect(result.requiredGaps).toEqual([{ control: 'DATAQUALITYCONTROL', kind: 'acceptance-expired', expires: '2026-03-31' }]);
  });

  it('an acceptance without an owner is incomplete', () => {
    const result = runAssess(['risk-accepted-no-owner.yaml', '--as-of', '2026-06-15']);
    expect([result.code, result.requiredGaps]).toEqual([1, [{ control: 'DATAQUALITYCONTROL', kind: 'acceptance-incomplete', expires: '2027-01-31' }]]);
  });
});
