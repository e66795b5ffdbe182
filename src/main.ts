import { writeSync } from 'node:fs';
import { processIo } from './io.js';
import { getVersion } from './version.js';

// Entry point of the built CLI. `--version` is answered before the rest of the CLI is loaded: start-up
// time is what users feel on every commit and in every editor save hook.
const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  writeSync(1, `${getVersion()}\n`);
} else {
  const { run } = await import('./cli.js');
  process.exitCode = await run(argv, processIo());
}
