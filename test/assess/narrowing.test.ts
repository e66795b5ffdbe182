import { describe, expect, it } from 'vitest';
import { ruledOutControls } from '../../src/assess/narrowing.js';
import { ProjectView } from '../../src/assess/project-view.js';
import type { Project } from '../../src/project/types.js';
import { activity, dataset, model, project, supplier } from '../rules/project-builder.js';
import { assessInMemory, threat } from './assess-in-memory.js';

const ruledOut = (p: Project) => Object.fromEntries([...ruledOutControls(new ProjectView(p))].map(([control, fact]) => [control, fact]));

const hostedOnly = (training = [activity('rag', 'retrieval-augmented', { model: 'llm', datasets: ['wiki'] })]) =>
  project({
    suppliers: [supplier('vendor', 'contracted-assessed', { supplies: ['pretrained-models'] })],
    datasets: [dataset('wiki', { purpose: 'retrieval', sensitivity: ['confidential'] })],
    models: [model('llm', { origin: 'pretrained', supplier: 'vendor', format: 'hosted-api', parameters: 'confidential' })],
    training,
  });

describe('controls the facts rule out', () => {
  const cases: { name: string; project: Project; out: Record<string, { code: string; path: (string | number)[]; args: Record<string, string> }> }[] = [
    {
      name: 'FEDERATEDLEARNING when every data set is public',
      project: project({ datasets: [dataset('a', { sensitivity: ['public'] }), dataset('b', { sensitivity: ['public'] })], models: [model('m')] }),
      out: { FEDERATEDLEARNING: { code: 'all-data-public', path: ['datasets'], args: {} } },
    },
    { name: 'nothing when one data set is not public', project: project({ datasets: [dataset('a', { sensitivity: ['public'] }), dataset('b', { sensitivity: ['public', 'personal'] })], models: [model('m')] }), out: {} },
    { name: 'nothing when a sensitivity is unstated (treated as internal)', project: project({ datasets: [dataset('a', { sensitivity: undefined })], models: [model('m')] }), out: {} },
    {
      name: 'the training-time data controls when only retrieval happens',
      project: { ...hostedOnly(), models: [model('llm', { origin: 'pretrained', format: 'safetensors' })] },
      out: {
        MORETRAINDATA: { code: 'no-weight-training', path: ['training'], args: {} },
        TRAINDATADISTORTION: { code: 'no-weight-training', path: ['training'], args: {} },
        TRAINADVERSARIAL: { code: 'no-weight-training', path: ['training'], args: {} },
      },
    },
    {
      name: 'the training-time data controls, pointing at the project, when there is no training at all',
      project: project({ models: [model('m', { origin: 'pretrained', format: 'onnx' })] }),
      out: {
        MORETRAINDATA: { code: 'no-weight-training', path: ['project'], args: {} },
        TRAINDATADISTORTION: { code: 'no-weight-training', path: ['project'], args: {} },
        TRAINADVERSARIAL: { code: 'no-weight-training', path: ['project'], args: {} },
      },
    },
    { name: 'nothing when a model is trained here, even without a training activity', project: project({ models: [model('m')] }), out: {} },
    { name: 'nothing when a pre-trained model is fine-tuned', project: project({ models: [model('m', { origin: 'pretrained' })], training: [activity('ft', 'fine-tuning', { model: 'm' })] }), out: {} },
    {
      name: 'POISONROBUSTMODEL too when every model is a hosted API',
      project: hostedOnly(),
      out: {
        MORETRAINDATA: { code: 'no-weight-training', path: ['training'], args: {} },
        TRAINDATADISTORTION: { code: 'no-weight-training', path: ['training'], args: {} },
        TRAINADVERSARIAL: { code: 'no-weight-training', path: ['training'], args: {} },
        POISONROBUSTMODEL: { code: 'models-hosted-api-only', path: ['models'], args: {} },
      },
    },
    { name: 'nothing when there is no model at all', project: project({ datasets: [dataset('d')] }), out: { MORETRAINDATA: { code: 'no-weight-training', path: ['project'], args: {} }, TRAINDATADISTORTION: { code: 'no-weight-training', path: ['project'], args: {} }, TRAINADVERSARIAL: { code: 'no-weight-training', path: ['project'], args: {} } } },
  ];
  it.each(cases)('$name', ({ project: p, out }) => {
    expect(ruledOut(p)).toEqual(out);
  });
});

describe('narrowing in the assessment', () => {
  it('a ruled-out control is listed as not recommended, with its reason, and is no gap', () => {
    const a = assessInMemory(hostedOnly(), { failOn: 'low' });
    const poison = threat(a, 'DATAPOISON');
    expect(poison.applies).toBe(true);
    expect(poison.recommendations.map((r) => r.control)).not.toContain('MORETRAINDATA');
    expect(poison.notRecommended.map((n) => [n.control, n.fact.code])).toEqual(expect.arrayContaining([['MORETRAINDATA', 'no-weight-training'], ['POISONROBUSTMODEL', 'models-hosted-api-only']]));
    expect(a.gaps.map((g) => g.control)).not.toContain('MORETRAINDATA');
    expect(a.gaps.map((g) => g.control)).not.toContain('POISONROBUSTMODEL');
  });

  it('the location of a not-recommended control points at the fact', () => {
    const a = assessInMemory(hostedOnly());
    const found = threat(a, 'DATAPOISON').notRecommended.find((n) => n.control === 'POISONROBUSTMODEL')!;
    expect(found.location.file).toBe('project.yaml');
    expect(found.location.line).toBeGreaterThan(1);
  });

  it('a policy that requires a ruled-out control still requires it', () => {
    const policy = { policyVersion: 1 as const, require: [{ control: 'MORETRAINDATA', when: 'DATAPOISON' }] };
    const a = assessInMemory(hostedOnly(), { policy });
    const rec = threat(a, 'DATAPOISON').recommendations.find((r) => r.control === 'MORETRAINDATA');
    expect(rec).toMatchObject({ required: true, requiredBy: ['policy'] });
    expect(a.gaps.find((g) => g.control === 'MORETRAINDATA')).toMatchObject({ kind: 'missing', required: true });
  });
});
