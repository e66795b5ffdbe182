import { readFileSync } from 'node:fs';

// Set by the build (esbuild `define`), so the shipped CLI never reads package.json to print it.
declare const AITHREAT_VERSION: string | undefined;

export function getVersion(): string {
  if (typeof AITHREAT_VERSION === 'string') return AITHREAT_VERSION;
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** The oldest Node.js aithreat runs on (package.json `engines`): `crypto.hash` came in 20.12. */
export const leastNode = { major: 20, minor: 12 };

/** Whether a Node.js version (`process.versions.node`, as `20.12.0`) is recent enough. */
export function nodeIsRecentEnough(version: string): boolean {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  return major > leastNode.major || (major === leastNode.major && minor >= leastNode.minor);
}
