import type { ProjectView } from '../assess/project-view.js';
import type { Fact, Factor, RuleResult } from '../assess/types.js';
import { dedupe, fact, FactorTally, impact, likelihood, type Rule } from './rule.js';

const untrustedOrigins = { supplier: 'data-from-supplier', 'public-internet': 'data-from-public-source', 'collected-in-operation': 'data-collected-in-operation', 'user-generated': 'data-user-generated' } as const;

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
    for (const { item: data, path } of view.feedingData()) {
      evidence.push(data.purpose === 'retrieval'
        ? fact('dataset-grounds-model', [...path, 'purpose'], { dataset: data.id })
        : fact('dataset-trains-model', [...path, 'purpose'], { dataset: data.id, purpose: data.purpose }));
      const origin = untrustedOrigins[data.origin as keyof typeof untrustedOrigins];
      if (origin) tally.add(origin, [...path, 'origin'], origin === 'data-from-public-source' ? 2 : 1, { dataset: data.id });
      const chain = data.supplyChain ?? [];
      if (chain.some((link) => view.suppliers.get(link.supplier)?.item.trust === 'public-source')) {
        tally.add('data-from-public-source', [...path, 'supplyChain'], 2, { dataset: data.id });
      } else if (chain.length > 0 && data.origin !== 'supplier') {
        tally.add('data-from-supplier', [...path, 'supplyChain'], 1, { dataset: data.id });
      }
      if (chain.length >= 2 || chain.some((link) => link.role === 'labels')) {
        tally.add('supply-chain-of-suppliers', [...path, 'supplyChain'], 1, { dataset: data.id, chain: chain.map((l) => `${l.supplier} ${l.role}`).join(', ') });
      }
      if (data.protection?.integrityHashes !== 'verified' && data.origin !== 'federated-clients') {
        tally.add('no-integrity-check', [...path, data.protection ? 'protection' : 'id'], 1, { dataset: data.id });
      }
      for (const { env, path: envPath } of view.storedIn({ item: data, path })) {
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
      if (env?.item.area === 'training' && env.item.segregated === true && activity.mode !== 'retrieval-augmented') {
        factors.push(likelihood('training-environment-segregated', [...path, 'environment'], -1, { environment: env.item.id }));
      }
    }
    if (evidence.length === 0) return { applies: false, evidence: [fact('no-training-data', ['datasets'])], factors: [] };
    return { applies: true, evidence, factors: [...tally.factors(), ...dedupe(factors)] };
  },
};
