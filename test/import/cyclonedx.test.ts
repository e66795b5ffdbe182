import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importBomCommand } from '../../src/commands/import.js';
import { guessFormat, guessSensitivity, IdAllocator, isPublicHub, slugify } from '../../src/import/guess.js';
import { importBom } from '../../src/import/index.js';
import { memoryIo } from '../../src/io.js';
import { codesOf, fixtureDir, fixtureText, importFixture, importText } from './import-helpers.js';

const fixtures = fixtureDir('cyclonedx');

describe('a CycloneDX BOM that cannot be imported is one positioned line', () => {
  it.each([
    ['truncated.cdx.json', 2, 1, 'not valid JSON: the file ends before the list opened at 1:65 is closed'],
    ['trailing-comma.cdx.json', 5, 36, 'not valid JSON: a comma before `}`: JSON allows no comma after the last entry'],
    ['wrong-format.cdx.json', 2, 18, 'this is "SPDX-2.3": SPDX 2 has no AI or Dataset profile; aithreat imports SPDX 3.0 JSON-LD'],
    ['not-cyclonedx.cdx.json', 2, 16, 'not a CycloneDX BOM: `bomFormat` is "SWID", expected "CycloneDX"'],
    ['old-spec.cdx.json', 3, 18, 'CycloneDX `specVersion` "1.3" is not supported; aithreat imports 1.4, 1.5, 1.6, 1.7'],
    ['wrong-shape.cdx.json', 12, 15, '`components.1.name` must be a string, not a whole number'],
    ['no-components.cdx.json', 1, 1, 'the BOM lists no model or data set (components of type `machine-learning-model` or `data`, or services): nothing to import'],
    ['no-ml-components.cdx.json', 1, 1, 'the BOM lists no model or data set (components of type `machine-learning-model` or `data`, or services): nothing to import'],
    ['bom.cdx.xml', 1, 1, 'this is XML; aithreat imports JSON only (convert CycloneDX XML with the CycloneDX CLI; SPDX 3 is JSON-LD)'],
    ['spec-component-data-1.6.cdx.json', 1, 1, 'the BOM lists no model or data set that aithreat can import (`my-configs`: data of type configuration, other, not a data set)'],
    ['spec-component-data-1.7.cdx.json', 1, 1, 'the BOM lists no model or data set that aithreat can import (`my-configs`: data of type configuration, other, not a data set)'],
  ])('%s', (name, line, column, message) => {
    const imported = importBom(fixtureText('cyclonedx', name), name, 'out.yaml', 'cyclonedx');
    expect(imported).toEqual({ ok: false, problem: { line, column, message } });
  });

  it('names the other command when the document is SPDX 3', () => {
    const imported = importBom(fixtureText('spdx', 'owid-co2.spdx3.json'), 'x.json', 'out.yaml', 'cyclonedx');
    expect(imported).toEqual({ ok: false, problem: { line: 1, column: 1, message: 'this is an SPDX 3 document, not CycloneDX: use `aithreat import spdx` (or `aithreat import`, which detects it)' } });
  });
});

