import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildReport } from '../../src/assess/report.js';
import { getCatalog } from '../../src/catalog/bundled.js';
import { importCycloneDxCommand } from '../../src/commands/import.js';
import { readBom } from '../../src/import/cyclonedx.js';
import { guessFormat, guessSensitivity, IdAllocator, isPublicHub, slugify } from '../../src/import/guess.js';
import { importCycloneDx } from '../../src/import/index.js';
import { memoryIo } from '../../src/io.js';
import { parseProject } from '../../src/validate/load-project.js';
import { repoRoot } from '../helpers/run-cli.js';

const fixtures = join(repoRoot, 'test/fixtures/cyclonedx');
const fixture = (name: string) => readFileSync(join(fixtures, name), 'utf8');

function importFixture() {
  const imported = importCycloneDx(fixture('fine-tuned-llm.cdx.json'), 'fine-tuned-llm.cdx.json', 'project.yaml');
  if (!imported.ok) throw new Error(imported.messages.join('\n'));
  const checked = parseProject(imported.text, 'project.yaml');
  if (!checked.ok) throw new Error('does not validate');
  return { text: imported.text, project: checked.value, source: checked.source };
}

describe('readBom refuses what it cannot import, in one line', () => {
  it.each([
    ['truncated.cdx.json', /^not valid JSON \(/],
    ['wrong-format.cdx.json', /^not a CycloneDX BOM: `bomFormat` is "SPDX", expected "CycloneDX"$/],
    ['old-spec.cdx.json', /^CycloneDX `specVersion` "1.4" is not supported; aithreat imports 1.5 and 1.6$/],
    ['no-components.cdx.json', /^the BOM has no `components` list$/],
    ['no-ml-components.cdx.json', /^the BOM lists no component of type `machine-learning-model` or `data`/],
    ['bom.cdx.xml', /^this is XML; aithreat imports CycloneDX JSON only/],
  ])('%s', (name, message) => {
    const read = readBom(fixture(name));
    expect(read.ok).toBe(false);
    if (!read.ok) {
      expect(read.message).toMatch(message);
      expect(read.message).not.toContain('\n');
    }
  });

  it('never throws on arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.json(), (json) => {
        readBom(json);
      }),
    );
    fc.assert(
      fc.property(fc.anything(), (components) => {
        const text = JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', components: [components, { type: 'data', name: 'd', data: components }] });
        if (text !== undefined) readBom(text);
      }),
    );
  });
});

describe('the fine-tuned LLM fixture', () => {
  it('validates, and names the project after the BOM subject', () => {
    const { project } = importFixture();
    expect(project.project).toEqual({ name: 'Claims triage assistant 2.3.0', description: expect.stringContaining('Suggests a queue') });
  });

  it('takes the base model from the pedigree, pre-trained from the public hub', () => {
    const { project } = importFixture();
    expect(project.models).toEqual([
      expect.objectContaining({ id: 'mistral-7b-instruct-v0.3', origin: 'pretrained', supplier: 'hugging-face', format: 'safetensors', notes: 'Made by Mistral AI.' }),
      expect.objectContaining({ id: 'claims-triage-llm', origin: 'trained-here', baseModel: 'mistral-7b-instruct-v0.3', format: 'safetensors' }),
    ]);
    expect(project.training).toEqual([{ id: 'train-claims-triage-llm', mode: 'fine-tuning', model: 'claims-triage-llm', datasets: ['claim-notes-2022-2024', 'insurance-claims-eval'] }]);
  });

  it('treats the system maker as no supplier, and a hub as public-source with its model card', () => {
    const { project } = importFixture();
    expect(project.suppliers).toEqual([{ id: 'hugging-face', name: 'Hugging Face', supplies: ['pretrained-models', 'data'], trust: 'public-source', provenance: ['model-card'] }]);
  });

  it('never claims hashes are verified because the BOM lists them', () => {
    const { project, text } = importFixture();
    expect(JSON.stringify(project)).not.toContain('hashes-verified');
    expect(project.models?.some((m) => m.integrityProtected !== undefined)).toBe(false);
    expect(project.datasets?.map((d) => d.protection?.integrityHashes)).toEqual(['recorded', 'recorded']);
    expect(text).toContain('listing is not checking');
  });

  it('maps purpose and sensitivity from the model card and the data classification', () => {
    const { project } = importFixture();
    expect(project.datasets?.map((d) => [d.id, d.purpose, d.origin, d.sensitivity])).toEqual([
      ['claim-notes-2022-2024', 'fine-tuning', 'internal', ['confidential', 'personal', 'special-category-personal']],
      ['insurance-claims-eval', 'evaluation', 'supplier', ['public']],
    ]);
    expect(project.datasets?.[0]?.notes).toContain('owner: Claims Operations; custodian: Data Platform Team');
  });

  it('marks what the BOM cannot say with TODO comments', () => {
    const { text } = importFixture();
    for (const topic of ['environments', 'controls', 'storedIn', 'parameters', 'owner and contact', 'code']) {
      expect(text).toMatch(new RegExp(`# TODO\\(aithreat import\\):.*${topic}`));
    }
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=https://aithreat.dev/schemas/project/v1.json');
  });

  it('assesses', () => {
    const { project, source } = importFixture();
    const report = buildReport([{ source, project }], { catalog: getCatalog(), asOf: '2025-01-01', failOn: 'high', undeclared: 'count', policy: null });
    const applies = report.projects[0]!.threats.filter((t) => t.applies).map((t) => t.threat);
    expect(applies).toEqual(expect.arrayContaining(['TRANSFERLEARNINGATTACK', 'DEVDATALEAK', 'DATAPOISON']));
  });
});

