import type { ErrorObject } from 'ajv';
import { locate, pointerToPath } from '../load/locate.js';
import type { SourceFile } from '../load/source.js';
import type { Problem } from '../problem.js';
import { shorten } from '../util/clean-text.js';
import { schemaAt, type JsonSchema } from './schema-at.js';
import { didYouMean } from './suggest.js';

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
  const name = path.length > 0 ? `\`${shorten(path.join('.'), 120)}\`` : 'the file';
  if (error.propertyName !== undefined) {
    const allowed = (params.allowedValues as string[] | undefined) ?? [];
    return { ...where('key', [...path, error.propertyName]), code: 'unknown-key', message: `unknown control id \`${error.propertyName}\`${didYouMean(error.propertyName, allowed)}` };
  }
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const known = Object.keys((schemaAt(schema, path)?.properties as JsonSchema | undefined) ?? {});
      const hint = (key.length <= 80 ? didYouMean(key, known) : '') || (known.length > 0 ? `; allowed keys: ${known.join(', ')}` : '');
      return { ...where('key', [...path, key]), code: 'unknown-key', message: `unknown key \`${shorten(key)}\` in ${name}${hint}` };
    }
    case 'required':
      return { ...where('value'), code: 'missing-key', message: `missing required key \`${String(params.missingProperty)}\` in ${name}${requiredReason(error, valueAt(data, path))}` };
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String);
      const value = valueAt(data, path);
      return { ...where('value'), code: 'invalid-value', message: `${name} is ${quote(value)}; allowed values: ${allowed.join(', ')}${didYouMean(String(value), allowed)}` };
    }
    case 'const': {
      const value = valueAt(data, path);
      const hint = typeof value === 'string' && value === String(params.allowedValue) ? ` (the number, not the string ${JSON.stringify(value)})` : '';
      return { ...where('value'), code: 'invalid-value', message: `${name} must be ${JSON.stringify(params.allowedValue)}${hint}` };
    }
    case 'minLength':
      return { ...where('value'), code: 'invalid-value', message: `${name} must not be empty` };
    case 'maxLength':
      return { ...where('value'), code: 'invalid-value', message: `${name} is longer than ${String(params.limit)} characters` };
    case 'minItems':
      return { ...where('value'), code: 'invalid-value', message: `${name} must list at least ${String(params.limit)} item(s)` };
    case 'maxItems':
      return { ...where('value'), code: 'invalid-value', message: `${name} lists more than ${String(params.limit)} items` };
    case 'uniqueItems':
      return { ...where('value', [...path, String(params.i)]), code: 'invalid-value', message: `${name} lists ${quote(valueAt(data, [...path, String(params.i)]))} twice` };
    case 'minimum':
      return { ...where('value'), code: 'invalid-value', message: `${name} must be at least ${String(params.limit)}` };
    case 'type':
      return { ...where('value'), code: 'invalid-value', message: `${name} must be ${article(String(params.type))}, not ${describe(valueAt(data, path))}` };
    case 'pattern':
      return { ...where('value'), code: 'invalid-value', message: `${name} is ${quote(valueAt(data, path))}; ${patternHint(path)}` };
    default:
      return { ...where('value'), code: 'schema', message: `${name} ${error.message ?? 'is invalid'}` };
  }
}

/** Why a key is required only sometimes: a control's status, or a model entry's kind (an adapter needs its base model). */
function requiredReason(error: ErrorObject, entry: unknown): string {
  if (!error.schemaPath.includes('/then/')) return '';
  const kind = entry !== null && typeof entry === 'object' ? (entry as Record<string, unknown>).kind : undefined;
  return typeof kind === 'string' ? ` for kind ${quote(kind)}` : ' for this status';
}

function patternHint(path: string[]): string {
  const last = path.at(-1);
  if (last === 'expires') return 'expected a date as YYYY-MM-DD';
  if (path.at(-2) === 'formats') return 'expected a format name (table, markdown, json, sarif, junit), optionally followed by =FILE';
  if (last === 'control' || last === 'when' || last === 'threat' || path.at(-2) === 'controls' || path[0] === 'forbidRiskAcceptance') return 'catalog ids are upper-case letters and digits, such as DEVDATAPROTECT';
  // The paths and links of an organisation's rule (schemas/rule.schema.json).
  if (last === 'at' || last === 'field') return 'expected a dotted path of field names and indexes, such as `protection.integrityHashes` or `storedIn.0`';
  if (last === 'docs') return 'expected an https link without white space, quotes, brackets or parentheses';
  if (last === 'code') return "codes use lower-case letters and digits in words joined by '-', such as `personal-data-sent`";
  return "ids use lower-case letters, digits, '.', '_' and '-', start with a letter or digit, and have at most 64 characters";
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
  if (typeof value === 'number' && !Number.isFinite(value)) return `\`${nonFinite(value)}\``;
  return typeof value === 'string' ? `\`${shorten(value)}\`` : shorten(JSON.stringify(value) ?? String(value));
}

/** YAML's spelling of a number JSON cannot write (JSON.stringify makes each of them `null`). */
function nonFinite(value: number): string {
  return Number.isNaN(value) ? '.nan' : value > 0 ? '.inf' : '-.inf';
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (typeof value === 'number' && !Number.isFinite(value)) {
    return `${Number.isNaN(value) ? 'not a number' : value > 0 ? 'infinity' : 'minus infinity'} (${quote(value)})`;
  }
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${article(typeof value)} (${quote(value)})`;
}

function article(type: string): string {
  const words: Record<string, string> = { object: 'a mapping', array: 'a list', integer: 'a whole number', boolean: 'true or false', string: 'a string', number: 'a number' };
  return words[type] ?? type;
}