describe('the fine-tuned LLM fixture', () => {
  const imported = () => importFixture('cyclonedx', 'fine-tuned-llm.cdx.json');

  it('names the project after the BOM subject', () => {
    expect(imported().project.project).toEqual({ name: 'Claims triage assistant 2.3.0', description: expect.stringContaining('Suggests a queue') });
  });

  it('takes the base model from the pedigree, pre-trained from the public hub', () => {
    const { project } = imported();
    expect(project.models).toEqual([
      expect.objectContaining({ id: 'claims-triage-llm', origin: 'trained-here', baseModel: 'mistral-7b-instruct-v0.3', format: 'safetensors' }),
      expect.objectContaining({ id: 'mistral-7b-instruct-v0.3', origin: 'pretrained', supplier: 'hugging-face', format: 'safetensors', notes: 'Made by Mistral AI.' }),
    ]);
    expect(project.training).toEqual([{ id: 'train-claims-triage-llm', mode: 'fine-tuning', model: 'claims-triage-llm', datasets: ['claim-notes-2022-2024', 'insurance-claims-eval'] }]);
  });

  it('treats the system maker as no supplier, and a hub as public-source with its model card and the BOM as provenance', () => {
    expect(imported().project.suppliers).toEqual([{ id: 'hugging-face', name: 'Hugging Face', supplies: ['pretrained-models', 'data'], trust: 'public-source', provenance: ['ai-bom', 'model-card'] }]);
  });

  it('never claims hashes are verified because the BOM lists them', () => {
    const { project, text } = imported();
    expect(JSON.stringify(project)).not.toContain('hashes-verified');
    expect(project.models?.some((m) => m.integrityProtected !== undefined)).toBe(false);
    expect(project.datasets?.map((d) => d.protection?.integrityHashes)).toEqual(['recorded', 'recorded']);
    expect(text).toContain('listing is not checking');
  });

  it('maps purpose and sensitivity from the model card and the data classification', () => {
    const { project } = imported();
    expect(project.datasets?.map((d) => [d.id, d.purpose, d.origin, d.sensitivity])).toEqual([
      ['claim-notes-2022-2024', 'fine-tuning', 'internal', ['confidential', 'personal', 'special-category-personal']],
      ['insurance-claims-eval', 'evaluation', 'supplier', ['public']],
    ]);
    expect(project.datasets?.[0]?.notes).toContain('owner: Claims Operations; custodian: Data Platform Team');
  });

  it('keeps model-card considerations in the notes', () => {
    expect(imported().model('claims-triage-llm').notes).toContain('Model card limitations: Not evaluated on claims written in languages other than English.');
  });

  it('marks what the BOM cannot say with TODO comments', () => {
    const { text } = imported();
    for (const topic of ['environments', 'controls', 'storedIn', 'parameters', 'owner and contact', 'code']) {
      expect(text).toMatch(new RegExp(`# TODO\\(aithreat import\\):.*${topic}`));
    }
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=https://aithreat.dev/schemas/project/v1.json');
    expect(text).toContain('# Imported by `aithreat import cyclonedx` from fine-tuned-llm.cdx.json (CycloneDX 1.6, urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79, version 3).');
  });

  it('assesses, and assess finds the AI-BOM the project came from', () => {
    const { threats } = imported();
    const applies = threats.filter((t) => t.applies).map((t) => t.threat);
    expect(applies).toEqual(expect.arrayContaining(['SUPPLYMODELPOISON', 'DEVDATALEAK', 'DATAPOISON']));
    expect(codesOf(threats, 'SUPPLYMODELPOISON')).not.toContain('no-ai-bom');
  });
});

