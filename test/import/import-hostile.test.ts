import { describe, expect, it } from 'vitest';
import { load } from 'js-yaml';
import { importBomCommand } from '../../src/commands/import.js';
import { importBom } from '../../src/import/index.js';
import { memoryIo } from '../../src/io.js';
import { importText } from './import-helpers.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A BOM is a file of the assessed repository, so it is untrusted (SECURITY.md). Its text must not
 * add keys to the written description, act on a terminal, or read differently from what it is;
 * its structure must not exhaust the stack; its oddities must end in a clean refusal.
 */

/** Raw controls (tab and newline aside), DEL and C1, bidi controls, line and paragraph separators, lone surrogates. */
const unsafe = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const hostile = 'a\u001b[31mred\u001b]8;;https://evil.example\u0007link\u001b]8;;\u0007\u202eevil\u2066\u0000nul\u009bc1\u2028sep\r\nforged: key\ud800';

const cyclonedx = (over: object) =>
  JSON.stringify({
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    serialNumber: 'urn:uuid:0f0e0d0c-0b0a-4909-8807-060504030201',
    metadata: { component: { type: 'application', name: 'System', supplier: { name: 'Own Co' } } },
    components: [{ type: 'machine-learning-model', name: 'm', supplier: { name: 'Own Co' } }],
    ...over,
  });

function run(text: string) {
  const dir = mkdtempSync(join(tmpdir(), 'aithreat-hostile-bom-'));
  writeFileSync(join(dir, 'bom.json'), text);
  const io = memoryIo({ cwd: dir });
  const code = importBomCommand(undefined, 'bom.json', {}, io);
  return { code, stdout: io.out(), stderr: io.err() };
}

describe('BOM text cannot add keys to the written YAML', () => {
  it('a newline in serialNumber, which the header quotes, stays in the comment', () => {
    const serialNumber = 'urn:uuid:1\ncode:\n  confidentiality: open-source\ncontrols:\n  DEVDATAPROTECT:\n    status: not-applicable\n    justification: none';
    const { text, project } = importText(cyclonedx({ serialNumber }));
    expect(Object.keys(project)).toEqual(['formatVersion', 'project', 'models']);
    expect(project.code).toBeUndefined();
    expect(project.controls).toBeUndefined();
    const header = text.split('\n').filter((line) => line.includes('Imported by'));
    expect(header).toEqual(['# Imported by `aithreat import cyclonedx` from bom.json (CycloneDX 1.6, urn:uuid:1 code: confidentiality: open-source controls: DEVDATAPROTECT: status: not-applicable justification: none).']);
  });

  it('every BOM string that reaches a value or a comment is cleaned, and the values read back as cleaned', () => {
    const bom = cyclonedx({
      serialNumber: hostile,
      metadata: { component: { type: 'application', name: hostile, description: hostile, supplier: { name: 'Own Co' } } },
      components: [
        {
          type: 'machine-learning-model',
          'bom-ref': 'm',
          name: hostile,
          group: hostile,
          version: hostile,
          description: hostile,
          supplier: { name: hostile },
          manufacturer: { name: `${hostile} maker` },
          hashes: [{ alg: 'SHA-256', content: 'ab' }],
          licenses: [{ license: { name: hostile } }],
          pedigree: { ancestors: [{ type: 'machine-learning-model', name: `${hostile} base` }, { type: 'machine-learning-model', name: `${hostile} second` }] },
          modelCard: { modelParameters: { datasets: [{ type: 'dataset', name: hostile }] }, considerations: { useCases: [hostile] } },
          properties: [{ name: 'cdx:ai:provider', value: hostile }],
        },
        { type: 'data', name: `${hostile} data`, description: hostile, data: [{ type: 'dataset', classification: hostile, sensitiveData: [hostile], governance: { owners: [{ organization: { name: hostile } }] } }] },
      ],
      services: [{ name: hostile, provider: { name: hostile }, endpoints: ['https://api.openai.com/v1'], tags: ['ai'] }],
    });
    const imported = importBom(bom, `bom${hostile}.json`, 'project.yaml');
    if (!imported.ok) throw new Error(imported.problem.message);
    expect(imported.text).not.toMatch(unsafe);
    for (const line of imported.text.split('\n')) expect(line === '' || line.startsWith('#') || /^\s*#/.test(line) || /^[a-z ]|^\s+-/.test(line)).toBe(true);
    const data = load(imported.text) as Record<string, unknown>;
    expect(Object.keys(data)).toEqual(['formatVersion', 'project', 'suppliers', 'datasets', 'models']);
    expect(JSON.stringify(data)).not.toMatch(unsafe);
    const project = data.project as { name: string; description: string };
    expect(project.description).toBe('aredlinkevilnulc1\nsep\nforged: key');
  });

  it('a NUL in BOM text is removed, not reported as an internal error', () => {
    const { project, text } = importText(cyclonedx({ components: [{ type: 'machine-learning-model', name: 'model\u0000x', description: 'a\u0000b', supplier: { name: 'Own Co' } }] }));
    expect(project.models?.[0]).toMatchObject({ id: 'model-x', name: 'modelx', notes: 'ab.' });
    expect(text).not.toContain('please report');
  });

  it('text that is nothing but controls leaves no empty name', () => {
    const { project } = importText(cyclonedx({ components: [{ type: 'machine-learning-model', name: '\u202e\u0000\u001b', supplier: { name: 'Own Co' } }] }));
    expect(project.models?.[0]).toMatchObject({ id: 'model', name: 'unnamed' });
  });
});

describe('BOM text in messages is neutralised', () => {
  it.each([
    ['bomFormat', { bomFormat: `CycloneDX${hostile}`, specVersion: '1.6' }],
    ['specVersion', { bomFormat: 'CycloneDX', specVersion: `1.6${hostile}` }],
    ['spdxVersion', { spdxVersion: `SPDX-2.3${hostile}` }],
  ])('a hostile %s is one clean line', (_, bom) => {
    const result = run(JSON.stringify(bom));
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.endsWith('\n')).toBe(true);
    expect(result.stderr.slice(0, -1)).not.toMatch(/[\n\r]/);
    expect(result.stderr.slice(0, -1)).not.toMatch(unsafe);
    expect(result.stderr).toMatch(/^bom\.json:\d+:\d+: /);
  });

  it('a 9 MB field makes a short message, and a short value', () => {
    const huge = 'x'.repeat(9 * 1024 * 1024);
    const refused = run(JSON.stringify({ bomFormat: huge, specVersion: '1.6' }));
    expect(refused.code).toBe(2);
    expect(refused.stderr.length).toBeLessThan(300);
    const { project } = importText(cyclonedx({ components: [{ type: 'machine-learning-model', name: 'm', description: huge, supplier: { name: 'Own Co' } }] }));
    expect(project.models?.[0]?.notes?.length).toBe(5000);
  });
});

