import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { driftCodes, type DriftCode, type DriftFinding, type DriftThreat } from '../../src/discover/drift.js';
import type { Project } from '../../src/project/types.js';
import { ProjectView } from '../../src/project/view.js';
import { basisOf, type Factor, type Rule, type RuleResult } from '../../src/rules/api.js';
import { ruledOutControls } from '../../src/rules/control-reach.js';
import { datapoison } from '../../src/rules/datapoison.js';
import { devmodelpoison } from '../../src/rules/devmodelpoison.js';
import { rules } from '../../src/rules/index.js';
import { supplymodelpoison } from '../../src/rules/supplymodelpoison.js';
import { repoRoot } from '../helpers/run-cli.js';
import { activity, environment, model, project, supplier } from './project-builder.js';

// How the rules read drift (assess --discover): what the code shows becomes facts and factors
// with basis `discovered`, at their place in the code; what the file declares is never counted
// twice, and what it leaves out gives way to what the code shows.

const drift = (code: DriftCode, args: Record<string, string>, extra: Partial<DriftFinding> = {}): DriftFinding => ({
  code,
  file: 'repo/serve.py',
  line: 20,
  column: 12,
  args,
  threats: [],
  declared: null,
  ...extra,
});
const evaluate = (rule: Rule, p: Project, ...found: DriftFinding[]): RuleResult => rule.evaluate(new ProjectView(p, found));
const factor = (result: RuleResult, code: string): Factor | undefined => result.factors.find((f) => f.code === code);
const at = (d: DriftFinding) => [{ file: d.file, line: d.line, column: d.column, drift: d.code }];

const hubModel = drift('undeclared-model', { model: 'meta-llama/Llama-3.1-8B', api: 'transformers.AutoModel.from_pretrained', hub: 'huggingface' });
const remote = drift('trust-remote-code', { model: 'org/embedder', api: 'transformers.AutoModel.from_pretrained' }, { declared: ['models', 0] });

