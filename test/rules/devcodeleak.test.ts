import { describe, expect, it } from 'vitest';
import type { Asset, Code } from '../../src/project/types.js';
import { devcodeleak } from '../../src/rules/devcodeleak.js';
import { asset, environment, project, supplier } from './project-builder.js';
import { evaluate, evidenceTable, factorTable, rating } from './rule-cases.js';

/** Confidential code kept in two well-kept environments, plus whatever the case changes. */
const code = (c: Partial<Code> = {}, unmonitored = false) =>
  project({
    suppliers: [supplier('contractor', 'contracted-assessed', { supplies: ['development'] })],
    environments: [environment('repo', 'application-development'), environment('train', 'training', { monitoring: !unmonitored })],
    code: { confidentiality: 'confidential', storedIn: ['repo', 'train'], access: { people: 5 }, ...c },
  });

describe('DEVCODELEAK: when it applies', () => {
  evidenceTable(devcodeleak, [
    { name: 'confidential code', project: code(), applies: true, evidence: [{ code: 'code-confidential', path: ['code', 'confidentiality'] }] },
    { name: 'code described without a confidentiality', project: project({ code: { repository: 'https://git.example/x' } }), applies: true, evidence: [{ code: 'code-confidentiality-unstated', path: ['code'] }] },
    { name: 'no code section at all', project: project(), applies: true, evidence: [{ code: 'code-confidentiality-unstated', path: ['project'] }] },
    { name: 'not applicable: open source', project: project({ code: { confidentiality: 'open-source', developedBy: ['contractor'] } }), applies: false, evidence: [{ code: 'code-open-source', path: ['code', 'confidentiality'] }] },
  ]);

  it('well-kept confidential code is low', () => {
    const result = evaluate(devcodeleak, code());
    expect(result.factors).toEqual([]);
    expect(rating(result)).toEqual({ impact: 2, likelihood: 1, severity: 'low' });
  });
});

describe('DEVCODELEAK: factors', () => {
  factorTable(devcodeleak, [
    {
      name: 'code developed by an outside party',
      fires: code({ developedBy: ['contractor'] }),
      quiet: code({ developedBy: [] }),
      expect: { code: 'outsourced-development', path: ['code', 'developedBy', 0], dimension: 'likelihood', weight: 2, args: { supplier: 'contractor' } },
      severity: 'medium',
    },
    {
      name: 'broad access to the repository (more than 20 readers)',
      fires: code({ access: { people: 21 } }),
      quiet: code({ access: { people: 20 } }),
      expect: { code: 'broad-access', path: ['code', 'access', 'people'], dimension: 'likelihood', weight: 1, args: { people: '21', what: 'the code repository' } },
      severity: 'medium',
    },
    {
      name: 'how many people can read the repository is not declared',
      fires: code({ access: {} }),
      quiet: code({ access: { people: 3 } }),
      expect: { code: 'broad-access', path: ['code'], dimension: 'likelihood', weight: 1, args: { people: 'not declared' }, undeclared: [['code', 'access', 'people']] },
      severity: 'medium',
    },
    {
      name: 'an environment holding the code that does not declare its monitoring',
      fires: project({ environments: [environment('repo', 'application-development', { monitoring: undefined })], code: { confidentiality: 'confidential', storedIn: ['repo'], access: { people: 5 } } }),
      quiet: project({ environments: [environment('repo', 'application-development')], code: { confidentiality: 'confidential', storedIn: ['repo'], access: { people: 5 } } }),
      expect: { code: 'no-access-monitoring', path: ['code', 'storedIn', 0], dimension: 'likelihood', weight: 1, args: { fields: 'access monitoring', verb: 'is' }, undeclared: [['environments', 0, 'monitoring']] },
      severity: 'medium',
    },
    {
      name: 'kept in an environment that is not monitored',
      fires: code({}, true),
      quiet: code({}, false),
      expect: { code: 'no-access-monitoring', path: ['code', 'storedIn', 1], dimension: 'likelihood', weight: 1, args: { environment: 'train' } },
      severity: 'medium',
    },
  ]);

  it('outsourced, widely read and unmonitored code is high', () => {
    expect(rating(evaluate(devcodeleak, code({ developedBy: ['contractor'], access: { people: 40 } }, true)))).toEqual({ impact: 2, likelihood: 3, severity: 'high' });
  });
});