describe('any BOM that reads imports into a valid project', () => {
  const text = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('Hugging Face', 'Acme', 'ACME', 'eval set', 'model.onnx', '', ' '), fc.string({ minLength: 490, maxLength: 600 }));
  const org = fc.option(fc.record({ name: text, url: fc.array(text, { maxLength: 2 }) }), { nil: undefined });
  const data = fc.record({ type: fc.constantFrom('dataset', 'other'), name: text, classification: fc.option(text, { nil: undefined }), sensitiveData: fc.array(text, { maxLength: 3 }) }, { requiredKeys: [] });
  const leaf = fc.record(
    {
      type: fc.constantFrom('machine-learning-model', 'data', 'library'),
      'bom-ref': fc.constantFrom('a', 'b', 'c', 'd'),
      name: text,
      group: text,
      version: text,
      supplier: org,
      manufacturer: org,
      publisher: text,
      purl: fc.constantFrom('pkg:huggingface/org/m@1', 'pkg:pypi/x@1', 'pkg:generic/m@1?file_name=w.pt'),
      hashes: fc.array(fc.record({ alg: fc.constant('SHA-256'), content: text }), { maxLength: 2 }),
      data: fc.array(data, { maxLength: 2 }),
      modelCard: fc.record({ modelParameters: fc.record({ datasets: fc.array(fc.oneof(fc.record({ ref: fc.constantFrom('a', 'b', 'c', 'd') }), data), { maxLength: 3 }) }) }),
    },
    { requiredKeys: ['type', 'name'] },
  );
  const component = fc.tuple(leaf, fc.array(leaf, { maxLength: 2 })).map(([c, ancestors]) => ({ ...c, pedigree: { ancestors } }));
  it('never produces a description that fails validation', () => {
    fc.assert(
      fc.property(fc.array(component, { minLength: 1, maxLength: 6 }), org, fc.option(leaf, { nil: undefined }), (components, supplier, subject) => {
        const bom = { bomFormat: 'CycloneDX', specVersion: '1.6', metadata: { supplier, component: subject }, components: [...components, { type: 'data', name: 'd' }] };
        const imported = importCycloneDx(JSON.stringify(bom), 'bom.json', 'out.yaml');
        if (!imported.ok) throw new Error(imported.messages.join('\n'));
      }),
      { numRuns: 300 },
    );
  }, 60_000);
});

describe('guesses', () => {
  it('slugify always gives a valid id', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        expect(slugify(text, 'model')).toMatch(/^[a-z0-9][a-z0-9._-]{0,63}$/);
      }),
    );
    expect(slugify('Mistral-7B-Instruct v0.3 (Q4)', 'm')).toBe('mistral-7b-instruct-v0.3-q4');
    expect(slugify('Ünïcode Naïve', 'm')).toBe('unicode-naive');
    expect(slugify('___', 'model')).toBe('model');
  });

  it('IdAllocator keeps ids unique and valid', () => {
    const ids = new IdAllocator();
    const long = 'x'.repeat(80);
    expect([ids.take('A', 'm'), ids.take('a', 'm'), ids.take('a', 'm'), ids.take(long, 'm'), ids.take(long, 'm')]).toEqual(['a', 'a-2', 'a-3', 'x'.repeat(64), `${'x'.repeat(62)}-2`]);
  });

  it('recognises public hubs', () => {
    expect(isPublicHub('Hugging Face', [], null)).toBe(true);
    expect(isPublicHub(null, [], 'pkg:huggingface/org/model@1')).toBe(true);
    expect(isPublicHub('Acme Models Ltd', ['https://acme.example'], null)).toBe(false);
  });

  const component = (over: object) => ({ type: 'machine-learning-model', ref: null, name: 'm', group: null, version: null, description: null, supplier: null, manufacturer: null, publisher: null, purl: null, hashes: [], signed: false, properties: [], externalReferences: [], ancestors: [], hasModelCard: false, datasetRefs: [], inlineDatasets: [], data: [], ...over });
  it.each([
    [{ name: 'model.onnx' }, 'onnx'],
    [{ name: 'resnet50' }, null],
    [{ properties: [{ name: 'format', value: 'GGUF' }] }, 'gguf'],
    [{ properties: [{ name: 'file', value: 'pytorch_model.bin' }] }, 'pytorch-pickle'],
    [{ purl: 'pkg:generic/m@1?file_name=m.joblib' }, 'joblib'],
    [{ externalReferences: [{ type: 'distribution', url: 'https://x/y/weights.h5' }] }, 'keras-h5'],
    [{ name: 'pytorch-image-models' }, null],
  ])('format of %j is %s', (over, expected) => expect(guessFormat(component(over))).toBe(expected));

  it('maps sensitivity words to classes and keeps the rest as confidential', () => {
    const data = (classification: string | null, sensitiveData: string[]) => ({ name: null, type: null, description: null, classification, sensitiveData, governance: [] });
    expect(guessSensitivity([data('Internal', [])])).toEqual({ classes: ['internal'], unclassified: [] });
    expect(guessSensitivity([data(null, ['biometric templates'])]).classes).toEqual(['personal', 'special-category-personal']);
    expect(guessSensitivity([data(null, ['trade secrets'])]).classes).toEqual(['confidential', 'intellectual-property']);
    expect(guessSensitivity([data(null, ['xyzzy'])])).toEqual({ classes: ['confidential'], unclassified: ['xyzzy'] });
    expect(guessSensitivity([data(null, [])]).classes).toEqual([]);
  });
});

