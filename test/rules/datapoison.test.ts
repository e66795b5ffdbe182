import { describe, expect, it } from 'vitest';
import { describeFact } from '../../src/rules/api.js';
import type { Dataset, Environment, TrainingActivity } from '../../src/project/types.js';
import { datapoison } from '../../src/rules/datapoison.js';
import { activity, dataset, environment, project, supplier } from './project-builder.js';
import { evaluate, evidenceTable, factorOf, factorTable, rating } from './rule-cases.js';

/** One training data set `d`, plus whatever the case adds. */
const withData = (data: Partial<Dataset>, more: { environments?: Environment[]; training?: TrainingActivity[] } = {}) =>
  project({
    suppliers: [supplier('vendor', 'contracted-assessed'), supplier('hub', 'public-source'), supplier('labeller', 'contracted-assessed', { supplies: ['labels'] })],
    datasets: [dataset('d', data)],
    ...more,
  });

const federated = (federation: TrainingActivity['federation']) =>
  withData({ origin: 'federated-clients' }, { training: [activity('fl', 'federated', { datasets: ['d'], ...(federation ? { federation } : {}) })] });

const inTrainingEnv = (env: Partial<Environment>, mode: TrainingActivity['mode'] = 'from-scratch') =>
  withData({ origin: 'supplier' }, { environments: [environment('train', 'training', env)], training: [activity('t', mode, { datasets: ['d'], environment: 'train' })] });

describe('DATAPOISON: when it applies', () => {
  evidenceTable(datapoison, [
    { name: 'training data', project: withData({ purpose: 'training' }), applies: true, evidence: [{ code: 'dataset-trains-model', path: ['datasets', 0, 'purpose'], args: { dataset: 'd', purpose: 'training' } }] },
    { name: 'fine-tuning data', project: withData({ purpose: 'fine-tuning' }), applies: true, evidence: [{ code: 'dataset-trains-model', path: ['datasets', 0, 'purpose'], args: { purpose: 'fine-tuning' } }] },
    { name: 'a retrieval repository counts as training data', project: withData({ purpose: 'retrieval' }), applies: true, evidence: [{ code: 'dataset-grounds-model', path: ['datasets', 0, 'purpose'], args: { dataset: 'd' } }] },
    { name: 'human feedback for reinforcement learning trains the model', project: withData({ purpose: 'feedback' }), applies: true, evidence: [{ code: 'dataset-gives-feedback', path: ['datasets', 0, 'purpose'], args: { dataset: 'd' } }] },
    {
      name: 'labels of human feedback',
      project: project({ datasets: [dataset('ratings', { purpose: 'feedback' }), dataset('labels', { purpose: 'training', labelsFor: 'ratings' })] }),
      applies: true,
      evidence: [
        { code: 'dataset-gives-feedback', path: ['datasets', 0, 'purpose'] },
        { code: 'dataset-labels-data', path: ['datasets', 1, 'labelsFor'], args: { labelled: 'ratings', purpose: 'reinforcement learning from human feedback' } },
      ],
    },
    {
      name: 'only the data sets that feed a model are evidence',
      project: project({ datasets: [dataset('test', { purpose: 'evaluation' }), dataset('d')] }),
      applies: true,
      evidence: [{ code: 'dataset-trains-model', path: ['datasets', 1, 'purpose'] }],
    },
    {
      name: 'federated training without a listed data set',
      project: project({ training: [activity('fl', 'federated')] }),
      applies: true,
      evidence: [{ code: 'federated-training', path: ['training', 0, 'mode'], args: { activity: 'fl' } }],
    },
    { name: 'not applicable: only evaluation data', project: withData({ purpose: 'evaluation' }), applies: false, evidence: [{ code: 'no-training-data', path: ['datasets'] }] },
    { name: 'not applicable: no data at all', project: project(), applies: false, evidence: [{ code: 'no-training-data', path: ['datasets'] }] },
  ]);

  it('a well-kept internal training set is low (moderate impact, low likelihood)', () => {
    const result = evaluate(datapoison, withData({}));
    expect(result.factors).toEqual([]);
    expect(rating(result)).toEqual({ impact: 2, likelihood: 1, severity: 'low' });
  });
});

