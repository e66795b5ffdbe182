import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import projectSchema from '../../schemas/project.schema.json' with { type: 'json' };
import type { Project } from '../../src/project/types.js';
import { parseProject } from '../../src/validate/load-project.js';
import { repoRoot } from '../helpers/run-cli.js';

// The examples are documentation and test input at once: together they must show every value the
// format allows, so that every rule meets each value at least once in a realistic setting.

type Schema = { enum?: unknown[]; $ref?: string; properties?: Record<string, Schema>; items?: Schema; additionalProperties?: Schema | boolean };

const dir = join(repoRoot, 'examples');
const names = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();
const projects = new Map<string, Project>(
  names.map((name) => {
    const result = parseProject(readFileSync(join(dir, name), 'utf8'), `examples/${name}`);
    if (!result.ok) throw new Error(`examples/${name} is invalid: ${JSON.stringify(result.problems)}`);
    return [name, result.value];
  }),
);
const all = [...projects.values()];

/** Values each enum of the schema takes in the data, keyed by the enum's schema pointer. */
function enumValues(data: unknown, schema: Schema = projectSchema as Schema, pointer = '#', seen = new Map<string, Set<unknown>>()) {
  if (schema.$ref) return enumValues(data, resolve(schema.$ref), schema.$ref, seen);
  if (schema.enum) seen.set(pointer, (seen.get(pointer) ?? new Set()).add(data));
  if (Array.isArray(data) && schema.items) for (const item of data) enumValues(item, schema.items, `${pointer}/items`, seen);
  else if (data !== null && typeof data === 'object' && !Array.isArray(data)) {
    for (const [key, value] of Object.entries(data)) {
      const property = schema.properties?.[key];
      if (property) enumValues(value, property, `${pointer}/properties/${key}`, seen);
      else if (typeof schema.additionalProperties === 'object') enumValues(value, schema.additionalProperties, `${pointer}/additionalProperties`, seen);
    }
  }
  return seen;
}

function resolve(ref: string): Schema {
  let node: unknown = projectSchema;
  for (const part of ref.split('/').slice(1)) node = (node as Record<string, unknown>)[part];
  return node as Schema;
}

/** Every enum in the schema, except the control ids (33 of them; the catalog tests cover those). */
function schemaEnums(node: unknown = projectSchema, pointer = '#', found: [string, unknown[]][] = []): [string, unknown[]][] {
  if (node === null || typeof node !== 'object') return found;
  const schema = node as Schema & Record<string, unknown>;
  if (Array.isArray(schema.enum) && !pointer.includes('/if/') && !pointer.includes('/propertyNames')) found.push([pointer, schema.enum]);
  for (const [key, child] of Object.entries(schema)) if (key !== 'enum') schemaEnums(child, `${pointer}/${key}`, found);
  return found;
}

/**
 * Values the examples leave to the rule tests: `release: automatic` reads exactly as a release
 * left out, and the examples that retrain say they validate first, as their notes always did.
 */
const leftToRuleTests = new Map<string, unknown[]>([['#/$defs/trainingActivity/properties/release', ['automatic']]]);

describe('examples/', () => {
  const seen = new Map<string, Set<unknown>>();
  for (const project of all) enumValues(project, undefined, undefined, seen);

  it.each(schemaEnums())('together use every value of %s', (pointer, values) => {
    const missing = values.filter((value) => !seen.get(pointer)?.has(value) && !leftToRuleTests.get(pointer)?.includes(value));
    expect(missing).toEqual([]);
  });

  it('include the six documented projects', () => {
    expect(names).toEqual(
      expect.arrayContaining(['fraud-detection.yaml', 'support-assistant-llm.yaml', 'keyboard-federated.yaml', 'research-image-classifier.yaml', 'vision-outsourced-labelling.yaml', 'helpdesk-agent.yaml']),
    );
  });

  it('show a supplied adapter that runs code when loaded, an ability run on the project\'s machines, and assets that steer the model', () => {
    const models = all.flatMap((p) => p.models ?? []);
    expect(models.some((m) => m.kind === 'adapter' && m.origin === 'pretrained' && m.format === 'pytorch-pickle')).toBe(true);
    expect(models.some((m) => m.kind === 'adapter' && m.origin === 'trained-here')).toBe(true);
    expect(all.flatMap((p) => p.abilities ?? []).some((a) => a.origin === 'supplied' && (a.runsIn ?? []).length > 0)).toBe(true);
    expect(new Set(all.flatMap((p) => p.assets ?? []).map((a) => a.kind)).size).toBe(3);
  });

  it('justify every not-applicable control and give each risk acceptance an owner, a justification and an expiry', () => {
    for (const control of all.flatMap((p) => Object.values(p.controls ?? {}))) {
      if (control.status === 'not-applicable' || control.status === 'risk-accepted') expect(control.justification).toMatch(/\w{3,}/);
      if (control.status === 'risk-accepted') {
        expect(control.owner).toBeTruthy();
        expect(control.expires).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
    }
  });

  it('include one lapsed and one current risk acceptance in the same project', () => {
    const fraud = Object.values(projects.get('fraud-detection.yaml')!.controls ?? {}).filter((c) => c.status === 'risk-accepted');
    expect(fraud.map((c) => c.expires).sort()).toEqual(['2026-03-31', '2027-06-30']);
  });

  it('show a federation of clients the project does not control, in the millions', () => {
    const federated = all.flatMap((p) => p.training ?? []).filter((t) => t.mode === 'federated');
    expect(federated.some((t) => t.federation?.clientsControlled === false && (t.federation.clients ?? 0) >= 1_000_000)).toBe(true);
  });

  it('show hosted fine-tuning by a supplier, outsourced development and self-installed notebook packages', () => {
    const training = all.flatMap((p) => p.training ?? []);
    expect(training.some((t) => t.mode === 'hosted-fine-tuning' && t.hostedBy)).toBe(true);
    expect(all.some((p) => (p.code?.developedBy ?? []).length > 0)).toBe(true);
    expect(all.flatMap((p) => p.environments ?? []).some((e) => e.userInstalledDependencies === true)).toBe(true);
  });

  it('show labels added by a supplier to internally collected data', () => {
    const datasets = all.flatMap((p) => p.datasets ?? []);
    expect(datasets.some((d) => d.origin === 'internal' && d.supplyChain?.some((link) => link.role === 'labels'))).toBe(true);
  });

  it('make the largest file the richest, since the benchmarks use it', () => {
    const size = (name: string) => statSync(join(dir, name)).size;
    const entries = (p: Project) =>
      [p.suppliers, p.environments, p.datasets, p.models, p.training].reduce((n, list) => n + (list?.length ?? 0), 0) + Object.keys(p.controls ?? {}).length;
    const largest = [...names].sort((a, b) => size(b) - size(a))[0]!;
    const richest = [...names].sort((a, b) => entries(projects.get(b)!) - entries(projects.get(a)!))[0]!;
    expect(largest).toBe(richest);
    const areas = new Set(projects.get(largest)!.environments?.map((e) => e.area));
    expect(areas.size).toBe(5);
  });
});
