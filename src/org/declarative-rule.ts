import type { Catalog, ThreatEntry } from '../catalog/types.js';
import { controlById, threatById } from '../catalog/lookup.js';
import { locate, type DataPath } from '../load/locate.js';
import type { SourceFile } from '../load/source.js';
import type { Problem } from '../problem.js';
import type { ProjectView } from '../project/view.js';
import { placeholders, RuleError, type Factor, type FactorDefinition, type Rule, type RuleMeta, type RuleResult, type Undeclared } from '../rules/api.js';
import { declared, FactorTally, makers } from '../rules/make-facts.js';
import { didYouMean } from '../validate/suggest.js';
import { celProject, type CelProject } from './cel-values.js';
import { compileExpression, entryVariables, ExpressionError, expressionLimits, type EntryList, type Expression, type ExpressionScope, type Yields } from './expressions.js';
import { expressionPosition } from './positions.js';
import type { FactSpec, FactorSpec, RuleFile } from './rule-file.js';

/**
 * An organisation's rule compiled from its file: either a rule that decides its threat, or
 * factors that join the rule deciding another (a built-in threat, for instance). Both produce the
 * facts and factors of src/rules/api.ts, made by the same makers and located by the same locator
 * as a built-in rule's, so the assessment and the renderers cannot tell them apart.
 */
export type CompiledRule =
  | { decides: true; rule: Rule; file: string; source: SourceFile }
  | { decides: false; threat: string; meta: Pick<RuleMeta, 'reads' | 'factors'>; factors: (view: ProjectView) => Factor[]; file: string; source: SourceFile };

/** An expression with where it stands in its file, so a failure on a project points at it. */
interface Placed {
  expression: Expression;
  path: DataPath;
}

/** A fact or factor's arguments, each an expression. */
type Args = [name: string, placed: Placed][];

interface CompiledFact {
  spec: FactSpec;
  at: DataPath;
  args: Args;
}

interface CompiledFactor extends CompiledFact {
  spec: FactorSpec;
  each?: EntryList;
  when?: Placed;
  field?: DataPath;
  /** The safe value of `field`, or the condition on `value` that says it is safe. */
  safe?: { value: unknown } | { when: Placed };
  safeText: string;
}

/**
 * Compiles a checked rule file against the catalog. Every problem is positioned in the rule file;
 * a rule with problems is not compiled.
 */
