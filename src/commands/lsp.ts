/**
 * `aithreat lsp`: the language server, from dist/lsp.cjs (the protocol libraries and the YAML
 * library it reads unfinished files with load for this command only). It talks over standard
 * input and output until the editor ends it.
 */
export async function lspCommand(): Promise<number> {
  const { runLanguageServer } = await import('../lsp/index.js');
  return runLanguageServer();
}
