import { describe, expect, it } from 'vitest';
import type { Ability, Model, ModelFormat, ProvenanceEvidence, SupplierTrust } from '../../src/project/types.js';
import { supplymodelpoison } from '../../src/rules/supplymodelpoison.js';
import { ability, environment, model, project, supplier } from './project-builder.js';
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

/**
 * Base model `base` from an assessed vendor that signs its models, and adapter `lora` for it from
 * supplier `hub` (trust as given, also signing): only the adapter's supply is in question.
 */
const adapted = (trust: SupplierTrust = 'contracted-assessed', lora: Partial<Model> = {}, extra: Model[] = []) =>
  project({
    suppliers: [supplier('vendor', 'contracted-assessed', { supplies: ['pretrained-models'], provenance: vetted }), supplier('hub', trust, { supplies: ['pretrained-models'], provenance: vetted })],
    models: [
      model('base', { origin: 'pretrained', supplier: 'vendor', integrityProtected: false }),
      model('lora', { kind: 'adapter', origin: 'pretrained', supplier: 'hub', baseModel: 'base', integrityProtected: false, ...lora }),
      ...extra,
    ],
  });

describe('SUPPLYMODELPOISON: fine-tuning adapters', () => {
  evidenceTable(supplymodelpoison, [
    {
      name: 'an adapter from a supplier is a supplied model, loaded with its base',
      project: adapted(),
      applies: true,
      evidence: [
        { code: 'pretrained-model-used', path: ['models', 0, 'origin'], args: { model: 'base', supplier: 'vendor' } },
        { code: 'pretrained-adapter-used', path: ['models', 1, 'origin'], args: { model: 'lora', supplier: 'hub', base: 'base' } },
      ],
    },
    {
      name: 'an adapter trained here for a pre-trained model',
      project: project({ models: [model('base', { origin: 'pretrained' }), model('own', { kind: 'adapter', baseModel: 'base' })] }),
      applies: true,
      evidence: [
        { code: 'pretrained-model-used', path: ['models', 0, 'origin'] },
        { code: 'adapter-trained-on-pretrained-model', path: ['models', 1, 'baseModel'], args: { model: 'own', base: 'base' } },
      ],
    },
    {
      name: 'not applicable: an adapter trained here for a model trained here',
      project: project({ models: [model('base'), model('own', { kind: 'adapter', baseModel: 'base' })] }),
      applies: false,
      evidence: [{ code: 'no-pretrained-model', path: ['models'] }],
    },
  ]);

  factorTable(supplymodelpoison, [
    {
      name: 'an adapter from a public hub counts like a model from it',
      fires: adapted('public-source'),
      quiet: adapted('contracted-assessed'),
      expect: { code: 'supplier-public-source', path: ['suppliers', 1, 'trust'], dimension: 'likelihood', weight: 2, args: { supplier: 'hub', model: 'lora' } },
      severity: 'medium',
    },
    {
      name: 'an adapter published as a pickle can run code when it is loaded',
      fires: adapted('contracted-assessed', { format: 'pytorch-pickle' }),
      quiet: adapted('contracted-assessed', { format: 'safetensors' }),
      expect: { code: 'code-executing-format-impact', path: ['models', 1, 'format'], dimension: 'impact', weight: 3, args: { model: 'lora', format: 'pytorch-pickle' } },
      severity: 'high',
    },
    {
      name: 'adapters from two parties merged into one model',
      fires: adapted('contracted-assessed', {}, [model('own', { kind: 'adapter', baseModel: 'base' })]),
      quiet: adapted('contracted-assessed', {}, [model('own', { kind: 'adapter', origin: 'pretrained', supplier: 'hub', baseModel: 'base', integrityProtected: false })]),
      expect: { code: 'adapters-from-several-parties', path: ['models', 1, 'baseModel'], dimension: 'likelihood', weight: 1, args: { base: 'base', parties: '2', sources: 'hub, this project' } },
      severity: 'low',
    },
  ]);

  it('counts no parties for adapters all trained here', () => {
    const p = project({ models: [model('base', { origin: 'pretrained' }), model('a', { kind: 'adapter', baseModel: 'base' }), model('b', { kind: 'adapter', baseModel: 'base' })] });
    expect(factorCodes(evaluate(supplymodelpoison, p))).not.toContain('adapters-from-several-parties');
  });

  it('an adapter without kind is a model trained further, as in files written before kind existed', () => {
    const p = project({ models: [model('base', { origin: 'pretrained' }), model('own', { baseModel: 'base' })] });
    expect(evaluate(supplymodelpoison, p).evidence.map((f) => f.code)).toEqual(['pretrained-model-used', 'pretrained-model-trained-further']);
  });
});

