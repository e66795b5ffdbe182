import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import projectSchema from '../../schemas/project.schema.json' with { type: 'json' };
import type { ProblemCode } from '../../src/problem.js';
import { parseProject } from '../../src/validate/load-project.js';
import { createAjv } from '../../src/validate/validators.js';
import { repoRoot } from '../helpers/run-cli.js';

type Schema = Record<string, unknown>;

/** Every subschema with its JSON pointer. `if` blocks are conditions, not definitions, and are left out. */
function subschemas(schema: Schema, pointer = '#'): [string, Schema][] {
  const found: [string, Schema][] = [[pointer, schema]];
  for (const [keyword, value] of Object.entries(schema)) {
    if (value === null || typeof value !== 'object') continue;
    if (keyword === 'properties' || keyword === '$defs') {
      for (const [name, child] of Object.entries(value as Record<string, Schema>)) found.push(...subschemas(child, `${pointer}/${keyword}/${name}`));
    } else if (keyword === 'allOf' || keyword === 'anyOf' || keyword === 'oneOf') {
      (value as Schema[]).forEach((child, i) => found.push(...subschemas(child, `${pointer}/${keyword}/${i}`)));
    } else if (['items', 'additionalProperties', 'propertyNames', 'then', 'else', 'not'].includes(keyword)) {
      found.push(...subschemas(value as Schema, `${pointer}/${keyword}`));
    }
  }
  return found;
}

const all = subschemas(projectSchema);
const isObjectSchema = (s: Schema) => s.type === 'object' || 'properties' in s;

describe('schemas/project.schema.json', () => {
  it('compiles with Ajv 2020 in strict mode (the configuration the CLI uses)', () => {
    const ajv = createAjv();
    expect(ajv.opts.strict).toBe(true);
    // strictRequired stays off in createAjv: `then: { required: [justification] }` names keys defined beside the `if`.
    expect(() => ajv.compile(projectSchema)).not.toThrow();
  });

  it('describes every property, recursively through $defs', () => {
    const undocumented = all.filter(([p, s]) => /\/properties\/[^/]+$/.test(p) && typeof s.description !== 'string').map(([p]) => p);
    expect(undocumented).toEqual([]);
    expect(all.filter(([p]) => /\/properties\/[^/]+$/.test(p)).length).toBeGreaterThan(80);
  });

  it('closes every object with additionalProperties: false, except controls (keyed by control id)', () => {
    const open = all.filter(([p, s]) => isObjectSchema(s) && s.additionalProperties !== false && p !== '#/properties/controls').map(([p]) => p);
    expect(open).toEqual([]);
    const controls = (projectSchema.properties as Schema).controls as Schema;
    // Control ids are checked against the catalog in force; the built-in ones are examples for editors.
    expect(controls.propertyNames).toEqual({ $ref: '#/$defs/controlId' });
    expect((projectSchema.$defs as Record<string, Schema>).controlId).toMatchObject({ pattern: '^[A-Z][A-Z0-9]{1,63}$', examples: expect.arrayContaining(['DEVDATAPROTECT', 'SUPPLYCHAINMANAGE']) });
    expect(controls.additionalProperties).toEqual({ $ref: '#/$defs/controlStatus' });
  });

  it('requires only keys it defines', () => {
    const byPointer = new Map(all);
    for (const [pointer, s] of all) {
      // A `then` requires keys of the object its `allOf` belongs to (a justification, an adapter's baseModel).
      const owner = pointer.includes('/then') ? byPointer.get(pointer.slice(0, pointer.indexOf('/allOf/')))! : s;
      const keys = Object.keys((owner.properties as Schema | undefined) ?? {});
      for (const key of (s.required as string[] | undefined) ?? []) expect(keys, `${pointer} requires ${key}`).toContain(key);
    }
  });

  const examples = readdirSync(join(repoRoot, 'examples')).filter((f) => f.endsWith('.yaml'));

  it('has at least five examples', () => {
    expect(examples.length).toBeGreaterThanOrEqual(5);
  });

  it.each(examples)('examples/%s is valid and points editors at the schema', (name) => {
    const text = readFileSync(join(repoRoot, 'examples', name), 'utf8');
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../schemas/project.schema.json');
    const result = parseProject(text, `examples/${name}`);
    expect(result.ok ? [] : result.problems).toEqual([]);
  });
});

