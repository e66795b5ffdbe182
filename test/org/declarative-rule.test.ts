import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { assessProject } from '../../src/assess/assess.js';
import { getCatalog } from '../../src/catalog/bundled.js';
import { workingDirectoryScope } from '../../src/load/read-scope.js';
import { parseSource } from '../../src/load/source.js';
import { compileRule, type CompiledRule } from '../../src/org/declarative-rule.js';
import { loadOrgCatalogs, loadOrgRules } from '../../src/org/load.js';
import { checkRuleFile } from '../../src/org/rule-file.js';
import type { Project } from '../../src/project/types.js';
import { ProjectView } from '../../src/project/view.js';
import { isRuleError, type Rule } from '../../src/rules/api.js';
import { rules as builtInRules } from '../../src/rules/index.js';
import { catalogIds } from '../../src/validate/catalog-references.js';
import { parseProject } from '../../src/validate/load-project.js';
import { repoRoot } from '../helpers/run-cli.js';
import { activity, dataset, environment, project, supplier } from '../rules/project-builder.js';

/** The built-in catalog with the example organisation's (examples/org/catalog). */
const org = join(repoRoot, 'examples', 'org');
const { catalog, problems: catalogProblems } = loadOrgCatalogs(getCatalog(), [{ path: 'catalog', scope: workingDirectoryScope(org) }], org);

function compile(text: string): ReturnType<typeof compileRule> {
  const checked = checkRuleFile(parseSource(text, 'rules/rule.yaml'));
  if (!checked.ok) return { ok: false, problems: checked.problems };
  return compileRule(checked.rule, checked.source, catalog);
}

function compiled(text: string): CompiledRule {
  const result = compile(text);
  if (!result.ok) throw new Error(result.problems.map((p) => `${p.line}:${p.column}: ${p.message}`).join('\n'));
  return result.compiled;
}

function deciding(text: string): Rule {
  const c = compiled(text);
  if (!c.decides) throw new Error('the rule only adds factors');
  return c.rule;
}

/** Assesses a project with the built-in rules and these, as `assess` does, locations and all. */
function assess(p: Project, rules: readonly Rule[]) {
  const loaded = parseProject(stringify(p), 'project.yaml', catalogIds(catalog));
  if (!loaded.ok) throw new Error(loaded.problems.map((x) => x.message).join('\n'));
  return assessProject(loaded.source, loaded.value, { catalog, rules, asOf: '2026-06-15', failOn: 'high', policy: null, undeclared: 'count' });
}

const vendorRule = `ruleVersion: 1
threat: ACMEVENDORTUNING
description: A vendor fine-tunes.
applies:
  each: training
  when: activity.mode == "hosted-fine-tuning"
  fact:
    code: vendor-tuning
    message: "{{activity}} is tuned by a vendor ({{count}} such)"
    at: mode
    args: { activity: activity.id }
  otherwise: { code: no-vendor, message: no vendor tunes, at: training }
factors:
  - code: unlogged
    dimension: likelihood
    weight: 2
    message: access to {{environment}} is not logged
    undeclared: whether access to {{environment}} is logged is not declared
    controls: [ACMEVENDORREVIEW]
    description: an environment does not log access
    each: environments
    field: accessLogging
    safe: true
    args: { environment: environment.id }
`;

const hosted = (accessLogging: boolean | undefined) =>
  project({
    suppliers: [supplier('vendor', 'known-vendor', { supplies: ['model-hosting'] })],
    environments: [environment('work', 'external', { accessLogging }), environment('lab', 'training', { accessLogging })],
    datasets: [dataset('notes', { purpose: 'fine-tuning', storedIn: ['work'] })],
    training: [activity('tune', 'hosted-fine-tuning', { datasets: ['notes'], environment: 'work', hostedBy: 'vendor' }), activity('tune-2', 'hosted-fine-tuning', { datasets: ['notes'] })],
  });

