import { describe, expect, it } from 'vitest';
import type { Environment, Federation, Model, TrainingActivity } from '../../src/project/types.js';
import { devmodelpoison } from '../../src/rules/devmodelpoison.js';
import { activity, environment, model, project } from './project-builder.js';
import { evaluate, evidenceTable, factorTable, rating } from './rule-cases.js';

/** Model `m`, trained here, kept in the training environment `dev`. */
const stored = (env: Partial<Environment>, m: Partial<Model> = {}) =>
  project({ environments: [environment('dev', 'training', env)], models: [model('m', { storedIn: ['dev'], ...m })] });

const trained = (mode: TrainingActivity['mode'], extra: Partial<TrainingActivity> = {}) =>
  project({ models: [model('m')], training: [activity('t', mode, { model: 'm', ...extra })] });

const federatedBy = (federation: Federation) => trained('federated', { federation });

/** A training job in environment `dev` that does not store the model there. */
const trainingIn = (env: Partial<Environment>, mode: TrainingActivity['mode']) =>
  project({ environments: [environment('dev', 'training', env)], models: [model('m')], training: [activity('t', mode, { model: 'm', environment: 'dev' })] });

describe('DEVMODELPOISON: when it applies', () => {
  const pretrained = (extra: Partial<Model> = {}) => model('m', { origin: 'pretrained', ...extra });
  evidenceTable(devmodelpoison, [
    { name: 'a model trained here', project: project({ models: [model('m')] }), applies: true, evidence: [{ code: 'model-trained-here', path: ['models', 0, 'origin'], args: { model: 'm' } }] },
    {
      name: 'a pre-trained model fine-tuned here',
      project: project({ models: [pretrained()], training: [activity('ft', 'fine-tuning', { model: 'm' })] }),
      applies: true,
      evidence: [{ code: 'model-trained-here', path: ['models', 0, 'origin'] }],
    },
    {
      name: 'a pre-trained model stored in a development environment',
      project: project({ environments: [environment('ops', 'operational'), environment('lab', 'data-engineering')], models: [pretrained({ storedIn: ['ops', 'lab'] })] }),
      applies: true,
      evidence: [{ code: 'model-stored-in-development', path: ['models', 0, 'storedIn', 1], args: { model: 'm', area: 'data-engineering', environment: 'lab' } }],
    },
    {
      name: 'not applicable: a pre-trained model only in operation',
      project: project({ environments: [environment('ops', 'operational')], models: [pretrained({ storedIn: ['ops'] })] }),
      applies: false,
      evidence: [{ code: 'no-model-developed', path: ['models'] }],
    },
    {
      name: 'not applicable: retrieval grounds a pre-trained model without changing it',
      project: project({ models: [pretrained()], training: [activity('rag', 'retrieval-augmented', { model: 'm' })] }),
      applies: false,
      evidence: [{ code: 'no-model-developed', path: ['models'] }],
    },
    { name: 'not applicable: no models', project: project(), applies: false, evidence: [{ code: 'no-model-developed', path: ['models'] }] },
  ]);

  it('a well-kept model trained here is low', () => {
    const result = evaluate(devmodelpoison, stored({}));
    expect(result.factors).toEqual([]);
    expect(rating(result)).toEqual({ impact: 2, likelihood: 1, severity: 'low' });
  });
});

