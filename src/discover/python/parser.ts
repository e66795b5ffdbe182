import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Language, LANGUAGE_VERSION, MIN_COMPATIBLE_VERSION, Parser } from 'web-tree-sitter';

/**
 * The Python parser: tree-sitter's WebAssembly runtime (web-tree-sitter) with the grammar that
 * tree-sitter-python publishes as a .wasm file. The built CLI ships both files in dist/ beside
 * dist/discover.cjs (scripts/build.ts copies them); from source they come from node_modules.
 */
export const wasmFiles = {
  runtime: { file: 'web-tree-sitter.wasm', module: 'web-tree-sitter/web-tree-sitter.wasm' },
  python: { file: 'tree-sitter-python.wasm', module: 'tree-sitter-python/tree-sitter-python.wasm' },
} as const;

function locate(which: keyof typeof wasmFiles): string {
  const { file, module } = wasmFiles[which];
  // In the bundle, __dirname is dist/; from source (tests), the packages resolve from here.
  if (typeof __dirname === 'string' && existsSync(join(__dirname, file))) return join(__dirname, file);
  return createRequire(import.meta.url).resolve(module);
}

let ready: Promise<Parser> | null = null;

/** One parser for the run, loaded on first use. Throws when the grammar's ABI does not fit the runtime. */
export function pythonParser(): Promise<Parser> {
  ready ??= (async () => {
    await Parser.init({ wasmBinary: readFileSync(locate('runtime')) } as object);
    const language = await Language.load(readFileSync(locate('python')));
    const abi = language.abiVersion;
    if (abi < MIN_COMPATIBLE_VERSION || abi > LANGUAGE_VERSION) {
      throw new Error(`the Python grammar has ABI ${abi}; web-tree-sitter reads ${MIN_COMPATIBLE_VERSION} to ${LANGUAGE_VERSION}`);
    }
    const parser = new Parser();
    parser.setLanguage(language);
    return parser;
  })();
  return ready;
}