// A small valid project; each case below replaces whole lines, so line numbers stay put.
const base = [
  'formatVersion: 1', //                 1
  'project:', //                         2
  '  name: Fraud scoring', //            3
  '  owner: Payments Risk', //           4
  'suppliers:', //                       5
  '  - id: acme', //                     6
  '    supplies: [data]', //             7
  '    trust: known-vendor', //          8
  'environments:', //                    9
  '  - id: training', //                 10
  '    area: training', //               11
  'datasets:', //                        12
  '  - id: tx', //                       13
  '    purpose: training', //            14
  '    origin: internal', //             15
  '    storedIn: [training]', //         16
  'models:', //                          17
  '  - id: scorer', //                   18
  '    origin: trained-here', //         19
  'training:', //                        20
  '  - id: nightly', //                  21
  '    mode: continuous', //             22
  '    model: scorer', //                23
  '    datasets: [tx]', //               24
  '    federation: { clients: 5 }', //   25
  'controls:', //                        26
  '  DEVDATAPROTECT:', //                27
  '    status: risk-accepted', //        28
  '    justification: Legacy cluster.', // 29
  '    expires: 2027-06-30', //          30
];

const edit = (lines: Record<number, string>) => base.map((line, i) => lines[i + 1] ?? line).join('\n') + '\n';

interface Expected {
  code: ProblemCode;
  at: string;
  /** The whole message, or fragments it must contain. */
  message: string | string[];
}

const enumList = 'allowed values: external, application-development, data-engineering, training, operational';

