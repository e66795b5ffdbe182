import { startLanguageServer } from './server.js';

export { startLanguageServer } from './server.js';

/**
 * The bundle's entry (dist/lsp.cjs), loaded by `aithreat lsp` only: the protocol libraries stay out
 * of every other command's start-up. Resolves when the editor closes the connection, which ends
 * the process (with 0 after `shutdown`, as the protocol asks, else 1).
 */
export function runLanguageServer(): Promise<number> {
  // An error of the server's own, outside any request, is logged and the server goes on: one
  // hostile file must not take the editor's checks down for every other file.
  process.on('uncaughtException', (error) => process.stderr.write(`aithreat lsp: ${error.message}\n`));
  const connection = startLanguageServer(process.stdin, process.stdout);
  return new Promise((resolve) => connection.onExit(() => resolve(0)));
}
