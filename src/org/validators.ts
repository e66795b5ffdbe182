import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { orgSchemas, type OrgSchemaName } from './org-schemas.js';

export { orgSchemas, type OrgSchemaName } from './org-schemas.js';

/**
 * The validators of an organisation's files: catalog entries (schemas/catalog.schema.json) and
 * rules (schemas/rule.schema.json), compiled when first asked for when running from source. The
 * build replaces this module with ajv's standalone code generated from the same schemas
 * (scripts/build.ts), so an organisation's run compiles nothing: compiling both took 200 ms of
 * its 400 ms (a --cpu-prof of `assess` in examples/org).
 */
const compiled = new Map<OrgSchemaName, ValidateFunction>();

export function orgValidator(name: OrgSchemaName): ValidateFunction {
  let validator = compiled.get(name);
  if (!validator) compiled.set(name, (validator = createOrgAjv().compile(orgSchemas[name])));
  return validator;
}

/** The one Ajv configuration of these schemas, shared with the build's standalone generation. */
export function createOrgAjv(options: { standalone?: boolean } = {}): Ajv2020 {
  return new Ajv2020({
    allErrors: true,
    discriminator: true,
    strict: true,
    strictRequired: false,
    allowUnionTypes: true,
    ...(options.standalone ? { code: { source: true, esm: true, optimize: true } } : {}),
  });
}
