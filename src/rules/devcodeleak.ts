import { thresholds, type ProjectView } from '../project/view.js';
import type { Factor, Rule, RuleResult } from './api.js';
import { makers } from './make-facts.js';
import { accessMonitoring, broadAccess, broadAccessRisk, monitoringRisk } from './shared-factors.js';

const meta = {
  threat: 'DEVCODELEAK',
  description: 'Applies when source code or configuration is confidential (stated, or not declared open source).',
  docs: 'docs/rules/DEVCODELEAK.md',
  reads: ['code.confidentiality', 'code.developedBy', 'code.access.people', 'code.storedIn', 'environments[].accessLogging', 'environments[].monitoring'],
  example: [
    'formatVersion: 1',
    'project: { name: Recommender }',
    'suppliers:',
    '  - { id: agency, supplies: [development], trust: known-vendor }',
    'code:',
    '  confidentiality: confidential',
    '  developedBy: [agency]',
    '  access: { people: 12 }',
  ].join('\n'),
  facts: {
    'code-confidential': 'the source code and configuration are confidential',
    'code-confidentiality-unstated': 'whether the code is open source is not declared, so it is treated as confidential',
    'code-open-source': 'the source code and configuration are open source',
  },
  factors: {
    'outsourced-development': {
      dimension: 'likelihood',
      weight: 2,
      message: 'code is developed by `{{supplier}}`',
      controls: ['SUPPLYCHAINMANAGE'],
      when: 'an outside party develops the code (`code.developedBy`)',
    },
    'broad-access': broadAccess(['DEVDATAPROTECT', 'SEGREGATEDATA']),
    'no-access-monitoring': accessMonitoring(['DEVDATAPROTECT']),
  },
} as const;

const { fact, factor, tally: newTally } = makers(meta);

/** Source code and configuration leak: the code that prepares data and trains is intellectual property. */
export const devcodeleak: Rule = {
  meta,
  evaluate(view: ProjectView): RuleResult {
    const code = view.project.code;
    if (code?.confidentiality === 'open-source') {
      return { applies: false, evidence: [fact('code-open-source', ['code', 'confidentiality'])], factors: [] };
    }
    const evidence = [code?.confidentiality === 'confidential' ? fact('code-confidential', ['code', 'confidentiality']) : fact('code-confidentiality-unstated', code ? ['code'] : ['project'])];
    const factors: Factor[] = [];
    const outsourced = code?.developedBy?.[0];
    if (outsourced) factors.push(factor('outsourced-development', ['code', 'developedBy', 0], { supplier: outsourced }));
    const broad = broadAccessRisk(code?.access, ['code'], thresholds.broadAccessPeople);
    if (broad) factors.push(factor('broad-access', code?.access?.people === undefined ? ['code'] : ['code', 'access', 'people'], { people: String(code?.access?.people ?? 'not declared'), what: 'the code repository' }, broad));
    const tally = newTally();
    for (const [i, id] of (code?.storedIn ?? []).entries()) {
      const env = view.environments.get(id);
      const watched = env ? monitoringRisk(env.item, env.path) : null;
      if (watched) tally.add('no-access-monitoring', ['code', 'storedIn', i], { environment: id, ...watched.args }, watched.undeclared);
    }
    return { applies: true, evidence, factors: [...factors, ...tally.factors()] };
  },
};
