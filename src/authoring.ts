// The commands that write project descriptions (init, import) need the yaml library to write
// commented YAML; the build bundles them apart (dist/authoring.cjs) so that every other run
// starts without reading that code.
export { initCommand } from './commands/init.js';
export { importBomCommand } from './commands/import.js';
