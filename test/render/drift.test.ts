import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import Ajv2020 from 'ajv/dist/2020.js';
import type { Log } from 'sarif';
import { describe, expect, it } from 'vitest';
import { reportOf } from '../../src/assess/report.js';
import type { Report } from '../../src/assess/types.js';
import { getCatalog } from '../../src/catalog/bundled.js';
import type { Finding } from '../../src/discover/types.js';
import { renderJson } from '../../src/render/json.js';
import { renderJunit } from '../../src/render/junit.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import { renderSarif } from '../../src/render/sarif.js';
import { renderTable } from '../../src/render/table.js';
import { assessInMemory } from '../assess/assess-in-memory.js';
import { repoRoot } from '../helpers/run-cli.js';
import { plainContext } from './helpers/assess-files.js';

// Drift in each format, from a repository whose code names a model id crafted to be markup,
// escape sequences and a mention: every format keeps it text.

const hostileId = 'evil/\u001b[31mred\u001b[0m](javascript:alert(1)) @org/team <b>x</b>';
const findings: Finding[] = [
  {
    file: 'src/serve.py',
    line: 20,
    column: 12,
    kind: 'hub-model',
    details: { api: 'transformers.AutoModel.from_pretrained', hub: 'huggingface', model: { literal: hostileId }, localPath: false, revision: null, revisionPinned: false, trustRemoteCode: { literal: true } },
  },
  { file: 'artifacts/gift.pkl', line: 1, column: 1, kind: 'model-file', details: { format: 'pickle', bytes: 32, globals: [{ module: 'os', name: 'system', safety: 'dangerous' }], facts: {}, problems: [] } },
];
const options = { catalog: getCatalog(), asOf: '2026-06-15', failOn: 'none' as const, undeclared: 'count' as const, policy: { policy: { policyVersion: 1 as const, requireNoDrift: ['dangerous-model-file'] }, file: 'policy.yaml' } };
const discovered = { root: 'repo', base: 'repo/', discovery: { counts: { files: 2, python: 1, notebooks: 0, dependencyFiles: 0, modelFiles: 1, otherFiles: 0 }, findings, notices: [] } };
const report: Report = reportOf([assessInMemory({ formatVersion: 1, project: { name: 'p' } }, { failOn: 'none', policy: options.policy.policy, discovered })], { ...options, discovered });

describe('drift in every format', () => {
  it('fails the report on the drift the policy forbids', () => {
    expect([report.verdict, report.projects[0]!.counts.requiredDrift, report.discover]).toEqual(['fail', 1, { root: 'repo' }]);
  });

  it('JSON: validates against schemas/report.schema.json, with each finding and the facts it made', () => {
    const schema = JSON.parse(readFileSync(`${repoRoot}/schemas/report.schema.json`, 'utf8'));
    const validate = new Ajv2020.default({ allErrors: true, strict: true, allowUnionTypes: true }).compile(schema);
    const data = JSON.parse(renderJson(report, plainContext()));
    expect(validate(data), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(data.projects[0].drift.map((d: { code: string; required: boolean }) => [d.code, d.required])).toEqual([
      ['dangerous-model-file', true],
      ['trust-remote-code', false],
      ['undeclared-model', false],
      ['unpinned-revision', false],
    ]);
    // JSON keeps text exactly; consumers that display it must neutralise it.
    expect(data.projects[0].drift[2].args.model).toBe(hostileId);
  });

  it('SARIF: validates, with each result at the line of the code and its message neutralised', () => {
    const { $schema: _draft, id: _id, ...sarifSchema } = JSON.parse(readFileSync(`${repoRoot}/test/fixtures/sarif-schema-2.1.0.json`, 'utf8'));
    const validate = new Ajv.default({ strict: false, validateFormats: false, allErrors: true }).compile(sarifSchema);
    const log = JSON.parse(renderSarif(report, plainContext())) as Log;
    expect(validate(log)).toBe(true);
    const results = log.runs[0]!.results!.filter((r) => r.ruleId!.startsWith('drift/'));
    expect(results.map((r) => [r.ruleId, r.level, r.locations![0]!.physicalLocation!.artifactLocation!.uri, r.locations![0]!.physicalLocation!.region!.startLine])).toEqual([
      ['drift/dangerous-model-file', 'error', 'repo/artifacts/gift.pkl', 1],
      ['drift/trust-remote-code', 'warning', 'repo/src/serve.py', 20],
      ['drift/undeclared-model', 'warning', 'repo/src/serve.py', 20],
      ['drift/unpinned-revision', 'warning', 'repo/src/serve.py', 20],
    ]);
    for (const r of results) expect(r.message.text).not.toMatch(/\u001b/);
    // The same finding gets the same fingerprint in another run, and two findings never share one.
    const again = JSON.parse(renderSarif(report, plainContext())) as Log;
    expect(again.runs[0]!.results!.map((r) => r.partialFingerprints)).toEqual(log.runs[0]!.results!.map((r) => r.partialFingerprints));
    expect(new Set(results.map((r) => r.partialFingerprints!['aithreat/v1'])).size).toBe(results.length);
  });

  it('SARIF: no drift rules without --discover', () => {
    const plain = reportOf([assessInMemory({ formatVersion: 1, project: { name: 'p' } })], { ...options, policy: null });
    const log = JSON.parse(renderSarif(plain, plainContext())) as Log;
    expect(log.runs[0]!.tool.driver.rules!.some((r) => r.id.startsWith('drift/'))).toBe(false);
  });

  it('table: a section with each place, no escape sequence from the code', () => {
    const text = renderTable(report, plainContext());
    expect(text).toContain('Drift from the code in repo (4): 1 the policy forbids');
    expect(text).toContain('✗ repo/artifacts/gift.pkl:1:1 dangerous-model-file: model file');
    expect(text).not.toMatch(/\u001b/);
  });

  it('Markdown: the model id stays text: no link, no mention, no HTML', () => {
    const text = renderMarkdown(report, plainContext());
    const section = text.slice(text.indexOf('### Drift from the code'), text.indexOf('### Risk acceptances'));
    expect(section).toContain('| [repo/src/serve.py:20][1L20] | `undeclared-model` |');
    expect(text).toContain('\n[1L20]: repo/src/serve.py#L20\n');
    expect(section).not.toMatch(/(?<!\\)\]\(javascript|<b>|@org/);
    expect(section).toContain('**forbidden**');
    expect(text).toContain('**Verdict: FAIL**: the code drifts from the description in 1 way the policy forbids.');
  });

  it('JUnit: the forbidden kind fails its test; the others pass with their places', () => {
    const xml = renderJunit(report, plainContext());
    expect(xml).toContain('<testsuite name="p: drift from repo" tests="8" failures="1" errors="0" skipped="0" time="0" file="project.yaml">');
    expect(xml).toContain('<testcase classname="project_yaml.drift" name="dangerous-model-file ');
    expect(xml).toContain('<failure message="1 place(s) in the code; the policy requires none" type="drift">');
    expect(xml).not.toMatch(/\u001b/);
  });
});