describe('DEVMODELPOISON: factors', () => {
  factorTable(devmodelpoison, [
    {
      name: 'parameters not integrity-protected',
      fires: stored({}, { integrityProtected: false }),
      quiet: stored({}, { integrityProtected: true }),
      expect: { code: 'model-integrity-unprotected', path: ['models', 0, 'integrityProtected'], dimension: 'likelihood', weight: 1, args: { model: 'm' } },
      severity: 'medium',
    },
    {
      name: 'integrity protection not stated',
      fires: project({ models: [{ id: 'm', origin: 'trained-here' }] }),
      quiet: project({ models: [model('m')] }),
      expect: { code: 'model-integrity-unprotected', path: ['models', 0, 'id'], dimension: 'likelihood', weight: 1 },
      severity: 'medium',
    },
    {
      name: 'kept in an environment that is not segregated',
      fires: stored({ segregated: false }),
      quiet: stored({ segregated: true }),
      expect: { code: 'environment-unsegregated', path: ['models', 0, 'storedIn', 0], dimension: 'likelihood', weight: 1, args: { environment: 'dev' } },
      severity: 'medium',
    },
    {
      name: 'many writers (more than 5)',
      fires: stored({ access: { writers: 6 } }),
      quiet: stored({ access: { writers: 5 } }),
      expect: { code: 'many-writers', path: ['environments', 0, 'access', 'writers'], dimension: 'likelihood', weight: 1, args: { environment: 'dev', writers: '6' } },
      severity: 'medium',
    },
    {
      name: 'user-installed dependencies where the model is kept',
      fires: stored({ userInstalledDependencies: true }),
      quiet: stored({ userInstalledDependencies: false }),
      expect: { code: 'user-installed-dependencies', path: ['environments', 0, 'userInstalledDependencies'], dimension: 'likelihood', weight: 2, args: { environment: 'dev' } },
      severity: 'medium',
    },
    {
      name: 'user-installed dependencies where the model is trained',
      fires: trainingIn({ userInstalledDependencies: true }, 'from-scratch'),
      quiet: trainingIn({ userInstalledDependencies: true }, 'retrieval-augmented'),
      expect: { code: 'user-installed-dependencies', path: ['environments', 0, 'userInstalledDependencies'], dimension: 'likelihood', weight: 2 },
      severity: 'medium',
    },
    {
      name: 'the model store is not monitored',
      fires: stored({ monitoring: false }),
      quiet: stored({ monitoring: true }),
      expect: { code: 'no-access-monitoring', path: ['environments', 0], dimension: 'likelihood', weight: 1, args: { environment: 'dev' } },
      severity: 'medium',
    },
    {
      name: 'federated aggregation from uncontrolled clients',
      fires: federatedBy({ clientsControlled: false, clients: 1000 }),
      quiet: trained('from-scratch'),
      expect: { code: 'federated-aggregation', path: ['training', 0, 'mode'], dimension: 'likelihood', weight: 2, args: { activity: 't', clients: '1000' } },
      severity: 'high',
    },
    {
      name: 'federated aggregation from controlled clients weighs less',
      fires: federatedBy({ clientsControlled: true }),
      quiet: trained('fine-tuning'),
      expect: { code: 'federated-aggregation', path: ['training', 0, 'mode'], dimension: 'likelihood', weight: 1, args: { clients: 'many' } },
      severity: 'high',
    },
    {
      name: 'robust aggregation lowers the likelihood',
      fires: federatedBy({ clientsControlled: false, robustAggregation: true }),
      quiet: federatedBy({ clientsControlled: false, robustAggregation: false }),
      expect: { code: 'robust-aggregation', path: ['training', 0, 'federation', 'robustAggregation'], dimension: 'likelihood', weight: -1 },
      severity: 'high',
    },
    {
      name: 'continuous retraining raises the impact',
      fires: trained('continuous'),
      quiet: trained('from-scratch'),
      expect: { code: 'automated-retraining', path: ['training', 0, 'mode'], dimension: 'impact', weight: 3, args: { activity: 't', mode: 'continuous' } },
      severity: 'medium',
    },
  ]);

  it('robust aggregation takes uncontrolled federated clients from 2 points to 1', () => {
    expect(rating(evaluate(devmodelpoison, federatedBy({ clientsControlled: false })))).toEqual({ impact: 3, likelihood: 2, severity: 'high' });
    const robust = evaluate(devmodelpoison, federatedBy({ clientsControlled: false, robustAggregation: true }));
    expect(robust.factors.filter((f) => f.dimension === 'likelihood').reduce((sum, f) => sum + f.weight, 0)).toBe(1);
  });

  it('the same environment found through storage and training counts once', () => {
    const p = project({
      environments: [environment('dev', 'training', { userInstalledDependencies: true })],
      models: [model('m', { storedIn: ['dev'] })],
      training: [activity('t', 'from-scratch', { model: 'm', environment: 'dev' })],
    });
    const result = evaluate(devmodelpoison, p);
    expect(result.factors.filter((f) => f.code === 'user-installed-dependencies')).toHaveLength(1);
    expect(rating(result).likelihood).toBe(2);
  });

  it('a wide-open lab machine makes a model trained in it critical under continuous retraining', () => {
    const p = project({
      environments: [environment('lab', 'training', { segregated: false, monitoring: false, userInstalledDependencies: true, access: { writers: 14 } })],
      models: [model('m', { storedIn: ['lab'], integrityProtected: false })],
      training: [activity('t', 'continuous', { model: 'm', environment: 'lab' })],
    });
    expect(rating(evaluate(devmodelpoison, p))).toEqual({ impact: 3, likelihood: 3, severity: 'critical' });
  });
});
