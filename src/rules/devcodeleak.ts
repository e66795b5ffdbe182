import type { DataPath } from '../load/locate.js';
import { thresholds, type ProjectView } from '../project/view.js';
import type { Fact, Factor, Rule, RuleResult, Undeclared } from './api.js';
import { makers, riskOf } from './make-facts.js';
import { accessMonitoring, assetWords, broadAccess, broadAccessRisk, monitoringRisk } from './shared-factors.js';

const meta = {
  threat: 'DEVCODELEAK',
  description: 'Applies when source code or configuration is confidential (stated, or not declared open source), system prompts and agent configuration included.',
  docs: 'docs/rules/DEVCODELEAK.md',
  reads: ['code.confidentiality', 'code.developedBy', 'code.access.people', 'code.storedIn', 'environments[].accessLogging', 'environments[].monitoring', 'assets[].kind', 'assets[].confidentiality', 'assets[].access.people', 'assets[].storedIn'],
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
    'asset-confidential': '{{kind}} `{{asset}}` is confidential',
    'assets-public': 'every system prompt, agent configuration and reward function that is not declared confidential is public',
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
    const codeOpen = code?.confidentiality === 'open-source';
    // A prompt or configuration declared confidential is a secret even in an open-source project.
    const assets = [...view.assets.values()].filter((a) => view.assetConfidential(a.item));
    if (codeOpen && assets.length === 0) {
      const why = [fact('code-open-source', ['code', 'confidentiality'])];
      if (view.assets.size > 0) why.push(fact('assets-public', ['assets']));
      return { applies: false, evidence: why, factors: [] };
    }
    const evidence: Fact[] = [];
    if (!codeOpen) evidence.push(code?.confidentiality === 'confidential' ? fact('code-confidential', ['code', 'confidentiality']) : fact('code-confidentiality-unstated', code ? ['code'] : ['project']));
    for (const { item: asset, path } of assets) {
      if (asset.confidentiality === 'confidential') evidence.push(fact('asset-confidential', [...path, 'confidentiality'], { kind: assetWords[asset.kind], asset: asset.id }));
    }
    const factors: Factor[] = [];
    const outsourced = code?.developedBy?.[0];
    if (!codeOpen && outsourced) factors.push(factor('outsourced-development', ['code', 'developedBy', 0], { supplier: outsourced }));
    // Many readers are one factor, wherever they read: the code repository, or an asset's own store.
    const readers: { path: DataPath; args: Record<string, string>; undeclared: readonly Undeclared[] }[] = [];
    const broad = codeOpen ? null : broadAccessRisk(code?.access, ['code'], thresholds.broadAccessPeople);
    if (broad) readers.push({ path: code?.access?.people === undefined ? ['code'] : ['code', 'access', 'people'], args: { people: String(code?.access?.people ?? 'not declared'), what: 'the code repository' }, undeclared: broad });
    for (const entry of assets) {
      // An asset that declares no readers of its own has the code's, already counted unless the code is open.
      if (entry.item.access?.people === undefined && !codeOpen) continue;
      const people = view.assetAccess(entry, 'people');
      const risk = riskOf(people.value, (people.value ?? 0) <= thresholds.broadAccessPeople, entry.path, 'access.people', `a number up to ${thresholds.broadAccessPeople}`);
      if (risk) readers.push({ path: people.path, args: { people: String(people.value ?? 'not declared'), what: `the store of ${assetWords[entry.item.kind]} \`${entry.item.id}\`` }, undeclared: risk });
    }
    const reader = readers.find((r) => r.undeclared.length === 0) ?? readers[0];
    if (reader) factors.push(factor('broad-access', reader.path, reader.args, reader.undeclared));
    const tally = newTally();
    const watch = (id: string, at: DataPath) => {
      const env = view.environments.get(id);
      const watched = env ? monitoringRisk(env.item, env.path) : null;
      if (watched) tally.add('no-access-monitoring', at, { environment: id, ...watched.args }, watched.undeclared);
    };
    if (!codeOpen) for (const [i, id] of (code?.storedIn ?? []).entries()) watch(id, ['code', 'storedIn', i]);
    for (const { item: asset, path } of assets) for (const [j, id] of (asset.storedIn ?? []).entries()) watch(id, [...path, 'storedIn', j]);
    return { applies: true, evidence, factors: [...factors, ...tally.factors()] };
  },
};
