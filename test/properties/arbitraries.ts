import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { CORE_SCHEMA, dump, load, type DumpOptions } from 'js-yaml';
import { repoRoot } from '../helpers/run-cli.js';

/**
 * Arbitrary valid project descriptions, built from schemas/project.schema.json so that they stay
 * in step with it: every enum is read from the schema, ids are unique per kind, and every
 * reference names an entry of the right kind. Then a YAML rendering of the project in one of many
 * styles (indentation, flow or block, quoting, folding, comments, CRLF, byte-order mark).
 */

type Json = Record<string, unknown>;
const schema = JSON.parse(readFileSync(join(repoRoot, 'schemas', 'project.schema.json'), 'utf8')) as Json;

/** The node at a path of property names in the schema. */
function at(path: string): Json {
  let node: unknown = schema;
  for (const part of path.split('.')) {
    node = (node as Json)[part];
    if (node === undefined) throw new Error(`schemas/project.schema.json has no ${path}`);
  }
  return node as Json;
}
function enumAt(path: string): string[] {
  const node = at(path);
  const values = (node.enum ?? (node.items as Json | undefined)?.enum) as string[] | undefined;
  if (!values || values.length === 0) throw new Error(`no enum at ${path}`);
  return values;
}
const defs = '$defs';
export const enums = {
  supplies: enumAt(`${defs}.supplier.properties.supplies`),
  trust: enumAt(`${defs}.supplier.properties.trust`),
  provenance: enumAt(`${defs}.supplier.properties.provenance`),
  area: enumAt(`${defs}.environment.properties.area`),
  hosting: enumAt(`${defs}.environment.properties.hosting`),
  holds: enumAt(`${defs}.environment.properties.holds`),
  purpose: enumAt(`${defs}.dataset.properties.purpose`),
  datasetOrigin: enumAt(`${defs}.dataset.properties.origin`),
  role: enumAt(`${defs}.dataset.properties.supplyChain.items.properties.role`),
  sensitivity: enumAt(`${defs}.dataset.properties.sensitivity`),
  integrityHashes: enumAt(`${defs}.dataset.properties.protection.properties.integrityHashes`),
  modelOrigin: enumAt(`${defs}.model.properties.origin`),
  parameters: enumAt(`${defs}.model.properties.parameters`),
  format: enumAt(`${defs}.model.properties.format`),
  mode: enumAt(`${defs}.trainingActivity.properties.mode`),
  confidentiality: enumAt(`${defs}.code.properties.confidentiality`),
  controls: at(`${defs}.controlId`).examples as string[],
  status: enumAt(`${defs}.controlStatus.properties.status`),
};
const idPattern = new RegExp((at(`${defs}.id`).pattern as string));
const textMax = at(`${defs}.text`).maxLength as number;

// ---------------------------------------------------------------------------------------------
// Pieces

/** Ids that match the schema's pattern, including some that mean something to JavaScript or YAML. */
const id = fc.oneof(
  { weight: 4, arbitrary: fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,12}$/) },
  { weight: 1, arbitrary: fc.constantFrom('constructor', 'prototype', 'hasownproperty', 'tostring', 'valueof', 'null', 'true', 'yes', 'no', '0', '1e3', '0x1f', '0o17', '1_000', '1.5', '2026-01-01', 'a'.repeat(64)) },
).filter((value) => idPattern.test(value));

/** Text as people write it, with now and then something hostile or unusual. */
const hostilePiece = fc.constantFrom(
  '|', '`', '<img src=x onerror=alert(1)>', '<script>', '[x](javascript:alert(1))', '# heading', '\n', '\r', '\t', '\u0001',
  '\u001b[31m', '\u001b]8;;https://x.example\u0007', '\u202e', '\u2066', '\ufffe', '\u0085', '\u2028', '&', '"', "'", ']]>', ': ', ' #', '- ', '{', '}',
  '*alias', '&anchor', '!tag', '%', '@', 'é', '日本', '😀', '  ',
);
const text = fc
  .array(fc.oneof({ weight: 5, arbitrary: fc.string({ minLength: 1, maxLength: 12 }) }, { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 }) }, { weight: 2, arbitrary: hostilePiece }), { minLength: 1, maxLength: 6 })
  .map((parts) => parts.join('').slice(0, textMax))
  .filter((value) => [...value].length >= 1 && [...value].length <= textMax);

const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 2 });
const someOf = (values: readonly string[], minLength = 0) => fc.subarray([...values], { minLength });
const access = fc.record({ roles: opt(fc.array(text, { maxLength: 3 })), people: opt(fc.nat(1000)), writers: opt(fc.nat(1000)) }, { requiredKeys: [] });
const calendarDate = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

