import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import { schemas, type SchemaName } from '../schemas.js';

/**
 * Schema validators compiled from schemas/*.json when running from source. The build replaces this
 * module with ajv's standalone code generated from the same schemas, so the shipped CLI compiles
 * nothing at start-up (test/build/fast-form.test.ts checks the two agree).
 */
export interface SchemaValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

/** The schemas input is validated against; the build compiles exactly these. */
export const validatedSchemas = ['project', 'policy', 'config', 'baseline'] as const satisfies readonly SchemaName[];
export type ValidatedSchema = (typeof validatedSchemas)[number];

const compiled = new Map<SchemaName, SchemaValidator>();
let ajv: Ajv2020 | undefined;

export function getValidator(name: ValidatedSchema): SchemaValidator {
  let validator = compiled.get(name);
  if (!validator) {
    ajv ??= createAjv();
    validator = ajv.compile(schemas[name]) as SchemaValidator;
    compiled.set(name, validator);
  }
  return validator;
}

/** The one Ajv configuration, shared with the build's standalone generation. */
export function createAjv(options: { standalone?: boolean } = {}): Ajv2020 {
  return new Ajv2020({
    allErrors: true,
    strict: true,
    strictRequired: false,
    allowUnionTypes: true,
    ...(options.standalone ? { code: { source: true, esm: true, optimize: true } } : {}),
  });
}