export function compileRule(rule: RuleFile, source: SourceFile, catalog: Catalog): { ok: true; compiled: CompiledRule } | { ok: false; problems: Problem[] } {
  const problems: Problem[] = [];
  const problem = (path: DataPath, message: string, offset?: { expression: string; at: number }) =>
    problems.push({ file: source.file, ...(offset ? expressionPosition(source, path, offset.expression, offset.at) : locate(source, path)), code: 'invalid-rule', message });
  const expression = (path: DataPath, text: string, yields: Yields, scope: ExpressionScope): Placed | undefined => {
    try {
      return { expression: compileExpression(text, yields, scope), path };
    } catch (error) {
      if (!(error instanceof ExpressionError)) throw error;
      problem(path, `\`${path.join('.')}\`: ${error.message}`, { expression: text, at: error.offset });
      return undefined;
    }
  };

  const threat = threatById(catalog).get(rule.threat);
  if (!threat) {
    problem(['threat'], `unknown threat \`${rule.threat}\`${didYouMean(rule.threat, catalog.threats.map((t) => t.id))}`);
    return { ok: false, problems };
  }
  if (threat.members.length > 0) {
    problem(['threat'], `${threat.id} is a group: it sums up its members; a rule decides a member, or adds factors to one`);
    return { ok: false, problems };
  }

  const compileArgs = (spec: FactSpec, path: DataPath, scope: ExpressionScope, extra: readonly string[]): Args => {
    const args: Args = [];
    for (const [name, text] of Object.entries(spec.args ?? {})) {
      if (!/^[a-z][A-Za-z0-9]{0,31}$/.test(name)) problem([...path, 'args', name], `argument name \`${name}\` must be letters and digits, starting with a lower-case letter`);
      const placed = expression([...path, 'args', name], text, 'text', scope);
      if (placed) args.push([name, placed]);
    }
    const given = new Set([...Object.keys(spec.args ?? {}), ...extra]);
    for (const [key, message] of [['message', spec.message], ['undeclared', (spec as FactorSpec).undeclared]] as const) {
      for (const name of message ? placeholders(message) : []) {
        if (!given.has(name)) problem([...path, key], `\`{{${name}}}\` has no value: add it to \`args\`${given.size > 0 ? ` (given: ${[...given].join(', ')})` : ''}`);
      }
    }
    return args;
  };
  const atPath = (spec: FactSpec, fallback: DataPath): DataPath => (spec.at ? spec.at.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s)) : fallback);

  // Facts: why the threat applies, and why it does not.
  let applies: { each?: EntryList; when?: Placed; fact: CompiledFact; otherwise: CompiledFact } | undefined;
  if (rule.applies) {
    const { each } = rule.applies;
    const when = expression(['applies', 'when'], rule.applies.when, 'condition', { each });
    const fact = { spec: rule.applies.fact, at: atPath(rule.applies.fact, []), args: compileArgs(rule.applies.fact, ['applies', 'fact'], { each }, ['count']) };
    const otherwise = { spec: rule.applies.otherwise, at: atPath(rule.applies.otherwise, ['project']), args: compileArgs(rule.applies.otherwise, ['applies', 'otherwise'], {}, []) };
    if (fact.spec.code === otherwise.spec.code) problem(['applies', 'otherwise', 'code'], `\`${otherwise.spec.code}\` is the code of \`applies.fact\` too; each fact has a code of its own`);
    applies = { each, when, fact, otherwise };
  }

  // Factors.
  const controls = controlById(catalog);
  const factors: CompiledFactor[] = [];
  const codes = new Set<string>();
  (rule.factors ?? []).forEach((spec, i) => {
    const path: DataPath = ['factors', i];
    if (codes.has(spec.code)) problem([...path, 'code'], `factor \`${spec.code}\` is defined twice in this rule`);
    codes.add(spec.code);
    if (spec.dimension === 'impact' && (spec.weight < 1 || spec.weight > 3)) problem([...path, 'weight'], 'an impact factor sets a level from 1 to 3');
    if (spec.dimension === 'likelihood' && spec.weight === 0) problem([...path, 'weight'], 'a likelihood factor adds points (1 to 3), or takes them away (-1 to -3): 0 weighs nothing');
    spec.controls.forEach((id, j) => {
      if (!controls.has(id)) problem([...path, 'controls', j], `unknown control \`${id}\`${didYouMean(id, catalog.controls.map((c) => c.id))}`);
    });
    if (spec.field && spec.undeclared === undefined) problem([...path, 'undeclared'], 'a factor that reads a `field` needs `undeclared`: its wording for when the file leaves the field out');
    if (!spec.field && (spec.undeclared !== undefined || spec.safe !== undefined)) problem([...path, spec.safe !== undefined ? 'safe' : 'undeclared'], '`safe` and `undeclared` go with a `field` to read');
    if (spec.field && spec.safe === undefined) problem([...path, 'field'], 'a factor that reads a `field` says which value is safe (`safe`)');
    const scope = { each: spec.each };
    const when = spec.when === undefined ? undefined : expression([...path, 'when'], spec.when, 'condition', scope);
    let safe: CompiledFactor['safe'];
    let safeText = '';
    if (typeof spec.safe === 'object') {
      const when = expression([...path, 'safe', 'when'], spec.safe.when, 'condition', { ...scope, value: true });
      if (when) safe = { when };
      safeText = spec.safe.text;
    } else if (spec.safe !== undefined) {
      safe = { value: typeof spec.safe === 'number' && Number.isInteger(spec.safe) ? BigInt(spec.safe) : spec.safe };
      safeText = String(spec.safe);
    }
    const field = spec.field?.split('.');
    if (field) checkField(spec.each, field, [...path, 'field'], problem);
    factors.push({ spec, each: spec.each, when, field, safe, safeText, at: atPath(spec, field ?? (spec.each ? [] : ['project'])), args: compileArgs(spec, path, scope, ['count']) });
  });

  if (problems.length > 0) return { ok: false, problems };
  const meta: Pick<RuleMeta, 'reads' | 'factors'> = {
    reads: readsOf(applies, factors),
    factors: Object.fromEntries(factors.map((f): [string, FactorDefinition] => [f.spec.code, {
      dimension: f.spec.dimension,
      weight: f.spec.weight,
      message: f.spec.message,
      ...(f.spec.undeclared ? { undeclared: f.spec.undeclared } : {}),
      controls: f.spec.controls,
      when: f.spec.description,
    }])),
  };
  const evaluateFactors = factorEvaluator(source, threat, meta, factors, applies);
  if (!applies) return { ok: true, compiled: { decides: false, threat: threat.id, meta, factors: (view) => evaluateFactors(celProject(view), view), file: source.file, source } };
  const decided = applies;
  const full: RuleMeta = {
    threat: threat.id,
    description: rule.description,
    docs: rule.docs ?? threat.permalink,
    reads: meta.reads,
    example: '',
    facts: { [decided.fact.spec.code]: decided.fact.spec.message, [decided.otherwise.spec.code]: decided.otherwise.spec.message },
    factors: meta.factors,
  };
  const { fact } = makers({ threat: threat.id, facts: full.facts, factors: full.factors });
  const failing = failure(source, threat.id);
  const rule_: Rule = {
    meta: full,
    evaluate(view: ProjectView): RuleResult {
      const project = celProject(view);
      checkCost(project, source, threat.id, [{ each: decided.each, when: decided.when, args: decided.fact.args }, ...factors]);
      const entries = decided.each ? project.entries(decided.each) : [undefined];
      let first = -1;
      let count = 0;
      entries.forEach((entry, i) => {
        if (!decided.when || test(decided.when, variables(project, decided.each, entry), failing, decided.each, i)) {
          if (first < 0) first = i;
          count++;
        }
      });
      if (count === 0) {
        const args = argsOf(decided.otherwise.args, project.variables, failing);
        return { applies: false, evidence: [fact(decided.otherwise.spec.code, decided.otherwise.at, args)], factors: [] };
      }
      const entry = entries[first];
      const base: DataPath = decided.each ? [decided.each, first] : [];
      const args = { ...argsOf(decided.fact.args, variables(project, decided.each, entry), failing, decided.each, first), count: String(count) };
      return { applies: true, evidence: [fact(decided.fact.spec.code, [...base, ...decided.fact.at], args)], factors: evaluateFactors(project, view) };
    },
  };
  return { ok: true, compiled: { decides: true, rule: rule_, file: source.file, source } };
}

