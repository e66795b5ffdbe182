import { describe, expect, it } from 'vitest';
import { parseCatalogFiles } from '../../src/catalog/load.js';
import { CONTROL_FILE, SECTION_FILE, THREAT_FILE, controlYaml, files, sectionYaml, threatYaml } from './fixtures.js';

describe('parseCatalogFiles', () => {
  it('accepts a consistent pair of entries', () => {
    const { catalog, problems } = parseCatalogFiles(files());
    expect(problems).toEqual([]);
    expect(catalog.threats.map((t) => t.id)).toEqual(['ALPHA']);
    expect(catalog.controls.map((c) => c.id)).toEqual(['CTRLONE']);
  });

  it('derives the back-links: a control\'s counters and a group\'s members, by id', () => {
    const group = threatYaml.replace('id: ALPHA', 'id: GRP').replace('go/alpha/', 'go/grp/');
    const member = (id: string) => threatYaml.replace('id: ALPHA', `id: ${id}`).replace('go/alpha/', `go/${id.toLowerCase()}/`).replace('group: null', 'group: GRP');
    const { catalog, problems } = parseCatalogFiles([
      ...files(),
      { path: 'threats/grp.yaml', text: group },
      { path: 'threats/zeta.yaml', text: member('ZETA') },
      { path: 'threats/beta.yaml', text: member('BETA') },
    ]);
    expect(problems).toEqual([]);
    expect(catalog.threats.find((t) => t.id === 'GRP')?.members).toEqual(['BETA', 'ZETA']);
    expect(catalog.threats.find((t) => t.id === 'ALPHA')?.members).toEqual([]);
    expect(catalog.controls[0]?.counters).toEqual(['ALPHA', 'BETA', 'GRP', 'ZETA']);
  });

  // Each case: the files, and the one problem expected (file, 1-based line and column, message).
  const cases: { name: string; input: { path: string; text: string }[]; file: string; line: number; column: number; message: RegExp }[] = [
    {
      name: 'a threat naming a control that does not exist',
      input: files({ threat: (t) => t.replace('id: CTRLONE', 'id: CTRLTWO') }),
      file: THREAT_FILE, line: 12, column: 11, message: /unknown control 'CTRLTWO'; did you mean `CTRLONE`\?/,
    },
    {
      name: 'a duplicate id',
      input: [...files(), { path: 'controls/copy.yaml', text: controlYaml }],
      file: 'controls/copy.yaml', line: 2, column: 5, message: /duplicate id 'CTRLONE': already defined in controls\/ctrlone\.yaml/,
    },
    {
      name: 'a back-link written by hand: counters are derived',
      input: files({ control: (t) => `${t}counters: [ALPHA]\n` }),
      file: CONTROL_FILE, line: 13, column: 1, message: /unknown property 'counters'/,
    },
    {
      name: 'a back-link written by hand: members are derived',
      input: files({ threat: (t) => `${t}members: []\n` }),
      file: THREAT_FILE, line: 14, column: 1, message: /unknown property 'members'/,
    },
    {
      name: 'a control named twice by one threat',
      input: files({ threat: (t) => t.replace('controls:\n', 'controls:\n  - { id: CTRLONE, role: again, primary: false }\n') }),
      file: THREAT_FILE, line: 13, column: 11, message: /^duplicate 'CTRLONE' in controls$/,
    },
    {
      name: 'a schema violation: a value outside an enum',
      input: files({ threat: (t) => t.replace('impact: integrity', 'impact: availability') }),
      file: THREAT_FILE, line: 8, column: 9, message: /^impact: must be one of: integrity, confidentiality$/,
    },
    {
      name: 'a schema violation: an unknown property, pointed at its key',
      input: files({ threat: (t) => `${t}severity: high\n` }),
      file: THREAT_FILE, line: 14, column: 1, message: /unknown property 'severity'/,
    },
    {
      name: 'a schema violation: a missing property, pointed at the object',
      input: files({ control: (t) => t.replace('summary: An example control.\n', '') }),
      file: CONTROL_FILE, line: 1, column: 1, message: /missing required property 'summary'/,
    },
    {
      name: 'a schema violation inside a list item',
      input: files({ control: (t) => t.replace('id: do-it', 'id: Do_It') }),
      file: CONTROL_FILE, line: 9, column: 11, message: /^practices\[0\]\.id: must match pattern/,
    },
    {
      name: 'a permalink that does not match the id',
      input: files({ threat: (t) => t.replace('go/alpha/', 'go/beta/') }),
      file: THREAT_FILE, line: 6, column: 12, message: /permalink must be https:\/\/owaspai\.org\/go\/alpha\//,
    },
    {
      name: 'a group that is a control',
      input: files({ threat: (t) => t.replace('group: null', 'group: CTRLONE') }),
      file: THREAT_FILE, line: 5, column: 8, message: /unknown group 'CTRLONE'/,
    },
    {
      name: 'an edition the catalog does not know',
      input: files({ control: (t) => t.replace('title: Control one\n', "title: Control one\neditions: ['2025']\n") }),
      file: CONTROL_FILE, line: 4, column: 12, message: /^editions\[0\]: must be one of: 2024, 2026-08$/,
    },
    {
      name: 'a coverage level outside the list',
      input: files({ control: (t) => t.replace('standards: []', 'standards:\n  - { standard: ISO/IEC 27001, ref: "5.1", title: Policies, coverage: most, note: A note. }') }),
      file: CONTROL_FILE, line: 12, column: 71, message: /^standards\[0\]\.coverage: must be one of: full, partial, minimal, none$/,
    },
    {
      name: 'a section naming a control that does not exist',
      input: [...files(), { path: SECTION_FILE, text: sectionYaml.replace('id: CTRLONE', 'id: CTRLTWO') }],
      file: SECTION_FILE, line: 9, column: 11, message: /^unknown control 'CTRLTWO'; did you mean `CTRLONE`\?$/,
    },
    {
      name: 'a section naming a threat that does not exist',
      input: [...files(), { path: SECTION_FILE, text: sectionYaml.replace('members: [ALPHA]', 'members: [ALPHA, BETA]') }],
      file: SECTION_FILE, line: 7, column: 18, message: /^unknown threat 'BETA'/,
    },
    {
      name: 'a YAML syntax error',
      input: files({ threat: (t) => t.replace('title: Alpha', 'title: [Alpha') }),
      file: THREAT_FILE, line: 5, column: 1, message: /^YAML syntax error: /,
    },
  ];

  it.each(cases)('reports $name at file, line and column', ({ input, file, line, column, message }) => {
    const { problems } = parseCatalogFiles(input);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file, line, column });
    expect(problems[0]?.message).toMatch(message);
  });

  it('does not cascade: references to an entry whose file is invalid are not reported again', () => {
    const { problems } = parseCatalogFiles(files({ control: (t) => t.replace('title: Control one', 'title: 42\nbogus: 1') }));
    expect(problems.map((p) => p.file)).toEqual([CONTROL_FILE, CONTROL_FILE]);
  });

  it('reports an empty file', () => {
    const { problems } = parseCatalogFiles([{ path: 'threats/empty.yaml', text: '' }]);
    expect(problems).toEqual([{ file: 'threats/empty.yaml', line: 1, column: 1, message: expect.stringMatching(/file is empty/) }]);
  });

  it('reads a section, and a standard with no level of coverage', () => {
    const withStandard = files({ control: (t) => t.replace('standards: []', 'standards:\n  - { standard: ISO/IEC 27001, ref: whole standard, title: ISMS, note: No level given. }') });
    const { catalog, problems } = parseCatalogFiles([...withStandard, { path: SECTION_FILE, text: sectionYaml }]);
    expect(problems).toEqual([]);
    expect(catalog.sections.map((s) => s.id)).toEqual(['SECT']);
    expect(catalog.controls[0]?.standards[0]).toEqual({ standard: 'ISO/IEC 27001', ref: 'whole standard', title: 'ISMS', note: 'No level given.' });
  });

  it('reports a section member that belongs to a group', () => {
    const member = threatYaml.replace('id: ALPHA', 'id: BETA').replace('go/alpha/', 'go/beta/').replace('group: null', 'group: ALPHA');
    const input = [
      ...files(),
      { path: 'threats/beta.yaml', text: member },
      { path: SECTION_FILE, text: sectionYaml.replace('members: [ALPHA]', 'members: [BETA]') },
    ];
    expect(parseCatalogFiles(input).problems).toEqual([{ file: SECTION_FILE, line: 7, column: 11, message: 'BETA is not a group: it belongs to ALPHA' }]);
  });

  it('refuses a group that belongs to a group, at both ends', () => {
    const outer = threatYaml.replace('id: ALPHA', 'id: OUTER').replace('go/alpha/', 'go/outer/');
    const inner = threatYaml.replace('id: ALPHA', 'id: INNER').replace('go/alpha/', 'go/inner/').replace('group: null', 'group: OUTER');
    const input = [...files({ threat: (t) => t.replace('group: null', 'group: INNER') }), { path: 'threats/outer.yaml', text: outer }, { path: 'threats/inner.yaml', text: inner }];
    const { problems } = parseCatalogFiles(input);
    expect(problems.map((p) => `${p.file}:${p.line}: ${p.message}`)).toEqual([
      'threats/alpha.yaml:5: INNER is not a group: it belongs to OUTER',
      'threats/inner.yaml:5: a group cannot itself belong to a group: ALPHA name INNER as their group',
    ]);
  });
});
