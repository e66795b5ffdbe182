import { copyFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodeAction, CompletionItem, Diagnostic, Hover, Location } from 'vscode-languageserver/node';
import { LspClient } from '../helpers/lsp-client.js';
import { repoRoot, runBuiltCli } from '../helpers/run-cli.js';

/**
 * `aithreat lsp` as an editor drives it: the built server over stdio, a real protocol client,
 * files opened and edited, and what comes back compared with what the CLI says of the same text.
 */
const asOf = '2026-06-01';
const fixture = join(repoRoot, 'test/fixtures/lsp/aithreat.yaml');
const original = readFileSync(fixture, 'utf8');
const work = mkdtempSync(join(tmpdir(), 'aithreat-lsp-'));
const file = join(work, 'aithreat.yaml');
let client: LspClient;

/** The CLI's lines for a text, as `file:line:column: message`, from a copy of it in the work folder. */
function cliProblems(text: string): string[] {
  const copy = join(work, 'cli-copy.yaml');
  writeFileSync(copy, text);
  const result = runBuiltCli(['validate', 'cli-copy.yaml'], { cwd: work });
  rmSync(copy);
  return result.stderr.split('\n').filter(Boolean).map((line) => line.replace(/^cli-copy\.yaml:/, ''));
}
const asLines = (diagnostics: Diagnostic[]) => diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.message}`);
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle));

beforeAll(async () => {
  copyFileSync(fixture, file);
  client = await LspClient.start(work, { asOf });
});
afterAll(async () => {
  client.kill();
  rmSync(work, { recursive: true, force: true });
});

describe('aithreat lsp', { timeout: 30_000 }, () => {
  it('publishes the assessment of a valid project where the report places it, each with its catalog link', async () => {
    const diagnostics = await client.open(file);
    const report = JSON.parse(runBuiltCli(['assess', 'aithreat.yaml', '--as-of', asOf, '--format', 'json'], { cwd: work }).stdout) as { projects: { counts: { requiredGaps: number; advisoryGaps: number }; openQuestions: unknown[]; gaps: { control: string; required: boolean; location: { line: number; column: number } }[] }[] };
    const project = report.projects[0]!;
    const errors = diagnostics.filter((d) => d.severity === 1);
    expect(errors.map((d) => `${d.code} ${d.range.start.line + 1}:${d.range.start.character + 1}`).sort()).toEqual(project.gaps.filter((g) => g.required).map((g) => `${g.control} ${g.location.line}:${g.location.column}`).sort());
    expect(diagnostics.filter((d) => d.severity === 3)).toHaveLength(project.counts.advisoryGaps);
    expect(diagnostics.filter((d) => d.severity === 4)).toHaveLength(project.openQuestions.length);
    const expired = diagnostics.find((d) => d.severity === 2)!;
    expect(expired).toMatchObject({ code: 'DEVDATAPROTECT', message: expect.stringContaining('expired on 2026-01-31'), codeDescription: { href: 'https://owaspai.org/go/devdataprotect/' } });
    expect(expired.range.start.line).toBe(lineOf(original, 'status: risk-accepted'));
    expect(diagnostics.every((d) => d.source === 'aithreat' && d.codeDescription?.href.startsWith('https://'))).toBe(true);
  });

  it('gives every problem validate reports, at the same positions with the same messages, as the file is edited', async () => {
    const broken = original.replace('storedIn: [ticket-store, training-cluster]', 'storedIn: [ticket-stor, training-cluster]').replace('  owner: Support ML\nenvironments', '  ownr: Support ML\nenvironments').replace('    area: training', '    area: trainin');
    const diagnostics = await client.change(file, broken);
    const expected = cliProblems(broken);
    expect(expected.length).toBe(3);
    expect(asLines(diagnostics)).toEqual(expected);
    // The range covers the word the message is about.
    const dangling = diagnostics.find((d) => d.code === 'dangling-reference')!;
    expect(broken.split('\n')[dangling.range.start.line]!.slice(dangling.range.start.character, dangling.range.end.character)).toBe('ticket-stor');
  });

  it('offers the suggested word as a quick fix, and the fixed text validates', async () => {
    const text = original.replace('storedIn: [ticket-store, training-cluster]', 'storedIn: [ticket-stor, training-cluster]');
    const diagnostics = await client.change(file, text);
    const dangling = diagnostics.find((d) => d.code === 'dangling-reference')!;
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', file, dangling.range.start, { range: dangling.range, context: { diagnostics: [dangling] } });
    expect(actions.map((a) => a.title)).toEqual(["Change to 'ticket-store'"]);
    const edit = Object.values(actions[0]!.edit!.changes!)[0]![0]!;
    const lines = text.split('\n');
    const line = lines[edit.range.start.line]!;
    lines[edit.range.start.line] = line.slice(0, edit.range.start.character) + edit.newText + line.slice(edit.range.end.character);
    expect(lines.join('\n')).toBe(original);
  });

  it('adds a missing required key with a placeholder', async () => {
    const text = original.replace('    purpose: training\n', '');
    const diagnostics = await client.change(file, text);
    const missing = diagnostics.find((d) => d.code === 'missing-key')!;
    expect(missing.message).toBe('missing required key `purpose` in `datasets.0`');
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', file, missing.range.start, { range: missing.range, context: { diagnostics: [missing] } });
    const edit = Object.values(actions[0]!.edit!.changes!)[0]![0]!;
    expect(actions[0]!.title).toBe("Add the required key 'purpose'");
    const lines = text.split('\n');
    const at = edit.range.start;
    lines[at.line] = lines[at.line]!.slice(0, at.character) + edit.newText + lines[at.line]!.slice(at.character);
    const fixed = lines.join('\n');
    expect(fixed).toContain('  - purpose: TODO\n    id: tickets\n');
    // The placeholder is no answer: the next check asks for one of the values allowed.
    expect(cliProblems(fixed)).toEqual([expect.stringMatching(/^18:14: `datasets\.0\.purpose` is `TODO`; allowed values: /)]);
  });

  it('hovers with the catalog summary of a control, the schema description of a key, and the facts of a line', async () => {
    await client.change(file, original);
    const control = await client.request<Hover>('textDocument/hover', file, { line: lineOf(original, 'DEVDATAPROTECT:'), character: 4 });
    expect(JSON.stringify(control.contents)).toContain('**DEVDATAPROTECT**: Development data protect');
    expect(JSON.stringify(control.contents)).toContain('https://owaspai.org/go/devdataprotect/');
    const key = await client.request<Hover>('textDocument/hover', file, { line: lineOf(original, 'hosting: cloud'), character: 6 });
    expect(JSON.stringify(key.contents)).toContain('**hosting**');
    const reference = await client.request<Hover>('textDocument/hover', file, { line: lineOf(original, 'environment: training-cluster'), character: 20 });
    expect(JSON.stringify(reference.contents)).toContain('environment `training-cluster`: Training cluster');
    const facts = await client.request<Hover>('textDocument/hover', file, { line: lineOf(original, 'purpose: training'), character: 14 });
    expect(JSON.stringify(facts.contents)).toMatch(/\*\*DATAPOISON\*\* \(high\): data set `tickets` is used for training/);
  });

  it('completes environment ids in a reference, enum values with their words, and control ids under controls', async () => {
    const text = original.replace('    storedIn: [training-cluster]\n', '    storedIn: []\n');
    await client.change(file, text);
    const line = lineOf(text, 'storedIn: []');
    const ids = await client.request<CompletionItem[]>('textDocument/completion', file, { line, character: text.split('\n')[line]!.indexOf('[') + 1 });
    expect(ids.map((i) => i.label)).toEqual(['training-cluster', 'ticket-store']);
    const hosting = await client.request<CompletionItem[]>('textDocument/completion', file, { line: lineOf(text, 'hosting: cloud'), character: 13 });
    expect(hosting.map((i) => i.label)).toContain('on-premises');
    const controls = original.replace('  DEVDATAPROTECT:', '  DEV\n  DEVDATAPROTECT:');
    await client.change(file, controls);
    const offered = await client.request<CompletionItem[]>('textDocument/completion', file, { line: lineOf(controls, '  DEV'), character: 5 });
    const labels = offered.map((i) => i.label);
    expect(labels).toContain('DEVSECURITY');
    expect(labels).not.toContain('DEVDATAPROTECT');
    expect(offered.find((i) => i.label === 'DEVSECURITY')!.detail).toBe('Development security');
  });

  it('goes from a reference to the entry it names', async () => {
    await client.change(file, original);
    const line = lineOf(original, 'environment: training-cluster');
    const found = await client.request<Location>('textDocument/definition', file, { line, character: original.split('\n')[line]!.indexOf('training-cluster') + 2 });
    expect(found.range.start).toEqual({ line: lineOf(original, 'id: training-cluster'), character: 8 });
  });

  it("reads the editor's settings: with failOn none, no gap is required", async () => {
    const other = await LspClient.start(work, { asOf }, { failOn: 'none' });
    try {
      // The settings are asked for once the server is initialized; the diagnostics after that use them.
      let diagnostics = await other.open(file, original);
      for (let i = 0; i < 20 && diagnostics.some((d) => d.severity === 1); i++) diagnostics = await other.change(file, original);
      expect(diagnostics.filter((d) => d.severity === 1)).toEqual([]);
      expect(diagnostics.filter((d) => d.severity === 3).length).toBeGreaterThan(6);
    } finally {
      other.kill();
    }
  });

  it('reads no file outside the workspace folder that a setting names', async () => {
    const other = await LspClient.start(work, { asOf, policy: '../elsewhere/policy.yaml' });
    try {
      const diagnostics = await other.open(file, original);
      expect(diagnostics).toEqual([expect.objectContaining({ code: 'not-assessed', message: expect.stringContaining('the setting aithreat.policy names `../elsewhere/policy.yaml`, outside the workspace folder') })]);
    } finally {
      other.kill();
    }
  });

  it('reads the configuration and the policy again when they change on disk, and assesses open projects with them', async () => {
    await client.change(file, original);
    writeFileSync(join(work, 'policy.yaml'), 'policyVersion: 1\nrequire:\n  - control: MODELENSEMBLE\n    reason: every model is an ensemble here\n');
    writeFileSync(join(work, '.aithreatrc.yaml'), 'configVersion: 1\npolicy: policy.yaml\n');
    try {
      const required = client.waitFor(file, (p) => p.diagnostics.some((d) => d.code === 'MODELENSEMBLE' && d.severity === 1), true);
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(join(work, '.aithreatrc.yaml')).href, type: 1 }] });
      const published = await required;
      expect(published.diagnostics.find((d) => d.code === 'MODELENSEMBLE')!.message).toContain('policy: every model is an ensemble here');
    } finally {
      rmSync(join(work, '.aithreatrc.yaml'));
      rmSync(join(work, 'policy.yaml'));
      // Without the policy, the control is advice again.
      const back = client.waitFor(file, (p) => p.diagnostics.some((d) => d.code === 'MODELENSEMBLE' && d.severity === 3), true);
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(join(work, '.aithreatrc.yaml')).href, type: 3 }] });
      await back;
    }
  });

  it('ends with exit code 0 after shutdown and exit, and has written no file', async () => {
    const before = readFileSync(file, 'utf8');
    const code = await client.stop();
    expect(code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(client.stderr).toBe('');
  });
});
