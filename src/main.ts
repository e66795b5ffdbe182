import { writeSync } from 'node:fs';
import type { Io } from './io.js';
import { getVersion, leastNode, nodeIsRecentEnough } from './version.js';

// Entry point of the built CLI (dist/main.cjs). It stays small: `--version` is answered before the
// CLI bundle is read, and the bundle comes with its V8 code cache. Start-up time is what users feel
// on every commit and in every editor save hook.
const argv = process.argv.slice(2);
if (!nodeIsRecentEnough(process.versions.node)) {
  // One clear line, rather than a stack trace from deep inside the first report that needs it.
  writeSync(2, `aithreat: needs Node.js ${leastNode.major}.${leastNode.minor} or later; this is ${process.version}\n`);
  process.exitCode = 2;
} else if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  writeSync(1, `${getVersion()}\n`);
} else {
  // esbuild inlines this module and only initialises it here: no ES module loader is involved.
  void import('./boot/load-bundle.js').then(async ({ loadBundle }) => {
    const cli = loadBundle<{ run: (argv: string[], io: Io) => Promise<number>; processIo: () => Io }>(`${__dirname}/cli.cjs`, `${__dirname}/cli.cache`);
    process.exitCode = await cli.exports.run(argv, cli.exports.processIo());
  });
}