const cases: { name: string; text: string; problems: Expected[] }[] = [
  { name: 'the base project is valid', text: edit({}), problems: [] },
  { name: 'ids are per kind: a model may share a data set id', text: edit({ 18: '  - id: tx', 23: '    model: tx' }), problems: [] },
  {
    name: 'misspelt key in project',
    text: edit({ 4: '  ownr: Payments Risk' }),
    problems: [{ code: 'unknown-key', at: '4:3', message: 'unknown key `ownr` in `project`; did you mean `owner`?' }],
  },
  {
    name: 'misspelt key in a supplier: suggested from the supplier keys',
    text: edit({ 8: '    trst: known-vendor' }),
    problems: [
      { code: 'missing-key', at: '6:5', message: 'missing required key `trust` in `suppliers.0`' },
      { code: 'unknown-key', at: '8:5', message: 'unknown key `trst` in `suppliers.0`; did you mean `trust`?' },
    ],
  },
  {
    name: 'misspelt key in a nested mapping (federation)',
    text: edit({ 25: '    federation: { client: 5 }' }),
    problems: [{ code: 'unknown-key', at: '25:19', message: ['unknown key `client` in `training.0.federation`; did you mean `clients`'] }],
  },
  {
    name: 'misspelt key in a control status',
    text: edit({ 29: '    justifcation: Legacy cluster.' }),
    problems: [
      { code: 'missing-key', at: '28:5', message: 'missing required key `justification` in `controls.DEVDATAPROTECT` for this status' },
      { code: 'unknown-key', at: '29:5', message: 'unknown key `justifcation` in `controls.DEVDATAPROTECT`; did you mean `justification`?' },
    ],
  },
  {
    name: 'bad enum value: allowed values listed, nearest suggested',
    text: edit({ 11: '    area: trainig' }),
    problems: [{ code: 'invalid-value', at: '11:11', message: `\`environments.0.area\` is \`trainig\`; ${enumList}; did you mean \`training\`?` }],
  },
  {
    name: 'bad enum value in a list, nothing close',
    text: edit({ 7: '    supplies: [data, gpus]' }),
    problems: [{ code: 'invalid-value', at: '7:22', message: ['`suppliers.0.supplies.1` is `gpus`; allowed values: data, labels, pretrained-models,', 'development'] }],
  },
  {
    name: 'dangling reference: the defined ids are named',
    text: edit({ 16: '    storedIn: [trainng]' }),
    problems: [{ code: 'dangling-reference', at: '16:16', message: '`datasets.0.storedIn.0` names environment `trainng`, which is not defined; did you mean `training`? (defined: `training`)' }],
  },
  {
    name: 'dangling reference with nothing close',
    text: edit({ 23: '    model: fraud' }),
    problems: [{ code: 'dangling-reference', at: '23:12', message: '`training.0.model` names model `fraud`, which is not defined (defined: `scorer`)' }],
  },
  {
    name: 'dangling reference to a kind the file does not define',
    text: 'formatVersion: 1\nproject: { name: a }\ntraining:\n  - { id: t, mode: federated, model: m }\n',
    problems: [{ code: 'dangling-reference', at: '4:38', message: '`training.0.model` names model `m`, which is not defined; this file defines no model' }],
  },
  {
    name: 'dangling reference after a list item that is not a mapping: the path keeps its index',
    text: 'formatVersion: 1\nproject: { name: a }\ntraining:\n  - just text\n  - { id: t, mode: federated, model: m }\n',
    problems: [
      { code: 'invalid-value', at: '4:5', message: '`training.0` must be a mapping, not a string (`just text`)' },
      { code: 'dangling-reference', at: '5:38', message: '`training.1.model` names model `m`, which is not defined; this file defines no model' },
    ],
  },
  {
    name: 'duplicate id of the same kind',
    text: 'formatVersion: 1\nproject: { name: a }\nmodels:\n  - { id: m, origin: pretrained }\n  - { id: m, origin: trained-here }\n',
    problems: [{ code: 'duplicate-id', at: '5:11', message: 'model id `m` is already used by an earlier model' }],
  },
  {
    name: 'not-applicable without justification',
    text: edit({ 28: '    status: not-applicable', 29: '    owner: Platform team' }),
    problems: [{ code: 'missing-key', at: '28:5', message: 'missing required key `justification` in `controls.DEVDATAPROTECT` for this status' }],
  },
  {
    name: 'risk-accepted without expiry',
    text: edit({ 30: '    owner: CISO' }),
    problems: [{ code: 'missing-key', at: '28:5', message: 'missing required key `expires` in `controls.DEVDATAPROTECT` for this status' }],
  },
  {
    name: 'expiry not written as YYYY-MM-DD',
    text: edit({ 30: '    expires: 2027-6-30' }),
    problems: [{ code: 'invalid-value', at: '30:14', message: '`controls.DEVDATAPROTECT.expires` is `2027-6-30`; expected a date as YYYY-MM-DD' }],
  },
  {
    name: 'expiry that is not a calendar date',
    text: edit({ 30: '    expires: 2026-02-30' }),
    problems: [{ code: 'invalid-date', at: '30:14', message: '`controls.DEVDATAPROTECT.expires` is `2026-02-30`, which is not a calendar date' }],
  },
  {
    name: 'unknown control id',
    text: edit({ 27: '  DEVDATAPROTEKT:' }),
    problems: [{ code: 'unknown-key', at: '27:3', message: 'unknown control id `DEVDATAPROTEKT`; did you mean `DEVDATAPROTECT`?' }],
  },
  {
    name: 'unknown control id that resembles none: it may be an organisation\'s',
    text: edit({ 27: '  ACMEMODELREVIEW:' }),
    problems: [{ code: 'unknown-key', at: '27:3', message: "unknown control id `ACMEMODELREVIEW`; no catalog of this run defines it (an organisation's catalog is loaded with --catalog or `catalogs:` in .aithreatrc.yaml)" }],
  },
  {
    name: 'wrong type',
    text: edit({ 25: '    federation: { clients: many }' }),
    problems: [{ code: 'invalid-value', at: '25:28', message: '`training.0.federation.clients` must be a whole number, not a string (`many`)' }],
  },
  {
    name: 'id that breaks the id pattern',
    text: edit({ 6: '  - id: ACME Corp' }),
    problems: [{ code: 'invalid-value', at: '6:9', message: ['`suppliers.0.id` is `ACME Corp`; ids use lower-case letters'] }],
  },
  {
    name: 'unknown format version',
    text: edit({ 1: 'formatVersion: 2' }),
    problems: [{ code: 'invalid-value', at: '1:16', message: '`formatVersion` must be 1' }],
  },
  {
    name: 'a list instead of a mapping',
    text: '- formatVersion: 1\n',
    problems: [{ code: 'invalid-value', at: '1:1', message: 'the file must be a mapping, not a list' }],
  },
  {
    name: 'required keys missing at the top',
    text: 'formatVersion: 1\n',
    problems: [{ code: 'missing-key', at: '1:1', message: 'missing required key `project` in the file' }],
  },
];

describe('invalid snippets', () => {
  it.each(cases)('$name', ({ text, problems }) => {
    const result = parseProject(text, 'snippet.yaml');
    const found = result.ok ? [] : result.problems;
    expect(found.map((p) => `${p.code} ${p.line}:${p.column}`)).toEqual(problems.map((p) => `${p.code} ${p.at}`));
    found.forEach((problem, i) => {
      const { message } = problems[i]!;
      expect(problem.file).toBe('snippet.yaml');
      if (typeof message === 'string') expect(problem.message).toBe(message);
      else for (const fragment of message) expect(problem.message).toContain(fragment);
    });
  });
});
