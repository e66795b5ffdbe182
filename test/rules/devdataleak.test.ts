import { describe, expect, it } from 'vitest';
import type { DataPath } from '../../src/load/locate.js';
import type { Area, Dataset, Environment, Sensitivity, TrainingActivity } from '../../src/project/types.js';
import { devdataleak } from '../../src/rules/devdataleak.js';
import { activity, dataset, environment, project, supplier } from './project-builder.js';
import { evaluate, evidenceTable, factorOf, factorTable, rating } from './rule-cases.js';

/** Data set `d` holding personal data (moderate impact), plus whatever the case adds. */
const data = (d: Partial<Dataset> = {}, more: { environments?: Environment[]; training?: TrainingActivity[] } = {}) =>
  project({ suppliers: [supplier('llm', 'contracted-assessed')], datasets: [dataset('d', { sensitivity: ['personal'], ...d })], ...more });

const storedIn = (env: Partial<Environment>, area: Area = 'operational', d: Partial<Dataset> = {}) =>
  data({ storedIn: ['e'], ...d }, { environments: [environment('e', area, env)] });

const sentBy = (extra: Partial<TrainingActivity>, mode: TrainingActivity['mode'] = 'fine-tuning') =>
  data({}, { training: [activity('ft', mode, { datasets: ['d'], ...extra })] });

describe('DEVDATALEAK: when it applies', () => {
  evidenceTable(devdataleak, [
    { name: 'personal data', project: data(), applies: true, evidence: [{ code: 'sensitive-data', path: ['datasets', 0, 'sensitivity'], args: { dataset: 'd', sensitivity: 'personal' } }] },
    { name: 'public parts are left out of the wording', project: data({ sensitivity: ['public', 'confidential'] }), applies: true, evidence: [{ code: 'sensitive-data', path: ['datasets', 0, 'sensitivity'], args: { sensitivity: 'confidential' } }] },
    { name: 'unstated sensitivity is treated as internal', project: data({ sensitivity: undefined }), applies: true, evidence: [{ code: 'sensitivity-unstated', path: ['datasets', 0, 'id'], args: { dataset: 'd' } }] },
    {
      name: 'test data counts as much as training data',
      project: project({ datasets: [dataset('pub', { sensitivity: ['public'] }), dataset('test', { purpose: 'evaluation', sensitivity: ['personal'] })] }),
      applies: true,
      evidence: [{ code: 'sensitive-data', path: ['datasets', 1, 'sensitivity'], args: { dataset: 'test' } }],
    },
    { name: 'not applicable: only public data', project: data({ sensitivity: ['public'] }), applies: false, evidence: [{ code: 'all-data-public', path: ['datasets'] }] },
    { name: 'not applicable: no data', project: project(), applies: false, evidence: [{ code: 'no-datasets', path: ['datasets'] }] },
  ]);
});

describe('DEVDATALEAK: impact follows the most sensitive data', () => {
  const cases: [string, Sensitivity[] | undefined, string, number, DataPath][] = [
    ['internal', ['internal'], 'internal-data-only', 1, ['datasets']],
    ['unstated', undefined, 'internal-data-only', 1, ['datasets']],
    ['confidential', ['confidential'], 'personal-or-secret-data', 2, ['datasets', 0, 'sensitivity']],
    ['personal', ['personal'], 'personal-or-secret-data', 2, ['datasets', 0, 'sensitivity']],
    ['intellectual property', ['intellectual-property'], 'personal-or-secret-data', 2, ['datasets', 0, 'sensitivity']],
    ['internal and personal', ['internal', 'personal'], 'personal-or-secret-data', 2, ['datasets', 0, 'sensitivity']],
    ['special-category personal', ['special-category-personal'], 'special-category-data', 3, ['datasets', 0, 'sensitivity']],
    ['personal and special-category', ['personal', 'special-category-personal'], 'special-category-data', 3, ['datasets', 0, 'sensitivity']],
  ];
  it.each(cases)('%s data', (_name, sensitivity, code, level, path) => {
    const result = evaluate(devdataleak, data({ sensitivity }));
    const impacts = result.factors.filter((f) => f.dimension === 'impact');
    expect(impacts).toEqual([expect.objectContaining({ code, path, weight: level })]);
    expect(rating(result).impact).toBe(level);
  });

  it('names only the moderate classes in the personal-or-secret wording', () => {
    expect(factorOf(evaluate(devdataleak, data({ sensitivity: ['internal', 'personal', 'confidential'] })), 'personal-or-secret-data')?.args).toMatchObject({ sensitivity: 'personal, confidential' });
  });

  it('the worst data set decides across data sets', () => {
    const p = project({ datasets: [dataset('a', { sensitivity: ['internal'] }), dataset('b', { sensitivity: ['special-category-personal'] })] });
    expect(rating(evaluate(devdataleak, p)).impact).toBe(3);
  });
});

