import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/run-cli.js';
import { describeDrift, findDrift, type DriftThreat } from '../../src/discover/drift.js';
import type { Discovery, Finding } from '../../src/discover/types.js';
import type { Project } from '../../src/project/types.js';

const discovery = (...findings: Finding[]): Discovery => ({ counts: { files: 0, python: 0, notebooks: 0, dependencyFiles: 0, modelFiles: 0, otherFiles: 0 }, findings, notices: [] });
const at = { file: 'train.py', line: 3, column: 5 };
const hubModel = (model: string, extra: Partial<Extract<Finding, { kind: 'hub-model' }>['details']> = {}): Finding => ({
  ...at,
  kind: 'hub-model',
  details: { api: 'transformers.AutoModel.from_pretrained', hub: 'huggingface', model: { literal: model }, localPath: false, revision: { literal: 'c'.repeat(40) }, revisionPinned: true, trustRemoteCode: null, ...extra },
});
const project = (extra: Partial<Project> = {}): Project => ({ formatVersion: 1, project: { name: 'p' }, ...extra });
const codes = (p: Project, d: Discovery) => findDrift(p, d).map((x) => [x.code, x.threats, x.declared]);

describe('drift between the description and the repository', () => {
  it('finds a hub model the description does not declare: SUPPLYMODELPOISON applies', () => {
    const found = findDrift(project(), discovery(hubModel('meta-llama/Llama-3.1-8B')));
    expect(found).toEqual([{ code: 'undeclared-model', ...at, args: { model: 'meta-llama/Llama-3.1-8B', api: 'transformers.AutoModel.from_pretrained', hub: 'huggingface' }, threats: ['SUPPLYMODELPOISON'], declared: null }]);
    expect(describeDrift(found[0]!)).toBe('the code loads pre-trained model `meta-llama/Llama-3.1-8B` from huggingface (transformers.AutoModel.from_pretrained), which the project description does not declare');
  });

  it.each([
    [{ id: 'base', name: 'meta-llama/Llama-3.1-8B', origin: 'pretrained' }],
    [{ id: 'llama-3.1-8b', origin: 'pretrained' }],
    [{ id: 'base', origin: 'pretrained', notes: 'We fine-tune meta-llama/Llama-3.1-8B.' }],
  ] as const)('recognises a declared model by name, id or notes: %j', (model) => {
    expect(codes(project({ models: [model] }), discovery(hubModel('meta-llama/Llama-3.1-8B')))).toEqual([]);
  });

  it('finds trust_remote_code and an unpinned revision, pointing at the declared model', () => {
    const p = project({ models: [{ id: 'embedder', name: 'org/embedder', origin: 'pretrained' }] });
    expect(codes(p, discovery(hubModel('org/embedder', { trustRemoteCode: { literal: true }, revision: { literal: 'main' }, revisionPinned: false })))).toEqual([
      ['trust-remote-code', ['SUPPLYMODELPOISON', 'DEVMODELPOISON'], ['models', 0]],
      ['unpinned-revision', ['SUPPLYMODELPOISON'], ['models', 0]],
    ]);
  });

  it('finds pickle deserialised where the description declares a safe format', () => {
    const load: Finding = { ...at, kind: 'unsafe-load', details: { api: 'torch.load', format: 'pytorch-pickle', weightsOnly: null, allowPickle: null, path: { literal: 'models/classifier.pt' } } };
    const declared = project({ models: [{ id: 'classifier', name: 'models/classifier.pt', origin: 'trained-here', format: 'safetensors' }] });
    const found = findDrift(declared, discovery(load));
    expect(found.map((d) => [d.code, d.declared])).toEqual([['pickle-declared-safe', ['models', 0]]]);
    expect(describeDrift(found[0]!)).toBe('model `classifier` is declared safetensors, but the code deserialises it as pytorch-pickle (torch.load), which can run code when loaded');
    // Only safe formats declared, and an unmatched pickle load.
    const other = project({ models: [{ id: 'x', origin: 'trained-here', format: 'onnx' }] });
    expect(codes(other, discovery({ ...load, details: { ...load.details, path: { variable: 'path' } } }))).toEqual([['pickle-declared-safe', ['SUPPLYMODELPOISON', 'DEVMODELPOISON'], null]]);
    // torch.load(weights_only=True) refuses arbitrary globals.
    expect(codes(declared, discovery({ ...load, details: { ...load.details, weightsOnly: { literal: true } } }))).toEqual([]);
  });

  it('finds a public data set and a download the description does not mention: DATAPOISON', () => {
    const hub: Finding = { ...at, kind: 'dataset-load', details: { api: 'datasets.load_dataset', source: 'hub', dataset: { literal: 'imdb' }, dataFiles: null, files: [], revision: null, revisionPinned: false, trustRemoteCode: null } };
    const url: Finding = { ...at, line: 4, kind: 'dataset-load', details: { api: 'datasets.load_dataset', source: 'url', dataset: { literal: 'csv' }, dataFiles: { literal: 'https://x.org/a.csv' }, files: ['https://x.org/a.csv'], revision: null, revisionPinned: false, trustRemoteCode: null } };
    const local: Finding = { ...at, line: 5, kind: 'dataset-load', details: { ...url.details, source: 'local-files', files: ['data/a.csv'] } } as Finding;
    expect(findDrift(project(), discovery(hub, url, local)).map((d) => [d.code, d.args.dataset, d.threats])).toEqual([
      ['undeclared-dataset', 'imdb', ['DATAPOISON']],
      ['unpinned-revision', 'imdb', ['DATAPOISON']],
      ['undeclared-dataset', 'https://x.org/a.csv', ['DATAPOISON']],
    ]);
    const declared = project({ datasets: [{ id: 'imdb', purpose: 'training', origin: 'public-internet' }, { id: 'reviews', purpose: 'training', origin: 'public-internet', notes: 'From https://x.org/a.csv' }] });
    expect(findDrift(declared, discovery(hub, url)).map((d) => [d.code, d.declared])).toEqual([['unpinned-revision', ['datasets', 0]]]);
  });

  it('finds model files with dangerous globals, and a pickle file declared safe', () => {
    const file: Finding = { file: 'models/m.pkl', line: 1, column: 1, kind: 'model-file', details: { format: 'pickle', bytes: 32, globals: [{ module: 'os', name: 'system', safety: 'dangerous' }], facts: {}, problems: [] } };
    const p = project({ models: [{ id: 'm', name: 'models/m.pkl', origin: 'trained-here', format: 'safetensors' }] });
    expect(findDrift(p, discovery(file)).map((d) => [d.code, d.args.globals ?? d.args.declared, d.declared])).toEqual([
      ['dangerous-model-file', 'os.system', ['models', 0]],
      ['pickle-declared-safe', 'safetensors', ['models', 0]],
    ]);
  });

  it('finds notebooks that install packages while no environment says so', () => {
    const install: Finding = { file: 'nb.ipynb', line: 9, column: 6, kind: 'notebook-install', details: { command: 'pip install x', packages: ['x'] } };
    expect(codes(project(), discovery(install))).toEqual([['undeclared-user-installs', ['DEVMODELPOISON'], null]]);
    expect(codes(project({ environments: [{ id: 'nb', area: 'training', userInstalledDependencies: true }] }), discovery(install))).toEqual([]);
  });

  it('finds a hosted model the description does not declare', () => {
    const call: Finding = { ...at, kind: 'hosted-model', details: { api: 'openai.OpenAI().chat.completions.create', vendor: 'openai', model: { literal: 'gpt-4o' } } };
    expect(codes(project(), discovery(call))).toEqual([['undeclared-hosted-model', ['SUPPLYMODELPOISON'], null]]);
    expect(codes(project({ models: [{ id: 'gpt-4o', origin: 'pretrained', format: 'hosted-api' }] }), discovery(call))).toEqual([]);
  });

  it('names threats that the catalog has', () => {
    const threats: DriftThreat[] = ['DATAPOISON', 'DEVMODELPOISON', 'SUPPLYMODELPOISON'];
    for (const id of threats) expect(existsSync(join(repoRoot, 'catalog/threats', `${id.toLowerCase()}.yaml`))).toBe(true);
  });
});