/** Model `agent`, trained here, calls MCP server `tools` from supplier `vendor` (pinned, verified, run by the vendor). */
const calling = (trust: SupplierTrust = 'contracted-assessed', a: Partial<Ability> = {}) =>
  project({
    suppliers: [supplier('vendor', trust, { supplies: ['abilities'] })],
    environments: [environment('app', 'operational')],
    models: [model('agent')],
    abilities: [ability('tools', 'mcp-server', { supplier: 'vendor', usedBy: ['agent'], ...a })],
  });

describe('SUPPLYMODELPOISON: supplied abilities', () => {
  evidenceTable(supplymodelpoison, [
    {
      name: 'an agent calls an ability an outside party supplies',
      project: calling(),
      applies: true,
      evidence: [{ code: 'supplied-ability-used', path: ['abilities', 0, 'origin'], args: { kind: 'MCP server', ability: 'tools', supplier: '`vendor`', callers: 'model `agent`' } }],
    },
    {
      name: 'an ability that names neither supplier nor callers',
      project: calling('contracted-assessed', { supplier: undefined, usedBy: undefined }),
      applies: true,
      evidence: [{ code: 'supplied-ability-used', path: ['abilities', 0, 'origin'], args: { supplier: 'an unnamed supplier', callers: 'agents this file does not name' } }],
    },
    {
      name: 'not applicable: abilities built here',
      project: calling('contracted-assessed', { origin: 'built-here', supplier: undefined }),
      applies: false,
      evidence: [{ code: 'no-pretrained-model', path: ['models'] }, { code: 'abilities-built-here', path: ['abilities'] }],
    },
  ]);

  it('a pinned, verified ability an assessed vendor runs is low, and leaves pruning out of reach', () => {
    const result = evaluate(supplymodelpoison, calling());
    expect(factorCodes(result)).toEqual([]);
    expect(rating(result).severity).toBe('low');
    expect(result.outOfReach?.map((o) => [o.control, o.fact.code])).toEqual([['POISONROBUSTMODEL', 'abilities-only']]);
  });

  it('keeps pruning in reach when a pre-trained model is obtained too', () => {
    const p = calling();
    p.models!.push(model('base', { origin: 'pretrained' }));
    expect(evaluate(supplymodelpoison, p).outOfReach).toBeUndefined();
  });

  factorTable(supplymodelpoison, [
    {
      name: 'an ability from an anonymous publisher',
      fires: calling('anonymous'),
      quiet: calling('public-source'),
      expect: { code: 'ability-supplier-anonymous', path: ['suppliers', 0, 'trust'], dimension: 'likelihood', weight: 3, args: { kind: 'MCP server', ability: 'tools', supplier: 'vendor' } },
      severity: 'high',
    },
    {
      name: 'an ability from a public registry',
      fires: calling('public-source'),
      quiet: calling('contracted-assessed'),
      expect: { code: 'ability-supplier-public-source', path: ['suppliers', 0, 'trust'], dimension: 'likelihood', weight: 2, args: { supplier: 'vendor' } },
      severity: 'medium',
    },
    {
      name: 'an ability whose supplier is not declared is treated as from a public source',
      fires: calling('contracted-assessed', { supplier: undefined }),
      quiet: calling(),
      expect: { code: 'ability-supplier-public-source', path: ['abilities', 0, 'origin'], dimension: 'likelihood', weight: 2, args: { supplier: 'unnamed' }, undeclared: [['abilities', 0, 'supplier']] },
      severity: 'medium',
    },
    {
      name: 'an ability from a known vendor that is not assessed',
      fires: calling('known-vendor'),
      quiet: calling('contracted-assessed'),
      expect: { code: 'ability-supplier-unassessed', path: ['suppliers', 0, 'trust'], dimension: 'likelihood', weight: 1 },
      severity: 'medium',
    },
    {
      name: 'an ability not pinned to a version',
      fires: calling('contracted-assessed', { pinned: false }),
      quiet: calling('contracted-assessed', { pinned: true }),
      expect: { code: 'ability-unpinned', path: ['abilities', 0, 'pinned'], dimension: 'likelihood', weight: 1, args: { ability: 'tools' } },
      severity: 'medium',
    },
    {
      name: 'an ability whose pinning is not declared',
      fires: calling('contracted-assessed', { pinned: undefined }),
      quiet: calling(),
      expect: { code: 'ability-unpinned', path: ['abilities', 0, 'id'], dimension: 'likelihood', weight: 1, undeclared: [['abilities', 0, 'pinned']] },
      severity: 'medium',
    },
    {
      name: 'an ability used without a check against what was approved',
      fires: calling('contracted-assessed', { verified: false }),
      quiet: calling('contracted-assessed', { verified: true }),
      expect: { code: 'ability-unverified', path: ['abilities', 0, 'verified'], dimension: 'likelihood', weight: 1 },
      severity: 'medium',
    },
    {
      name: 'an ability whose verification is not declared',
      fires: calling('contracted-assessed', { verified: undefined }),
      quiet: calling(),
      expect: { code: 'ability-unverified', path: ['abilities', 0, 'id'], dimension: 'likelihood', weight: 1, undeclared: [['abilities', 0, 'verified']] },
      severity: 'medium',
    },
    {
      name: 'an ability whose code runs in the project\'s environment raises the impact',
      fires: calling('contracted-assessed', { runsIn: ['app'] }),
      quiet: calling(),
      expect: { code: 'ability-runs-code-here', path: ['abilities', 0, 'runsIn', 0], dimension: 'impact', weight: 3, args: { environment: 'app' } },
      severity: 'medium',
    },
  ]);

  it('an unpinned, unchecked MCP server from a public registry run on the project\'s machines is critical', () => {
    const result = evaluate(supplymodelpoison, calling('public-source', { pinned: false, verified: false, runsIn: ['app'] }));
    expect(factorCodes(result).sort()).toEqual(['ability-runs-code-here', 'ability-supplier-public-source', 'ability-unpinned', 'ability-unverified']);
    expect(rating(result)).toEqual({ impact: 3, likelihood: 3, severity: 'critical' });
  });

  it('asks nothing of POISONROBUSTMODEL for an ability: only supply chain management answers', () => {
    const result = evaluate(supplymodelpoison, calling('anonymous', { pinned: false }));
    for (const f of result.factors) expect(f.controls).toEqual(['SUPPLYCHAINMANAGE']);
  });

  it('names each ability kind in its words', () => {
    const kinds: [Ability['kind'], string][] = [['mcp-server', 'MCP server'], ['skill', 'skill'], ['plugin', 'plugin'], ['external-agent', 'external agent'], ['tool', 'tool']];
    for (const [kind, words] of kinds) {
      const p = calling();
      p.abilities![0]!.kind = kind;
      expect(evaluate(supplymodelpoison, p).evidence[0]!.args.kind).toBe(words);
    }
  });

  it('counts many unpinned abilities once, with their number', () => {
    const p = calling();
    p.abilities = Array.from({ length: 4 }, (_, i) => ability(`a${i}`, 'skill', { supplier: 'vendor', pinned: false }));
    const unpinned = evaluate(supplymodelpoison, p).factors.filter((f) => f.code === 'ability-unpinned');
    expect(unpinned.map((f) => f.args)).toEqual([{ kind: 'skill', ability: 'a0', count: '4' }]);
  });
});