describe('DATAPOISON: factors', () => {
  factorTable(datapoison, [
    {
      name: 'data from a supplier',
      fires: withData({ origin: 'supplier' }),
      quiet: withData({ origin: 'internal' }),
      expect: { code: 'data-from-supplier', path: ['datasets', 0, 'origin'], dimension: 'likelihood', weight: 1, args: { dataset: 'd', count: '1' } },
      severity: 'medium',
    },
    {
      name: 'data from the public internet',
      fires: withData({ origin: 'public-internet' }),
      quiet: withData({ origin: 'synthetic' }),
      expect: { code: 'data-from-public-source', path: ['datasets', 0, 'origin'], dimension: 'likelihood', weight: 2 },
      severity: 'medium',
    },
    {
      name: 'data collected in operation',
      fires: withData({ origin: 'collected-in-operation' }),
      quiet: withData({ origin: 'internal' }),
      expect: { code: 'data-collected-in-operation', path: ['datasets', 0, 'origin'], dimension: 'likelihood', weight: 1 },
      severity: 'medium',
    },
    {
      name: 'user-generated data',
      fires: withData({ origin: 'user-generated' }),
      quiet: withData({ origin: 'internal' }),
      expect: { code: 'data-user-generated', path: ['datasets', 0, 'origin'], dimension: 'likelihood', weight: 1 },
      severity: 'medium',
    },
    {
      name: 'a public source in the supply chain',
      fires: withData({ supplyChain: [{ supplier: 'hub', role: 'hosts' }] }),
      quiet: withData({}),
      expect: { code: 'data-from-public-source', path: ['datasets', 0, 'supplyChain'], dimension: 'likelihood', weight: 2 },
      severity: 'medium',
    },
    {
      name: 'internal data that passes through a supplier',
      fires: withData({ supplyChain: [{ supplier: 'vendor', role: 'curates' }] }),
      quiet: withData({}),
      expect: { code: 'data-from-supplier', path: ['datasets', 0, 'supplyChain'], dimension: 'likelihood', weight: 1 },
      severity: 'medium',
    },
    {
      name: 'labels drawn by an outside labeller are data from a supplier',
      fires: withData({ supplyChain: [{ supplier: 'labeller', role: 'labels' }] }),
      quiet: withData({}),
      expect: { code: 'data-from-supplier', path: ['datasets', 0, 'supplyChain'], dimension: 'likelihood', weight: 1, args: { dataset: 'd' } },
      severity: 'medium',
    },
    {
      name: 'a label set of its own, from an outside labeller',
      fires: project({ suppliers: [supplier('labeller', 'known-vendor', { supplies: ['labels'] })], datasets: [dataset('images'), dataset('boxes', { origin: 'supplier', labelsFor: 'images', supplyChain: [{ supplier: 'labeller', role: 'provides' }] })] }),
      quiet: project({ suppliers: [supplier('labeller', 'known-vendor', { supplies: ['labels'] })], datasets: [dataset('images'), dataset('boxes', { origin: 'internal', labelsFor: 'images' })] }),
      expect: { code: 'data-from-supplier', path: ['datasets', 1, 'supplyChain'], dimension: 'likelihood', weight: 1, args: { dataset: 'boxes' } },
      severity: 'medium',
    },
    {
      name: 'data from a publisher nobody has identified',
      fires: project({ suppliers: [supplier('stranger', 'anonymous')], datasets: [dataset('d', { origin: 'supplier', supplyChain: [{ supplier: 'stranger', role: 'provides' }] })] }),
      quiet: project({ suppliers: [supplier('hub', 'public-source')], datasets: [dataset('d', { origin: 'supplier', supplyChain: [{ supplier: 'hub', role: 'provides' }] })] }),
      expect: { code: 'data-from-anonymous-source', path: ['datasets', 0, 'supplyChain'], dimension: 'likelihood', weight: 3, args: { dataset: 'd' } },
      severity: 'high',
    },
    {
      name: 'two links make a supply chain of suppliers',
      fires: withData({ supplyChain: [{ supplier: 'vendor', role: 'collects' }, { supplier: 'labeller', role: 'curates' }] }),
      quiet: withData({ supplyChain: [{ supplier: 'vendor', role: 'collects' }] }),
      expect: { code: 'supply-chain-of-suppliers', path: ['datasets', 0, 'supplyChain'], dimension: 'likelihood', weight: 1, args: { chain: 'vendor collects, labeller curates' } },
      severity: 'medium',
    },
    {
      name: 'hashes recorded but not verified',
      fires: withData({ protection: { integrityHashes: 'recorded' } }),
      quiet: withData({ protection: { integrityHashes: 'verified' } }),
      expect: { code: 'no-integrity-check', path: ['datasets', 0, 'protection'], dimension: 'likelihood', weight: 1 },
      severity: 'medium',
    },
    {
      name: 'no protection stated at all',
      fires: withData({ protection: undefined }),
      quiet: withData({}),
      expect: { code: 'no-integrity-check', path: ['datasets', 0, 'id'], dimension: 'likelihood', weight: 1, undeclared: [['datasets', 0, 'protection', 'integrityHashes']] },
      severity: 'medium',
    },
    {
      name: 'stored in an environment whose segregation is not declared',
      fires: withData({ storedIn: ['prep'] }, { environments: [environment('prep', 'data-engineering', { segregated: undefined })] }),
      quiet: withData({ storedIn: ['prep'] }, { environments: [environment('prep', 'data-engineering')] }),
      expect: { code: 'stored-unsegregated', path: ['datasets', 0, 'storedIn', 0], dimension: 'likelihood', weight: 1, undeclared: [['environments', 0, 'segregated']] },
      severity: 'medium',
    },
    {
      name: 'federated clients\' own devices are not storage the project could segregate',
      fires: project({ environments: [environment('phones', 'operational', { segregated: false })], datasets: [dataset('d', { storedIn: ['phones'] })] }),
      quiet: project({ environments: [environment('phones', 'operational', { segregated: false })], datasets: [dataset('d', { origin: 'federated-clients', storedIn: ['phones'] })] }),
      expect: { code: 'stored-unsegregated', path: ['datasets', 0, 'storedIn', 0], dimension: 'likelihood', weight: 1, args: { environment: 'phones' } },
      severity: 'medium',
    },
    {
      name: 'stored in an environment that is not segregated',
      fires: withData({ storedIn: ['prep'] }, { environments: [environment('prep', 'data-engineering', { segregated: false })] }),
      quiet: withData({ storedIn: ['prep'] }, { environments: [environment('prep', 'data-engineering')] }),
      expect: { code: 'stored-unsegregated', path: ['datasets', 0, 'storedIn', 0], dimension: 'likelihood', weight: 1, args: { environment: 'prep' } },
      severity: 'medium',
    },
    {
      name: 'federated clients outside the project\'s control (with automated retraining)',
      fires: federated({ clientsControlled: false, robustAggregation: true, clientPopulation: 'phones' }),
      quiet: federated({ clientsControlled: true }),
      expect: { code: 'federated-clients-uncontrolled', path: ['training', 0, 'federation'], dimension: 'likelihood', weight: 2, args: { population: 'phones' } },
      severity: 'high',
    },
    {
      name: 'federated clients, control not stated',
      fires: federated({ robustAggregation: true }),
      quiet: federated({ clientsControlled: true, robustAggregation: true }),
      expect: { code: 'federated-clients-uncontrolled', path: ['training', 0, 'federation'], dimension: 'likelihood', weight: 2, args: { population: 'population not stated' }, undeclared: [['training', 0, 'federation', 'clientsControlled']] },
      severity: 'high',
    },
    {
      name: 'federated aggregation that does not limit outlying updates',
      fires: federated({ clientsControlled: true, robustAggregation: false }),
      quiet: federated({ clientsControlled: true, robustAggregation: true }),
      expect: { code: 'aggregation-not-robust', path: ['training', 0, 'federation'], dimension: 'likelihood', weight: 1, args: { activity: 'fl' } },
      severity: 'high',
    },
    {
      name: 'continuous retraining released automatically raises the impact',
      fires: withData({}, { training: [activity('nightly', 'continuous', { datasets: ['d'], release: 'automatic' })] }),
      quiet: withData({}, { training: [activity('nightly', 'continuous', { datasets: ['d'], release: 'after-validation' })] }),
      expect: { code: 'automated-retraining', path: ['training', 0, 'release'], dimension: 'impact', weight: 3, args: { activity: 'nightly', mode: 'continuous' } },
      severity: 'medium',
    },
    {
      name: 'continuous retraining whose release is not declared raises the impact, worded as not declared',
      fires: withData({}, { training: [activity('nightly', 'continuous', { datasets: ['d'] })] }),
      quiet: withData({}, { training: [activity('nightly', 'from-scratch', { datasets: ['d'] })] }),
      expect: { code: 'automated-retraining', path: ['training', 0, 'mode'], dimension: 'impact', weight: 3, args: { activity: 'nightly', mode: 'continuous' }, undeclared: [['training', 0, 'release']] },
      severity: 'medium',
    },
    {
      name: 'a segregated training environment lowers the likelihood',
      fires: inTrainingEnv({ segregated: true }),
      quiet: inTrainingEnv({ segregated: false }),
      expect: { code: 'training-environment-segregated', path: ['training', 0, 'environment'], dimension: 'likelihood', weight: -1, args: { environment: 'train' } },
      severity: 'low',
    },
  ]);

  it('a segregated environment does not lower retrieval, nor an environment outside the training area', () => {
    expect(factorOf(evaluate(datapoison, inTrainingEnv({}, 'retrieval-augmented')), 'training-environment-segregated')).toBeUndefined();
    const prep = withData({ origin: 'supplier' }, { environments: [environment('prep', 'data-engineering')], training: [activity('t', 'from-scratch', { environment: 'prep' })] });
    expect(factorOf(evaluate(datapoison, prep), 'training-environment-segregated')).toBeUndefined();
  });

  it('controlled federated clients with robust aggregation add nothing to the likelihood, yet retraining keeps the impact high', () => {
    const result = evaluate(datapoison, federated({ clientsControlled: true, robustAggregation: true }));
    expect(factorOf(result, 'federated-clients-uncontrolled')).toBeUndefined();
    expect(factorOf(result, 'automated-retraining')).toMatchObject({ dimension: 'impact', weight: 3 });
    expect(rating(result)).toEqual({ impact: 3, likelihood: 1, severity: 'medium' });
  });

  it('data on federated clients is not blamed for missing integrity hashes', () => {
    expect(factorOf(evaluate(datapoison, federated({ clientsControlled: true })), 'no-integrity-check')).toBeUndefined();
  });

  it('untrusted live data under continuous retraining is critical', () => {
    const p = withData({ origin: 'public-internet', protection: { integrityHashes: 'recorded' } }, { training: [activity('nightly', 'continuous', { datasets: ['d'] })] });
    expect(rating(evaluate(datapoison, p))).toEqual({ impact: 3, likelihood: 3, severity: 'critical' });
  });
});

