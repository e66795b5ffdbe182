import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { getCatalog } from '../../src/catalog/bundled.js';
import { loadCatalogExtension, mergeCatalogs, parseCatalogFiles } from '../../src/catalog/load.js';
import { findEntry } from '../../src/catalog/lookup.js';
import { controlYaml, sectionYaml, threatYaml } from './fixtures.js';

/** An organisation's threat that leans on built-in entries, with a link of its own. */
const orgThreat = threatYaml
  .replace('id: ALPHA', 'id: ORGLEAK')
  .replace('https://owaspai.org/go/alpha/', 'https://security.example.org/threats/orgleak')
  .replace('group: null', 'group: DEVLEAK')
  .replace('  - { id: CTRLONE, role: stops it, primary: true }', '  - { id: DEVSECURITY, role: guards it, primary: true }\n  - { id: CTRLONE, role: stops it, primary: false }');

/** An organisation's control; the threats that name it are its counters. */
const orgControl = controlYaml.replace('https://owaspai.org/go/ctrlone/', 'https://security.example.org/controls/ctrlone');

/** Controls an organisation adds to DATAPOISON, a threat of the built-in catalog. */
const addedToDatapoison = `kind: threat-controls
threat: DATAPOISON
controls:
  - { id: CTRLONE, role: checks each batch, primary: false }
`;

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

  it('adds controls to a threat of the base on the threat\'s side, so the control counters it', () => {
    const extra = parseCatalogFiles(
      [
        { path: 'org/controls/ctrlone.yaml', text: orgControl },
        { path: 'org/threats/datapoison-more.yaml', text: addedToDatapoison },
      ],
      { base },
    );
    expect(extra.problems).toEqual([]);
    const { catalog, problems } = mergeCatalogs(base, extra.catalog, extra.additions);
    expect(problems).toEqual([]);
    const datapoison = findEntry(catalog, 'DATAPOISON');
    expect(datapoison).toMatchObject({ kind: 'threat' });
    expect(datapoison?.kind === 'threat' && datapoison.controls.at(-1)).toEqual({ id: 'CTRLONE', role: 'checks each batch', primary: false });
    expect(findEntry(catalog, 'CTRLONE')).toMatchObject({ counters: ['DATAPOISON'] });
    expect(findEntry(base, 'DATAPOISON')).toEqual(base.threats.find((t) => t.id === 'DATAPOISON'));
    expect((findEntry(base, 'DATAPOISON') as { controls: { id: string }[] }).controls.some((c) => c.id === 'CTRLONE')).toBe(false);
  });

  it.each([
    ['a threat it does not know', addedToDatapoison.replace('threat: DATAPOISON', 'threat: DATAPOISN'), 2, 9, /unknown threat 'DATAPOISN'; did you mean `DATAPOISON`/],
    ['a group', addedToDatapoison.replace('threat: DATAPOISON', 'threat: MODELPOISON'), 2, 9, /MODELPOISON is a group/],
    ['a control the threat names already', addedToDatapoison.replace('id: CTRLONE', 'id: DATAQUALITYCONTROL'), 4, 11, /DATAPOISON already names DATAQUALITYCONTROL/],
    ['an unknown control', addedToDatapoison.replace('id: CTRLONE', 'id: CTRLTWO'), 4, 11, /unknown control 'CTRLTWO'/],
  ])('refuses controls added to %s, at the line', (_name, text, line, column, message) => {
    const extra = parseCatalogFiles([{ path: 'org/controls/ctrlone.yaml', text: orgControl }, { path: 'org/threats/more.yaml', text }], { base });
    expect(extra.problems).toEqual([{ file: 'org/threats/more.yaml', line, column, message: expect.stringMatching(message) }]);
  });

  it('refuses controls added to a threat of the same catalog: that threat lists them itself', () => {
    const extra = parseCatalogFiles(
      [
        { path: 'org/threats/orgleak.yaml', text: orgThreat },
        { path: 'org/controls/ctrlone.yaml', text: orgControl },
        { path: 'org/threats/more.yaml', text: addedToDatapoison.replace('threat: DATAPOISON', 'threat: ORGLEAK').replace('id: CTRLONE', 'id: SEGREGATEDATA') },
      ],
      { base },
    );
    expect(extra.problems).toEqual([{ file: 'org/threats/more.yaml', line: 2, column: 9, message: "ORGLEAK is a threat of this catalog: list the controls in its own 'controls'" }]);
  });

  it('refuses added controls in the built-in catalog, which has no base', () => {
    const { problems } = parseCatalogFiles([{ path: 'threats/more.yaml', text: addedToDatapoison }]);
    expect(problems).toEqual([{ file: 'threats/more.yaml', line: 1, column: 7, message: expect.stringMatching(/only an organisation's catalog adds controls/) }]);
  });

  it.each([
    ['an AI Exchange link', orgControl.replace('https://security.example.org/controls/ctrlone', 'https://owaspai.org/go/ctrlone/'), 6, 12, /links to a page of its own/],
    ['an AI Exchange edition', orgControl.replace('category: general', "editions: ['2024']\ncategory: general"), 4, 11, /names no AI Exchange edition/],
  ])('refuses an organisation entry with %s', (_name, text, line, column, message) => {
    const extra = parseCatalogFiles([{ path: 'org/controls/ctrlone.yaml', text }], { base });
    expect(extra.problems).toEqual([{ file: 'org/controls/ctrlone.yaml', line, column, message: expect.stringMatching(message) }]);
  });

  it('refuses an organisation threat outside every group, naming the groups', () => {
    const extra = parseCatalogFiles([{ path: 'org/threats/orgleak.yaml', text: orgThreat.replace('group: DEVLEAK', 'group: null') }, { path: 'org/controls/ctrlone.yaml', text: orgControl }], { base });
    expect(extra.problems).toEqual([{ file: 'org/threats/orgleak.yaml', line: 5, column: 8, message: expect.stringMatching(/belongs to a group.*: DEVLEAK, MODELPOISON, or a group of its own catalog/) }]);
  });

  it('refuses a link that would end a Markdown link or hold white space', () => {
    const extra = parseCatalogFiles([{ path: 'org/controls/ctrlone.yaml', text: orgControl.replace('controls/ctrlone', 'controls/(x) y') }], { base });
    expect(extra.problems).toEqual([{ file: 'org/controls/ctrlone.yaml', line: 6, column: 12, message: expect.stringMatching(/^permalink: must match pattern/) }]);
  });

  it('reports an extra entry whose id the base already uses, at that entry', () => {
    const clash = parseCatalogFiles(
      [{ path: 'org/controls/devsecurity.yaml', text: orgControl.replace('id: CTRLONE', 'id: DEVSECURITY') }],
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
