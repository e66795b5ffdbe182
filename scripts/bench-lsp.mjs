// The language-server case of `npm run bench`: a scripted editor starts `aithreat lsp` over stdio,
// opens the largest example and types into it, one keystroke at a time, waiting each time for the
// diagnostics of that version. The latency of a change is from sending didChange to receiving
// those diagnostics: the debounce, the check and the assessment, and the protocol both ways.
// Imported by scripts/bench.mjs, which prints what `measure` returns.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import lsp from 'vscode-languageserver/node';
import { examples } from './bench-inputs.mjs';

const { createProtocolConnection, StreamMessageReader, StreamMessageWriter } = lsp;

/** No spawned cases: the server is measured from inside the client (see `measure`). */
export function cases() {
  return [];
}

/**
 * Types `edits` characters into a description of the largest example (a letter appended, then
 * removed, and so on), and returns the bench's rows: the median and 90th percentile of
 * change→diagnostics, against a target of 20 ms at the median, and the first open.
 */
export async function measure({ root, bin, node, quick }) {
  const { largest, largestName } = examples(root);
  const edits = quick ? 60 : 400;
  const child = spawn(node, [bin, 'lsp', '--stdio'], { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const waiting = new Map();
  connection.onNotification('textDocument/publishDiagnostics', (params) => {
    waiting.get(params.version)?.(params);
    waiting.delete(params.version);
  });
  connection.listen();
  const uri = pathToFileURL(largest).href;
  const published = (version) => new Promise((resolve) => waiting.set(version, resolve));
  try {
    await connection.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(root).href, workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'aithreat' }], capabilities: {}, initializationOptions: { asOf: '2026-11-25' } });
    await connection.sendNotification('initialized', {});
    const text = readFileSync(largest, 'utf8');
    const lines = text.split('\n');
    const line = lines.findIndex((l) => /^\s+name: /.test(l));
    const end = lines[line].length;
    let started = performance.now();
    const first = published(1);
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    const opened = await first;
    const openMs = performance.now() - started;
    const latencies = [];
    for (let version = 2; version < edits + 2; version++) {
      const adding = version % 2 === 0;
      const change = adding ? { range: { start: { line, character: end }, end: { line, character: end } }, text: 'x' } : { range: { start: { line, character: end }, end: { line, character: end + 1 } }, text: '' };
      const done = published(version);
      started = performance.now();
      await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
      await done;
      latencies.push(performance.now() - started);
    }
    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
    const median = quantile(latencies, 0.5);
    return [
      { name: `lsp: open ${largestName} (loads the context, checks, assesses; ${opened.diagnostics.length} diagnostics)`, ms: openMs },
      { name: `lsp: a keystroke in ${largestName} to its diagnostics, median of ${edits}`, ms: median, target: 20 },
      { name: `lsp: the same, 90th percentile`, ms: quantile(latencies, 0.9) },
    ];
  } finally {
    connection.dispose();
    child.kill();
  }
}

function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  return sorted[low] + (sorted[Math.min(low + 1, sorted.length - 1)] - sorted[low]) * (at - low);
}

export const benchModule = join('scripts', 'bench-lsp.mjs');