describe('DEVDATALEAK: regulated classes and size raise the impact', () => {
  factorTable(devdataleak, [
    {
      name: 'payment-card data',
      fires: data({ sensitivity: ['internal'], regulated: ['payment-card'] }),
      quiet: data({ sensitivity: ['internal'] }),
      expect: { code: 'regulated-data', path: ['datasets', 0, 'regulated'], dimension: 'impact', weight: 3, args: { dataset: 'd', classes: 'payment-card' } },
      severity: 'medium',
    },
    ...(['health', 'biometric', 'children'] as const).map((c) => ({
      name: `${c} data`,
      fires: data({ regulated: [c] }),
      quiet: data(),
      expect: { code: 'regulated-data', path: ['datasets', 0, 'regulated'], dimension: 'impact' as const, weight: 3, args: { classes: c } },
      severity: 'medium' as const,
    })),
    {
      name: 'financial data raises internal data to moderate',
      fires: data({ sensitivity: ['internal'], regulated: ['financial'] }),
      quiet: data({ sensitivity: ['internal'] }),
      expect: { code: 'financial-data', path: ['datasets', 0, 'regulated'], dimension: 'impact', weight: 2 },
      severity: 'low',
    },
    {
      name: 'a million records of personal data',
      fires: data({ records: 1_000_000 }),
      quiet: data({ records: 999_999 }),
      expect: { code: 'large-sensitive-data-set', path: ['datasets', 0, 'records'], dimension: 'impact', weight: 3, args: { records: '1000000', sensitivity: 'personal' } },
      severity: 'medium',
    },
  ]);

  it('a large set of internal data does not raise the impact', () => {
    expect(rating(evaluate(devdataleak, data({ sensitivity: ['internal'], records: 5_000_000 }))).impact).toBe(1);
  });
});

