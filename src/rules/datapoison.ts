import type { DataPath } from '../load/locate.js';
import type { ProjectView } from '../assess/project-view.js';
import type { Dataset } from '../project/types.js';
import type { Fact, Factor, RuleResult } from '../assess/types.js';
import { dedupe, fact, FactorTally, impact, likelihood, type Rule } from './rule.js';

const liveOrigins = { 'collected-in-operation': 'data-collected-in-operation', 'user-generated': 'data-user-generated' } as const;

/**
 * Where outside data comes from: a public or anonymous source weighs more than a supplier, and a
 * supplier under contract and assessment whose goods arrive with verified hashes or signatures
 * weighs nothing. One factor per data set, however many links its supply chain has.
 */
function dataSource(view: ProjectView, data: Dataset, path: DataPath): { code: 'data-from-public-source' | 'data-from-supplier'; path: DataPath; points: number } | null {
  const chain = data.supplyChain ?? [];
  const suppliers = chain.map((link) => view.suppliers.get(link.supplier)?.item).filter((s) => s !== undefined);
  if (data.origin === 'public-internet') return { code: 'data-from-public-source', path: [...path, 'origin'], points: 2 };
  if (suppliers.some((s) => s.trust === 'public-source')) return { code: 'data-from-public-source', path: [...path, 'supplyChain'], points: 2 };
  if (data.origin !== 'supplier' && chain.length === 0) return null;
  const vetted = suppliers.length > 0 && suppliers.every((s) => s.trust === 'contracted-assessed' && (s.provenance ?? []).some((p) => p === 'hashes-verified' || p === 'signatures-verified'));
  if (vetted) return null;
  return { code: 'data-from-supplier', path: [...path, chain.length > 0 ? 'supplyChain' : 'origin'], points: 1 };
}

/**
 * Data poisoning: anything that trains, fine-tunes or grounds a model can be manipulated; the AI
 * Exchange counts a retrieval repository as training data because it steers the model the same way.
 */
export const datapoison: Rule = {
  threat: 'DATAPOISON',
  description: 'Applies when data trains or fine-tunes a model, fills a retrieval repository, or comes from federated clients.',
  evaluate(view: ProjectView): RuleResult {
    const evidence: Fact[] = [];
    const tally = new FactorTally();
    const factors: Factor[] = [];
    for (const entry of view.feedingData()) {
      const { item: data, path } = entry;
      evidence.push(data.purpose === 'retrieval'
        ? fact('dataset-grounds-model', [...path, 'purpose'], { dataset: data.id })
        : fact('dataset-trains-model', [...path, 'purpose'], { dataset: data.id, purpose: data.purpose }));
      const source = dataSource(view, data, path);
      if (source) tally.add(source.code, source.path, source.points, { dataset: data.id });
      const live = liveOrigins[data.origin as keyof typeof liveOrigins];
      if (live) tally.add(live, [...path, 'origin'], 1, { dataset: data.id });
      const chain = data.supplyChain ?? [];
      const distinct = new Set(chain.map((link) => link.supplier));
      if (distinct.size >= 2 || chain.some((link) => link.role === 'labels')) {
        tally.add('supply-chain-of-suppliers', [...path, 'supplyChain'], 1, { dataset: data.id, suppliers: String(distinct.size), chain: chain.map((l) => `${l.supplier} ${l.role}`).join(', ') });
      }
      if (data.protection?.integrityHashes !== 'verified' && data.origin !== 'federated-clients') {
        tally.add('no-integrity-check', [...path, data.protection ? 'protection' : 'id'], 1, { dataset: data.id });
      }
      for (const { env, path: envPath } of view.storedIn(entry)) {
        if (env.item.segregated !== true) tally.add('stored-unsegregated', envPath, 1, { environment: env.item.id });
      }
    }
    for (const { item: activity, path } of view.training) {
      if (activity.mode === 'federated') {
        evidence.push(fact('federated-training', [...path, 'mode'], { activity: activity.id }));
        const controlled = activity.federation?.clientsControlled === true;
        factors.push(controlled
          ? likelihood('federated-clients-controlled', [...path, 'federation'], 0)
          : likelihood('federated-clients-uncontrolled', [...path, activity.federation ? 'federation' : 'mode'], 2, { population: activity.federation?.clientPopulation ?? 'population not stated' }));
      }
      if (activity.mode === 'continuous' || activity.mode === 'federated') {
        factors.push(impact('automated-retraining', [...path, 'mode'], 3, { activity: activity.id, mode: activity.mode }));
      }
      const env = activity.environment ? view.environments.get(activity.environment) : undefined;
      // Segregation cannot keep out what federated clients send, so it earns nothing there.
      if (env?.item.area === 'training' && env.item.segregated === true && activity.mode !== 'retrieval-augmented' && !view.training.some((a) => a.item.mode === 'federated')) {
        factors.push(likelihood('training-environment-segregated', [...path, 'environment'], -1, { environment: env.item.id }));
      }
    }
    if (evidence.length === 0) return { applies: false, evidence: [fact('no-training-data', ['datasets'])], factors: [] };
    return { applies: true, evidence, factors: [...tally.factors(), ...dedupe(factors)] };
  },
};
