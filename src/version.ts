import { readFileSync } from 'node:fs';

// Set by the build (esbuild `define`), so the shipped CLI never reads package.json to print it.
declare const AITHREAT_VERSION: string | undefined;

export function getVersion(): string {
  if (typeof AITHREAT_VERSION === 'string') return AITHREAT_VERSION;
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}
