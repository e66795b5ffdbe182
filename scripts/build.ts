/**
 * Builds the shipped CLI into dist/: the catalog and schemas stay readable source, and the build
 * turns them into their fast form. Schema validators become ajv standalone code (nothing compiles
 * at start-up), the catalog becomes a JSON snapshot (no YAML parsing at start-up), the schemas
 * text parsed when first needed, and esbuild
 * bundles the CLI as CommonJS with a V8 code cache, behind a small entry that answers --version alone.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import standalone from 'ajv/dist/standalone/index.js';
import { loadCatalogDirectory } from '../src/catalog/load.js';
import { schemas } from '../src/schemas.js';
import { createAjv, validatedSchemas } from '../src/validate/validators.js';
import { createOrgAjv } from '../src/org/validators.js';
import { orgSchemas } from '../src/org/org-schemas.js';
import { loadBundle } from '../src/boot/load-bundle.js';
import { wasmFiles } from '../src/discover/python/parser.js';
import { memoryIo, type Io } from '../src/io.js';
import { appendErrorsInPlace } from './ajv-append-errors.js';
import pkg from '../package.json' with { type: 'json' };

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const generated = join(root, 'build');

function writeValidators(): void {
  const ajv = createAjv({ standalone: true });
  // Only the schemas the CLI validates input with: the report schema documents output and would
  // add 110 KB of code to compile at every start.
  for (const name of validatedSchemas) ajv.addSchema(schemas[name]);
  const exports = Object.fromEntries(validatedSchemas.map((name) => [name, schemas[name].$id]));
  writeFileSync(join(generated, 'validators.standalone.js'), appendErrorsInPlace(standalone.default(ajv, exports)));
  writeFileSync(
    join(generated, 'validators.js'),
    [
      `import * as compiled from './validators.standalone.js';`,
      `export function getValidator(name) { const v = compiled[name]; if (!v) throw new Error('no validator for ' + name); return v; }`,
      `export function createAjv() { throw new Error('the built CLI has no schema compiler'); }`,
      '',
    ].join('\n'),
  );
}

/** The same for an organisation's catalog and rule files, in the bundle that reads them (dist/org.cjs). */
function writeOrgValidators(): void {
  const ajv = createOrgAjv({ standalone: true });
  for (const schema of Object.values(orgSchemas)) ajv.addSchema(schema);
  const exports = Object.fromEntries(Object.entries(orgSchemas).map(([name, schema]) => [name, schema.$id]));
  writeFileSync(join(generated, 'org-validators.standalone.js'), appendErrorsInPlace(standalone.default(ajv, exports)));
  writeFileSync(
    join(generated, 'org-validators.js'),
    [
      `import * as compiled from './org-validators.standalone.js';`,
      `export { orgSchemas } from ${JSON.stringify(join(root, 'src/org/org-schemas.ts'))};`,
      `export function orgValidator(name) { const v = compiled[name]; if (!v) throw new Error('no validator for ' + name); return v; }`,
      `export function createOrgAjv() { throw new Error('the built CLI has no schema compiler'); }`,
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

/**
 * The JSON Schemas as text, each parsed the first time it is asked for: the built CLI validates
 * with the standalone code, so a run needs a schema only to word a problem or to print it. As
 * object literals they cost 2M instructions of every start on Node.js 24 (callgrind).
 */
function writeSchemaTexts(): void {
  const getters = Object.entries(schemas).map(
    ([name, schema]) => `  get ${name}() { return (parsed.${name} ??= JSON.parse(${JSON.stringify(JSON.stringify(schema))})); },`,
  );
  writeFileSync(join(generated, 'schemas.js'), ['const parsed = {};', 'export const schemas = {', ...getters, '};', ''].join('\n'));
}

/**
 * The source modules that have a fast form, each with the generated module that replaces it in the
 * bundle, named here by their full path. Each source module says so in its comment
 * and keeps the generated module's exports; test/build/fast-form checks that both give the same
 * reports.
 */
const fastFormOf: Record<string, string> = {
  [join(root, 'src/validate/validators.ts')]: join(generated, 'validators.js'),
  [join(root, 'src/catalog/bundled.ts')]: join(generated, 'catalog.js'),
  [join(root, 'src/schemas.ts')]: join(generated, 'schemas.js'),
  [join(root, 'src/org/validators.ts')]: join(generated, 'org-validators.js'),
};

/** Loads the generated module in place of each source module in `fastFormOf`, whoever imports it. */
const fastForms: Plugin = {
  name: 'fast-forms',
  setup(b) {
    const paths = Object.keys(fastFormOf).map((path) => path.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&'));
    b.onLoad({ filter: new RegExp(`^(${paths.join('|')})$`) }, (args) => ({
      contents: `export * from ${JSON.stringify(fastFormOf[args.path])};\n`,
      loader: 'js',
      resolveDir: dirname(args.path),
    }));
  },
};

/**
 * In the CLI bundle, the authoring commands come from dist/authoring.cjs when they run: the yaml
 * library they write with is a third of the code, and other commands never need it.
 */
const authoringApart: Plugin = {
  name: 'authoring-apart',
  setup(b) {
    b.onResolve({ filter: /^\.\/commands\/(init|import)\.js$/ }, (args) => (args.importer.endsWith('cli-workflow.ts') ? { path: 'authoring', namespace: 'authoring-apart' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'authoring-apart' }, () => ({
      contents: `module.exports = require(['.', 'authoring.cjs'].join('/'));\n`,
      loader: 'js',
    }));
  },
};

/**
 * `discover` (and `assess --discover`) comes from dist/discover.cjs when it runs, with the
 * tree-sitter runtime and the Python grammar as .wasm files beside it: no other run reads them.
 */
const discoverApart: Plugin = {
  name: 'discover-apart',
  setup(b) {
    // The discover command, and `assess --discover` reading the repository through the same bundle.
    const fromCli = (importer: string) => importer.endsWith('cli-workflow.ts') || importer.endsWith(join('commands', 'assess.ts'));
    b.onResolve({ filter: /^\.\/(commands\/)?discover\.js$/ }, (args) => (fromCli(args.importer) ? { path: 'discover', namespace: 'discover-apart' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'discover-apart' }, () => ({
      contents: `module.exports = require(['.', 'discover.cjs'].join('/'));\n`,
      loader: 'js',
    }));
  },
};

/**
 * An organisation's catalogs and rules come from dist/org.cjs when a run names them
 * (src/assess/context.ts): the catalog loader, ajv's schema compiler and the CEL library are
 * nearly half the size of the CLI, and a run on the built-in catalog never needs them.
 */
const orgApart: Plugin = {
  name: 'org-apart',
  setup(b) {
    const importers = [join(root, 'src', 'assess', 'context.ts'), join(root, 'src', 'commands', 'schema.ts')];
    b.onResolve({ filter: /^\.\.\/org\/index\.js$/ }, (args) => (importers.includes(args.importer) ? { path: 'org', namespace: 'org-apart' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'org-apart' }, () => ({
      contents: `module.exports = require(['.', 'org.cjs'].join('/'));\n`,
      loader: 'js',
    }));
  },
};

/**
 * `aithreat lsp` comes from dist/lsp.cjs: the Language Server Protocol libraries, and the YAML
 * library that reads a file as it is being typed, load for the language server alone.
 */
const lspApart: Plugin = {
  name: 'lsp-apart',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/lsp\/index\.js$/ }, (args) => (args.importer === join(root, 'src', 'commands', 'lsp.ts') ? { path: 'lsp', namespace: 'lsp-apart' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'lsp-apart' }, () => ({
      contents: `module.exports = require(['.', 'lsp.cjs'].join('/'));\n`,
      loader: 'js',
    }));
  },
};

/** The .wasm files, each with its package's licence (both MIT) beside it. */
function copyWasm(): void {
  const require = createRequire(import.meta.url);
  for (const { file, module } of Object.values(wasmFiles)) {
    const source = require.resolve(module);
    copyFileSync(source, join(root, 'dist', file));
    copyFileSync(join(dirname(source), 'LICENSE'), join(root, 'dist', file.replace(/\.wasm$/, '.LICENSE.txt')));
  }
}

/** Bundles one entry point as CommonJS: loaded by require or by loadBundle, never by the ESM loader. */
async function bundle(entry: string, outfile: string, extraPlugins: Plugin[] = [], define: Record<string, string> = {}): Promise<void> {
  await build({
    entryPoints: [join(root, entry)],
    outfile: join(root, outfile),
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    // AITHREAT_BUILD_PROFILE=1 keeps identifiers, so that a --cpu-prof of the bundle names its functions.
    minifyWhitespace: true,
    minifySyntax: true,
    minifyIdentifiers: process.env.AITHREAT_BUILD_PROFILE !== '1',
    legalComments: 'linked',
    define: { AITHREAT_VERSION: JSON.stringify(pkg.version), 'import.meta.url': 'undefined', ...define },
    alias: {
      // jsonc-parser's main entry is a UMD module that requires its parts at run time; its ES build bundles.
      'jsonc-parser': join(root, 'node_modules/jsonc-parser/lib/esm/main.js'),
      // web-tree-sitter's ES build finds itself through import.meta.url, which a CommonJS bundle lacks.
      'web-tree-sitter': join(root, 'node_modules/web-tree-sitter/web-tree-sitter.cjs'),
    },
    plugins: [fastForms, lazyBuiltins, ...extraPlugins],
    logLevel: 'warning',
  });
}

/**
 * Runs the bundled CLI in this process on the examples, in every command and format, then saves
 * V8's compiled code for it. The next start reuses that code instead of compiling it again.
 */
async function writeCodeCache(): Promise<void> {
  const cliFile = join(root, 'dist/cli.cjs');
  // loadBundle reads the bundle as latin1, which is only the same text when it is ASCII.
  if (/[^\x00-\x7f]/.test(readFileSync(cliFile, 'latin1'))) throw new Error('dist/cli.cjs is not ASCII: loadBundle would misread it');
  const { exports, script } = loadBundle<{ run: (argv: string[], io: Io) => Promise<number> }>(cliFile, undefined, createRequire(cliFile));
  const examples = readdirSync(join(root, 'examples')).filter((f) => f.endsWith('.yaml')).map((f) => join('examples', f));
  const runs = [
    ['validate', ...examples],
    ...['table', 'markdown', 'json', 'sarif', 'junit'].map((format) => ['assess', ...examples, '--format', format, '--as-of', '2026-01-01']),
    ['catalog', 'list'],
    ['catalog', 'show', 'DATAPOISON'],
  ];
  for (const argv of runs) await exports.run(argv, memoryIo({ cwd: root }));
  // Named for this V8, so that another Node.js does not even read it: it would refuse it.
  writeFileSync(join(root, `dist/cli-${process.versions.v8}-${process.arch}.cache`), script.createCachedData());
}

/**
 * Built-in modules that cost milliseconds to load and are rarely used: commander requires
 * child_process (8 ms) for executable subcommands aithreat does not have, crypto (which loads
 * Node's streams) serves only SARIF fingerprints and temporary file names, and tty (which loads
 * net and streams) only a terminal on stdout (src/util/is-terminal.ts). In the bundle each
 * becomes a stand-in that loads the real module on first use. The stand-ins of crypto and tty name their
 * exports, since our ES module imports bind to names; commander's require needs only property access.
 */
const lazyExports: Record<string, string[] | null> = { child_process: null, crypto: ['hash', 'randomBytes'], tty: ['isatty'] };
const lazyBuiltins: Plugin = {
  name: 'lazy-builtins',
  setup(b) {
    b.onResolve({ filter: /^(node:)?(child_process|crypto|tty)$/ }, (args) => ({ path: args.path.replace(/^node:/, ''), namespace: 'lazy-builtin' }));
    b.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (args) => {
      const load = `let real; const load = () => (real ??= require(['node', ${JSON.stringify(args.path)}].join(':')));`;
      const names = lazyExports[args.path];
      const contents = names
        ? `${load}\n${names.map((name) => `export const ${name} = (...args) => load().${name}(...args);`).join('\n')}\n`
        : `${load}\nmodule.exports = new Proxy({}, { get: (_, key) => load()[key] });\n`;
      return { contents, loader: 'js' };
    });
  },
};

rmSync(join(root, 'dist'), { recursive: true, force: true });
rmSync(generated, { recursive: true, force: true });
mkdirSync(generated, { recursive: true });
writeValidators();
writeOrgValidators();
writeCatalogSnapshot();
writeSchemaTexts();
await bundle('src/cli.ts', 'dist/cli.cjs', [authoringApart, discoverApart, orgApart, lspApart]);
await bundle('src/authoring.ts', 'dist/authoring.cjs');
await bundle('src/commands/discover.ts', 'dist/discover.cjs');
await bundle('src/org/index.ts', 'dist/org.cjs');
await bundle('src/lsp/index.ts', 'dist/lsp.cjs', [orgApart]);
copyWasm();
// The entry names the code caches of this bundle by its content, so a cache never outlives it.
const bundleId = createHash('sha256').update(readFileSync(join(root, 'dist/cli.cjs'))).digest('hex').slice(0, 16);
await bundle('src/main.ts', 'dist/main.cjs', [], { AITHREAT_BUNDLE_ID: JSON.stringify(bundleId) });
await writeCodeCache();
console.log('built dist/');
