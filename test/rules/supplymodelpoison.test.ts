import { describe, expect, it } from 'vitest';
import type { Model, ModelFormat, ProvenanceEvidence, SupplierTrust } from '../../src/project/types.js';
import { supplymodelpoison } from '../../src/rules/supplymodelpoison.js';
import { model, project, supplier } from './project-builder.js';
import { evaluate, evidenceTable, factorCodes, factorOf, factorTable, rating } from './rule-cases.js';

const vetted: ProvenanceEvidence[] = ['signatures-verified', 'ai-bom'];

/** Pre-trained model `base` from supplier `hub`; by default an assessed supplier with signatures and an AI-BOM. */
const obtained = (trust: SupplierTrust = 'contracted-assessed', provenance: ProvenanceEvidence[] = vetted, m: Partial<Model> = {}) =>
  project({
    suppliers: [supplier('hub', trust, { supplies: ['pretrained-models'], provenance })],
    models: [model('base', { origin: 'pretrained', supplier: 'hub', format: 'safetensors', integrityProtected: false, ...m })],
  });

describe('SUPPLYMODELPOISON: when it applies', () => {
  evidenceTable(supplymodelpoison, [
    { name: 'a pre-trained model used as is', project: obtained(), applies: true, evidence: [{ code: 'pretrained-model-used', path: ['models', 0, 'origin'], args: { model: 'base', supplier: 'hub' } }] },
    {
      name: 'a model trained further from a pre-trained base',
      project: project({ models: [model('ft', { baseModel: 'base' }), model('base', { origin: 'pretrained' })] }),
      applies: true,
      evidence: [
        { code: 'pretrained-model-trained-further', path: ['models', 0, 'baseModel'], args: { model: 'ft', base: 'base' } },
        { code: 'pretrained-model-used', path: ['models', 1, 'origin'], args: { supplier: 'an unnamed supplier' } },
      ],
    },
    {
      name: 'not applicable: a model built on another model trained here',
      project: project({ models: [model('base'), model('ft', { baseModel: 'base' })] }),
      applies: false,
      evidence: [{ code: 'no-pretrained-model', path: ['models'] }],
    },
    { name: 'not applicable: no models', project: project(), applies: false, evidence: [{ code: 'no-pretrained-model', path: ['models'] }] },
  ]);

  it('a signed model with an AI-BOM from an assessed supplier is low', () => {
    const result = evaluate(supplymodelpoison, obtained());
    expect(factorCodes(result)).toEqual(['signatures-verified']);
    expect(rating(result)).toEqual({ impact: 2, likelihood: 1, severity: 'low' });
  });
});