describe('BOM structure cannot exhaust the stack', () => {
  it.each([
    ['arrays', (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`],
    ['objects', (n: number) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`],
    ['nested components', (n: number) => `${'{"type":"library","name":"x","components":['.repeat(n)}${']}'.repeat(n)}`],
  ])('%s nested 200,000 deep are refused at the limit, with a position', (_, nest) => {
    const text = `{"bomFormat":"CycloneDX","specVersion":"1.6","components":[${nest(200_000)}]}`;
    const result = importBom(text, 'bom.json', 'out.yaml');
    expect(result).toMatchObject({ ok: false, problem: { line: 1, message: 'nesting is deeper than the limit of 64 levels' } });
  });

  it('nesting within the limit imports', () => {
    let ancestor: object = { type: 'machine-learning-model', name: 'root', publisher: 'Lab' };
    for (let i = 0; i < 15; i++) ancestor = { type: 'machine-learning-model', name: `m${i}`, publisher: 'Lab', pedigree: { ancestors: [ancestor] } };
    const { project } = importText(cyclonedx({ components: [ancestor] }));
    expect(project.models).toHaveLength(16);
  });

  it('a key named __proto__ is refused at its place, as in every other input, and changes no prototype', () => {
    const text = cyclonedx({ components: [{ type: 'machine-learning-model', name: 'm', supplier: { name: 'Own Co' } }] }).replace('"components"', '"__proto__":{"polluted":true},"components"');
    const column = text.indexOf('"__proto__"') + 1;
    expect(importBom(text, 'bom.json', 'project.yaml')).toEqual({ ok: false, problem: { line: 1, column, message: 'key `__proto__` is not allowed' } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('large BOMs stay linear', () => {
  it('a chain of 3,000 models of one name, each the base of the next, gets unique ids and every base', () => {
    const components = Array.from({ length: 3000 }, (_, i) => ({
      type: 'machine-learning-model',
      'bom-ref': `m${i}`,
      name: 'm',
      version: String(i),
      publisher: 'Lab',
      pedigree: { ancestors: i > 0 ? [{ 'bom-ref': `m${i - 1}`, name: 'm', version: String(i - 1) }] : [] },
    }));
    const { project } = importText(cyclonedx({ components }));
    expect(project.models).toHaveLength(3000);
    expect(new Set(project.models!.map((m) => m.id)).size).toBe(3000);
    expect(project.models![2999]).toMatchObject({ id: 'm-3000', baseModel: 'm-2999' });
    expect(project.models!.filter((m) => m.baseModel).length).toBe(2999);
  });
});
