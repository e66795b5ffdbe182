import { describe, expect, it } from 'vitest';
import { readSettings } from '../../src/lsp/settings.js';
import { documentKind } from '../../src/lsp/document-kind.js';

describe('readSettings', () => {
  it('keeps the valid settings and says which it ignores', () => {
    expect(readSettings({ policy: 'security/policy.yaml', failOn: 'medium', asOf: '2026-02-28', undeclared: 'ignore' })).toEqual({ settings: { policy: 'security/policy.yaml', failOn: 'medium', asOf: '2026-02-28', undeclared: 'ignore' }, ignored: [] });
    expect(readSettings({ policy: 3, failOn: 'hihg', asOf: '2026-02-30', undeclared: true })).toEqual({
      settings: {},
      ignored: ['aithreat.policy must be a path', 'aithreat.failOn must be one of critical, high, medium, low, none', 'aithreat.asOf must be a date as YYYY-MM-DD', 'aithreat.undeclared must be count or ignore'],
    });
    expect(readSettings(null)).toEqual({ settings: {}, ignored: [] });
    expect(readSettings({ policy: null, asOf: '' })).toEqual({ settings: {}, ignored: [] });
  });
});

describe('documentKind', () => {
  it.each([
    ['/w/.aithreatrc.yaml', 'configVersion: 1\n', null, 'config'],
    ['/w/security/policy.yaml', 'name: x\n', '/w/security/policy.yaml', 'policy'],
    ['/w/p.yaml', 'policyVersion: 1\n', null, 'policy'],
    ['/w/aithreat.yaml', '', null, 'project'],
    ['/w/ml/fraud.aithreat.yml', 'x: 1\n', null, 'project'],
    ['/w/any.yaml', '# about\nformatVersion: 1\n', null, 'project'],
    ['/w/catalog/threats/x.yaml', 'kind: threat\n', null, null],
  ])('%s is a %s', (path, text, policy, kind) => {
    expect(documentKind(path, text, policy)).toBe(kind);
  });
});
