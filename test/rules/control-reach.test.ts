import { describe, expect, it } from 'vitest';
import type { Project } from '../../src/project/types.js';
import { ProjectView } from '../../src/project/view.js';
import { ruledOutControls } from '../../src/rules/control-reach.js';
import { assessInMemory, threat } from '../assess/assess-in-memory.js';
import { activity, dataset, model, project, supplier } from './project-builder.js';

/** What the facts rule out, but FEDERATEDLEARNING, which has a table of its own. */
const ruledOut = (p: Project) => Object.fromEntries([...ruledOutControls(new ProjectView(p))].filter(([control]) => control !== 'FEDERATEDLEARNING').map(([control, { code, path, args }]) => [control, { code, path, args }]));

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

describe('FEDERATEDLEARNING applies only where training data is spread over parties or devices', () => {
  const federatedOut = (p: Project) => ruledOutControls(new ProjectView(p)).get('FEDERATEDLEARNING')?.code ?? null;
  it.each<[string, Project, string | null]>([
    ['ruled out for data held by the project alone', project({ datasets: [dataset('a', { sensitivity: ['personal'] })], models: [model('m')] }), 'no-distributed-data'],
    ['ruled out for data pooled from suppliers', project({ suppliers: [supplier('v', 'known-vendor')], datasets: [dataset('a', { origin: 'supplier' })], models: [model('m')] }), 'no-distributed-data'],
    ['kept when data comes from federated clients', project({ datasets: [dataset('a', { origin: 'federated-clients' })], models: [model('m')] }), null],
    ['kept when training is federated', project({ models: [model('m')], training: [activity('fl', 'federated', { model: 'm' })] }), null],
  ])('%s', (_name, p, code) => {
    expect(federatedOut(p)).toBe(code);
  });

  it('a project of one organisation is not advised federated learning against its data leak', () => {
    const a = assessInMemory(project({ datasets: [dataset('a', { sensitivity: ['personal'] })], models: [model('m')] }));
    expect(threat(a, 'DEVDATALEAK').recommendations.map((r) => r.control)).not.toContain('FEDERATEDLEARNING');
    expect(threat(a, 'DEVDATALEAK').notRecommended.map((n) => n.control)).toContain('FEDERATEDLEARNING');
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
