import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/run-cli.js';
import { asOf, binPath, tempDir } from './helpers.js';

/**
 * aithreat never reaches the network (SECURITY.md): every command runs to its end with every
 * networking entry point of Node.js replaced by one that reports the attempt (no-network.cjs).
 */
const work = tempDir('network');
afterAll(() => work.remove());
const preload = join(import.meta.dirname, 'no-network.cjs');
const run = (args: string[]) =>
  spawnSync(process.execPath, ['--require', preload, binPath(), ...args], { cwd: work.path, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' }, timeout: 60_000 });

describe('no command reaches the network', { timeout: 30_000 }, () => {
  const examples = `${join(repoRoot, 'examples')}/*.yaml`;
  it.each([
    ['validate', ['validate', examples]],
    ['assess, every format', ['assess', examples, '--as-of', asOf, '--format', 'table', '--format', 'markdown=r.md', '--format', 'json=r.json', '--format', 'sarif=r.sarif', '--format', 'junit=r.xml']],
    ['assess with a baseline', ['assess', examples, '--as-of', asOf, '--baseline', 'r.json', '--format', 'sarif']],
    ['diff', ['diff', 'r.json', 'r.json']],
    ['import cyclonedx', ['import', 'cyclonedx', join(repoRoot, 'test/fixtures/cyclonedx/fine-tuned-llm.cdx.json')]],
    ['discover', ['discover', join(repoRoot, 'test/fixtures/discover/ml-repo'), '--format', 'json']],
    ['assess --discover, every format', ['assess', join(repoRoot, 'test/fixtures/discover/drift/aithreat.yaml'), '--discover', join(repoRoot, 'test/fixtures/discover/ml-repo'), '--as-of', asOf, '--format', 'table', '--format', 'sarif=d.sarif', '--format', 'json=d.json', '--format', 'junit=d.xml', '--format', 'markdown=d.md']],
    ['init', ['init', 'new.yaml']],
    ['catalog', ['catalog', 'show', 'datapoison']],
    ['schema', ['schema', 'report']],
  ])('%s', (_name, args) => {
    const result = run(args);
    expect(result.stderr).not.toMatch(/network attempt/);
    expect([0, 1], result.stderr).toContain(result.status);
  });
});

describe('the language server reaches no network', { timeout: 30_000 }, () => {
  it('lsp: initialize, open an example, shutdown, exit', () => {
    const example = join(repoRoot, 'examples', 'fraud-detection.yaml');
    const messages = [
      { jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: pathToFileURL(work.path).href, capabilities: {} } },
      { jsonrpc: '2.0', method: 'initialized', params: {} },
      { jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: pathToFileURL(example).href, languageId: 'yaml', version: 1, text: readFileSync(example, 'utf8') } } },
      { jsonrpc: '2.0', id: 2, method: 'textDocument/hover', params: { textDocument: { uri: pathToFileURL(example).href }, position: { line: 20, character: 3 } } },
      { jsonrpc: '2.0', id: 3, method: 'shutdown' },
    ];
    const frame = (m: unknown) => {
      const body = JSON.stringify(m);
      return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
    };
    // The server reads until its input ends; `exit` after a pause lets it answer what came before.
    const script = `process.stdout.write(${JSON.stringify(messages.map(frame).join(''))}); setTimeout(() => process.stdout.write(${JSON.stringify(frame({ jsonrpc: '2.0', method: 'exit' }))}), 3000);`;
    const result = spawnSync('/bin/sh', ['-c', `"${process.execPath}" -e '${script.replace(/'/g, "'\\''")}' | "${process.execPath}" --require "${preload}" "${binPath()}" lsp --stdio`], { cwd: work.path, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' }, timeout: 20_000 });
    expect(result.stderr).not.toMatch(/network attempt/);
    expect(result.stdout).toContain('"method":"textDocument/publishDiagnostics"');
    expect(result.stdout).toContain('"id":3');
    expect(result.status).toBe(0);
  });
});