/** Code as given (by default well kept and confidential) and agent configuration `config`, kept in the well-kept `store`. */
const configured = (a: Partial<Asset> = {}, c: Partial<Code> = {}, store: Parameters<typeof environment>[2] = {}) =>
  project({
    environments: [environment('repo', 'application-development'), environment('store', 'operational', store)],
    code: { confidentiality: 'confidential', storedIn: ['repo'], access: { people: 5 }, ...c },
    assets: [asset('config', 'agent-configuration', { storedIn: ['store'], ...a })],
  });

describe('DEVCODELEAK: system prompts and agent configuration', () => {
  evidenceTable(devcodeleak, [
    {
      name: 'a confidential asset in an open-source project',
      project: configured({ confidentiality: 'confidential' }, { confidentiality: 'open-source' }),
      applies: true,
      evidence: [{ code: 'asset-confidential', path: ['assets', 0, 'confidentiality'], args: { kind: 'agent configuration', asset: 'config' } }],
    },
    {
      name: 'a confidential asset beside confidential code',
      project: configured({ confidentiality: 'confidential' }),
      applies: true,
      evidence: [{ code: 'code-confidential', path: ['code', 'confidentiality'] }, { code: 'asset-confidential', path: ['assets', 0, 'confidentiality'] }],
    },
    {
      name: 'an asset that declares no confidentiality follows the code',
      project: configured(),
      applies: true,
      evidence: [{ code: 'code-confidential', path: ['code', 'confidentiality'] }],
    },
    {
      name: 'not applicable: open source, and the asset follows it',
      project: configured({}, { confidentiality: 'open-source' }),
      applies: false,
      evidence: [{ code: 'code-open-source', path: ['code', 'confidentiality'] }, { code: 'assets-public', path: ['assets'] }],
    },
    {
      name: 'not applicable: open source, and the asset is public',
      project: configured({ confidentiality: 'public' }, { confidentiality: 'open-source' }),
      applies: false,
      evidence: [{ code: 'code-open-source', path: ['code', 'confidentiality'] }, { code: 'assets-public', path: ['assets'] }],
    },
  ]);

  factorTable(devcodeleak, [
    {
      name: 'many people can read an asset\'s own store',
      fires: configured({ access: { people: 40 } }),
      quiet: configured({ access: { people: 20 } }),
      expect: { code: 'broad-access', path: ['assets', 0, 'access', 'people'], dimension: 'likelihood', weight: 1, args: { people: '40', what: 'the store of agent configuration `config`' } },
      severity: 'medium',
    },
    {
      name: 'a confidential asset of an open-source project has the code\'s readers',
      fires: configured({ confidentiality: 'confidential', access: undefined }, { confidentiality: 'open-source', access: { people: 300 } }),
      quiet: configured({ confidentiality: 'confidential', access: { people: 4 } }, { confidentiality: 'open-source', access: { people: 300 } }),
      expect: { code: 'broad-access', path: ['code', 'access', 'people'], dimension: 'likelihood', weight: 1, args: { people: '300' } },
      severity: 'medium',
    },
    {
      name: 'who can read a confidential asset of an open-source project is not declared',
      fires: configured({ confidentiality: 'confidential', access: undefined }, { confidentiality: 'open-source', access: undefined }),
      quiet: configured({ confidentiality: 'confidential' }, { confidentiality: 'open-source', access: undefined }),
      expect: { code: 'broad-access', path: ['assets', 0, 'id'], dimension: 'likelihood', weight: 1, undeclared: [['assets', 0, 'access', 'people']] },
      severity: 'medium',
    },
    {
      name: 'an asset kept where access is not watched',
      fires: configured({}, {}, { monitoring: false }),
      quiet: configured(),
      expect: { code: 'no-access-monitoring', path: ['assets', 0, 'storedIn', 0], dimension: 'likelihood', weight: 1, args: { environment: 'store' } },
      severity: 'medium',
    },
  ]);

  it('many readers of the code and of an asset are one factor, resting on what is declared', () => {
    const result = evaluate(devcodeleak, configured({ access: { people: 40 } }, { access: undefined }));
    const broad = result.factors.filter((f) => f.code === 'broad-access');
    expect(broad.map((f) => [f.path, f.undeclared.length])).toEqual([[['assets', 0, 'access', 'people'], 0]]);
  });

  it('counts nothing of open-source code for a confidential asset', () => {
    const p = configured({ confidentiality: 'confidential' }, { confidentiality: 'open-source', developedBy: ['agency'], access: { people: 500 } });
    p.suppliers = [supplier('agency', 'known-vendor', { supplies: ['development'] })];
    expect(evaluate(devcodeleak, p).factors).toEqual([]);
  });
});
