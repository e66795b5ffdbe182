import { createRequire } from 'node:module';
import { Ajv2020 } from 'ajv/dist/2020.js';
import standalone from 'ajv/dist/standalone/index.js';
import { describe, expect, it } from 'vitest';
import { appendErrorsInPlace } from '../../scripts/ajv-append-errors.js';

// The build patches ajv's standalone code so that merging the errors of a referenced definition
// appends instead of copying (scripts/ajv-append-errors.ts). The patched validator must report
// exactly what the original does.
const schema = {
  $id: 'test',
  type: 'object',
  properties: { items: { type: 'array', items: { $ref: '#/$defs/item' } }, nested: { $ref: '#/$defs/list' } },
  $defs: {
    item: { type: 'object', required: ['id', 'kind'], properties: { id: { type: 'string' }, kind: { enum: ['a', 'b'] } }, additionalProperties: false },
    list: { type: 'array', items: { type: 'object', required: ['x', 'y'] } },
  },
};

type Validate = ((data: unknown) => boolean) & { errors?: unknown[] | null };

function compile(code: string): Validate {
  const module = { exports: {} as Record<string, Validate> };
  new Function('module', 'exports', 'require', code)(module, module.exports, createRequire(import.meta.url));
  return module.exports.validate!;
}

describe('the build’s patch of ajv’s standalone code', () => {
  // As the build's (src/validate/validators.ts createAjv), with code in CommonJS to run here; not
  // inlining references makes the merges the patch is about.
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, inlineRefs: false, code: { source: true, optimize: true } });
  ajv.addSchema(schema);
  const original = standalone.default(ajv, { validate: 'test' });
  const patched = appendErrorsInPlace(original);

  it('replaces every copying merge', () => {
    expect(patched).not.toEqual(original);
    expect(patched).not.toMatch(/vErrors\.concat\(/);
  });

  it('reports the same errors as the original validator', () => {
    const data = { items: [{ id: 1, kind: 'c', extra: true }, {}, { id: 'ok', kind: 'a' }], nested: [{}, { x: 1 }] };
    const before = compile(original);
    const after = compile(patched);
    expect(after(data)).toBe(before(data));
    expect(after.errors).toEqual(before.errors);
    expect(after.errors?.length).toBe(8);
  });

  it('merges more errors than a spread could pass, after earlier ones', () => {
    // `push(...errors)` overflowed the stack here: a hostile project made validate fail with an
    // internal error instead of its problems.
    const after = compile(patched);
    expect(after({ items: [{}], nested: Array.from({ length: 100_000 }, () => ({})) })).toBe(false);
    expect(after.errors?.length).toBe(200_002);
  });

  it('stops the build when ajv’s code no longer has the shape it patches', () => {
    expect(() => appendErrorsInPlace('const x = 1;')).toThrow('ajv standalone code changed shape');
  });
});