describe('SUPPLYMODELPOISON reads the code', () => {
  it('applies on a hub model the description does not declare, with the hub as a public source, both located in the code', () => {
    const result = evaluate(supplymodelpoison, project(), hubModel);
    expect(result.applies).toBe(true);
    expect(result.evidence).toEqual([
      { code: 'pretrained-model-in-code', message: expect.any(String), path: ['models'], args: { model: 'meta-llama/Llama-3.1-8B', hub: 'huggingface', api: 'transformers.AutoModel.from_pretrained' }, found: at(hubModel) },
    ]);
    const hub = factor(result, 'supplier-public-source')!;
    expect(basisOf(hub)).toBe('discovered');
    expect(hub.found).toEqual(at(hubModel));
    expect(hub.message).toBe('model `{{model}}`, which the code loads from {{hub}}, comes from a public hub anyone can publish to');
  });

  it('does not count the public hub twice when the file already declares it', () => {
    const declared = project({ suppliers: [supplier('hf', 'public-source', { supplies: ['pretrained-models'] })], models: [model('base', { origin: 'pretrained', supplier: 'hf' })] });
    const hub = factor(evaluate(supplymodelpoison, declared, hubModel), 'supplier-public-source')!;
    expect([basisOf(hub), hub.found, hub.args.count]).toEqual(['declared', undefined, '1']);
  });

  it('takes the code over a field left out: a trust_remote_code load rests on the code, not on the missing format', () => {
    const silent = project({ suppliers: [supplier('hf', 'contracted-assessed', { supplies: ['pretrained-models'], provenance: ['signatures-verified', 'ai-bom'] })], models: [model('embedder', { origin: 'pretrained', supplier: 'hf', name: 'org/embedder', format: undefined })] });
    const before = evaluate(supplymodelpoison, silent);
    expect(basisOf(factor(before, 'code-executing-format')!)).toBe('not-declared');
    const after = evaluate(supplymodelpoison, silent, remote);
    for (const code of ['code-executing-format', 'code-executing-format-impact']) {
      const f = factor(after, code)!;
      expect([code, basisOf(f), f.undeclared, f.found]).toEqual([code, 'discovered', [], at(remote)]);
    }
    expect(factor(after, 'code-executing-format')!.args.how).toBe("the code loads it with trust_remote_code (transformers.AutoModel.from_pretrained), so the hub repository's own Python code runs");
  });

  it('fires no-signature-or-hash for an unpinned model even where the file says its integrity is protected', () => {
    const kept = project({ suppliers: [supplier('hf', 'contracted-assessed', { supplies: ['pretrained-models'], provenance: ['ai-bom'] })], models: [model('embedder', { origin: 'pretrained', supplier: 'hf', integrityProtected: true })] });
    expect(factor(evaluate(supplymodelpoison, kept), 'no-signature-or-hash')).toBeUndefined();
    const unpinned = drift('unpinned-revision', { model: 'org/embedder', api: 'transformers.AutoModel.from_pretrained', revision: 'main' }, { declared: ['models', 0] });
    expect(factor(evaluate(supplymodelpoison, kept, unpinned), 'no-signature-or-hash')).toMatchObject({ path: ['models', 0], found: at(unpinned) });
  });

  it('names the vendor of a hosted model as unassessed unless a supplier entry stands for it', () => {
    const hosted = drift('undeclared-hosted-model', { model: 'gpt-4o', vendor: 'openai', api: 'openai.OpenAI().chat.completions.create' });
    const result = evaluate(supplymodelpoison, project(), hosted);
    expect([result.applies, result.evidence[0]!.code, factor(result, 'supplier-unassessed')?.found]).toEqual([true, 'hosted-model-in-code', at(hosted)]);
    const declared = project({ suppliers: [supplier('open-ai', 'contracted-assessed', { name: 'OpenAI', supplies: ['model-hosting'] })] });
    expect(factor(evaluate(supplymodelpoison, declared, hosted), 'supplier-unassessed')).toBeUndefined();
  });

  it('leaves pickle of a model trained here to DEVMODELPOISON', () => {
    const pickle = drift('pickle-declared-safe', { api: 'torch.load', format: 'pytorch-pickle', declared: 'safetensors', model: 'clf' }, { declared: ['models', 0] });
    const here = project({ models: [model('clf', { origin: 'trained-here' })], training: [activity('t', 'from-scratch', { model: 'clf' })] });
    expect(evaluate(supplymodelpoison, here, pickle).applies).toBe(false);
    expect(factor(evaluate(devmodelpoison, here, pickle), 'code-executing-format')).toMatchObject({ args: { what: 'model `clf`', how: 'it is declared safetensors, but the code deserialises it as pytorch-pickle (torch.load)' }, found: at(pickle) });
  });
});

describe('DEVMODELPOISON reads the code', () => {
  const gift = drift('dangerous-model-file', { file: 'artifacts/gift.pkl', format: 'pickle', globals: 'os.system' }, { file: 'repo/artifacts/gift.pkl', line: 1, column: 1 });

  it('applies on a model file in the repository that imports os.system, at high impact', () => {
    const result = evaluate(devmodelpoison, project(), gift);
    expect(result.applies).toBe(true);
    expect(result.evidence.map((f) => [f.code, f.found])).toEqual([['model-file-in-repository', at(gift)]]);
    expect(result.factors.map((f) => [f.code, f.dimension, f.weight, basisOf(f)])).toEqual([
      ['code-executing-format', 'likelihood', 1, 'discovered'],
      ['model-file-runs-commands', 'impact', 3, 'discovered'],
    ]);
  });

  it('reads notebook installs over an environment that says engineers install nothing', () => {
    const installs = drift('undeclared-user-installs', { count: '2' }, { file: 'repo/nb.ipynb', line: 14, column: 6 });
    const here = project({ environments: [environment('lab', 'training')], models: [model('clf', { origin: 'trained-here', storedIn: ['lab'] })], training: [activity('t', 'from-scratch', { model: 'clf', environment: 'lab' })] });
    expect(factor(evaluate(devmodelpoison, here), 'user-installed-dependencies')).toBeUndefined();
    const own = factor(evaluate(devmodelpoison, here, installs), 'user-installed-dependencies')!;
    expect([basisOf(own), own.args.installs, own.found]).toEqual(['discovered', '2', at(installs)]);
  });

  it('makes nothing of remote code when no model is developed here', () => {
    expect(evaluate(devmodelpoison, project(), remote)).toMatchObject({ applies: false, factors: [] });
  });
});

