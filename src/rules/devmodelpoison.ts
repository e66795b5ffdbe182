import type { ProjectView } from '../assess/project-view.js';
import type { Fact, Factor, RuleResult } from '../assess/types.js';
import { codeExecutingFormats, thresholds, weightTrainingModes } from '../assess/project-view.js';
import { dedupe, fact, FactorTally, impact, likelihood, type Rule } from './rule.js';


/**
 * Development-time model poisoning: whoever can change the engineering environment can change the
 * model directly, without touching the data.
 */
export const devmodelpoison: Rule = {
  threat: 'DEVMODELPOISON',
  description: 'Applies when models are trained or fine-tuned here, or stored in a development environment.',
  evaluate(view: ProjectView): RuleResult {
    const evidence: Fact[] = [];
    const tally = new FactorTally();
    const factors: Factor[] = [];
    const trainedHere = new Set(view.training.filter((a) => weightTrainingModes.has(a.item.mode)).map((a) => a.item.model));
    for (const entry of view.models.values()) {
      const { item: model, path } = entry;
      const developed = model.origin === 'trained-here' || trainedHere.has(model.id);
      if (developed) evidence.push(fact('model-trained-here', [...path, 'origin'], { model: model.id }));
      const devStores = view.storedIn(entry).filter(({ env }) => view.isDevelopmentArea(env.item));
      if (!developed && devStores.length > 0) {
        const { env, path: envPath } = devStores[0]!;
        evidence.push(fact('model-stored-in-development', envPath, { model: model.id, area: env.item.area, environment: env.item.id }));
      }
      if (!developed && devStores.length === 0) continue;
      if (model.integrityProtected !== true) tally.add('model-integrity-unprotected', [...path, 'integrityProtected' in model ? 'integrityProtected' : 'id'], 1, { model: model.id });
      if (developed && model.format && codeExecutingFormats.has(model.format)) {
        tally.add('code-executing-format', [...path, 'format'], 1, { model: model.id, format: model.format });
      }
      // Development time only: where the live system keeps its copy is a runtime question.
      for (const { env, path: envPath } of devStores) {
        const e = env.item;
        if (e.segregated !== true) tally.add('environment-unsegregated', envPath, 1, { environment: e.id });
        if ((e.access?.writers ?? 0) > thresholds.manyWriters) tally.add('many-writers', [...env.path, 'access', 'writers'], 1, { environment: e.id, writers: String(e.access?.writers) });
        if (e.userInstalledDependencies === true) tally.add('user-installed-dependencies', [...env.path, 'userInstalledDependencies'], 2, { environment: e.id });
        if (e.monitoring !== true) tally.add('no-access-monitoring', env.path, 1, { environment: e.id });
      }
    }
    for (const { item: activity, path } of view.training) {
      const env = activity.environment ? view.environments.get(activity.environment) : undefined;
      if (env?.item.userInstalledDependencies === true && weightTrainingModes.has(activity.mode)) {
        tally.add('user-installed-dependencies', [...env.path, 'userInstalledDependencies'], 2, { environment: env.item.id });
      }
      if (activity.mode === 'federated') {
        const uncontrolled = activity.federation?.clientsControlled !== true;
        factors.push(likelihood('federated-aggregation', [...path, 'mode'], uncontrolled ? 2 : 1, { activity: activity.id, clients: String(activity.federation?.clients ?? 'many') }));
        if (activity.federation?.robustAggregation === true) factors.push(likelihood('robust-aggregation', [...path, 'federation', 'robustAggregation'], -1, { activity: activity.id }));
      }
      if (activity.mode === 'continuous' || activity.mode === 'federated') {
        factors.push(impact('automated-retraining', [...path, 'mode'], 3, { activity: activity.id, mode: activity.mode }));
      }
    }
    if (evidence.length === 0) return { applies: false, evidence: [fact('no-model-developed', ['models'])], factors: [] };
    const contractor = view.project.code?.developedBy?.[0];
    if (contractor) factors.push(likelihood('outsourced-development', ['code', 'developedBy', 0], 1, { supplier: contractor }));
    return { applies: true, evidence, factors: [...tally.factors(), ...dedupe(factors)] };
  },
};
