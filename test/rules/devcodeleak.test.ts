import { describe, expect, it } from 'vitest';
import type { Code } from '../../src/project/types.js';
import { devcodeleak } from '../../src/rules/devcodeleak.js';
import { environment, project, supplier } from './project-builder.js';
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