describe('a rule that decides its threat', () => {
  it('loads the example catalog it is tested against', () => {
    expect(catalogProblems).toEqual([]);
  });

  it('applies with the fact of the first entry its condition holds for, and counts them', () => {
    const result = deciding(vendorRule).evaluate(new ProjectView(hosted(true)));
    expect(result.applies).toBe(true);
    expect(result.evidence).toEqual([{ code: 'vendor-tuning', message: '{{activity}} is tuned by a vendor ({{count}} such)', path: ['training', 0, 'mode'], args: { activity: 'tune', count: '2' } }]);
  });

  it('does not apply, with its `otherwise` fact at its path from the top', () => {
    const p = project({ training: [activity('own', 'fine-tuning')] });
    const result = deciding(vendorRule).evaluate(new ProjectView(p));
    expect(result).toEqual({ applies: false, evidence: [{ code: 'no-vendor', message: 'no vendor tunes', path: ['training'], args: {} }], factors: [] });
  });

  it('reads a field three ways: declared safe, declared otherwise, left out', () => {
    const rule = deciding(vendorRule);
    expect(rule.evaluate(new ProjectView(hosted(true))).factors).toEqual([]);
    const unsafe = rule.evaluate(new ProjectView(hosted(false))).factors;
    expect(unsafe).toEqual([expect.objectContaining({ code: 'unlogged', message: 'access to {{environment}} is not logged', path: ['environments', 0, 'accessLogging'], args: { environment: 'work', count: '2' }, undeclared: [], weight: 2, controls: ['ACMEVENDORREVIEW'] })]);
    const left = rule.evaluate(new ProjectView(hosted(undefined))).factors;
    expect(left).toHaveLength(1);
    expect(left[0]!.message).toBe('whether access to {{environment}} is logged is not declared ({{count}} alike)');
    expect(left[0]!.undeclared).toEqual([
      { path: ['environments', 0, 'accessLogging'], safe: 'true', args: { environment: 'work' } },
      { path: ['environments', 1, 'accessLogging'], safe: 'true', args: { environment: 'lab' } },
    ]);
  });

  it('goes through the assessment like a built-in rule: located facts, required controls, open questions', () => {
    const assessment = assess(hosted(undefined), [...builtInRules, deciding(vendorRule)]);
    const finding = assessment.threats.find((t) => t.threat === 'ACMEVENDORTUNING')!;
    expect(finding).toMatchObject({ applies: true, group: 'DEVLEAK', severity: 'medium' });
    expect(finding.evidence[0]!.location).toMatchObject({ file: 'project.yaml', line: expect.any(Number) });
    // The factor fires on fields left out, so the question asks for them, with what it moves.
    const asked = assessment.openQuestions.filter((q) => q.threats.some((t) => t.threat === 'ACMEVENDORTUNING'));
    expect(asked.map((q) => q.path.join('.'))).toEqual(['environments.0.accessLogging', 'environments.1.accessLogging']);
    expect(asked[0]!.threats.map((m) => m.threat)).toContain('ACMEVENDORTUNING');
    // DEVLEAK sums its new member up; ACMEVENDORREVIEW answers the factor.
    expect(finding.recommendations.find((r) => r.control === 'ACMEVENDORREVIEW')).toMatchObject({ answers: ['unlogged'], primary: true });
  });

  it('reads a safe value given as a condition on `value`', () => {
    const rule = deciding(vendorRule.replace('    field: accessLogging\n    safe: true\n', '    field: access.people\n    safe: { when: "value <= 5", text: a number up to 5 }\n').replace('whether access to {{environment}} is logged is not declared', 'how many people can read {{environment}} is not declared'));
    const crowded = hosted(true);
    crowded.environments![0]!.access = { people: 9 };
    crowded.environments![1]!.access = { people: 2 };
    expect(rule.evaluate(new ProjectView(crowded)).factors.map((f) => f.path)).toEqual([['environments', 0, 'access', 'people']]);
    delete crowded.environments![0]!.access;
    expect(rule.evaluate(new ProjectView(crowded)).factors[0]!.undeclared).toEqual([{ path: ['environments', 0, 'access', 'people'], safe: 'a number up to 5', args: { environment: 'work' } }]);
  });
});

