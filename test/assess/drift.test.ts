import { describe, expect, it } from 'vitest';
import type { DiscoveredRepository } from '../../src/assess/types.js';
import type { Discovery, Finding } from '../../src/discover/types.js';
import type { Project } from '../../src/project/types.js';
import { assessInMemory, threat } from './assess-in-memory.js';

// The assessment with --discover: each project's drift, what it changed, the policy's
// requireNoDrift, the verdict, and where gaps point.

const hub: Finding = {
  file: 'src/serve.py',
  line: 20,
  column: 12,
  kind: 'hub-model',
  details: { api: 'transformers.AutoModel.from_pretrained', hub: 'huggingface', model: { literal: 'org/embedder' }, localPath: false, revision: null, revisionPinned: false, trustRemoteCode: { literal: true } },
};
const repository = (...findings: Finding[]): DiscoveredRepository => {
  const discovery: Discovery = { counts: { files: 1, python: 1, notebooks: 0, dependencyFiles: 0, modelFiles: 0, otherFiles: 0 }, findings, notices: [] };
  return { root: 'repo', base: 'repo/', discovery };
};
const empty: Project = { formatVersion: 1, project: { name: 'p' } };

describe('drift in the assessment', () => {
  const assessed = assessInMemory(empty, { discovered: repository(hub), failOn: 'none' });

  it('lists each finding at its place in the code, shown from the working directory, with what it changed', () => {
    expect(assessed.drift.map((d) => [d.code, `${d.location.file}:${d.location.line}:${d.location.column}`, d.required])).toEqual([
      ['trust-remote-code', 'repo/src/serve.py:20:12', false],
      ['undeclared-model', 'repo/src/serve.py:20:12', false],
      ['unpinned-revision', 'repo/src/serve.py:20:12', false],
    ]);
    expect(assessed.drift.find((d) => d.code === 'undeclared-model')!.effects.map((e) => [e.threat, e.kind, e.code])).toEqual([
      ['SUPPLYMODELPOISON', 'applies', 'pretrained-model-in-code'],
      ['SUPPLYMODELPOISON', 'factor', 'supplier-public-source'],
    ]);
    // DEVMODELPOISON does not apply (no model is developed here): remote code changes nothing there.
    expect(assessed.drift.find((d) => d.code === 'trust-remote-code')!.effects.map((e) => e.threat)).toEqual(['SUPPLYMODELPOISON', 'SUPPLYMODELPOISON']);
    expect(threat(assessed, 'SUPPLYMODELPOISON')).toMatchObject({ applies: true, severity: 'critical' });
    expect(threat(assessed, 'SUPPLYMODELPOISON').evidence[0]!.location).toEqual({ file: 'repo/src/serve.py', line: 20, column: 12 });
  });

  it('points a gap at the project file even when only the code makes the threat apply', () => {
    const gated = assessInMemory(empty, { discovered: repository(hub) });
    const gap = gated.gaps.find((g) => g.control === 'SUPPLYCHAINMANAGE')!;
    expect(gap.required).toBe(true);
    expect(gap.location.file).toBe('project.yaml');
  });

  it.each([
    [true, 3, 'fail'],
    [['unpinned-revision'], 1, 'fail'],
    [['dangerous-model-file'], 0, 'pass'],
    [false, 0, 'pass'],
  ] as const)('requireNoDrift: %j fails %i finding(s)', (rule, required, verdict) => {
    const result = assessInMemory(empty, { discovered: repository(hub), failOn: 'none', policy: { policyVersion: 1, requireNoDrift: rule as boolean | string[] } });
    expect([result.counts.requiredDrift, result.verdict, result.counts.requiredGaps]).toEqual([required, verdict, 0]);
  });

  it('has no drift without --discover, and assesses as before', () => {
    const plain = assessInMemory(empty, { failOn: 'none' });
    expect([plain.drift, plain.counts.requiredDrift, threat(plain, 'SUPPLYMODELPOISON').applies]).toEqual([[], 0, false]);
  });
});
