import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import projectSchema from '../../schemas/project.schema.json' with { type: 'json' };
import { ruleDoc, ruleDocFile } from '../../scripts/rule-docs.js';
import { getCatalog } from '../../src/catalog/bundled.js';
import { rules } from '../../src/rules/index.js';

// Meta-tests in the way of markdownlint's: every rule has its page, every page is what the rule
// says today, and everything a rule names exists.
type Schema = { properties?: Record<string, Schema>; items?: Schema; $ref?: string };

/** Whether a field such as `datasets[].protection.integrityHashes` exists in the project schema. */
function fieldExists(field: string): boolean {
  let node: Schema | undefined = projectSchema as Schema;
  for (const part of field.split('.')) {
    const [key, list] = [part.replace('[]', ''), part.endsWith('[]')];
    node = resolve(node)?.properties?.[key];
    if (list) node = resolve(node)?.items;
  }
  return resolve(node) !== undefined;
}

function resolve(node: Schema | undefined): Schema | undefined {
  if (!node?.$ref) return node;
  return resolve(node.$ref.split('/').slice(1).reduce<unknown>((n, p) => (n as Record<string, unknown>)[p], projectSchema) as Schema);
}

describe.each(rules.map((r) => [r.meta.threat, r] as const))('rule %s', (threat, rule) => {
  it('has its page at docs/rules/<ID>.md, and the page is up to date', () => {
    expect(rule.meta.docs).toBe(`docs/rules/${threat}.md`);
    expect(existsSync(ruleDocFile(rule)), 'run npx tsx scripts/update-docs.ts').toBe(true);
    expect(readFileSync(ruleDocFile(rule), 'utf8'), 'run npx tsx scripts/update-docs.ts').toBe(ruleDoc(rule));
  });

  it('documents every fact and factor with its weight and controls', () => {
    const page = readFileSync(ruleDocFile(rule), 'utf8');
    for (const code of [...Object.keys(rule.meta.facts), ...Object.keys(rule.meta.factors)]) expect(page, code).toContain(`\`${code}\``);
  });

  it('names only controls of the catalog, and reads only fields of the schema', () => {
    const controls = new Set(getCatalog().controls.map((c) => c.id));
    for (const [code, factor] of Object.entries(rule.meta.factors)) for (const id of factor.controls) expect(controls.has(id), `${code} names ${id}`).toBe(true);
    for (const field of rule.meta.reads) expect(fieldExists(field), field).toBe(true);
  });

  it('words every factor that can rest on a field left out', () => {
    // A factor whose `when` names a field that may be left out must say how it reads then.
    for (const [code, factor] of Object.entries(rule.meta.factors)) {
      if (factor.dimension === 'likelihood' && factor.weight <= 0) continue;
      if (factor.undeclared !== undefined) expect(factor.undeclared, code).toMatch(/not declared/);
    }
  });

  it('is listed in the README with a link to its page', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(`[${threat}](docs/rules/${threat}.md)`);
  });
});