describe('DATAPOISON reads the code', () => {
  const imdb = drift('undeclared-dataset', { dataset: 'imdb', api: 'datasets.load_dataset', source: 'hub' }, { file: 'repo/train.py' });
  const csv = drift('undeclared-dataset', { dataset: 'https://x.org/a.csv', api: 'datasets.load_dataset', source: 'url' }, { file: 'repo/train.py', line: 21 });

  it('applies on a public data set the description does not mention, and counts every such data set in one factor', () => {
    const result = evaluate(datapoison, project(), imdb, csv);
    expect(result.applies).toBe(true);
    expect(result.evidence.map((f) => f.code)).toEqual(['dataset-in-code', 'dataset-in-code']);
    expect(factor(result, 'data-from-public-source')).toMatchObject({ args: { dataset: 'imdb', count: '2' }, found: [...at(imdb), ...at(csv)] });
  });

  it('keeps supply chain management in reach once the code loads public data', () => {
    const internal = project({ datasets: [{ id: 'd', purpose: 'training', origin: 'internal', protection: { integrityHashes: 'verified' } }] });
    expect(evaluate(datapoison, internal).outOfReach?.map((o) => o.control)).toContain('SUPPLYCHAINMANAGE');
    expect(evaluate(datapoison, internal, imdb).outOfReach?.map((o) => o.control) ?? []).not.toContain('SUPPLYCHAINMANAGE');
  });
});

describe('drift and the controls a project rules out', () => {
  it('keeps poison-robust training for a project of hosted models once the code loads a hub model', () => {
    const hosted = project({ models: [model('llm', { origin: 'pretrained', format: 'hosted-api' })] });
    expect(ruledOutControls(new ProjectView(hosted)).has('POISONROBUSTMODEL')).toBe(true);
    expect(ruledOutControls(new ProjectView(hosted, [hubModel])).has('POISONROBUSTMODEL')).toBe(false);
  });
});

describe('which rules read which drift', () => {
  // What docs/discover.md promises: the threats each kind bears on are the rules that read it.
  const bearsOn: Record<DriftCode, DriftThreat[]> = {
    'undeclared-model': ['SUPPLYMODELPOISON'],
    'undeclared-hosted-model': ['SUPPLYMODELPOISON'],
    'pickle-declared-safe': ['DEVMODELPOISON', 'SUPPLYMODELPOISON'],
    'undeclared-dataset': ['DATAPOISON'],
    'trust-remote-code': ['DEVMODELPOISON', 'SUPPLYMODELPOISON'],
    'unpinned-revision': ['DATAPOISON', 'SUPPLYMODELPOISON'],
    'dangerous-model-file': ['DEVMODELPOISON', 'SUPPLYMODELPOISON'],
    'undeclared-user-installs': ['DEVMODELPOISON'],
  };

  it.each(driftCodes)('%s', (code) => {
    expect(rules.filter((r) => r.meta.drift?.[code] !== undefined).map((r) => r.meta.threat).sort()).toEqual(bearsOn[code]);
    const row = readFileSync(`${repoRoot}/docs/discover.md`, 'utf8').split('\n').find((l) => l.startsWith(`| \`${code}\` |`));
    expect(row, `docs/discover.md has a row for ${code}`).toBeDefined();
    for (const threat of bearsOn[code]) expect(row).toContain(threat);
  });

  it('words every factor a rule fires from the code, and reads only kinds that exist', () => {
    for (const rule of rules) for (const code of Object.keys(rule.meta.drift ?? {})) expect(driftCodes).toContain(code);
  });
});
