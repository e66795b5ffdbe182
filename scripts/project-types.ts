import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile, type JSONSchema } from 'json-schema-to-typescript';
import projectSchema from '../schemas/project.schema.json' with { type: 'json' };

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const projectTypesFile = join(root, 'src/project/schema-types.ts');

/** The generated module's text: the same schema always gives the same bytes. */
export async function projectTypesSource(): Promise<string> {
  const body = await compile(projectSchema as JSONSchema, 'Project', {
    bannerComment: '',
    additionalProperties: false,
    ignoreMinAndMaxItems: true,
    unreachableDefinitions: false,
    format: false,
    strictIndexSignatures: false,
  });
  return `/* Generated from schemas/project.schema.json by scripts/generate-types.ts: do not edit. */\n/* eslint-disable */\n${body}`;
}