describe('a rule that fails or costs too much on a project', () => {
  it('points at the expression in the rule file, and names the entry', () => {
    const rule = deciding(vendorRule.replace('when: activity.mode == "hosted-fine-tuning"', 'when: activity.hostedBy == "vendor"'));
    let caught: unknown;
    try {
      rule.evaluate(new ProjectView(hosted(true)));
    } catch (error) {
      caught = error;
    }
    expect(isRuleError(caught)).toBe(true);
    expect((caught as { problems: unknown[] }).problems).toEqual([{
      file: 'rules/rule.yaml', line: 6, column: 18, code: 'rule-evaluation',
      message: '`applies.when` (ACMEVENDORTUNING) on `training[1]`: failed: no such key: hostedBy; ask whether the file declares a field with has(), as in has(dataset.origin)',
    }]);
  });

  it('is refused before it runs when its bound exceeds the limit on this project', () => {
    const rule = deciding(vendorRule.replace(
      '    each: environments\n',
      '    each: environments\n    when: project.datasets.exists(a, project.datasets.exists(b, a.id == b.id))\n',
    ));
    const big = hosted(false);
    big.datasets = Array.from({ length: 1500 }, (_, i) => dataset(`d${i}`));
    expect(() => rule.evaluate(new ProjectView(big))).toThrow(/could take .* steps on this project, more than the limit of 1e\+7/);
    // The same rule on a small project runs.
    expect(rule.evaluate(new ProjectView(hosted(false))).factors).toHaveLength(1);
  });
});

describe('a rule that adds factors to a threat another rule decides', () => {
  const labels = `ruleVersion: 1
threat: DATAPOISON
description: Outside labels.
factors:
  - code: outside-labels
    dimension: likelihood
    weight: 1
    message: labels {{dataset}} come from outside
    controls: [ACMELABELAUDIT]
    description: an outside party labels the data
    each: datasets
    when: has(dataset.supplyChain) && dataset.supplyChain.exists(s, s.role == "labels")
    at: supplyChain.0
    args: { dataset: dataset.id }
`;
  const labelled = project({
    suppliers: [supplier('labeller', 'contracted-assessed', { supplies: ['labels'] })],
    environments: [environment('lab', 'training')],
    datasets: [dataset('images', { storedIn: ['lab'] }), dataset('image-labels', { labelsFor: 'images', origin: 'supplier', supplyChain: [{ supplier: 'labeller', role: 'labels' }], storedIn: ['lab'] })],
    training: [activity('train', 'from-scratch', { datasets: ['images', 'image-labels'], environment: 'lab' })],
  });

  it('joins the built-in rule: its factor counts and its organisation control is required', () => {
    const { rules, problems } = loadOrgRulesFrom(labels);
    expect(problems).toEqual([]);
    const datapoison = rules.find((r) => r.meta.threat === 'DATAPOISON')!;
    expect(Object.keys(datapoison.meta.factors)).toContain('outside-labels');
    const finding = assess(labelled, rules).threats.find((t) => t.threat === 'DATAPOISON')!;
    expect(finding.factors.map((f) => f.code)).toContain('outside-labels');
    expect(finding.factors.find((f) => f.code === 'outside-labels')!.path).toEqual(['datasets', 1, 'supplyChain', 0]);
    expect(finding.recommendations.find((r) => r.control === 'ACMELABELAUDIT')).toMatchObject({ primary: false, answers: ['outside-labels'] });
  });

  it('adds nothing when the threat does not apply', () => {
    const { rules } = loadOrgRulesFrom(labels);
    const none = project({});
    const finding = assess(none, rules).threats.find((t) => t.threat === 'DATAPOISON')!;
    expect(finding.applies).toBe(false);
    expect(finding.factors).toEqual([]);
  });

  it('refuses a factor code the threat has already', () => {
    const { problems } = loadOrgRulesFrom(labels.replace('code: outside-labels', 'code: data-from-supplier'));
    expect(problems.map((p) => p.message)).toEqual(['DATAPOISON already has a factor `data-from-supplier`; give this one a code of its own']);
  });

  it('refuses to decide a threat a built-in rule decides', () => {
    const { problems } = loadOrgRulesFrom(vendorRule.replace('threat: ACMEVENDORTUNING', 'threat: DATAPOISON'));
    expect(problems.map((p) => p.message)).toEqual(['DATAPOISON is decided by a built-in rule; leave `applies` out to add factors to it']);
  });
});

