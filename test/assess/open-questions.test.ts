import { describe, expect, it } from 'vitest';
import type { Project } from '../../src/project/types.js';
import { activity, dataset, environment, model, project } from '../rules/project-builder.js';
import { runSourceCli } from '../helpers/run-cli.js';
import { assessInMemory, threat } from './assess-in-memory.js';

/** A retrained model whose every field the rules read is declared the safe way. */
const declaredSafe: Project = project({
  environments: [environment('train', 'training')],
  datasets: [dataset('events', { origin: 'collected-in-operation', sensitivity: ['personal'], storedIn: ['train'] })],
  models: [model('m', { parameters: 'confidential', storedIn: ['train'] })],
  training: [activity('nightly', 'continuous', { model: 'm', datasets: ['events'], environment: 'train', release: 'after-validation' })],
  code: { confidentiality: 'confidential', storedIn: ['train'], access: { people: 4 } },
});

/** The same project with three fields left out. */
const silent: Project = {
  ...declaredSafe,
  environments: [environment('train', 'training', { monitoring: undefined, userInstalledDependencies: undefined })],
  training: [activity('nightly', 'continuous', { model: 'm', datasets: ['events'], environment: 'train' })],
};

describe('open questions', () => {
  it('a project that declares everything the safe way has none, and no factor rests on silence', () => {
    const a = assessInMemory(declaredSafe);
    expect(a.openQuestions).toEqual([]);
    for (const t of a.threats) expect(t.factors.filter((f) => f.undeclared.length > 0)).toEqual([]);
  });

  it('lists each field left out that moves a severity, with the safe value and the severity it would give', () => {
    const a = assessInMemory(silent);
    expect(a.openQuestions.map((q) => [q.path.join('.'), q.safe])).toEqual([
      ['environments.0.monitoring', 'true'],
      ['environments.0.userInstalledDependencies', 'false'],
      ['training.0.release', 'after-validation'],
    ]);
    const release = a.openQuestions.find((q) => q.path.at(-1) === 'release')!;
    expect(release.text).toBe('whether training activity `nightly` (continuous) releases the retrained model automatically or after validation is not declared');
    expect(release.threats).toEqual([
      { threat: 'DATAPOISON', severity: 'medium', ifSafe: 'low', ifUnsafe: 'medium' },
      { threat: 'DEVMODELPOISON', severity: 'critical', ifSafe: 'high', ifUnsafe: 'critical' },
    ]);
    // The location is the closest entry that exists: the training activity.
    expect(release.location.line).toBeGreaterThan(1);
  });

  it('a field that several entries of one factor rest on is one question, and declaring it settles the factor', () => {
    const twoSets = { ...silent, datasets: [...silent.datasets!, dataset('more', { origin: 'internal', sensitivity: ['personal'], storedIn: ['train'] })] };
    const monitoring = assessInMemory(twoSets).openQuestions.filter((q) => q.path.join('.') === 'environments.0.monitoring');
    expect(monitoring).toHaveLength(1);
    expect(monitoring[0]!.threats.find((t) => t.threat === 'DEVDATALEAK')).toEqual({ threat: 'DEVDATALEAK', severity: 'high', ifSafe: 'medium', ifUnsafe: 'high' });
  });

  it('keeps silence apart from what is declared: each factor says which fields it rests on', () => {
    const poison = threat(assessInMemory(silent), 'DATAPOISON');
    const retraining = poison.factors.find((f) => f.code === 'automated-retraining')!;
    expect(retraining.undeclared).toEqual([{ path: ['training', 0, 'release'], safe: 'after-validation' }]);
    expect(poison.undeclared).toEqual({ ifSafe: 'low', ifUnsafe: 'medium' });
    expect(poison.factors.find((f) => f.code === 'data-collected-in-operation')!.undeclared).toEqual([]);
  });

  it('with undeclared: ignore, the same questions, severities without them, and what declaring one unsafe would do', () => {
    const counted = assessInMemory(silent);
    const ignored = assessInMemory(silent, { undeclared: 'ignore' });
    expect(ignored.openQuestions.map((q) => q.path)).toEqual(counted.openQuestions.map((q) => q.path));
    expect(threat(ignored, 'DATAPOISON').severity).toBe('low');
    expect(threat(ignored, 'DATAPOISON').factors.find((f) => f.code === 'automated-retraining')).toMatchObject({ counted: false });
    const release = ignored.openQuestions.find((q) => q.path.at(-1) === 'release')!;
    expect(release.threats[0]).toEqual({ threat: 'DATAPOISON', severity: 'low', ifSafe: 'low', ifUnsafe: 'medium' });
  });
});

describe('--undeclared and the policy\'s undeclared', () => {
  const file = 'test/fixtures/assess/missing-required.yaml';
  it.each([
    [[], 'count'],
    [['--undeclared', 'ignore'], 'ignore'],
    [['--policy', 'test/fixtures/assess/policies/undeclared-ignore.yaml'], 'ignore'],
    [['--policy', 'test/fixtures/assess/policies/undeclared-ignore.yaml', '--undeclared', 'count'], 'count'],
  ])('%j reads them as %s', async (args, mode) => {
    const result = await runSourceCli(['assess', file, '--as-of', '2026-06-15', '--format', 'json', ...args]);
    expect(JSON.parse(result.stdout).undeclared).toBe(mode);
  });

  it('refuses another value', async () => {
    const result = await runSourceCli(['assess', file, '--undeclared', 'guess']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Allowed choices are count, ignore/);
  });
});
