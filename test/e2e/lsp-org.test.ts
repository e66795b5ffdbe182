import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Diagnostic, Hover } from 'vscode-languageserver/node';
import { LspClient } from '../helpers/lsp-client.js';
import { repoRoot, runBuiltCli } from '../helpers/run-cli.js';

/**
 * The server in a folder whose .aithreatrc.yaml names an organisation's catalog, rules and policy
 * (examples/org): its control ids are known, its rules fire, and the policy and the configuration
 * get their own schema diagnostics as they are typed.
 */
const asOf = '2026-06-01';
const work = mkdtempSync(join(tmpdir(), 'aithreat-lsp-org-'));
cpSync(join(repoRoot, 'examples/org'), work, { recursive: true });
const project = join(work, 'project.yaml');
const text = readFileSync(project, 'utf8');
const lineOf = (needle: string, source = text) => source.split('\n').findIndex((l) => l.includes(needle));
const clients: LspClient[] = [];
afterAll(() => {
  for (const c of clients) c.kill();
  rmSync(work, { recursive: true, force: true });
});
const start = async (folder: string) => {
  const client = await LspClient.start(folder, { asOf });
  clients.push(client);
  return client;
};

describe('aithreat lsp with an organisation catalog, rules and policy', { timeout: 30_000 }, () => {
  it("knows the organisation's control ids, fires its rules, and places its gaps as assess does", async () => {
    const client = await start(work);
    const diagnostics = await client.open(project);
    expect(diagnostics.filter((d) => d.code === 'unknown-key')).toEqual([]);
    const sarif = JSON.parse(runBuiltCli(['assess', 'project.yaml', '--as-of', asOf, '--format', 'sarif'], { cwd: work }).stdout) as { runs: { results: { properties: { control: string }; locations: { physicalLocation: { region: { startLine: number; startColumn: number } } }[] }[] }[] };
    const required = sarif.runs[0]!.results.map((r) => `${r.properties.control} ${r.locations[0]!.physicalLocation.region.startLine}:${r.locations[0]!.physicalLocation.region.startColumn}`).sort();
    expect(diagnostics.filter((d: Diagnostic) => d.severity === 1).map((d) => `${d.code} ${d.range.start.line + 1}:${d.range.start.character + 1}`).sort()).toEqual(required);
    expect(required.some((r) => r.startsWith('ACMELABELAUDIT '))).toBe(true);
    // The organisation's rule adds its factor to DATAPOISON, on the line of the labeller.
    const hover = await client.request<Hover>('textDocument/hover', project, { line: lineOf('{ supplier: label-house, role: labels }'), character: 10 });
    expect(JSON.stringify(hover.contents)).toContain('labels `triage-labels` come from `label-house` without a record of who labelled what');
    const control = await client.request<Hover>('textDocument/hover', project, { line: lineOf('ACMEVENDORREVIEW:'), character: 4 });
    expect(JSON.stringify(control.contents)).toContain("organisation's catalog");
    await client.stop();
  });

  it('without the configuration, the same ids are unknown, as validate says', async () => {
    const bare = mkdtempSync(join(tmpdir(), 'aithreat-lsp-bare-'));
    try {
      writeFileSync(join(bare, 'project.yaml'), text);
      const client = await start(bare);
      const diagnostics = await client.open(join(bare, 'project.yaml'));
      const cli = runBuiltCli(['validate', 'project.yaml'], { cwd: bare }).stderr.split('\n').filter(Boolean).map((l) => l.replace(/^project\.yaml:/, ''));
      expect(cli.length).toBe(2);
      expect(diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.message}`)).toEqual(cli);
      await client.stop();
    } finally {
      rmSync(bare, { recursive: true, force: true });
    }
  });

  it('checks the policy and the configuration against their schemas as they are typed', async () => {
    const client = await start(work);
    const policy = join(work, 'policy.yaml');
    const policyText = readFileSync(policy, 'utf8');
    expect(await client.open(policy)).toEqual([]);
    const wrongPolicy = `${policyText}forbidRiskAcceptance: [ACMELABELAUDT]\n`;
    const policyDiagnostics = await client.change(policy, wrongPolicy);
    expect(policyDiagnostics.map((d) => d.message)).toEqual(['`forbidRiskAcceptance.0` names control `ACMELABELAUDT`, which the catalog does not define; did you mean `ACMELABELAUDIT`?']);
    const config = join(work, '.aithreatrc.yaml');
    const configDiagnostics = await client.open(config, 'configVersion: 1\ncatalogs: [catalog]\nfailOn: hihg\npolicy: ../outside.yaml\n');
    expect(configDiagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.message}`)).toEqual(['3:9: `failOn` is `hihg`; allowed values: critical, high, medium, low, none; did you mean `high`?']);
    await client.stop();
  });

  it('shows a rule that cannot decide on the project as an error naming the rule file, as assess stops on it', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'aithreat-lsp-rule-error-'));
    try {
      cpSync(join(repoRoot, 'examples/org'), folder, { recursive: true });
      const ruleFile = join(folder, 'rules/acmevendortuning.yaml');
      writeFileSync(ruleFile, readFileSync(ruleFile, 'utf8').replace('when: activity.mode == "hosted-fine-tuning"', 'when: activity.hostedBy == "tuning-vendor"'));
      const client = await start(folder);
      // Valid as typed, and the rule decides; without hostedBy, the rule's expression fails on the project.
      expect((await client.open(join(folder, 'project.yaml'))).some((d) => d.code === 'ACMELABELAUDIT')).toBe(true);
      const diagnostics = await client.change(join(folder, 'project.yaml'), text.replace('    hostedBy: tuning-vendor\n', ''));
      expect(diagnostics).toEqual([expect.objectContaining({ code: 'rule-evaluation', severity: 1, message: expect.stringMatching(/^rules\/acmevendortuning\.yaml:11:\d+: `applies\.when` \(ACMEVENDORTUNING\) on `training\[0\]`: failed: no such key: hostedBy.*\(assessing this file\)$/) })]);
      await client.stop();
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('shows a broken organisation rule on the rule file, and says on the project that it was not assessed', async () => {
    const broken = mkdtempSync(join(tmpdir(), 'aithreat-lsp-broken-'));
    try {
      cpSync(join(repoRoot, 'examples/org'), broken, { recursive: true });
      const ruleFile = join(broken, 'rules/outside-labels.yaml');
      writeFileSync(ruleFile, readFileSync(ruleFile, 'utf8').replace('weight: 1', 'weight: heavy'));
      const client = await start(broken);
      const diagnostics = await client.open(join(broken, 'project.yaml'));
      expect(diagnostics).toEqual([expect.objectContaining({ code: 'not-assessed', severity: 2, message: expect.stringContaining('rules/outside-labels.yaml:') })]);
      const onRule = await client.waitFor(ruleFile, (p) => p.diagnostics.length > 0);
      expect(onRule.diagnostics[0]!.message).toMatch(/weight/);
      await client.stop();
    } finally {
      rmSync(broken, { recursive: true, force: true });
    }
  });
});