/** Loads one rule file from a temporary rules folder, as `--rules` does. */
function loadOrgRulesFrom(text: string) {
  const dir = mkdtempSync(join(tmpdir(), 'aithreat-rules-'));
  try {
    writeFileSync(join(dir, 'rule.yaml'), text);
    return loadOrgRules(catalog, builtInRules, [{ path: dir, scope: workingDirectoryScope(dir) }], dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('compiling a rule', () => {
  it.each([
    ['an unknown threat', vendorRule.replace('threat: ACMEVENDORTUNING', 'threat: ACMEVENDORTUNNING'), 2, 9, 'unknown threat `ACMEVENDORTUNNING`; did you mean `ACMEVENDORTUNING`?'],
    ['a group', vendorRule.replace('threat: ACMEVENDORTUNING', 'threat: DEVLEAK'), 2, 9, 'DEVLEAK is a group: it sums up its members; a rule decides a member, or adds factors to one'],
    ['an unknown control', vendorRule.replace('controls: [ACMEVENDORREVIEW]', 'controls: [ACMEVENDORREVIEWS]'), 19, 16, 'unknown control `ACMEVENDORREVIEWS`; did you mean `ACMEVENDORREVIEW`?'],
    ['a placeholder without a value', vendorRule.replace('message: access to {{environment}} is not logged', 'message: access to {{env}} is not logged'), 17, 14, '`{{env}}` has no value: add it to `args` (given: environment, count)'],
    ['a field without its undeclared wording', vendorRule.replace('    undeclared: whether access to {{environment}} is logged is not declared\n', ''), 14, 5, 'a factor that reads a `field` needs `undeclared`: its wording for when the file leaves the field out'],
    ['a misspelt field', vendorRule.replace('field: accessLogging', 'field: acessLogging'), 22, 12, '`environments[]` has no field `acessLogging`; did you mean `accessLogging`?'],
    ['an impact weight out of range', vendorRule.replace('dimension: likelihood', 'dimension: impact').replace('weight: 2', 'weight: -1'), 16, 13, 'an impact factor sets a level from 1 to 3'],
    ['an expression with a syntax error, at the character', vendorRule.replace('when: activity.mode == "hosted-fine-tuning"', 'when: activity.mode == = "x"'), 6, 26, '`applies.when`: syntax error: Unexpected character: ='],
  ])('refuses %s, positioned', (_name, text, line, column, message) => {
    const result = compile(text);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems).toEqual([expect.objectContaining({ file: 'rules/rule.yaml', line, column, message })]);
  });

  it('points into a literal block at the line and column of the mistake', () => {
    const text = vendorRule.replace('  when: activity.mode == "hosted-fine-tuning"\n', '  when: |\n    activity.mode == "hosted-fine-tuning"\n      && activity.hostdBy != ""\n');
    const result = compile(text);
    expect(!result.ok && result.problems.map((p) => `${p.line}:${p.column}: ${p.message}`)).toEqual(['8:19: `applies.when`: `training[]` has no field `hostdBy`; did you mean `hostedBy`?']);
  });

  it('refuses a file the schema refuses, with the schema checker\'s messages', () => {
    const result = compile(vendorRule.replace('dimension: likelihood', 'dimention: likelihood'));
    expect(!result.ok && result.problems.map((p) => `${p.line}:${p.column}: ${p.message}`)).toEqual([
      '14:5: missing required key `dimension` in `factors.0`',
      '15:5: unknown key `dimention` in `factors.0`; did you mean `dimension`?',
    ]);
  });
});
