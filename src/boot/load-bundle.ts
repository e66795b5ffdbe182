import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Script } from 'node:vm';

export interface LoadedBundle<T> {
  exports: T;
  script: Script;
  /** Whether V8 ran the bundle from the cached data it was given (it refuses data another V8 made). */
  cacheAccepted: boolean;
}

/**
 * Loads the CommonJS bundle of the CLI, from V8's cached compiled code when there is some. Compiling
 * the bundle's functions is most of what aithreat does on a small project; Node.js's own compile
 * cache (module.enableCompileCache) keeps only the code compiled before the module runs, which for
 * a bundle is little more than its outer function, so the CLI keeps its own (src/main.ts).
 * `require` is the one the bundle gets: one that resolves from the bundle's folder. The entry
 * passes its own, from the same folder, so that no run loads node:module for createRequire (it
 * brings Node's ES module loader: 2M instructions of a start on Node.js 22).
 */
export function loadBundle<T>(file: string, cachedData: Buffer | undefined, require: NodeJS.Require): LoadedBundle<T> {
  // The build emits ASCII only (and checks it), so latin1 reads the same text without UTF-8
  // decoding: a few milliseconds of every start for a 400 KB bundle.
  const source = readFileSync(file, 'latin1');
  const script = new Script(wrap(source), { filename: file, ...(cachedData ? { cachedData } : {}) });
  const module = { exports: {} as T };
  const init = script.runInThisContext() as (exports: T, require: NodeJS.Require, module: { exports: T }, filename: string, dirname: string) => void;
  init(module.exports, require, module, file, dirname(file));
  return { exports: module.exports, script, cacheAccepted: cachedData !== undefined && script.cachedDataRejected !== true };
}

/** The CommonJS module wrapper; the cache is only valid for exactly this text. */
export function wrap(source: string): string {
  return `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
}