describe('any BOM that reads imports into a valid project', () => {
  const text = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('Hugging Face', 'Acme', 'ACME', 'eval set', 'model.onnx', 'openai', 'vllm', '', ' '), fc.string({ minLength: 490, maxLength: 600 }));
  const org = fc.option(fc.record({ name: text, url: fc.array(text, { maxLength: 2 }) }), { nil: undefined });
  const data = fc.record({ type: fc.constantFrom('dataset', 'other', 'configuration'), name: text, classification: fc.option(text, { nil: undefined }), sensitiveData: fc.array(text, { maxLength: 3 }) }, { requiredKeys: [] });
  const ref = fc.constantFrom('a', 'b', 'c', 'd');
  const leaf = fc.record(
    {
      type: fc.constantFrom('machine-learning-model', 'data', 'library'),
      'bom-ref': ref,
      name: text,
      group: text,
      version: text,
      supplier: org,
      manufacturer: org,
      publisher: text,
      scope: fc.constantFrom('required', 'excluded'),
      purl: fc.constantFrom('pkg:huggingface/org/m@1', 'pkg:pypi/x@1', 'pkg:generic/m@1?file_name=w.pt'),
      hashes: fc.array(fc.record({ alg: fc.constant('SHA-256'), content: text }), { maxLength: 2 }),
      licenses: fc.array(fc.oneof(fc.record({ expression: fc.constantFrom('Apache-2.0', 'MIT OR GPL-2.0', 'proprietary') }), fc.record({ license: fc.record({ id: fc.constantFrom('MIT', 'llama3') }) })), { maxLength: 2 }),
      properties: fc.array(fc.record({ name: fc.constantFrom('cdx:ai:provider', 'aithreat:trust', 'format'), value: fc.constantFrom('openai', 'vllm', 'huggingface', 'known-vendor', 'gguf') }), { maxLength: 2 }),
      data: fc.array(data, { maxLength: 2 }),
      modelCard: fc.record({ modelParameters: fc.record({ datasets: fc.array(fc.oneof(fc.record({ ref }), data), { maxLength: 3 }) }) }),
    },
    { requiredKeys: ['type', 'name'] },
  );
  const component = fc.tuple(leaf, fc.array(leaf, { maxLength: 2 })).map(([c, ancestors]) => ({ ...c, pedigree: { ancestors } }));
  const service = fc.record({ 'bom-ref': ref, name: text, provider: org, endpoints: fc.array(fc.constantFrom('https://api.openai.com/v1', 'http://localhost:8000', 'https://x.example'), { maxLength: 2 }), tags: fc.constantFrom([], ['ai']) }, { requiredKeys: ['name'] });
  const dependency = fc.record({ ref, dependsOn: fc.array(ref, { maxLength: 3 }) });
  it('never produces a description that fails validation or reads back differently', () => {
    fc.assert(
      fc.property(
        fc.array(component, { minLength: 1, maxLength: 6 }),
        org,
        fc.option(leaf, { nil: undefined }),
        fc.array(service, { maxLength: 3 }),
        fc.array(dependency, { maxLength: 4 }),
        fc.constantFrom('1.4', '1.5', '1.6', '1.7'),
        (components, supplier, subject, services, dependencies, specVersion) => {
          const bom = { bomFormat: 'CycloneDX', specVersion, metadata: { supplier, component: subject }, components: [...components, { type: 'data', name: 'd' }], services, dependencies };
          const imported = importBom(JSON.stringify(bom), 'bom.json', 'out.yaml', 'cyclonedx');
          if (!imported.ok) throw new Error(imported.problem.message);
        },
      ),
      { numRuns: 200 },
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

  it('recognises public hubs by name, link and package URL', () => {
    expect(isPublicHub('Hugging Face', [], null)).toBe(true);
    expect(isPublicHub('Hugging Face Inc', [], null)).toBe(true);
    expect(isPublicHub('meta-llama', ['https://huggingface.co/meta-llama/Llama-3.2-1B'], null)).toBe(true);
    expect(isPublicHub(null, [], 'pkg:huggingface/org/model@1')).toBe(true);
    expect(isPublicHub('Acme Models Ltd', ['https://acme.example'], null)).toBe(false);
  });

  const item = (over: object) => ({ name: 'm', properties: [], fileNames: [], ...over });
  it.each([
    [{ name: 'model.onnx' }, 'onnx'],
    [{ name: 'resnet50' }, null],
    [{ properties: [{ name: 'format', value: 'GGUF' }] }, 'gguf'],
    [{ properties: [{ name: 'cdx:ai:artifactFormat', value: 'safetensors' }] }, 'safetensors'],
    [{ fileNames: ['pytorch_model.bin'] }, 'pytorch-pickle'],
    [{ fileNames: ['m.joblib'] }, 'joblib'],
    [{ fileNames: ['https://x/y/weights.h5'] }, 'keras-h5'],
    [{ name: 'pytorch-image-models' }, null],
  ])('format of %j is %s', (over, expected) => expect(guessFormat(item(over))).toBe(expected));

  it('maps sensitivity words and Traffic Light Protocol labels to classes, and keeps the rest as confidential', () => {
    const data = (classification: string | null, sensitiveData: string[]) => ({ name: null, kind: null, description: null, classification, sensitiveData, governance: [] });
    expect(guessSensitivity([data('Internal', [])])).toEqual({ classes: ['internal'], unclassified: [] });
    expect(guessSensitivity([data('TLP:AMBER', [])]).classes).toEqual(['confidential']);
    expect(guessSensitivity([data('TLP:CLEAR', [])]).classes).toEqual(['public']);
    expect(guessSensitivity([data(null, ['biometric templates'])]).classes).toEqual(['personal', 'special-category-personal']);
    expect(guessSensitivity([data(null, ['trade secrets'])]).classes).toEqual(['confidential', 'intellectual-property']);
    expect(guessSensitivity([data(null, ['xyzzy'])])).toEqual({ classes: ['confidential'], unclassified: ['xyzzy'] });
    expect(guessSensitivity([data(null, [])]).classes).toEqual([]);
  });
});

describe('importBomCommand', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'aithreat-import-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the project, refuses to overwrite it, and overwrites with --force', () => {
    const bom = join(fixtures, 'fine-tuned-llm.cdx.json');
    const io = memoryIo({ cwd: dir });
    expect(importBomCommand('cyclonedx', bom, { output: 'project.yaml' }, io)).toBe(0);
    expect(io.out()).toMatch(/^wrote project\.yaml: 2 model\(s\), 2 data set\(s\), 1 supplier\(s\) from CycloneDX 1\.6; \d+ TODO\(s\) to resolve\n$/);
    const io2 = memoryIo({ cwd: dir });
    expect(importBomCommand('cyclonedx', bom, { output: 'project.yaml' }, io2)).toBe(2);
    expect(io2.err()).toBe('aithreat: project.yaml already exists; use --force to overwrite it\n');
    expect(importBomCommand('cyclonedx', bom, { output: 'project.yaml', force: true }, memoryIo({ cwd: dir }))).toBe(0);
    expect(readdirSync(dir)).toEqual(['project.yaml']);
  });

  it('prints to stdout without -o, and detects the standard without one', () => {
    const io = memoryIo({ cwd: dir });
    expect(importBomCommand(undefined, join(fixtures, 'fine-tuned-llm.cdx.json'), {}, io)).toBe(0);
    expect(io.out()).toContain('formatVersion: 1');
    expect(io.err()).toMatch(/^aithreat: imported 2 model/);
  });

  it.each([
    ['truncated.cdx.json', 'truncated.cdx.json:2:1: not valid JSON: the file ends before the list opened at 1:65 is closed'],
    ['wrong-format.cdx.json', 'wrong-format.cdx.json:2:18: this is "SPDX-2.3": SPDX 2 has no AI or Dataset profile; aithreat imports SPDX 3.0 JSON-LD'],
    ['old-spec.cdx.json', 'old-spec.cdx.json:3:18: CycloneDX `specVersion` "1.3" is not supported; aithreat imports 1.4, 1.5, 1.6, 1.7'],
    ['no-components.cdx.json', expect.stringMatching(/^no-components\.cdx\.json:1:1: the BOM lists no model or data set/)],
    ['bom.cdx.xml', expect.stringMatching(/^bom\.cdx\.xml:1:1: this is XML/)],
    ['missing.cdx.json', 'missing.cdx.json:1:1: no such file'],
  ])('refuses %s with one line, exit 2, and writes nothing', (name, line) => {
    writeFileSync(join(dir, 'keep.yaml'), 'old\n');
    const io = memoryIo({ cwd: fixtures });
    expect(importBomCommand('cyclonedx', name, { output: join(dir, 'out.yaml') }, io)).toBe(2);
    expect(io.err().split('\n')).toEqual([line, '']);
    expect(existsSync(join(dir, 'out.yaml'))).toBe(false);
    expect(readdirSync(dir)).toEqual(['keep.yaml']);
  });
});