describe('DEVDATALEAK: likelihood factors', () => {
  factorTable(devdataleak, [
    {
      name: 'not encrypted at rest',
      fires: data({ protection: { encryptedAtRest: false, accessControl: true } }),
      quiet: data({ protection: { encryptedAtRest: true, accessControl: true } }),
      expect: { code: 'stored-unencrypted', path: ['datasets', 0, 'protection'], dimension: 'likelihood', weight: 1, args: { dataset: 'd', count: '1' } },
      severity: 'medium',
    },
    {
      name: 'no protection stated',
      fires: data({ protection: undefined }),
      quiet: data(),
      expect: { code: 'stored-unencrypted', path: ['datasets', 0, 'id'], dimension: 'likelihood', weight: 1, undeclared: [['datasets', 0, 'protection', 'encryptedAtRest']] },
      severity: 'medium',
    },
    {
      name: 'no least-privilege access control',
      fires: data({ protection: { encryptedAtRest: true, accessControl: false } }),
      quiet: data({ protection: { encryptedAtRest: true, accessControl: true } }),
      expect: { code: 'no-access-control', path: ['datasets', 0, 'protection'], dimension: 'likelihood', weight: 1 },
      severity: 'medium',
    },
    {
      name: 'least-privilege access control not declared',
      fires: data({ protection: { encryptedAtRest: true } }),
      quiet: data({ protection: { encryptedAtRest: true, accessControl: true } }),
      expect: { code: 'no-access-control', path: ['datasets', 0, 'protection'], dimension: 'likelihood', weight: 1, undeclared: [['datasets', 0, 'protection', 'accessControl']] },
      severity: 'medium',
    },
    {
      name: 'collected in operation',
      fires: data({ origin: 'collected-in-operation' }),
      quiet: data({ origin: 'internal' }),
      expect: { code: 'data-collected-live', path: ['datasets', 0, 'origin'], dimension: 'likelihood', weight: 1 },
      severity: 'medium',
    },
    {
      name: 'real data in a development area',
      fires: storedIn({}, 'training'),
      quiet: storedIn({}, 'operational'),
      expect: { code: 'real-data-in-development', path: ['datasets', 0, 'storedIn', 0], dimension: 'likelihood', weight: 1, args: { dataset: 'd', area: 'training', environment: 'e' } },
      severity: 'medium',
    },
    {
      name: 'broad access (more than 20 readers)',
      fires: storedIn({ access: { people: 21 } }),
      quiet: storedIn({ access: { people: 20 } }),
      expect: { code: 'broad-access', path: ['environments', 0, 'access', 'people'], dimension: 'likelihood', weight: 1, args: { people: '21', what: 'environment `e`' } },
      severity: 'medium',
    },
    {
      name: 'access not logged',
      fires: storedIn({ accessLogging: false }),
      quiet: storedIn({ accessLogging: true }),
      expect: { code: 'no-access-monitoring', path: ['environments', 0], dimension: 'likelihood', weight: 1, args: { environment: 'e' } },
      severity: 'medium',
    },
    {
      name: 'access logging not declared',
      fires: storedIn({ accessLogging: undefined }),
      quiet: storedIn({ accessLogging: true }),
      expect: { code: 'no-access-monitoring', path: ['environments', 0], dimension: 'likelihood', weight: 1, args: { fields: 'access logging', verb: 'is' }, undeclared: [['environments', 0, 'accessLogging']] },
      severity: 'medium',
    },
    {
      name: 'broad access not declared',
      fires: storedIn({ access: {} }),
      quiet: storedIn({ access: { people: 4 } }),
      expect: { code: 'broad-access', path: ['environments', 0, 'id'], dimension: 'likelihood', weight: 1, undeclared: [['environments', 0, 'access', 'people']] },
      severity: 'medium',
    },
    {
      name: 'an outside party labels the data (a leak path)',
      fires: data({ supplyChain: [{ supplier: 'llm', role: 'labels' }] }),
      quiet: data({ supplyChain: [{ supplier: 'llm', role: 'provides' }] }),
      expect: { code: 'data-handled-by-supplier', path: ['datasets', 0, 'supplyChain', 0], dimension: 'likelihood', weight: 2, args: { dataset: 'd', supplier: 'llm', role: 'labels' } },
      severity: 'medium',
    },
    {
      name: 'an outside party curates the data',
      fires: data({ supplyChain: [{ supplier: 'llm', role: 'collects' }, { supplier: 'llm', role: 'curates' }] }),
      quiet: data({ supplyChain: [{ supplier: 'llm', role: 'collects' }] }),
      expect: { code: 'data-handled-by-supplier', path: ['datasets', 0, 'supplyChain', 1], dimension: 'likelihood', weight: 2, args: { role: 'curates' } },
      severity: 'medium',
    },
    {
      name: 'an outside party hosts the data',
      fires: data({ supplyChain: [{ supplier: 'llm', role: 'hosts' }] }),
      quiet: data({}),
      expect: { code: 'data-handled-by-supplier', path: ['datasets', 0, 'supplyChain', 0], dimension: 'likelihood', weight: 2, args: { role: 'hosts' } },
      severity: 'medium',
    },
    {
      name: 'data sent to a hosted model when it answers (retrieval context, prompts)',
      fires: project({ suppliers: [supplier('llm', 'contracted-assessed')], datasets: [dataset('d', { purpose: 'retrieval', sensitivity: ['confidential'] })], models: [{ id: 'm', origin: 'pretrained', supplier: 'llm', format: 'hosted-api', inferenceInputs: ['d'] }] }),
      quiet: project({ suppliers: [supplier('llm', 'contracted-assessed')], datasets: [dataset('d', { purpose: 'retrieval', sensitivity: ['confidential'] })], models: [{ id: 'm', origin: 'pretrained', supplier: 'llm', format: 'safetensors', inferenceInputs: ['d'] }] }),
      expect: { code: 'data-sent-at-inference', path: ['models', 0, 'inferenceInputs', 0], dimension: 'likelihood', weight: 2, args: { dataset: 'd', model: 'm', supplier: 'llm' } },
      severity: 'medium',
    },
    {
      name: 'federated updates not securely aggregated: a server can rebuild client data',
      fires: data({ origin: 'federated-clients' }, { training: [activity('fl', 'federated', { datasets: ['d'], federation: { secureAggregation: false } })] }),
      quiet: data({ origin: 'federated-clients' }, { training: [activity('fl', 'federated', { datasets: ['d'], federation: { secureAggregation: true } })] }),
      expect: { code: 'gradients-expose-clients', path: ['training', 0, 'federation'], dimension: 'likelihood', weight: 2, args: { activity: 'fl' } },
      severity: 'medium',
    },
    {
      name: 'secure aggregation not declared',
      fires: data({ origin: 'federated-clients' }, { training: [activity('fl', 'federated', { datasets: ['d'] })] }),
      quiet: data({ origin: 'federated-clients' }, { training: [activity('fl', 'federated', { datasets: ['d'], federation: { secureAggregation: true } })] }),
      expect: { code: 'gradients-expose-clients', path: ['training', 0, 'mode'], dimension: 'likelihood', weight: 2, undeclared: [['training', 0, 'federation', 'secureAggregation']] },
      severity: 'medium',
    },
    {
      name: 'logs not monitored',
      fires: storedIn({ monitoring: false }),
      quiet: storedIn({ monitoring: true }),
      expect: { code: 'no-access-monitoring', path: ['environments', 0], dimension: 'likelihood', weight: 1 },
      severity: 'medium',
    },
    {
      name: 'confidential computing lowers the likelihood',
      fires: storedIn({ confidentialComputing: true }, 'operational', { protection: { encryptedAtRest: false, accessControl: true } }),
      quiet: storedIn({ confidentialComputing: false }, 'operational', { protection: { encryptedAtRest: false, accessControl: true } }),
      expect: { code: 'confidential-computing', path: ['environments', 0, 'confidentialComputing'], dimension: 'likelihood', weight: -1, args: { environment: 'e' } },
      severity: 'low',
    },
    {
      name: 'training hosted by an outside party',
      fires: sentBy({ hostedBy: 'llm' }),
      quiet: sentBy({}),
      expect: { code: 'data-sent-to-external-party', path: ['training', 0, 'hostedBy'], dimension: 'likelihood', weight: 2, args: { activity: 'ft', supplier: 'llm' } },
      severity: 'medium',
    },
    {
      name: 'hosted fine-tuning without a named host',
      fires: sentBy({}, 'hosted-fine-tuning'),
      quiet: sentBy({}, 'fine-tuning'),
      expect: { code: 'data-sent-to-external-party', path: ['training', 0, 'mode'], dimension: 'likelihood', weight: 2, args: { supplier: 'an external party' } },
      severity: 'medium',
    },
    {
      name: 'data that stays on federated clients is noted, with no weight',
      fires: data({ origin: 'federated-clients', protection: { encryptedAtRest: false } }),
      quiet: data({ origin: 'internal', protection: { encryptedAtRest: false } }),
      expect: { code: 'data-stays-on-clients', path: ['datasets', 0, 'origin'], dimension: 'likelihood', weight: 0, args: { dataset: 'd' } },
      severity: 'low',
    },
  ]);

  it.each<[Area, boolean]>([['application-development', true], ['data-engineering', true], ['training', true], ['external', false], ['operational', false]])(
    'data kept in the %s area is real data in development: %s',
    (area, inDevelopment) => {
      expect(factorOf(evaluate(devdataleak, storedIn({}, area)), 'real-data-in-development') !== undefined).toBe(inDevelopment);
    },
  );

  it('data on federated clients is not blamed for storage it does not have, but its sensitivity sets the impact', () => {
    const result = evaluate(devdataleak, data({ origin: 'federated-clients', protection: { encryptedAtRest: false, accessControl: false } }));
    expect(result.factors.map((f) => f.code).sort()).toEqual(['data-stays-on-clients', 'personal-or-secret-data']);
    expect(rating(result).impact).toBe(2);
  });

  it('personal data on federated clients is never worded as internal only', () => {
    const result = evaluate(devdataleak, data({ origin: 'federated-clients', sensitivity: ['special-category-personal'] }));
    expect(factorOf(result, 'internal-data-only')).toBeUndefined();
    expect(factorOf(result, 'special-category-data')).toMatchObject({ weight: 3 });
  });

  it('sending only public data to a host is no leak factor', () => {
    const p = project({
      datasets: [dataset('secret', { sensitivity: ['personal'] }), dataset('pub', { sensitivity: ['public'] })],
      training: [activity('ft', 'hosted-fine-tuning', { datasets: ['pub'] })],
    });
    expect(factorOf(evaluate(devdataleak, p), 'data-sent-to-external-party')).toBeUndefined();
  });

  it('health data sent to a fine-tuning vendor from an unmonitored store is critical', () => {
    const p = storedIn({ monitoring: false }, 'data-engineering', { sensitivity: ['special-category-personal'] });
    p.training = [activity('ft', 'hosted-fine-tuning', { datasets: ['d'] })];
    expect(rating(evaluate(devdataleak, p))).toEqual({ impact: 3, likelihood: 3, severity: 'critical' });
  });
});
