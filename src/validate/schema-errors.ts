import type { ErrorObject } from 'ajv';
import { locate, pointerToPath } from '../load/locate.js';
import type { SourceFile } from '../load/source.js';
import type { Problem } from '../problem.js';
import { didYouMean } from './suggest.js';

type JsonSchema = Record<string, unknown>;

/** Turns ajv's errors into positioned problems, each phrased so a person can fix the file. */
export function schemaProblems(errors: readonly ErrorObject[], source: SourceFile, data: unknown, schema: JsonSchema): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    if (error.keyword === 'if' || error.keyword === 'propertyNames') continue;
    const problem = toProblem(error, source, data, schema);
    const key = `${problem.line}:${problem.column}:${problem.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      problems.push(problem);
    }
  }
  return problems;
}

function toProblem(error: ErrorObject, source: SourceFile, data: unknown, schema: JsonSchema): Problem {
  const path = pointerToPath(error.instancePath);
  const where = (target: 'key' | 'value', at = path) => ({ file: source.file, ...locate(source, at, target) });
  const params = error.params as Record<string, unknown>;
  const name = path.length > 0 ? `\`${path.join('.')}\`` : 'the file';
  if (error.propertyName !== undefined) {
    const allowed = (params.allowedValues as string[] | undefined) ?? [];
    return { ...where('key', [...path, error.propertyName]), code: 'unknown-key', message: `unknown control id \`${error.propertyName}\`${didYouMean(error.propertyName, allowed)}` };
  }
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const known = Object.keys((parentSchema(schema, error.schemaPath).properties as JsonSchema | undefined) ?? {});
      const hint = didYouMean(key, known) || (known.length > 0 ? `; allowed keys: ${known.join(', ')}` : '');
      return { ...where('key', [...path, key]), code: 'unknown-key', message: `unknown key \`${key}\` in ${name}${hint}` };
    }
    case 'required':
      return { ...where('value'), code: 'missing-key', message: `missing required key \`${String(params.missingProperty)}\` in ${name}${requiredReason(error)}` };
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String);
      const value = valueAt(data, path);
      return { ...where('value'), code: 'invalid-value', message: `${name} is ${quote(value)}; allowed values: ${allowed.join(', ')}${didYouMean(String(value), allowed)}` };
    }
    case 'const':
      return { ...where('value'), code: 'invalid-value', message: `${name} must be ${JSON.stringify(params.allowedValue)}` };
    case 'type':
      return { ...where('value'), code: 'invalid-value', message: `${name} must be ${article(String(params.type))}, not ${describe(valueAt(data, path))}` };
    case 'pattern':
      return { ...where('value'), code: 'invalid-value', message: `${name} is ${quote(valueAt(data, path))}; ${patternHint(path)}` };
    default:
      return { ...where('value'), code: 'schema', message: `${name} ${error.message ?? 'is invalid'}` };
  }
}

function requiredReason(error: ErrorObject): string {
  return error.schemaPath.includes('/then/') ? ' for this status' : '';
}

function patternHint(path: string[]): string {
  const last = path.at(-1);
  if (last === 'expires') return 'expected a date as YYYY-MM-DD';
  return "ids use lower-case letters, digits, '.', '_' and '-', start with a letter or digit, and have at most 64 characters";
}

/** The schema object that holds the failing keyword, found by its JSON pointer. */
function parentSchema(schema: JsonSchema, schemaPath: string): JsonSchema {
  let node: unknown = schema;
  for (const part of pointerToPath(schemaPath.replace(/^#/, '')).slice(0, -1)) {
    node = (node as JsonSchema | undefined)?.[part];
  }
  return (node as JsonSchema | undefined) ?? {};
}

function valueAt(data: unknown, path: string[]): unknown {
  let value = data;
  for (const part of path) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, part)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

function quote(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  return typeof value === 'string' ? `\`${value}\`` : JSON.stringify(value);
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${article(typeof value)} (${quote(value)})`;
}

function article(type: string): string {
  const words: Record<string, string> = { object: 'a mapping', array: 'a list', integer: 'a whole number', boolean: 'true or false', string: 'a string', number: 'a number' };
  return words[type] ?? type;
}
