import { Environment, type ASTNode } from '@marcbachmann/cel-js';
import { schemas } from '../schemas.js';
import { didYouMean } from '../validate/suggest.js';
import type { CelProject } from './cel-values.js';

/**
 * The expressions of an organisation's rules, in CEL (the Common Expression Language of
 * Kubernetes admission policies and Google's IAM conditions) through @marcbachmann/cel-js. CEL
 * has no loops, no assignment and no I/O: an expression only computes a value from the variables
 * it is given. What this module adds is the bound on what one may cost, and the checks a rule's
 * author needs before a project is ever read: syntax and types, a fixed set of functions, and field
 * names the project schema defines. See docs/org-rules.md.
 */

/** The lists of a project description a rule can walk, each with the name of its entry in CEL. */
export const entryVariables = {
  suppliers: 'supplier',
  environments: 'environment',
  datasets: 'dataset',
  models: 'model',
  training: 'activity',
  abilities: 'ability',
  assets: 'asset',
} as const;
export type EntryList = keyof typeof entryVariables;

/** Lists that are also given as maps from id to entry, so a rule looks an id up instead of searching. */
const lookups = ['suppliers', 'environments', 'datasets', 'models', 'abilities', 'assets'] as const;

/** Limits on one expression, checked when the rule is loaded. */
export const expressionLimits = {
  maxLength: 1000,
  maxAstNodes: 200,
  maxDepth: 24,
  /** Comprehensions (`exists`, `all`, `map`...) inside one another. */
  maxNesting: 2,
  /** Steps one rule may take on one project, estimated from its sizes before it runs. */
  maxSteps: 10_000_000,
} as const;

/**
 * The functions an expression may call. Every other function of CEL's library is refused, notably
 * `matches`: cel-js runs it as a JavaScript regular expression, which can take exponential time
 * on a string the project file supplies.
 */
const macros = new Set(['all', 'exists', 'exists_one', 'map', 'filter']);
const functions = new Set(['has', 'size', 'string', 'int', 'double', 'bool', 'startsWith', 'endsWith', 'contains', 'lowerAscii', 'upperAscii', 'trim']);

/** What an expression yields: a condition is true or false; a text fills a placeholder of a message. */
export type Yields = 'condition' | 'text';

export interface ExpressionScope {
  /** The list whose entries the expression reads, one at a time. */
  each?: EntryList;
  /** Whether `value` (the field a factor reads) is in scope. */
  value?: boolean;
}

export interface Expression {
  readonly text: string;
  /** The fields it reads, as `datasets[].origin`, for the rule's documentation. */
  readonly reads: readonly string[];
  /** Evaluates it; throws an ExpressionError with the offset in `text` of what failed. */
  evaluate(variables: Record<string, unknown>): boolean | string;
  /** An upper bound on the steps one evaluation takes on this project. */
  cost(project: CelProject): number;
}

/** Something wrong with an expression, at an offset into its text. */
export class ExpressionError extends Error {
  constructor(message: string, readonly offset: number) {
    super(message);
    this.name = 'ExpressionError';
  }
}

const environments = new Map<string, Environment>();

function environmentFor(scope: ExpressionScope): Environment {
  const key = `${scope.each ?? ''}:${scope.value ? 'value' : ''}`;
  let env = environments.get(key);
  if (!env) {
    const { maxAstNodes, maxDepth } = expressionLimits;
    env = new Environment({ limits: { maxAstNodes, maxDepth, maxListElements: 50, maxMapEntries: 50, maxCallArguments: 8 } });
    env.registerVariable('project', 'map');
    for (const name of lookups) env.registerVariable(name, 'map');
    if (scope.each) env.registerVariable(entryVariables[scope.each], 'map');
    if (scope.value) env.registerVariable('value', 'dyn');
    environments.set(key, env);
  }
  return env;
}

/** Parses, type-checks and inspects an expression; throws an ExpressionError when it may not run. */
export function compileExpression(text: string, yields: Yields, scope: ExpressionScope = {}): Expression {
  if (text.length > expressionLimits.maxLength) throw new ExpressionError(`is longer than ${expressionLimits.maxLength} characters`, 0);
  const env = environmentFor(scope);
  let parsed: ReturnType<Environment['parse']>;
  try {
    parsed = env.parse(text);
  } catch (error) {
    throw fromCel(error, 'syntax error');
  }
  const checked = parsed.check();
  if (!checked.valid) throw fromCel(checked.error, 'type error');
  const type = checked.type ?? 'dyn';
  if (yields === 'condition' && type !== 'bool' && type !== 'dyn') throw new ExpressionError(`must be true or false, but gives ${type}`, 0);
  if (yields === 'text' && !['string', 'int', 'double', 'bool', 'dyn'].includes(type)) throw new ExpressionError(`must give a text, a number or true or false, but gives ${type}`, 0);
  const shape = inspect(parsed.ast, scope);
  return {
    text,
    reads: shape.reads,
    cost: shape.cost,
    evaluate(variables) {
      let result: unknown;
      try {
        result = parsed(variables);
      } catch (error) {
        throw fromCel(error, 'failed');
      }
      if (yields === 'condition') {
        if (typeof result !== 'boolean') throw new ExpressionError(`must be true or false, but gave ${describeValue(result)}`, 0);
        return result;
      }
      if (typeof result === 'string') return result;
      if (typeof result === 'bigint' || typeof result === 'number' || typeof result === 'boolean') return String(result);
      throw new ExpressionError(`must give a text, a number or true or false, but gave ${describeValue(result)}`, 0);
    },
  };
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  return typeof value === 'bigint' ? 'a number' : `a ${typeof value}`;
}

