import { describe, expect, it } from 'vitest';
import type { Area, Environment, Model, TrainingActivity } from '../../src/project/types.js';
import { devmodelleak } from '../../src/rules/devmodelleak.js';
import { activity, environment, model, project, supplier } from './project-builder.js';
import { evaluate, evidenceTable, factorOf, factorTable, rating } from './rule-cases.js';

/** Model `m` with confidential parameters, kept in environment `e`. */
const kept = (env: Partial<Environment>, area: Area = 'training', m: Partial<Model> = {}) =>
  project({ suppliers: [supplier('cloud', 'contracted-assessed')], environments: [environment('e', area, env)], models: [model('m', { parameters: 'confidential', storedIn: ['e'], ...m })] });

const trained = (mode: TrainingActivity['mode'], extra: Partial<TrainingActivity> = {}, m: Partial<Model> = {}) =>
  project({ suppliers: [supplier('cloud', 'contracted-assessed')], models: [model('m', { parameters: 'confidential', ...m })], training: [activity('t', mode, { model: 'm', ...extra })] });

describe('DEVMODELLEAK: when it applies', () => {
  evidenceTable(devmodelleak, [
    { name: 'confidential parameters', project: project({ models: [model('m', { parameters: 'confidential' })] }), applies: true, evidence: [{ code: 'parameters-confidential', path: ['models', 0, 'parameters'], args: { model: 'm' } }] },
    { name: 'trained here, confidentiality unstated', project: project({ models: [model('m')] }), applies: true, evidence: [{ code: 'parameters-confidentiality-unstated', path: ['models', 0, 'origin'], args: { model: 'm' } }] },
    {
      name: 'only the confidential model is evidence',
      project: project({ models: [model('open', { parameters: 'open-weights' }), model('m', { parameters: 'confidential' })] }),
      applies: true,
      evidence: [{ code: 'parameters-confidential', path: ['models', 1, 'parameters'] }],
    },
    { name: 'not applicable: open weights', project: project({ models: [model('m', { parameters: 'open-weights' })] }), applies: false, evidence: [{ code: 'no-confidential-parameters', path: ['models'] }] },
    { name: 'not applicable: a pre-trained model, confidentiality unstated', project: project({ models: [model('m', { origin: 'pretrained' })] }), applies: false, evidence: [{ code: 'no-confidential-parameters', path: ['models'] }] },
    { name: 'not applicable: no models', project: project(), applies: false, evidence: [{ code: 'no-confidential-parameters', path: ['models'] }] },
  ]);

  it('a confidential model in a well-kept on-premises store is low', () => {
    const result = evaluate(devmodelleak, kept({}));
    expect(result.factors).toEqual([]);
    expect(rating(result)).toEqual({ impact: 2, likelihood: 1, severity: 'low' });
  });
});

