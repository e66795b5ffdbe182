import type { ProjectView } from '../assess/project-view.js';
import { thresholds } from '../assess/project-view.js';
import type { Fact, Factor, RuleResult } from '../assess/types.js';
import type { Sensitivity } from '../project/types.js';
import { dedupe, fact, FactorTally, impact, likelihood, type Rule } from './rule.js';

/** How much a leak of each kind of data hurts: the impact level it implies. */
const impactOf: Record<Exclude<Sensitivity, 'public'>, 1 | 2 | 3> = {
  internal: 1,
  confidential: 2,
  personal: 2,
  'intellectual-property': 2,
  'special-category-personal': 3,
};

/**
 * Development-time data leak: engineers need real data to train, so the development environment
 * holds what production holds, often with weaker protection.
 */
export const devdataleak: Rule = {
  threat: 'DEVDATALEAK',
  description: 'Applies when training, test or retrieval data is not public.',
  evaluate(view: ProjectView): RuleResult {
    const evidence: Fact[] = [];
    const factors: Factor[] = [];
    const tally = new FactorTally();
    for (const entry of view.datasets.values()) {
      const { item: data, path } = entry;
      const sensitivity = (data.sensitivity ?? ['internal']).filter((s): s is Exclude<Sensitivity, 'public'> => s !== 'public');
      if (sensitivity.length === 0) continue;
      evidence.push(data.sensitivity
        ? fact('sensitive-data', [...path, 'sensitivity'], { dataset: data.id, sensitivity: sensitivity.join(', ') })
        : fact('sensitivity-unstated', [...path, 'id'], { dataset: data.id }));
      if (data.origin === 'federated-clients') {
        // The data never leaves the clients: it is listed, but it sets neither impact nor likelihood here.
        factors.push(likelihood('data-stays-on-clients', [...path, 'origin'], 0, { dataset: data.id }));
        continue;
      }
      const worst = Math.max(...sensitivity.map((s) => impactOf[s]));
      if (worst === 3) factors.push(impact('special-category-data', [...path, 'sensitivity'], 3, { dataset: data.id }));
      else if (worst === 2) factors.push(impact('personal-or-secret-data', [...path, 'sensitivity'], 2, { dataset: data.id, sensitivity: sensitivity.filter((s) => impactOf[s] === 2).join(', ') }));
      if (data.protection?.encryptedAtRest !== true) tally.add('stored-unencrypted', [...path, data.protection ? 'protection' : 'id'], 1, { dataset: data.id });
      if (data.protection?.accessControl === false) tally.add('no-access-control', [...path, 'protection', 'accessControl'], 1, { dataset: data.id });
      if (data.origin === 'collected-in-operation') tally.add('data-collected-live', [...path, 'origin'], 1, { dataset: data.id });
      for (const { env, path: envPath } of view.storedIn(entry)) {
        const e = env.item;
        if (view.isDevelopmentArea(e)) tally.add('real-data-in-development', envPath, 1, { dataset: data.id, area: e.area, environment: e.id });
        if ((e.access?.people ?? 0) > thresholds.broadAccessPeople) tally.add('broad-access', [...env.path, 'access', 'people'], 1, { people: String(e.access?.people), what: `environment \`${e.id}\`` });
        if (e.accessLogging !== true || e.monitoring !== true) tally.add('no-access-monitoring', env.path, 1, { environment: e.id });
        if (e.confidentialComputing === true) tally.add('confidential-computing', [...env.path, 'confidentialComputing'], -1, { environment: e.id });
      }
    }
    if (evidence.length === 0) return { applies: false, evidence: [fact(view.datasets.size === 0 ? 'no-datasets' : 'all-data-public', ['datasets'])], factors: [] };
    const sensitiveIds = new Set(evidence.map((f) => f.args?.dataset));
    for (const { item: activity, path } of view.training) {
      const external = activity.hostedBy ?? (activity.mode === 'hosted-fine-tuning' ? 'an external party' : undefined);
      if (external && (activity.datasets ?? []).some((id) => sensitiveIds.has(id))) {
        factors.push(likelihood('data-sent-to-external-party', [...path, activity.hostedBy ? 'hostedBy' : 'mode'], 2, { activity: activity.id, supplier: external }));
      }
    }
    if (!factors.some((f) => f.dimension === 'impact')) factors.push(impact('internal-data-only', ['datasets'], 1));
    return { applies: true, evidence, factors: [...tally.factors(), ...dedupe(factors)] };
  },
};
