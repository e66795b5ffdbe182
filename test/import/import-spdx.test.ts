import { describe, expect, it } from 'vitest';
import { importBom } from '../../src/import/index.js';
import { codesOf, fixtureText, importFixture, importText } from './import-helpers.js';

/** SPDX 3.0 JSON-LD: the AI and Dataset examples of spdx/spdx-examples, and a document with the quirks generators write. */

describe('the spdx-examples AI and Dataset documents', () => {
  it('ai/example01 (SimpleHTR): two models of the system maker trained and tested on a data set of two researchers', () => {
    const { project, model, text } = importFixture('spdx', 'simplehtr.spdx3.json');
    expect(project.project).toEqual({ name: 'SimpleHTR' });
    expect(project.models?.map((m) => [m.id, m.origin, m.supplier ?? null])).toEqual([
      ['word-model', 'trained-here', null],
      ['line-model', 'trained-here', null],
    ]);
    expect(model('word-model').notes).toContain('Safety risk assessment (EU general risk assessment methodology): low.');
    expect(project.datasets).toEqual([
      expect.objectContaining({ id: 'iamdataset', purpose: 'training', origin: 'supplier', supplyChain: [{ supplier: 'u.-marti-h.-bunke', role: 'provides' }], sensitivity: ['public'] }),
    ]);
    expect(project.datasets?.[0]?.notes).toContain('Also used to test the model.');
    expect(project.training?.map((t) => [t.model, t.mode, t.datasets])).toEqual([
      ['word-model', 'from-scratch', ['iamdataset']],
      ['line-model', 'from-scratch', ['iamdataset']],
    ]);
    // The software_Package and the ai_AIPackage of each model are one model.
    expect(project.models).toHaveLength(2);
    expect(text).toContain('# TODO(aithreat import): the project format has no field for the BOM\'s safety risk assessment (`low`); it is kept in the notes.');
  });

  it('ai/example02 (sentiment demo): the AI package is the subject; files inside it stand for it and for the data set', () => {
    const { project } = importFixture('spdx', 'sentiment-demo.spdx3.json');
    expect(project.models?.map((m) => [m.origin, m.name])).toEqual([['trained-here', 'Sentiment Demo: A Simple AI Application and its AI BOM Example']]);
    expect(project.datasets?.map((d) => [d.id, d.purpose, d.origin])).toEqual([['data-after-preprocessing', 'training', 'internal']]);
    expect(project.training?.[0]?.datasets).toEqual(['data-after-preprocessing']);
  });

  it('dataset/example01 (Our World in Data): a data set alone, with its confidentiality level and hashes', () => {
    const { project, todos } = importFixture('spdx', 'owid-co2.spdx3.json');
    expect(project.models).toBeUndefined();
    expect(project.datasets).toEqual([
      expect.objectContaining({ purpose: 'training', origin: 'supplier', sensitivity: ['public'], protection: { integrityHashes: 'recorded' } }),
    ]);
    expect(todos).toContain('purpose is a guess: no model in the BOM names this data set.');
  });
});

describe('an SPDX document written the way generators write them', () => {
  const imported = () => importFixture('spdx', 'generator-quirks.spdx3.json');

  it('reads classes and vocabulary written as full IRIs, and agents nested in place', () => {
    const { project } = imported();
    expect(project.models?.map((m) => [m.id, m.origin, m.supplier ?? null, m.baseModel ?? null])).toEqual([
      ['notes-coder', 'trained-here', null, 'clinical-bert'],
      ['clinical-bert', 'pretrained', 'hugging-face', null],
    ]);
  });

  it("maps confidentiality and personal-data flags to sensitivity, and keeps a supplier model's training data out", () => {
    const { project, text } = imported();
    expect(project.datasets?.map((d) => [d.id, d.purpose, d.sensitivity])).toEqual([
      ['coded-clinical-notes-2019-2025', 'fine-tuning', ['confidential', 'personal']],
      ['coding-benchmark', 'evaluation', ['confidential']],
    ]);
    expect(text).toContain('# - `C4`: training data of the pre-trained model `clinical-bert`, kept in its notes');
  });

  it('cuts the lineage cycle that ancestorOf and descendantOf make together', () => {
    expect(imported().todos).toContain('the BOM also names `notes-coder` as an ancestor, which would make the lineage a cycle; that link is ignored.');
  });

  it('counts the document as the AI-BOM of what it describes', () => {
    expect(codesOf(imported().threats, 'SUPPLYMODELPOISON')).not.toContain('no-ai-bom');
  });
});

describe('SPDX documents that cannot be imported', () => {
  const graph = (elements: object[]) => JSON.stringify({ '@context': 'https://spdx.org/rdf/3.0.1/spdx-context.jsonld', '@graph': elements }, null, 2);

  it.each([
    ['SPDX 2', JSON.stringify({ spdxVersion: 'SPDX-2.3', packages: [] }), 1, 16, 'this is "SPDX-2.3": SPDX 2 has no AI or Dataset profile; aithreat imports SPDX 3.0 JSON-LD'],
    ['another 3.x', graph([{ type: 'CreationInfo', '@id': '_:c', specVersion: '3.1' }]), 7, 22, 'SPDX `specVersion` "3.1" is not supported; aithreat imports SPDX 3.0.0 and 3.0.1'],
    ['an element of the wrong shape', graph([{ type: 'ai_AIPackage', spdxId: 'urn:a', name: ['not', 'a string'] }]), 7, 15, '`@graph.0.name` must be a string, not a list'],
    ['no model or data set', graph([{ type: 'CreationInfo', '@id': '_:c', specVersion: '3.0.1' }, { type: 'software_Package', spdxId: 'urn:p', name: 'lib' }]), 1, 1, 'the BOM lists no model or data set (`ai_AIPackage` or `dataset_DatasetPackage` elements): nothing to import'],
  ])('%s', (_, text, line, column, message) => {
    expect(importBom(text, 'x.json', 'out.yaml')).toEqual({ ok: false, problem: { line, column, message } });
  });

  it('refuses a CycloneDX BOM given to import spdx, naming the right command', () => {
    const imported = importBom(fixtureText('cyclonedx', 'fine-tuned-llm.cdx.json'), 'x.json', 'out.yaml', 'spdx');
    expect(imported).toMatchObject({ ok: false, problem: { message: 'this is a CycloneDX BOM, not SPDX: use `aithreat import cyclonedx` (or `aithreat import`, which detects it)' } });
  });

  it('imports a minimal AI package', () => {
    const { project } = importText(graph([{ type: 'CreationInfo', '@id': '_:c', specVersion: '3.0.1' }, { type: 'ai_AIPackage', spdxId: 'urn:m', name: 'm' }]));
    expect(project.models).toEqual([{ id: 'm', name: 'm', origin: 'pretrained', supplier: 'unidentified-publisher' }]);
  });
});