describe('DATAPOISON: many data sets make one factor with a count', () => {
  it('counts the data sets and names the first', () => {
    const p = project({ datasets: [dataset('a', { origin: 'supplier' }), dataset('b', { origin: 'supplier' })] });
    const found = factorOf(evaluate(datapoison, p), 'data-from-supplier');
    expect(found).toMatchObject({ path: ['datasets', 0, 'origin'], weight: 1, args: { dataset: 'a', count: '2' } });
  });

  it('two retraining activities raise the impact once', () => {
    const p = withData({}, { training: [activity('a', 'continuous'), activity('b', 'continuous')] });
    expect(evaluate(datapoison, p).factors.filter((f) => f.code === 'automated-retraining')).toHaveLength(1);
  });

  // Bug: the origin and the supply chain of the same data set are tallied separately, so one data set
  // is reported as "2 training data set(s) come from public or unvetted sources".
  it('a public data set hosted by a public source is counted once', () => {
    const p = withData({ origin: 'public-internet', supplyChain: [{ supplier: 'hub', role: 'hosts' }] });
    expect(factorOf(evaluate(datapoison, p), 'data-from-public-source')?.args?.count).toBe('1');
  });

  // Bug: FactorTally overwrites the `count` argument with the number of data sets, so the wording
  // "passes through N suppliers" shows 1 for a chain of two suppliers.
  it('the supply-chain wording counts the suppliers in the chain', () => {
    const p = withData({ supplyChain: [{ supplier: 'vendor', role: 'collects' }, { supplier: 'labeller', role: 'labels' }] });
    const found = factorOf(evaluate(datapoison, p), 'supply-chain-of-suppliers')!;
    expect(describeFact(found)).toBe('1 data set(s) pass through a chain of 2 outside suppliers, such as `d` (vendor collects, labeller labels)');
    expect(found.args?.suppliers).toBe('2');
  });
});

describe('DATAPOISON: one outside labeller is one supplier', () => {
  it('counts a data set labelled by one outside party as data from a supplier, not also as a chain', () => {
    const result = evaluate(datapoison, withData({ supplyChain: [{ supplier: 'labeller', role: 'labels' }] }));
    expect(factorOf(result, 'data-from-supplier')).toBeDefined();
    expect(factorOf(result, 'supply-chain-of-suppliers')).toBeUndefined();
  });

  it('a collector and a separate labeller are a chain', () => {
    const result = evaluate(datapoison, withData({ supplyChain: [{ supplier: 'vendor', role: 'collects' }, { supplier: 'labeller', role: 'labels' }] }));
    expect(factorOf(result, 'supply-chain-of-suppliers')).toMatchObject({ args: { suppliers: '2' } });
  });
});
