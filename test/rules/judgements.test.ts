import { describe, expect, it } from 'vitest';
import { datapoison } from '../../src/rules/datapoison.js';
import { devmodelleak } from '../../src/rules/devmodelleak.js';
import { devmodelpoison } from '../../src/rules/devmodelpoison.js';
import { activity, dataset, environment, model, project, supplier } from './project-builder.js';
import { evaluate, factorCodes, factorOf } from './rule-cases.js';

// Judgements a reviewer asked for after reading the examples' assessments: each pins one of them.
describe('DATAPOISON: supplier data', () => {
  const chained = (trust: 'contracted-assessed' | 'known-vendor', provenance: ('hashes-verified' | 'model-card')[]) =>
    project({
      suppliers: [supplier('vendor', trust, { provenance })],
      datasets: [dataset('d', { origin: 'supplier', supplyChain: [{ supplier: 'vendor', role: 'provides' }] })],
    });

  it('counts nothing for an assessed supplier whose data arrives with verified hashes', () => {
    expect(factorOf(evaluate(datapoison, chained('contracted-assessed', ['hashes-verified'])), 'data-from-supplier')).toBeUndefined();
  });

  it('counts a supplier without verified provenance once, however the data set names it', () => {
    const factor = factorOf(evaluate(datapoison, chained('contracted-assessed', ['model-card'])), 'data-from-supplier');
    expect(factor).toMatchObject({ weight: 1, path: ['datasets', 0, 'supplyChain'], args: { count: '1' } });
    expect(factorOf(evaluate(datapoison, chained('known-vendor', ['hashes-verified'])), 'data-from-supplier')?.weight).toBe(1);
  });

  it('counts a public source once per data set even when origin and chain both say so', () => {
    const result = evaluate(datapoison, project({
      suppliers: [supplier('crawl', 'public-source')],
      datasets: [dataset('d', { origin: 'public-internet', supplyChain: [{ supplier: 'crawl', role: 'provides' }] })],
    }));
    expect(factorOf(result, 'data-from-public-source')).toMatchObject({ weight: 2, args: { count: '1' } });
  });

  it('gives no segregation bonus when federated clients send updates', () => {
    const base = { environments: [environment('train', 'training')], datasets: [dataset('d')] };
    const central = evaluate(datapoison, project({ ...base, training: [activity('t', 'from-scratch', { environment: 'train', datasets: ['d'] })] }));
    const federated = evaluate(datapoison, project({ ...base, training: [activity('t', 'from-scratch', { environment: 'train', datasets: ['d'] }), activity('f', 'federated', { federation: { clientsControlled: true } })] }));
    expect(factorCodes(central)).toContain('training-environment-segregated');
    expect(factorCodes(federated)).not.toContain('training-environment-segregated');
  });
});

describe('DEVMODELPOISON: development time only', () => {
  it('ignores where the live system keeps its copy', () => {
    const result = evaluate(devmodelpoison, project({
      environments: [environment('prod', 'operational', { segregated: false, monitoring: false, access: { writers: 50 } })],
      models: [model('m', { storedIn: ['prod'] })],
    }));
    expect(result.applies).toBe(true);
    expect(factorCodes(result)).toEqual([]);
  });

  it('counts outsourced development and a code-running format of a model trained here', () => {
    const result = evaluate(devmodelpoison, project({
      suppliers: [supplier('contractor', 'known-vendor', { supplies: ['development'] })],
      models: [model('m', { format: 'joblib' })],
      code: { developedBy: ['contractor'] },
    }));
    expect(factorOf(result, 'outsourced-development')).toMatchObject({ weight: 1, path: ['code', 'developedBy', 0] });
    expect(factorOf(result, 'code-executing-format')).toMatchObject({ weight: 1, path: ['models', 0, 'format'] });
  });
});

describe('DEVMODELLEAK: what can leak from here', () => {
  it('does not count a vendor model behind an API, whose weights never arrive', () => {
    const result = evaluate(devmodelleak, project({ models: [model('api', { origin: 'pretrained', format: 'hosted-api', parameters: 'confidential' })] }));
    expect(result.applies).toBe(false);
  });

  it('counts a vendor tenancy once: as storage outside, not again as hosting', () => {
    const result = evaluate(devmodelleak, project({
      suppliers: [supplier('vendor', 'contracted-assessed', { supplies: ['model-hosting'] })],
      environments: [environment('tenancy', 'training', { hosting: 'cloud', provider: 'vendor' })],
      models: [model('m', { parameters: 'confidential', storedIn: ['tenancy'] })],
      training: [activity('t', 'hosted-fine-tuning', { model: 'm', hostedBy: 'vendor' })],
    }));
    expect(factorCodes(result)).toContain('model-stored-outside');
    expect(factorCodes(result)).not.toContain('model-hosted-by-supplier');
  });
});
