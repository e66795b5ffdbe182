import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { pointerToPath } from '../load/locate.js';
import { shorten } from '../util/clean-text.js';
import cyclonedxSubset from './cyclonedx.schema.json' with { type: 'json' };
import spdxSubset from './spdx.schema.json' with { type: 'json' };
import type { BomProblem, JsonPositions } from './json-source.js';

/** The subsets of each standard the mapping reads, as JSON Schemas kept beside the readers. */
const subsets = { cyclonedx: cyclonedxSubset, spdx: spdxSubset } as const;
export type Standard = keyof typeof subsets;

const compiled = new Map<Standard, ValidateFunction>();

/**
 * Checks the fields the mapping reads before the mapping reads them, so a value of the wrong type
 * is one line pointing at it rather than a guess or a crash. Only the first problem is reported:
 * a BOM is a machine's output, and one wrong shape usually repeats everywhere.
 */
export function checkShape(standard: Standard, value: unknown, positions: JsonPositions): BomProblem | null {
  let validate = compiled.get(standard);
  if (!validate) {
    // Compiled here, not by the build: the built CLI's shared validators are precompiled code with
    // no compiler, and an import is rare enough that a few milliseconds of compiling do not count.
    validate = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true }).compile(subsets[standard]);
    compiled.set(standard, validate);
  }
  if (validate(value)) return null;
  const error = firstInDocument(validate.errors ?? []);
  const path = pointerToPath(error.instancePath);
  return { ...positions.at(path), message: describe(error, path, valueAt(value, path)) };
}

/** The error whose path comes first in the document, ties broken by ajv's own order. */
function firstInDocument(errors: readonly ErrorObject[]): ErrorObject {
  // ajv reports in schema order; sorting by path keeps "components.0" before "components.10".
  const key = (e: ErrorObject) => pointerToPath(e.instancePath).map((s) => (/^\d+$/.test(s) ? s.padStart(10, '0') : s));
  return [...errors].sort((a, b) => {
    const [ka, kb] = [key(a), key(b)];
    for (let i = 0; i < Math.min(ka.length, kb.length); i++) if (ka[i] !== kb[i]) return ka[i]! < kb[i]! ? -1 : 1;
    return ka.length - kb.length;
  })[0]!;
}

function valueAt(value: unknown, path: readonly string[]): unknown {
  let node = value;
  for (const step of path) node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[step] : undefined;
  return node;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'number') return Number.isInteger(value) ? 'a whole number' : 'a number';
  return String(value);
}

function describe(error: ErrorObject, path: readonly string[], value: unknown): string {
  const name = path.length > 0 ? `\`${shorten(path.join('.'), 120)}\`` : 'the document';
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'type':
      return `${name} must be ${article(String(params.type))}, not ${kindOf(value)}`;
    case 'required':
      return `${name} has no \`${String(params.missingProperty)}\``;
    default:
      return `${name} ${error.message ?? 'has the wrong shape'}`;
  }
}

function article(type: string): string {
  const words: Record<string, string> = { object: 'an object', array: 'a list', string: 'a string', integer: 'a whole number', number: 'a number', boolean: 'true or false' };
  return type.split(',').map((t) => words[t] ?? t).join(' or ');
}
