import { pointerToPath } from '../load/locate.js';

export type JsonSchema = Record<string, unknown>;

/**
 * The object schema that describes the value at a data path, found by walking the path through
 * the schema and its `$ref`s. (ajv's schemaPath is relative to the last `$ref`, so it cannot be
 * resolved against the root.)
 */
export function schemaAt(root: JsonSchema, path: string[]): JsonSchema | undefined {
  let node: JsonSchema | undefined = deref(root, root);
  for (const segment of path) {
    if (!node) return undefined;
    const properties = node.properties as Record<string, JsonSchema> | undefined;
    const next: JsonSchema | undefined = properties?.[segment] ?? (node.items as JsonSchema | undefined) ?? (typeof node.additionalProperties === 'object' ? (node.additionalProperties as JsonSchema) : undefined);
    node = next ? deref(root, next) : undefined;
  }
  return node;
}

export function deref(root: JsonSchema, node: JsonSchema): JsonSchema {
  let current = node;
  for (let hops = 0; typeof current.$ref === 'string' && current.$ref.startsWith('#/') && hops < 10; hops++) {
    let target: unknown = root;
    for (const part of pointerToPath(current.$ref.slice(1))) target = (target as JsonSchema | undefined)?.[part];
    if (!target || typeof target !== 'object') break;
    current = target as JsonSchema;
  }
  return current;
}

/**
 * What the schema says of the value at a data path: the words of the property itself (a property
 * with a `$ref` has its own description beside it), else those of what it refers to.
 */
export function descriptionAt(root: JsonSchema, path: readonly (string | number)[]): string | undefined {
  let node: JsonSchema | undefined = deref(root, root);
  let description = node.description as string | undefined;
  for (const step of path) {
    if (!node) return undefined;
    const segment = String(step);
    const properties = node.properties as Record<string, JsonSchema> | undefined;
    const next: JsonSchema | undefined = (typeof step === 'string' ? properties?.[segment] : undefined) ?? (typeof step === 'number' ? (node.items as JsonSchema | undefined) : undefined) ?? (typeof node.additionalProperties === 'object' ? (node.additionalProperties as JsonSchema) : undefined);
    if (!next) return undefined;
    node = deref(root, next);
    description = (next.description as string | undefined) ?? (node.description as string | undefined);
  }
  return description;
}
