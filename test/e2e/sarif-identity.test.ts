import { join } from 'node:path';
import type { Log } from 'sarif';
import { describe, expect, it } from 'vitest';
import { repoRoot, runBuiltCli } from '../helpers/run-cli.js';

// An alert's identity in GitHub code scanning is its rule id and fingerprint. The two fixtures
// differ only in the format of one model (a PyTorch pickle, then safetensors), which changes which
// threat is the most severe behind SUPPLYCHAINMANAGE: the alert of each control must stay the same.

const alerts = (variant: 'pickle' | 'safetensors') => {
  const result = runBuiltCli(['assess', 'aithreat.yaml', '--as-of', '2026-11-25', '--format', 'sarif'], { cwd: join(repoRoot, 'test/fixtures/sarif-identity', variant) });
  expect([result.code, result.stderr]).toEqual([1, '']);
  const run = (JSON.parse(result.stdout) as Log).runs[0]!;
  const severity = new Map(run.tool.driver.rules!.map((r) => [r.id, r.properties!['security-severity']]));
  return new Map(run.results!.map((r) => [r.properties!.control as string, { ruleId: r.ruleId, fingerprint: r.partialFingerprints!['aithreat/v1'], severity: severity.get(r.ruleId!), threats: r.properties!.threats as string[] }]));
};

describe('SARIF alert identity when a model format changes from pickle to safetensors', () => {
  const pickle = alerts('pickle');
  const safetensors = alerts('safetensors');

  it('moves the most severe threat behind SUPPLYCHAINMANAGE, and its severity', () => {
    expect(pickle.get('SUPPLYCHAINMANAGE')).toMatchObject({ severity: '9.5', threats: ['SUPPLYMODELPOISON', 'DATAPOISON', 'DEVMODELPOISON'] });
    expect(safetensors.get('SUPPLYCHAINMANAGE')).toMatchObject({ severity: '8.0', threats: ['DATAPOISON', 'DEVMODELPOISON', 'SUPPLYMODELPOISON'] });
  });

  it('keeps the rule id and fingerprint of every alert found both times', () => {
    const both = [...safetensors.keys()].filter((control) => pickle.has(control));
    expect(both).toEqual(['DATAQUALITYCONTROL', 'DEVDATAPROTECT', 'SEGREGATEDATA', 'SUPPLYCHAINMANAGE']);
    for (const control of both) {
      expect(safetensors.get(control)!.ruleId).toBe(`${control}/aithreat.yaml`);
      expect([safetensors.get(control)!.ruleId, safetensors.get(control)!.fingerprint]).toEqual([pickle.get(control)!.ruleId, pickle.get(control)!.fingerprint]);
    }
    // DEVSECURITY and POISONROBUSTMODEL are required only while the pickle makes the supply chain critical.
    expect([...pickle.keys()].filter((control) => !safetensors.has(control))).toEqual(['DEVSECURITY', 'POISONROBUSTMODEL']);
  });
});