describe('DEVMODELLEAK: factors', () => {
  factorTable(devmodelleak, [
    {
      name: 'kept in the cloud',
      fires: kept({ hosting: 'cloud', provider: 'cloud' }),
      quiet: kept({ hosting: 'on-premises' }),
      expect: { code: 'model-stored-outside', path: ['models', 0, 'storedIn', 0], dimension: 'likelihood', weight: 2, args: { model: 'm', environment: 'e', where: 'cloud at cloud' } },
      severity: 'medium',
    },
    {
      name: 'kept in the cloud, provider not named',
      fires: kept({ hosting: 'cloud' }),
      quiet: kept({}),
      expect: { code: 'model-stored-outside', path: ['models', 0, 'storedIn', 0], dimension: 'likelihood', weight: 2, args: { where: 'cloud' } },
      severity: 'medium',
    },
    {
      name: 'kept in an external area',
      fires: kept({}, 'external'),
      quiet: kept({}, 'training'),
      expect: { code: 'model-stored-outside', path: ['models', 0, 'storedIn', 0], dimension: 'likelihood', weight: 2, args: { where: 'an external area' } },
      severity: 'medium',
    },
    {
      name: 'broad access (more than 20 readers)',
      fires: kept({ access: { people: 21 } }),
      quiet: kept({ access: { people: 20 } }),
      expect: { code: 'broad-access', path: ['environments', 0, 'access', 'people'], dimension: 'likelihood', weight: 1, args: { people: '21', what: 'environment `e`' } },
      severity: 'medium',
    },
    {
      name: 'access not logged and monitored',
      fires: kept({ accessLogging: false }),
      quiet: kept({}),
      expect: { code: 'no-access-monitoring', path: ['environments', 0], dimension: 'likelihood', weight: 1, args: { environment: 'e' } },
      severity: 'medium',
    },
    {
      name: 'confidential computing lowers the likelihood',
      fires: kept({ accessLogging: false, confidentialComputing: true }),
      quiet: kept({ accessLogging: false, confidentialComputing: false }),
      expect: { code: 'confidential-computing', path: ['environments', 0, 'confidentialComputing'], dimension: 'likelihood', weight: -1 },
      severity: 'low',
    },
    {
      name: 'trained by a supplier that then holds the parameters',
      fires: trained('fine-tuning', { hostedBy: 'cloud' }),
      quiet: trained('fine-tuning'),
      expect: { code: 'model-hosted-by-supplier', path: ['training', 0, 'hostedBy'], dimension: 'likelihood', weight: 1, args: { activity: 't', supplier: 'cloud' } },
      severity: 'medium',
    },
    {
      name: 'federated learning sends the model to clients',
      fires: trained('federated'),
      quiet: trained('from-scratch'),
      expect: { code: 'federated-model-distribution', path: ['training', 0, 'mode'], dimension: 'likelihood', weight: 2, args: { activity: 't' } },
      severity: 'medium',
    },
  ]);

  it('training of an open-weights model elsewhere is no factor for a confidential one', () => {
    const p = project({
      models: [model('m', { parameters: 'confidential' }), model('open', { parameters: 'open-weights' })],
      training: [activity('t', 'federated', { model: 'open', hostedBy: 'cloud' })],
    });
    expect(evaluate(devmodelleak, p).factors).toEqual([]);
  });

  it('the impact is always the moderate default: parameters are intellectual property', () => {
    expect(evaluate(devmodelleak, kept({ hosting: 'cloud' })).factors.some((f) => f.dimension === 'impact')).toBe(false);
    expect(rating(evaluate(devmodelleak, kept({ hosting: 'cloud', accessLogging: false }))).severity).toBe('high');
  });

  it('two models in the same cloud store make one factor with a count', () => {
    const p = project({ environments: [environment('e', 'training', { hosting: 'cloud' })], models: [model('a', { parameters: 'confidential', storedIn: ['e'] }), model('b', { parameters: 'confidential', storedIn: ['e'] })] });
    expect(factorOf(evaluate(devmodelleak, p), 'model-stored-outside')?.args).toMatchObject({ model: 'a', count: '2' });
  });
});

describe('DEVMODELLEAK: one fact, one factor, for a model on federated clients', () => {
  /** Phones in an external area hold the client data and the model that federated training sends them. */
  const onPhones = (mode: TrainingActivity['mode']) =>
    project({
      environments: [environment('phones', 'external', { segregated: false, accessLogging: false, monitoring: false })],
      datasets: [{ id: 'typing', purpose: 'training', origin: 'federated-clients', sensitivity: ['personal'], storedIn: ['phones'] }],
      models: [model('m', { parameters: 'confidential', storedIn: ['phones'] })],
      training: [activity('fl', mode, { model: 'm', datasets: ['typing'] })],
    });

  it('counts a model sent to clients once, as sent to clients, not again as stored outside or unmonitored there', () => {
    const codes = evaluate(devmodelleak, onPhones('federated')).factors.map((f) => f.code);
    expect(codes).toEqual(['federated-model-distribution']);
  });

  it('without federated training the same environment counts as storage outside', () => {
    const codes = evaluate(devmodelleak, onPhones('from-scratch')).factors.map((f) => f.code);
    expect(codes).toEqual(expect.arrayContaining(['model-stored-outside', 'no-access-monitoring']));
    expect(codes).not.toContain('federated-model-distribution');
  });
});
