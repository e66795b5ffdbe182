import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompletionItem, Hover } from 'vscode-languageserver/node';
import { LspClient } from '../helpers/lsp-client.js';
import { hostileDir } from './helpers.js';

/**
 * The language server on what the CLI refuses: each text is opened as an editor would send it,
 * and gets the CLI's refusal as a diagnostic, bounded by the same limits; hover and completion on
 * it answer nothing, and the server goes on checking the next file. The test's own timeout is
 * the hang guard.
 */
const work = mkdtempSync(join(tmpdir(), 'aithreat-lsp-hostile-'));
let client: LspClient;
beforeAll(async () => {
  client = await LspClient.start(work);
});
afterAll(() => {
  client.kill();
  rmSync(work, { recursive: true, force: true });
});

const junk = (() => {
  // Deterministic bytes, NUL included, as an editor would show a binary file opened by mistake.
  let seed = 7;
  return Array.from({ length: 64 * 1024 }, () => String.fromCharCode((seed = (seed * 1103515245 + 12345) % 2 ** 31) % 256)).join('');
})();

const cases: { name: string; text: string; code: string; at?: string }[] = [
  { name: 'a file past the size limit (11 MiB)', text: `formatVersion: 1\n# ${'x'.repeat(11 * 1024 * 1024)}\n`, code: 'file-too-large', at: '1:1' },
  { name: '10,000 levels of flow nesting', text: `formatVersion: 1\nproject: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`, code: 'nesting-limit' },
  { name: '1,000 levels of block nesting', text: `formatVersion: 1\n${Array.from({ length: 1000 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n')} x\n`, code: 'nesting-limit' },
  { name: 'binary junk with NUL bytes', text: junk, code: 'binary-file' },
  { name: 'an alias bomb (billion laughs)', text: readFileSync(join(hostileDir, 'alias-bomb.yaml'), 'utf8'), code: 'alias-limit' },
  { name: 'a list past the collection limit', text: `formatVersion: 1\nproject: { name: x }\nsuppliers: [${Array.from({ length: 100_001 }, () => '1').join(',')}]\n`, code: 'collection-limit' },
  { name: 'a tag that would run code', text: 'formatVersion: 1\nproject: !!js/function "function () { return 1 }"\n', code: 'yaml-tag' },
];

describe('aithreat lsp on hostile input', { timeout: 60_000 }, () => {
  it.each(cases)('$name: one diagnostic with the refusal, no answer to hover or completion', async ({ name, text, code, at }) => {
    const file = join(work, `${name.replace(/\W+/g, '-')}.aithreat.yaml`);
    const diagnostics = await client.open(file, text);
    expect(diagnostics.map((d) => d.code)).toEqual([code]);
    if (at) expect(`${diagnostics[0]!.range.start.line + 1}:${diagnostics[0]!.range.start.character + 1}`).toBe(at);
    const position = { line: 1, character: 3 };
    if (code !== 'yaml-tag') {
      expect(await client.request<Hover | null>('textDocument/hover', file, position)).toBeNull();
      expect(await client.request<CompletionItem[]>('textDocument/completion', file, position)).toEqual([]);
    }
  });

  it('still checks the next file, and ends cleanly', async () => {
    const file = join(work, 'after.aithreat.yaml');
    const diagnostics = await client.open(file, 'formatVersion: 1\nproject: { nam: x }\n');
    expect(diagnostics.map((d) => d.message)).toEqual(['missing required key `name` in `project`', 'unknown key `nam` in `project`; did you mean `name`?']);
    expect(await client.stop()).toBe(0);
    expect(client.stderr).toBe('');
  });
});
