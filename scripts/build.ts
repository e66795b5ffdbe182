/**
 * Builds the shipped CLI into dist/: the catalog and schemas stay readable source, and the build
 * turns them into their fast form. Schema validators become ajv standalone code (nothing compiles
 * at start-up), the catalog becomes a JSON snapshot (no YAML parsing at start-up), and esbuild
 * bundles the CLI into a small entry chunk that loads the rest only when a command needs it.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import standalone from 'ajv/dist/standalone/index.js';
import { loadCatalogDirectory } from '../src/catalog/load.js';
import { schemas } from '../src/schemas.js';
import { createAjv } from '../src/validate/validators.js';
import pkg from '../package.json' with { type: 'json' };

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const generated = join(root, 'build');

function writeValidators(): void {
  const ajv = createAjv({ standalone: true });
  for (const schema of Object.values(schemas)) ajv.addSchema(schema);
  const exports = Object.fromEntries(Object.entries(schemas).map(([name, schema]) => [name, schema.$id]));
  writeFileSync(join(generated, 'validators.standalone.js'), standalone.default(ajv, exports));
  writeFileSync(
    join(generated, 'validators.js'),
    [
      `import * as compiled from './validators.standalone.js';`,
      `export function getValidator(name) { return compiled[name]; }`,
      `export function createAjv() { throw new Error('the built CLI has no schema compiler'); }`,
      '',
    ].join('\n'),
  );
}

function writeCatalogSnapshot(): void {
  const { catalog, problems } = loadCatalogDirectory(join(root, 'catalog'));
  if (problems.length > 0) {
    for (const p of problems) console.error(`${p.file}:${p.line}:${p.column}: ${p.message}`);
    throw new Error('the catalog is invalid; the build stops');
  }
  // JSON.parse of a string literal is faster for V8 than the same data as an object literal.
  const literal = JSON.stringify(JSON.stringify(catalog));
  writeFileSync(join(generated, 'catalog.js'), `const catalog = JSON.parse(${literal});\nexport function getCatalog() { return catalog; }\n`);
}

/** Points the source modules that have a fast form at their generated replacement. */
const fastForms: Plugin = {
  name: 'fast-forms',
  setup(b) {
    const replacements: Record<string, string> = {
      [join(root, 'src/validate/validators.ts')]: join(generated, 'validators.js'),
      [join(root, 'src/catalog/bundled.ts')]: join(generated, 'catalog.js'),
    };
    b.onResolve({ filter: /(validators|bundled)\.js$/ }, (args) => {
      const target = resolve(args.resolveDir, args.path).replace(/\.js$/, '.ts');
      const replacement = replacements[target];
      return replacement ? { path: replacement } : undefined;
    });
  },
};

rmSync(join(root, 'dist'), { recursive: true, force: true });
rmSync(generated, { recursive: true, force: true });
mkdirSync(generated, { recursive: true });
writeValidators();
writeCatalogSnapshot();
await build({
  entryPoints: [join(root, 'src/main.ts')],
  outdir: join(root, 'dist'),
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  legalComments: 'linked',
  define: { AITHREAT_VERSION: JSON.stringify(pkg.version) },
  // Bundled CommonJS dependencies (ajv, cli-table3) call require() for Node built-ins.
  banner: { js: `import { createRequire as __aithreatRequire } from 'node:module'; const require = __aithreatRequire(import.meta.url);` },
  plugins: [fastForms],
  logLevel: 'warning',
});
console.log('built dist/');
