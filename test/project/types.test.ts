import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { projectTypesFile, projectTypesSource } from '../../scripts/project-types.js';

// The project's TypeScript types are generated from schemas/project.schema.json, never written
// by hand: this fails while src/project/schema-types.ts is older than the schema.
describe('src/project/schema-types.ts', () => {
  it('is what scripts/generate-types.ts makes from the schema today', async () => {
    expect(readFileSync(projectTypesFile, 'utf8'), 'run: npx tsx scripts/generate-types.ts').toBe(await projectTypesSource());
  });
});
