import { describe, expect, it } from 'vitest';
import catalogSchema from '../../schemas/catalog.schema.json' with { type: 'json' };

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every [path, schema] under a `properties` keyword, however deep. */
function properties(node: Json, path = '#'): [string, Json][] {
  if (node === null || typeof node !== 'object') return [];
  if (Array.isArray(node)) return node.flatMap((item, i) => properties(item, `${path}/${i}`));
  const own = node.properties && typeof node.properties === 'object' && !Array.isArray(node.properties)
    ? Object.entries(node.properties).map(([key, value]): [string, Json] => [`${path}/properties/${key}`, value])
    : [];
  return [...own, ...Object.entries(node).flatMap(([key, value]) => properties(value, `${path}/${key}`))];
}

describe('schemas/catalog.schema.json', () => {
  it('is draft 2020-12 with the agreed $id', () => {
    expect(catalogSchema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(catalogSchema.$id).toBe('https://aithreat.dev/schemas/catalog/v1.json');
  });

  it('describes every property', () => {
    const undescribed = properties(catalogSchema as unknown as Json).filter(([, schema]) => typeof (schema as { description?: unknown }).description !== 'string');
    expect(undescribed.map(([path]) => path)).toEqual([]);
  });

  it('closes every entry kind to unknown properties', () => {
    expect(catalogSchema.$defs.section.additionalProperties).toBe(false);
    expect(catalogSchema.$defs.threat.additionalProperties).toBe(false);
    expect(catalogSchema.$defs.control.additionalProperties).toBe(false);
  });

  it('requires a level of coverage of no standard mapping, since sources often state none', () => {
    expect(catalogSchema.$defs.standardMapping.required).not.toContain('coverage');
  });
});