/** A rule whose threat another rule decides, with the factors of the rules that join it. */
export function withFactors(rule: Rule, additions: readonly Extract<CompiledRule, { decides: false }>[]): Rule {
  if (additions.length === 0) return rule;
  const meta: RuleMeta = {
    ...rule.meta,
    reads: [...new Set([...rule.meta.reads, ...additions.flatMap((a) => a.meta.reads)])],
    factors: Object.assign({}, rule.meta.factors, ...additions.map((a) => a.meta.factors)),
  };
  return {
    meta,
    evaluate(view) {
      const result = rule.evaluate(view);
      if (!result.applies) return result;
      return { ...result, factors: [...result.factors, ...additions.flatMap((a) => a.factors(view))] };
    },
  };
}

// --- Evaluation ---

type Failing = (placed: Placed, error: ExpressionError, entry: string | undefined) => never;

function failure(source: SourceFile, threat: string): Failing {
  return (placed, error, entry) => {
    const where = expressionPosition(source, placed.path, placed.expression.text, error.offset);
    const on = entry ? ` on \`${entry}\`` : '';
    const hint = /no such key/.test(error.message) ? '; ask whether the file declares a field with has(), as in has(dataset.origin)' : '';
    throw new RuleError([{ file: source.file, ...where, code: 'rule-evaluation', message: `\`${placed.path.join('.')}\` (${threat})${on}: ${error.message}${hint}` }]);
  };
}

function variables(project: CelProject, each: EntryList | undefined, entry: unknown): Record<string, unknown> {
  return each ? { ...project.variables, [entryVariables[each]]: entry } : project.variables;
}

function test(placed: Placed, scope: Record<string, unknown>, failing: Failing, each?: EntryList, index?: number): boolean {
  try {
    return placed.expression.evaluate(scope) === true;
  } catch (error) {
    if (error instanceof ExpressionError) failing(placed, error, each ? `${each}[${index}]` : undefined);
    throw error;
  }
}

function argsOf(args: Args, scope: Record<string, unknown>, failing: Failing, each?: EntryList, index?: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, placed] of args) {
    try {
      out[name] = String(placed.expression.evaluate(scope));
    } catch (error) {
      if (error instanceof ExpressionError) failing(placed, error, each ? `${each}[${index}]` : undefined);
      throw error;
    }
  }
  return out;
}