const controlStatus = fc.constantFrom(...enums.status).chain((status) =>
  fc.record(
    {
      status: fc.constant(status),
      notes: opt(text),
      evidence: opt(fc.array(text, { maxLength: 3 })),
      owner: opt(text),
      justification: status === 'not-applicable' || status === 'risk-accepted' ? text : opt(text),
      expires: status === 'risk-accepted' ? calendarDate : opt(calendarDate),
    },
    { requiredKeys: status === 'risk-accepted' ? ['status', 'justification', 'expires'] : status === 'not-applicable' ? ['status', 'justification'] : ['status'] },
  ),
);

// ---------------------------------------------------------------------------------------------
// Projects
//
// References are generated as indexes (`Ref`, `Refs`) and turned into ids of the right kind once
// every list is known. Unlike a `chain` on the ids, this shrinks well: a smaller counterexample is
// still a valid project.

const REF = Symbol('ref');
const REFS = Symbol('refs');
type Kind = 'suppliers' | 'environments' | 'datasets' | 'models';
interface Ref {
  [REF]: Kind;
  index: number;
}
interface Refs {
  [REFS]: Kind;
  indexes: number[];
}
const ref = (kind: Kind) => opt(fc.nat(7).map((index): Ref => ({ [REF]: kind, index })));
const refs = (kind: Kind) => opt(fc.array(fc.nat(7), { maxLength: 4 }).map((indexes): Refs => ({ [REFS]: kind, indexes })));
const entries = <T extends { id: string }>(entry: fc.Arbitrary<T>, maxLength: number) => fc.uniqueArray(entry, { selector: (e) => e.id, maxLength });

const supplier = fc.record(
  { id, name: opt(text), supplies: someOf(enums.supplies, 1), trust: fc.constantFrom(...enums.trust), provenance: opt(someOf(enums.provenance)), notes: opt(text) },
  { requiredKeys: ['id', 'supplies', 'trust'] },
);
const environment = fc.record(
  {
    id,
    name: opt(text),
    area: fc.constantFrom(...enums.area),
    hosting: opt(fc.constantFrom(...enums.hosting)),
    provider: ref('suppliers'),
    holds: opt(someOf(enums.holds)),
    access: opt(access),
    segregated: opt(fc.boolean()),
    confidentialComputing: opt(fc.boolean()),
    userInstalledDependencies: opt(fc.boolean()),
    accessLogging: opt(fc.boolean()),
    monitoring: opt(fc.boolean()),
    notes: opt(text),
  },
  { requiredKeys: ['id', 'area'] },
);
const dataset = fc.record(
  {
    id,
    name: opt(text),
    description: opt(text),
    purpose: fc.constantFrom(...enums.purpose),
    origin: fc.constantFrom(...enums.datasetOrigin),
    supplyChain: opt(fc.array(fc.record({ supplier: ref('suppliers'), role: fc.constantFrom(...enums.role) }), { maxLength: 3 })),
    sensitivity: opt(someOf(enums.sensitivity, 1)),
    storedIn: refs('environments'),
    protection: opt(
      fc.record(
        { encryptedAtRest: opt(fc.boolean()), accessControl: opt(fc.boolean()), integrityHashes: opt(fc.constantFrom(...enums.integrityHashes)), provenanceRecorded: opt(fc.boolean()) },
        { requiredKeys: [] },
      ),
    ),
    notes: opt(text),
  },
  { requiredKeys: ['id', 'purpose', 'origin'] },
);
// Base models may form cycles or name themselves: the schema allows it.
const model = fc.record(
  {
    id,
    name: opt(text),
    origin: fc.constantFrom(...enums.modelOrigin),
    supplier: ref('suppliers'),
    baseModel: ref('models'),
    parameters: opt(fc.constantFrom(...enums.parameters)),
    format: opt(fc.constantFrom(...enums.format)),
    storedIn: refs('environments'),
    integrityProtected: opt(fc.boolean()),
    notes: opt(text),
  },
  { requiredKeys: ['id', 'origin'] },
);
const training = fc.record(
  {
    id,
    mode: fc.constantFrom(...enums.mode),
    model: ref('models'),
    datasets: refs('datasets'),
    environment: ref('environments'),
    hostedBy: ref('suppliers'),
    federation: opt(
      fc.record(
        { clientPopulation: opt(text), clients: opt(fc.integer({ min: 1, max: 1_000_000 })), clientsControlled: opt(fc.boolean()), secureAggregation: opt(fc.boolean()), robustAggregation: opt(fc.boolean()) },
        { requiredKeys: [] },
      ),
    ),
    notes: opt(text),
  },
  { requiredKeys: ['id', 'mode'] },
);
const code = fc.record(
  { confidentiality: opt(fc.constantFrom(...enums.confidentiality)), repository: opt(text), storedIn: refs('environments'), developedBy: refs('suppliers'), access: opt(access) },
  { requiredKeys: [] },
);
const controls = fc
  .uniqueArray(fc.tuple(fc.constantFrom(...enums.controls), controlStatus), { selector: ([name]) => name, maxLength: 8 })
  .map((pairs) => Object.fromEntries(pairs));