/** A cel-js error as one line at its offset; its own message draws the expression, which we do not need. */
function fromCel(error: unknown, what: string): ExpressionError {
  const e = error as { summary?: string; message?: string; range?: { start: number } } | undefined;
  const summary = e?.summary ?? e?.message?.split('\n')[0] ?? String(error);
  return new ExpressionError(`${what}: ${summary.replace(/^No such key: /, 'no such key: ')}`, e?.range?.start ?? 0);
}

/**
 * Where a value comes from in the project description, as steps from the top: a field name, `[]`
 * for each element of a list, `*` for each value of a map. A lookup (`environments`, the map from
 * id to environment) has the steps of its list.
 */
interface Place {
  steps: readonly string[];
  lookup?: boolean;
}

interface Shape {
  reads: string[];
  cost: Cost;
}

type Cost = (project: CelProject) => number;

/** What the inspection knows of a node: what it costs, where its value comes from, and how long a list it can be. */
interface Seen {
  cost: Cost;
  place: Place | null;
  /** The most elements the value can have when it is a list or map. */
  size: Cost;
}

const one: Cost = () => 1;

/**
 * One pass over the syntax tree: refuses functions outside the set and fields the project schema
 * does not define, notes the fields read, and builds the cost bound. A comprehension costs its
 * range plus, for each element, its body; the number of elements is the most the list it walks has
 * in this project (`CelProject.largest`), and a list an expression builds is no longer than the
 * lists it is built from.
 */
function inspect(root: ASTNode, scope: ExpressionScope): Shape {
  const reads = new Set<string>();
  const bound = new Map<string, Place | null>([['project', { steps: [] }]]);
  for (const name of lookups) bound.set(name, { steps: [name], lookup: true });
  if (scope.each) bound.set(entryVariables[scope.each], { steps: [scope.each, '[]'] });
  if (scope.value) bound.set('value', null);
  const anyList: Cost = (p) => p.largestOverall();

  const visit = (node: ASTNode, names: ReadonlyMap<string, Place | null>, nesting: number): Seen => {
    const all = (nodes: readonly ASTNode[]) => nodes.map((n) => visit(n, names, nesting));
    const plain = (parts: Seen[], size: Cost = anyList): Seen => ({ cost: (p) => parts.reduce((total, part) => total + part.cost(p), 1), place: null, size });
    switch (node.op) {
      case 'value':
        return { cost: one, place: null, size: one };
      case 'id': {
        const place = names.get(node.args) ?? null;
        return { cost: one, place, size: place ? (p) => p.largest(place.steps) : anyList };
      }
      case '.':
      case '.?': {
        const [object, field] = node.args;
        const inner = visit(object, names, nesting);
        const place = inner.place && fieldOf(inner.place, field, node.end - field.length);
        if (place) reads.add(readable(place));
        return { cost: (p) => 1 + inner.cost(p), place, size: place ? (p) => p.largest(place.steps) : anyList };
      }
      case '[]':
      case '[?]': {
        const parts = all(node.args);
        const place = parts[0]!.place && elementOf(parts[0]!.place);
        if (place) reads.add(readable(place));
        return { ...plain(parts), place, size: place ? (p) => p.largest(place.steps) : anyList };
      }
      case 'call': {
        const [name, args] = node.args;
        if (!functions.has(name)) throw new ExpressionError(`the function ${name}() is not available to rules${refusedWhy(name)}`, node.start);
        return plain(all(args));
      }
      case 'rcall': {
        const [name, receiver, args] = node.args;
        if (!macros.has(name)) {
          if (!functions.has(name)) throw new ExpressionError(`the function ${name}() is not available to rules${refusedWhy(name)}`, node.start);
          return plain(all([receiver, ...args]));
        }
        if (nesting >= expressionLimits.maxNesting) {
          throw new ExpressionError(`comprehensions nest more than ${expressionLimits.maxNesting} deep; look an entry up by its id (\`environments[id]\`) instead of searching a list within a search`, node.start);
        }
        const range = visit(receiver, names, nesting);
        // all(x, p), map(x, t), map(x, p, t); on a map x is the key. all(i, v, p) binds an index or key, and a value.
        const twoVariables = name !== 'map' && args.length === 3;
        const variables = args.slice(0, twoVariables ? 2 : 1);
        const element = range.place && elementOf(range.place);
        const isMap = range.place !== null && (range.place.lookup === true || element?.steps.at(-1) === '*');
        const inner = new Map(names);
        variables.forEach((v, i) => {
          if (v.op === 'id') inner.set(v.args, (twoVariables ? i === 1 : !isMap) ? element : null);
        });
        const body = args.slice(variables.length).map((a) => visit(a, inner, nesting + 1));
        return {
          cost: (p) => range.cost(p) + range.size(p) * body.reduce((total, part) => total + part.cost(p), 1),
          place: name === 'filter' ? range.place : null,
          size: range.size,
        };
      }
      case 'list': {
        const parts = all(node.args);
        return plain(parts, (p) => parts.reduce((total, part) => total + part.size(p), 0) || 1);
      }
      case 'map':
        return plain(all(node.args.flat()), () => node.args.length);
      case '?:': {
        const parts = all(node.args);
        return plain(parts, (p) => Math.max(parts[1]!.size(p), parts[2]!.size(p)));
      }
      case '!_':
      case '-_':
        return plain(all([node.args]));
      case '+': {
        // Two lists joined are as long as both.
        const parts = all(node.args);
        return plain(parts, (p) => parts[0]!.size(p) + parts[1]!.size(p));
      }
      default:
        return plain(all(node.args as ASTNode[]));
    }
  };

  const top = visit(root, bound, 0);
  return { reads: [...reads].sort(), cost: top.cost };
}

