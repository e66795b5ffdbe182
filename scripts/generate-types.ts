/**
 * Writes src/project/schema-types.ts, the TypeScript types of the project description, from
 * schemas/project.schema.json, so the shapes the rules read are never written by hand a second
 * time. `npx tsx scripts/generate-types.ts` after a change to the schema; a test fails while the
 * committed file is stale.
 */
import { writeFileSync } from 'node:fs';
import { projectTypesSource, projectTypesFile } from './project-types.js';

writeFileSync(projectTypesFile, await projectTypesSource());
console.log(`wrote ${projectTypesFile}`);