describe('who a component comes from', () => {
  const bom = (component: object) =>
    JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', metadata: { component: { type: 'application', name: 'System', manufacturer: { name: 'Northwind' } } }, components: [{ type: 'machine-learning-model', name: 'm', ...component }] });
  const modelOf = (component: object) => {
    const { project } = importText(bom(component));
    return { model: project.models![0]!, suppliers: project.suppliers ?? [] };
  };

  it.each([
    [{}, 'pretrained', 'Unidentified publisher (the BOM names none)'],
    [{ supplier: { name: 'northwind' } }, 'trained-here', null],
    [{ supplier: { name: 'Northwind' }, manufacturer: { name: 'Meta' } }, 'pretrained', 'Meta'],
    [{ publisher: 'Some Lab' }, 'pretrained', 'Some Lab'],
    [{ authors: [{ name: 'Northwind' }] }, 'trained-here', null],
    [{ purl: 'pkg:huggingface/org/m@abc' }, 'pretrained', 'Hugging Face'],
    [{ properties: [{ name: 'cdx:ai:provider', value: 'openai' }] }, 'pretrained', 'OpenAI'],
    [{ properties: [{ name: 'cdx:ai:provider', value: 'vllm' }] }, 'pretrained', 'Unidentified publisher (the BOM names none)'],
  ])('%j: %s from %s', (component, origin, supplier) => {
    const { model, suppliers } = modelOf(component);
    expect([model.origin, suppliers.find((s) => s.id === model.supplier)?.name ?? null]).toEqual([origin, supplier]);
  });

  it('reads metadata.manufacture as the system maker before 1.6, and metadata.manufacturer never', () => {
    const bom15 = { bomFormat: 'CycloneDX', specVersion: '1.5', metadata: { manufacture: { name: 'Northwind' }, component: { type: 'application', name: 'S' } }, components: [{ type: 'machine-learning-model', name: 'm', supplier: { name: 'Northwind' } }] };
    expect(importText(JSON.stringify(bom15)).project.models?.[0]?.origin).toBe('trained-here');
    const bom16 = { ...bom15, specVersion: '1.6', metadata: { manufacturer: { name: 'Northwind' }, component: { type: 'application', name: 'S' } } };
    expect(importText(JSON.stringify(bom16)).project.models?.[0]).toMatchObject({ origin: 'pretrained', supplier: 'northwind' });
  });

  it('uses a stated trust over the guess', () => {
    const { suppliers } = modelOf({ supplier: { name: 'Acme AI' }, properties: [{ name: 'aithreat:trust', value: 'contracted-assessed' }] });
    expect(suppliers[0]?.trust).toBe('contracted-assessed');
    expect(modelOf({ supplier: { name: 'Acme AI' } }).suppliers[0]?.trust).toBe('known-vendor');
  });
});