function refusedWhy(name: string): string {
  if (name === 'matches') return ': a regular expression can take exponential time on a text the project supplies; use startsWith, endsWith or contains';
  return `; available: ${[...functions].filter((f) => f !== 'has').join(', ')}, has(), and the comprehensions ${[...macros].join(', ')}`;
}

// --- Places checked against the project schema ---

type JsonSchema = { $ref?: string; properties?: Record<string, JsonSchema>; items?: JsonSchema; additionalProperties?: boolean | JsonSchema };
const projectSchema = schemas.project as unknown as JsonSchema & { $defs: Record<string, JsonSchema> };

function resolve(schema: JsonSchema | undefined): JsonSchema | undefined {
  let node = schema;
  for (let i = 0; node?.$ref && i < 10; i++) node = projectSchema.$defs[node.$ref.replace('#/$defs/', '')];
  return node;
}

/** The schema of the values at a place, when the project schema says. */
function schemaOf(place: Place): JsonSchema | undefined {
  let node: JsonSchema | undefined = projectSchema;
  for (const step of place.steps) {
    node = resolve(node);
    if (!node) return undefined;
    if (step === '[]') node = node.items;
    else if (step === '*') node = typeof node.additionalProperties === 'object' ? node.additionalProperties : undefined;
    else node = node.properties?.[step];
  }
  return resolve(node);
}

/**
 * The place of `value.field`, or a refusal that names the fields there are: a misspelt field
 * would otherwise make `has()` false for ever. A lookup or a map without a fixed set of keys (the
 * project's `controls`) takes any key.
 */
function fieldOf(place: Place, field: string, offset: number): Place | null {
  if (place.lookup) return { steps: [...place.steps, '[]'] };
  const schema = schemaOf(place);
  if (!schema) return null;
  if (schema.properties) {
    if (Object.hasOwn(schema.properties, field)) return { steps: [...place.steps, field] };
    const known = Object.keys(schema.properties);
    const where = place.steps.length === 0 ? 'a project description' : `\`${readable(place)}\``;
    throw new ExpressionError(`${where} has no field \`${field}\`${didYouMean(field, known) || `; its fields: ${known.join(', ')}`}`, offset);
  }
  if (typeof schema.additionalProperties === 'object') return { steps: [...place.steps, '*'] };
  return null;
}

/** The place of an element of a list, or of a value of a map. */
function elementOf(place: Place): Place | null {
  if (place.lookup) return { steps: [...place.steps, '[]'] };
  const schema = schemaOf(place);
  if (schema?.items) return { steps: [...place.steps, '[]'] };
  if (schema && typeof schema.additionalProperties === 'object') return { steps: [...place.steps, '*'] };
  return null;
}

/** A place as the docs write a field: `datasets[].protection.integrityHashes`, `controls.<id>.status`. */
function readable(place: Place): string {
  return place.steps.map((s, i) => (s === '[]' ? '[]' : s === '*' ? '.<id>' : i === 0 ? s : `.${s}`)).join('');
}