describe('SUPPLYMODELPOISON: factors', () => {
  factorTable(supplymodelpoison, [
    {
      name: 'a public source such as a model hub',
      fires: obtained('public-source'),
      quiet: obtained('contracted-assessed'),
      expect: { code: 'supplier-public-source', path: ['suppliers', 0, 'trust'], dimension: 'likelihood', weight: 2, args: { supplier: 'hub' } },
      severity: 'medium',
    },
    {
      name: 'no supplier named is treated as a public source',
      fires: project({ models: [model('base', { origin: 'pretrained', integrityProtected: false })] }),
      quiet: obtained(),
      expect: { code: 'supplier-public-source', path: ['models', 0, 'origin'], dimension: 'likelihood', weight: 2, args: { supplier: 'unnamed' }, undeclared: [['models', 0, 'supplier']] },
      severity: 'high',
    },
    {
      name: 'an anonymous publisher weighs more than a public hub',
      fires: obtained('anonymous'),
      quiet: obtained('public-source'),
      expect: { code: 'supplier-anonymous', path: ['suppliers', 0, 'trust'], dimension: 'likelihood', weight: 3, args: { supplier: 'hub' } },
      severity: 'medium',
    },
    {
      name: 'a supplier whose provenance checks are not declared',
      fires: project({ suppliers: [supplier('hub', 'contracted-assessed', { supplies: ['pretrained-models'] })], models: [model('base', { origin: 'pretrained', supplier: 'hub', integrityProtected: undefined })] }),
      quiet: obtained(),
      expect: { code: 'no-signature-or-hash', path: ['models', 0, 'supplier'], dimension: 'likelihood', weight: 1, undeclared: [['suppliers', 0, 'provenance']] },
      severity: 'medium',
    },
    {
      name: 'a known vendor that is not assessed',
      fires: obtained('known-vendor'),
      quiet: obtained('contracted-assessed'),
      expect: { code: 'supplier-unassessed', path: ['suppliers', 0, 'trust'], dimension: 'likelihood', weight: 1, args: { supplier: 'hub' } },
      severity: 'low',
    },
    {
      name: 'verified signatures lower the likelihood',
      fires: obtained('contracted-assessed', vetted),
      quiet: obtained('contracted-assessed', ['hashes-verified', 'ai-bom']),
      expect: { code: 'signatures-verified', path: ['suppliers', 0, 'provenance'], dimension: 'likelihood', weight: -1, args: { model: 'base' } },
      severity: 'low',
    },
    {
      name: 'neither signature nor hash verified',
      fires: obtained('contracted-assessed', ['ai-bom']),
      quiet: obtained('contracted-assessed', ['ai-bom', 'hashes-verified']),
      expect: { code: 'no-signature-or-hash', path: ['models', 0, 'supplier'], dimension: 'likelihood', weight: 1, args: { model: 'base' } },
      severity: 'medium',
    },
    {
      name: 'a model the project hashes itself needs no supplier hash',
      fires: obtained('contracted-assessed', ['ai-bom'], { integrityProtected: false }),
      quiet: obtained('contracted-assessed', ['ai-bom'], { integrityProtected: true }),
      expect: { code: 'no-signature-or-hash', path: ['models', 0, 'supplier'], dimension: 'likelihood', weight: 1 },
      severity: 'medium',
    },
    {
      name: 'no AI bill of materials',
      fires: obtained('contracted-assessed', ['signatures-verified']),
      quiet: obtained('contracted-assessed', vetted),
      expect: { code: 'no-ai-bom', path: ['models', 0, 'supplier'], dimension: 'likelihood', weight: 1, args: { model: 'base' } },
      severity: 'low',
    },
    {
      name: 'a code-executing format adds likelihood',
      fires: obtained('contracted-assessed', vetted, { format: 'pickle' }),
      quiet: obtained('contracted-assessed', vetted, { format: 'safetensors' }),
      expect: { code: 'code-executing-format', path: ['models', 0, 'format'], dimension: 'likelihood', weight: 2, args: { model: 'base', format: 'pickle' } },
      severity: 'high',
    },
    {
      name: 'a code-executing format raises the impact',
      fires: obtained('contracted-assessed', vetted, { format: 'joblib' }),
      quiet: obtained('contracted-assessed', vetted, { format: 'onnx' }),
      expect: { code: 'code-executing-format-impact', path: ['models', 0, 'format'], dimension: 'impact', weight: 3, args: { format: 'joblib' } },
      severity: 'high',
    },
  ]);

  const formats: [ModelFormat, boolean][] = [
    ['pickle', true], ['pytorch-pickle', true], ['joblib', true], ['keras-h5', true],
    ['safetensors', false], ['onnx', false], ['gguf', false], ['tensorflow-savedmodel', false], ['hosted-api', false], ['other', false],
  ];
  it.each(formats)('format %s runs code when loaded: %s', (format, runsCode) => {
    const result = evaluate(supplymodelpoison, obtained('contracted-assessed', vetted, { format }));
    expect(factorOf(result, 'code-executing-format-impact', 'impact') !== undefined).toBe(runsCode);
    expect(rating(result).impact).toBe(runsCode ? 3 : 2);
  });

  it('an unchecked pickle from a model hub is critical', () => {
    const result = evaluate(supplymodelpoison, obtained('public-source', ['model-card'], { format: 'pytorch-pickle' }));
    expect(factorCodes(result).sort()).toEqual(['code-executing-format', 'code-executing-format-impact', 'no-ai-bom', 'no-signature-or-hash', 'supplier-public-source']);
    expect(rating(result)).toEqual({ impact: 3, likelihood: 3, severity: 'critical' });
  });

  it('two pickles from the hub raise the impact once', () => {
    const p = project({
      suppliers: [supplier('hub', 'public-source', { supplies: ['pretrained-models'] })],
      models: [model('a', { origin: 'pretrained', supplier: 'hub', format: 'pickle' }), model('b', { origin: 'pretrained', supplier: 'hub', format: 'keras-h5' })],
    });
    const result = evaluate(supplymodelpoison, p);
    expect(result.factors.filter((f) => f.code === 'code-executing-format-impact')).toHaveLength(1);
    expect(factorOf(result, 'code-executing-format', 'likelihood')?.args).toMatchObject({ model: 'a', count: '2' });
  });
});

describe('SUPPLYMODELPOISON: a model used through a hosted API', () => {
  const hosted = (format: ModelFormat) => obtained('contracted-assessed', ['model-card'], { format });

  it('gets no signature, AI-BOM or format factors no API user can meet', () => {
    const result = evaluate(supplymodelpoison, hosted('hosted-api'));
    expect(factorCodes(result)).toEqual([]);
  });

  it('the same model downloaded gets them', () => {
    expect(factorCodes(evaluate(supplymodelpoison, hosted('safetensors'))).sort()).toEqual(['no-ai-bom', 'no-signature-or-hash']);
  });

  it('a downloaded model whose format is not declared may run code, worded so', () => {
    const result = evaluate(supplymodelpoison, obtained('contracted-assessed', vetted, { format: undefined }));
    expect(factorOf(result, 'code-executing-format')).toMatchObject({ args: { format: 'not declared' }, undeclared: [{ path: ['models', 0, 'format'], safe: 'safetensors' }] });
    expect(factorOf(result, 'code-executing-format-impact')?.undeclared).toHaveLength(1);
  });
});