function factorEvaluator(source: SourceFile, threat: ThreatEntry, meta: Pick<RuleMeta, 'factors'>, factors: readonly CompiledFactor[], applies: object | undefined) {
  const { factor } = makers({ threat: threat.id, facts: {}, factors: meta.factors });
  const failing = failure(source, threat.id);
  return (project: CelProject, _view: ProjectView): Factor[] => {
    // A rule that only adds factors is costed here; a deciding rule before it decides.
    if (!applies) checkCost(project, source, threat.id, factors);
    const found: Factor[] = [];
    for (const f of factors) {
      const tally = new FactorTally<string>(factor);
      const entries = f.each ? project.entries(f.each) : [undefined];
      entries.forEach((entry, i) => {
        const scope = variables(project, f.each, entry);
        if (f.when && !test(f.when, scope, failing, f.each, i)) return;
        const base: DataPath = f.each ? [f.each, i] : [];
        let undeclared: readonly Undeclared[] = declared;
        if (f.field) {
          const value = valueAt(entry ?? project.variables.project, f.field);
          if (value === undefined) undeclared = [{ path: [...base, ...f.field], safe: f.safeText }];
          else if (isSafe(f, value, scope, failing, f.each ? `${f.each}[${i}]` : undefined)) return;
        }
        tally.add(f.spec.code, [...base, ...f.at], argsOf(f.args, scope, failing, f.each, i), undeclared);
      });
      found.push(...tally.factors());
    }
    return found;
  };
}

/** Whether a declared field has its safe value: equal to `safe`, or meeting `safe.when`. */
function isSafe(f: CompiledFactor, value: unknown, scope: Record<string, unknown>, failing: Failing, entry: string | undefined): boolean {
  if (!f.safe) return false;
  if ('value' in f.safe) return value === f.safe.value;
  const { when } = f.safe;
  try {
    return when.expression.evaluate({ ...scope, value }) === true;
  } catch (error) {
    if (error instanceof ExpressionError) failing(when, error, entry);
    throw error;
  }
}

function valueAt(value: unknown, path: DataPath): unknown {
  let current = value;
  for (const step of path) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, step)) return undefined;
    current = (current as Record<string | number, unknown>)[step];
  }
  return current;
}

/**
 * Refuses, before it runs, a rule that could take more steps on this project than the limit: the
 * bound is each expression's cost on this project's sizes, times the entries it is evaluated for.
 */
function checkCost(project: CelProject, source: SourceFile, threat: string, parts: readonly { each?: EntryList; when?: Placed; args: Args }[]): void {
  let total = 0;
  let worst: { placed: Placed; steps: number } | undefined;
  for (const part of parts) {
    const times = part.each ? project.entries(part.each).length : 1;
    for (const placed of [...(part.when ? [part.when] : []), ...part.args.map(([, p]) => p)]) {
      const steps = times * placed.expression.cost(project);
      total += steps;
      if (!worst || steps > worst.steps) worst = { placed, steps };
    }
  }
  if (total <= expressionLimits.maxSteps || !worst) return;
  const where = expressionPosition(source, worst.placed.path, worst.placed.expression.text, 0);
  throw new RuleError([{
    file: source.file,
    ...where,
    code: 'rule-evaluation',
    message: `\`${worst.placed.path.join('.')}\` (${threat}) could take ${total.toExponential(1)} steps on this project, more than the limit of ${expressionLimits.maxSteps.toExponential(0)}; look entries up by id (\`environments[id]\`) instead of searching a list for each entry`,
  }]);
}

/** The fields a rule reads, for its documentation: those its expressions name and the fields its factors read. */
function readsOf(applies: { each?: EntryList; when?: Placed; fact: CompiledFact; otherwise: CompiledFact } | undefined, factors: readonly CompiledFactor[]): string[] {
  const reads = new Set<string>();
  const add = (placed: Placed | undefined) => placed?.expression.reads.forEach((r) => reads.add(r));
  if (applies) {
    add(applies.when);
    [...applies.fact.args, ...applies.otherwise.args].forEach(([, p]) => add(p));
  }
  for (const f of factors) {
    add(f.when);
    f.args.forEach(([, p]) => add(p));
    if (f.field && f.each) reads.add(`${f.each}[].${f.field.join('.')}`);
    else if (f.field) reads.add(f.field.join('.'));
  }
  return [...reads].sort();
}

/** A factor's `field` must be one the project schema defines for the entries it reads. */
function checkField(each: EntryList | undefined, field: readonly string[], path: DataPath, problem: (path: DataPath, message: string) => void): void {
  const text = `${each ? entryVariables[each] : 'project'}.${field.join('.')}`;
  try {
    compileExpression(`has(${text})`, 'condition', { each });
  } catch (error) {
    if (error instanceof ExpressionError) problem(path, error.message);
    else throw error;
  }
}
