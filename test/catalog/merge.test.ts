import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { getCatalog } from '../../src/catalog/bundled.js';
import { loadCatalogExtension, mergeCatalogs, parseCatalogFiles } from '../../src/catalog/load.js';
import { findEntry } from '../../src/catalog/lookup.js';
import { controlYaml, sectionYaml, threatYaml } from './fixtures.js';

/** An organisation's threat that leans on built-in entries. */
const orgThreat = threatYaml
  .replace('id: ALPHA', 'id: ORGLEAK')
  .replace('go/alpha/', 'go/orgleak/')
  .replace('group: null', 'group: DEVLEAK')
  .replace('  - { id: CTRLONE, role: stops it, primary: true }', '  - { id: DEVSECURITY, role: guards it, primary: true }\n  - { id: CTRLONE, role: stops it, primary: false }');

/** An organisation's control; the threats that name it are its counters. */
const orgControl = controlYaml;

describe('an organisation catalog on top of the built-in one', () => {
  const base = getCatalog();
  const parsed = parseCatalogFiles(
    [
      { path: 'org/threats/orgleak.yaml', text: orgThreat },
      { path: 'org/controls/ctrlone.yaml', text: orgControl },
    ],
    { base },
  );

  it('resolves references into the base without problems', () => {
    expect(parsed.problems).toEqual([]);
  });

  it('adds the links the base side cannot know, without changing the base', () => {
    const { catalog, problems } = mergeCatalogs(base, parsed.catalog);
    expect(problems).toEqual([]);
    expect(catalog.threats).toHaveLength(base.threats.length + 1);
    expect(findEntry(catalog, 'DEVSECURITY')).toMatchObject({ counters: expect.arrayContaining(['ORGLEAK']) });
    expect(findEntry(catalog, 'DEVLEAK')).toMatchObject({ members: expect.arrayContaining(['ORGLEAK']) });
    expect(findEntry(catalog, 'CTRLONE')).toMatchObject({ counters: ['ORGLEAK'] });
    expect(findEntry(base, 'DEVSECURITY')).not.toMatchObject({ counters: expect.arrayContaining(['ORGLEAK']) });
    expect(findEntry(base, 'DEVLEAK')).not.toMatchObject({ members: expect.arrayContaining(['ORGLEAK']) });
  });

  it('leaves out a section of an organisation catalog, and says so', () => {
    const extra = parseCatalogFiles([{ path: 'org/sections/sect.yaml', text: sectionYaml.replace('members: [ALPHA]', 'members: [DEVLEAK]').replace('id: CTRLONE', 'id: DEVSECURITY') }], { base });
    expect(extra.problems).toEqual([]);
    const { catalog, problems } = mergeCatalogs(base, extra.catalog);
    expect(problems).toEqual([{ file: 'org/sections/sect.yaml', line: 2, column: 5, message: "section 'SECT': an organisation catalog adds threats and controls, not sections" }]);
    expect(catalog.sections).toEqual(base.sections);
  });

  it('reports an extra entry whose id the base already uses, at that entry', () => {
    const clash = parseCatalogFiles(
      [{ path: 'org/controls/devsecurity.yaml', text: controlYaml.replace('id: CTRLONE', 'id: DEVSECURITY').replace('go/ctrlone/', 'go/devsecurity/') }],
      { base },
    );
    const { catalog, problems } = mergeCatalogs(base, clash.catalog);
    expect(problems).toEqual([
      { file: 'org/controls/devsecurity.yaml', line: 2, column: 5, message: "duplicate id 'DEVSECURITY': the base catalog already defines it" },
    ]);
    expect(catalog.controls).toHaveLength(base.controls.length);
  });
});

/** Text built from YAML and catalog fragments, so the parser and the schema both get exercised. */
const yamlish = fc
  .array(
    fc.constantFrom('kind: threat', 'kind: control', 'id: ALPHA', 'controls:', 'counters: [ALPHA]', '- ', '  ', '[', ']', '{', '}',
      '*a', '&a ', ': ', ', ', 'null', '"', "'", '#', '\n', '\r\n', '\t', '---', 'permalink: https://owaspai.org/go/alpha/'),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''));

describe('parseCatalogFiles on arbitrary text', () => {
  it('never throws and gives every problem a position inside the file', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200 }), yamlish), (text) => {
        const { problems } = parseCatalogFiles([{ path: 'x.yaml', text }]);
        const lines = text.split(/\r\n|\r|\n/).length;
        for (const p of problems) {
          expect(p.line).toBeGreaterThanOrEqual(1);
          expect(p.line).toBeLessThanOrEqual(lines);
          expect(p.column).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('loadCatalogExtension', () => {
  it('reports a directory that holds no catalog', () => {
    const dir = join(tmpdir(), 'aithreat-no-catalog-here');
    const { catalog, problems } = loadCatalogExtension(getCatalog(), dir);
    expect(problems).toEqual([{ file: dir, line: 1, column: 1, message: expect.stringMatching(/no catalog here/) }]);
    expect(catalog).toEqual(getCatalog());
  });

  it('loads an organisation folder on top of the built-in catalog', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aithreat-org-'));
    try {
      mkdirSync(join(dir, 'controls'));
      writeFileSync(join(dir, 'controls', 'ctrlone.yaml'), orgControl);
      const { catalog, problems } = loadCatalogExtension(getCatalog(), dir);
      expect(problems).toEqual([]);
      expect(findEntry(catalog, 'CTRLONE')?.kind).toBe('control');
      expect(catalog.controls).toHaveLength(getCatalog().controls.length + 1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
