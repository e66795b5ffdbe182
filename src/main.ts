import { readFileSync, writeSync } from 'node:fs';
import type { Io } from './io.js';
import { getVersion, leastNode, nodeIsRecentEnough } from './version.js';

// Set by the build (esbuild `define`): a hash of dist/cli.cjs, which names the code caches made for it.
declare const AITHREAT_BUNDLE_ID: string;

// Entry point of the built CLI (dist/main.cjs). It stays small: `--version` is answered before the
// CLI bundle is read, and the bundle runs from V8's compiled code when a cache of it fits this
// Node.js. Start-up time is what users feel on every commit and in every editor save hook.
const argv = process.argv.slice(2);
if (!nodeIsRecentEnough(process.versions.node)) {
  // One clear line, rather than a stack trace from deep inside the first report that needs it.
  writeSync(2, `aithreat: needs Node.js ${leastNode.major}.${leastNode.minor} or later; this is ${process.version}\n`);
  process.exitCode = 2;
} else if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  writeSync(1, `${getVersion()}\n`);
} else {
  // esbuild inlines these modules and only initialises them here: no ES module loader is involved.
  void Promise.all([import('./boot/load-bundle.js'), import('./boot/code-cache.js')]).then(async ([{ loadBundle }, cache]) => {
    type Cli = { run: (argv: string[], io: Io) => Promise<number>; processIo: () => Io };
    // The cache this user's earlier runs made for this bundle and this V8, else the one the build
    // made, which fits only the Node.js version that built it (docs/performance.md).
    const dir = cache.cacheDirectory(process.env, process.platform);
    const name = cache.cacheFileName(AITHREAT_BUNDLE_ID);
    const own = dir === null ? null : cache.readCache(dir, name);
    // Node.js 22.1+ keeps the code of what require loads (dist/authoring.cjs, for init and import)
    // in its compile cache: here in the directory just found to be ours, not in a shared /tmp.
    // node:module loads only for those commands: it brings Node's ES module loader with it.
    if (own && cache.loadsAuthoringBundle(argv)) {
      (require('node:module') as { enableCompileCache?: (directory: string) => unknown }).enableCompileCache?.(`${dir}/node`);
    }
    const shipped = own ? undefined : readShippedCache(`${__dirname}/cli-${process.versions.v8}-${process.arch}.cache`);
    // This entry sits beside the bundle, so its require resolves what the bundle's would.
    const cli = loadBundle<Cli>(`${__dirname}/cli.cjs`, own?.data ?? shipped, require);
    const code = await cli.exports.run(argv, cli.exports.processIo());
    process.exitCode = code;
    // After the output is out: save the code this run compiled, when no cache held it yet.
    const kind = cache.runKind(argv);
    if (dir === null || kind === null || (code !== 0 && code !== 1)) return;
    if (own && cli.cacheAccepted) {
      if (!own.kinds.includes(kind) && own.kinds.length < cache.maxKinds) cache.writeCache(dir, name, { data: cli.script.createCachedData(), kinds: [...own.kinds, kind] });
    } else if (!(shipped && cli.cacheAccepted)) {
      cache.writeCache(dir, name, { data: cli.script.createCachedData(), kinds: [kind] });
    }
  });
}

function readShippedCache(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined; // Built by another Node.js, or not at all: the bundle still runs, only its start-up is slower.
  }
}
