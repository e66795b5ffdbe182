import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Script } from 'node:vm';

export interface LoadedBundle<T> {
  exports: T;
  script: Script;
  /** True when V8 refused the code cache (another Node.js version built it): it then compiles as usual. */
  cacheRejected: boolean;
}

/**
 * Loads the CommonJS bundle of the CLI through V8's code cache. Node.js 20 has no compile cache of
 * its own, and compiling the bundle's functions is most of what aithreat does on a small project;
 * the build runs the CLI once and saves the compiled code beside the bundle (scripts/build.ts).
 */
export function loadBundle<T>(file: string, cacheFile: string | null): LoadedBundle<T> {
  // The build emits ASCII only (and checks it), so latin1 reads the same text without UTF-8
  // decoding: a few milliseconds of every start for a 400 KB bundle.
  const source = readFileSync(file, 'latin1');
  let cachedData: Buffer | undefined;
  if (cacheFile) {
    try {
      cachedData = readFileSync(cacheFile);
    } catch {
      // No cache: the bundle still runs, only its start-up is slower.
    }
  }
  const script = new Script(wrap(source), { filename: file, ...(cachedData ? { cachedData } : {}) });
  const module = { exports: {} as T };
  const init = script.runInThisContext() as (exports: T, require: NodeJS.Require, module: { exports: T }, filename: string, dirname: string) => void;
  init(module.exports, createRequire(file), module, file, dirname(file));
  return { exports: module.exports, script, cacheRejected: cachedData !== undefined && script.cachedDataRejected === true };
}

/** The CommonJS module wrapper; the cache is only valid for exactly this text. */
export function wrap(source: string): string {
  return `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
}
