import type { ProjectView } from '../assess/project-view.js';
import { thresholds } from '../assess/project-view.js';
import type { Fact, Factor, RuleResult } from '../assess/types.js';
import { dedupe, fact, FactorTally, likelihood, type Rule } from './rule.js';

/** Model theft through a development-time leak: parameters are intellectual property. */
export const devmodelleak: Rule = {
  threat: 'DEVMODELLEAK',
  description: 'Applies when model parameters are confidential (stated, or trained here without being declared open weights).',
  evaluate(view: ProjectView): RuleResult {
    const evidence: Fact[] = [];
    const factors: Factor[] = [];
    const tally = new FactorTally();
    const confidential = new Set<string>();
    const storedOutside = new Set<string>();
    for (const entry of view.models.values()) {
      const { item: model, path } = entry;
      // A vendor's model behind an API: its weights never reach this project, so they cannot leak from it.
      if (model.origin === 'pretrained' && model.format === 'hosted-api') continue;
      if (model.parameters === 'confidential') evidence.push(fact('parameters-confidential', [...path, 'parameters'], { model: model.id }));
      else if (model.parameters === undefined && model.origin === 'trained-here') evidence.push(fact('parameters-confidentiality-unstated', [...path, 'origin'], { model: model.id }));
      else continue;
      confidential.add(model.id);
      for (const { env, path: envPath } of view.storedIn(entry)) {
        const e = env.item;
        if (e.hosting === 'cloud' || e.area === 'external') {
          storedOutside.add(model.id);
          tally.add('model-stored-outside', envPath, 2, { model: model.id, environment: e.id, where: e.area === 'external' ? 'an external area' : `cloud${e.provider ? ` at ${e.provider}` : ''}` });
        }
        if ((e.access?.people ?? 0) > thresholds.broadAccessPeople) tally.add('broad-access', [...env.path, 'access', 'people'], 1, { people: String(e.access?.people), what: `environment \`${e.id}\`` });
        if (e.accessLogging !== true || e.monitoring !== true) tally.add('no-access-monitoring', env.path, 1, { environment: e.id });
        if (e.confidentialComputing === true) tally.add('confidential-computing', [...env.path, 'confidentialComputing'], -1, { environment: e.id });
      }
    }
    if (evidence.length === 0) return { applies: false, evidence: [fact('no-confidential-parameters', ['models'])], factors: [] };
    for (const { item: activity, path } of view.training) {
      if (!activity.model || !confidential.has(activity.model)) continue;
      // A vendor tenancy already counted as storage outside is not counted again as hosting.
      if (activity.hostedBy && !storedOutside.has(activity.model)) factors.push(likelihood('model-hosted-by-supplier', [...path, 'hostedBy'], 1, { activity: activity.id, supplier: activity.hostedBy }));
      if (activity.mode === 'federated') factors.push(likelihood('federated-model-distribution', [...path, 'mode'], 2, { activity: activity.id }));
    }
    return { applies: true, evidence, factors: [...tally.factors(), ...dedupe(factors)] };
  },
};