export const projectArbitrary: fc.Arbitrary<Json> = fc
  .record(
    {
      formatVersion: fc.constant(1),
      project: fc.record({ name: text, description: opt(text), owner: opt(text), contact: opt(text) }, { requiredKeys: ['name'] }),
      suppliers: opt(entries(supplier, 4)),
      environments: opt(entries(environment, 4)),
      datasets: opt(entries(dataset, 4)),
      models: opt(entries(model, 3)),
      training: opt(entries(training, 3)),
      code: opt(code),
      controls: opt(controls),
    },
    { requiredKeys: ['formatVersion', 'project'] },
  )
  .map((draft) => {
    const ids = (kind: Kind) => ((draft[kind] ?? []) as { id: string }[]).map((e) => e.id);
    const known: Record<Kind, string[]> = { suppliers: ids('suppliers'), environments: ids('environments'), datasets: ids('datasets'), models: ids('models') };
    const resolve = (value: unknown): unknown => {
      if (value !== null && typeof value === 'object' && REF in value) {
        const { [REF]: kind, index } = value as Ref;
        return known[kind].length > 0 ? known[kind][index % known[kind].length] : undefined;
      }
      if (value !== null && typeof value === 'object' && REFS in value) {
        const { [REFS]: kind, indexes } = value as Refs;
        return known[kind].length > 0 ? [...new Set(indexes.map((i) => known[kind][i % known[kind].length]!))] : [];
      }
      if (Array.isArray(value)) return value.map(resolve);
      if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v)]));
      return value;
    };
    const project = resolve(draft) as { datasets?: { supplyChain?: { supplier?: string }[] }[] };
    // A supply-chain link needs its supplier: without suppliers there is no link.
    for (const data of project.datasets ?? []) if (data.supplyChain) data.supplyChain = data.supplyChain.filter((link) => link.supplier !== undefined);
    return withoutUndefined(project) as Json;
  });

/** Drops `undefined` values (absent optional keys) and empty top-level lists, recursively. */
function withoutUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutUndefined);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, withoutUndefined(v)]));
  }
  return value;
}

// ---------------------------------------------------------------------------------------------
// YAML renderings

export interface YamlStyle {
  dump: DumpOptions;
  /** A comment line before some top-level keys. */
  comments: boolean;
  crlf: boolean;
  bom: boolean;
}

export const styleArbitrary: fc.Arbitrary<YamlStyle> = fc.record({
  // js-yaml's condenseFlow quotes keys twice with single quotes or forced quotes: not combined here.
  dump: fc.record({
    indent: fc.integer({ min: 1, max: 4 }),
    noArrayIndent: fc.boolean(),
    flowLevel: fc.constantFrom(-1, -1, 0, 1, 2, 3),
    lineWidth: fc.constantFrom(-1, 20, 80),
    quotingType: fc.constantFrom<"'" | '"'>("'", '"'),
    forceQuotes: fc.boolean(),
    condenseFlow: fc.boolean(),
    sortKeys: fc.boolean(),
  }).map((options) => (options.quotingType === "'" || options.forceQuotes ? { ...options, condenseFlow: false } : options)),
  comments: fc.boolean(),
  crlf: fc.boolean(),
  bom: fc.boolean(),
});

function roundTrips(yaml: string, value: unknown): boolean {
  try {
    return isDeepStrictEqual(load(yaml, { schema: CORE_SCHEMA }), value);
  } catch {
    return false;
  }
}

/** The project as YAML text in the given style (the bytes to write, as a string). */
export function toYaml(project: Json, style: YamlStyle): string {
  let yaml = dump(project, { ...style.dump, schema: CORE_SCHEMA, noRefs: true });
  // js-yaml's dumper has corners it gets wrong (a plain `.:[` in a flow mapping, for one): then
  // the plainest style, so that the property tests aithreat rather than the dumper.
  if (!roundTrips(yaml, project)) yaml = dump(project, { schema: CORE_SCHEMA, noRefs: true, forceQuotes: true, quotingType: '"' });
  if (style.comments) yaml = yaml.replace(/^(?=[A-Za-z])/gm, (_, offset: number) => (offset % 3 === 0 ? '# a comment: with [brackets] and "quotes"\n' : ''));
  if (style.crlf) yaml = yaml.replace(/\n/g, '\r\n');
  return (style.bom ? '\ufeff' : '') + yaml;
}