describe('importCycloneDxCommand', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'aithreat-import-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the project, refuses to overwrite it, and overwrites with --force', () => {
    const bom = join(fixtures, 'fine-tuned-llm.cdx.json');
    const io = memoryIo({ cwd: dir });
    expect(importCycloneDxCommand(bom, { output: 'project.yaml' }, io)).toBe(0);
    expect(io.out()).toMatch(/^wrote project\.yaml: 2 model\(s\), 2 data set\(s\), 1 supplier\(s\); \d+ TODO\(s\) to resolve\n$/);
    const io2 = memoryIo({ cwd: dir });
    expect(importCycloneDxCommand(bom, { output: 'project.yaml' }, io2)).toBe(2);
    expect(io2.err()).toBe('aithreat: project.yaml already exists; use --force to overwrite it\n');
    expect(importCycloneDxCommand(bom, { output: 'project.yaml', force: true }, memoryIo({ cwd: dir }))).toBe(0);
    expect(readdirSync(dir)).toEqual(['project.yaml']);
  });

  it('prints to stdout without -o', () => {
    const io = memoryIo({ cwd: dir });
    expect(importCycloneDxCommand(join(fixtures, 'fine-tuned-llm.cdx.json'), {}, io)).toBe(0);
    expect(io.out()).toContain('formatVersion: 1');
    expect(io.err()).toMatch(/^aithreat: imported 2 model/);
  });

  it.each(['truncated.cdx.json', 'wrong-format.cdx.json', 'old-spec.cdx.json', 'no-components.cdx.json', 'bom.cdx.xml', 'missing.cdx.json'])(
    'refuses %s with one line and writes nothing',
    (name) => {
      writeFileSync(join(dir, 'keep.yaml'), 'old\n');
      const io = memoryIo({ cwd: fixtures });
      expect(importCycloneDxCommand(name, { output: join(dir, 'out.yaml') }, io)).toBe(2);
      expect(io.err()).toMatch(new RegExp(`^aithreat: ${name.replace(/\./g, '\\.')}: [^\n]+\n$`));
      expect(existsSync(join(dir, 'out.yaml'))).toBe(false);
      expect(readdirSync(dir)).toEqual(['keep.yaml']);
    },
  );
});

describe('who a component comes from', () => {
  const bom = (component: object) =>
    JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.5', metadata: { manufacturer: { name: 'Northwind' } }, components: [{ type: 'machine-learning-model', name: 'm', ...component }] });
  const modelOf = (component: object) => {
    const imported = importCycloneDx(bom(component), 'bom.json', 'out.yaml');
    if (!imported.ok) throw new Error(imported.messages.join('\n'));
    const checked = parseProject(imported.text, 'out.yaml');
    if (!checked.ok) throw new Error('invalid');
    return { model: checked.value.models![0]!, suppliers: checked.value.suppliers ?? [] };
  };

  it.each([
    [{}, 'trained-here', null],
    [{ supplier: { name: 'northwind' } }, 'trained-here', null],
    [{ supplier: { name: 'Northwind' }, manufacturer: { name: 'Meta' } }, 'pretrained', 'Meta'],
    [{ publisher: 'Some Lab' }, 'pretrained', 'Some Lab'],
    [{ purl: 'pkg:huggingface/org/m@abc' }, 'pretrained', 'Hugging Face'],
  ])('%j: %s from %s', (component, origin, supplier) => {
    const { model, suppliers } = modelOf(component);
    expect([model.origin, suppliers[0]?.name ?? null]).toEqual([origin, supplier]);
  });

  it('uses a stated trust over the guess', () => {
    const { suppliers } = modelOf({ supplier: { name: 'Acme AI' }, properties: [{ name: 'aithreat:trust', value: 'contracted-assessed' }] });
    expect(suppliers[0]?.trust).toBe('contracted-assessed');
    expect(modelOf({ supplier: { name: 'Acme AI' } }).suppliers[0]?.trust).toBe('known-vendor');
  });
});
