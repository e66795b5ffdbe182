import { thresholds, type ProjectView } from '../project/view.js';
import type { Fact, Factor, Rule, RuleResult } from './api.js';
import { dedupe, makers } from './make-facts.js';
import { accessMonitoring, broadAccess, broadAccessRisk, confidentialComputing, monitoringRisk } from './shared-factors.js';

const meta = {
  threat: 'DEVMODELLEAK',
  description: 'Applies when model parameters are confidential (stated, or trained here without being declared open weights).',
  docs: 'docs/rules/DEVMODELLEAK.md',
  reads: ['models[].parameters', 'models[].origin', 'models[].format', 'models[].storedIn', 'environments[].hosting', 'environments[].area', 'environments[].provider', 'environments[].access.people', 'environments[].accessLogging', 'environments[].monitoring', 'environments[].confidentialComputing', 'datasets[].origin', 'training[].model', 'training[].hostedBy', 'training[].mode'],
  example: [
    'formatVersion: 1',
    'project: { name: Pricing model }',
    'environments:',
    '  - { id: cluster, area: training, hosting: cloud, access: { people: 30 }, accessLogging: true, monitoring: true }',
    'models:',
    '  - { id: pricer, origin: trained-here, parameters: confidential, storedIn: [cluster] }',
  ].join('\n'),
  facts: {
    'parameters-confidential': 'the parameters of model `{{model}}` are confidential',
    'parameters-confidentiality-unstated': 'model `{{model}}` is trained here and whether its parameters are open is not declared, so they are treated as confidential',
    'no-confidential-parameters': 'no model has confidential parameters',
  },
  factors: {
    'model-stored-outside': {
      dimension: 'likelihood',
      weight: 2,
      message: 'model `{{model}}` is stored in environment `{{environment}}` ({{where}})',
      controls: ['DEVDATAPROTECT', 'SUPPLYCHAINMANAGE'],
      when: 'confidential parameters are stored in the cloud or in an external area (federated clients are counted by federated-model-distribution instead)',
    },
    'model-hosted-by-supplier': {
      dimension: 'likelihood',
      weight: 1,
      message: 'training activity `{{activity}}` runs at `{{supplier}}`, which then holds the parameters',
      controls: ['SUPPLYCHAINMANAGE'],
      when: 'a training activity of a confidential model runs at a supplier (`hostedBy`) whose storage is not already counted',
    },
    'federated-model-distribution': {
      dimension: 'likelihood',
      weight: 2,
      message: 'training activity `{{activity}}` sends the model to federated clients, which then hold the parameters',
      controls: ['FEDERATEDLEARNING'],
      when: 'federated training sends a confidential model out to its clients',
    },
    'broad-access': broadAccess(['SEGREGATEDATA', 'DEVDATAPROTECT']),
    'no-access-monitoring': accessMonitoring(['DEVDATAPROTECT']),
    'confidential-computing': confidentialComputing([]),
  },
} as const;

const { fact, factor, tally: newTally } = makers(meta);

/** Model theft through a development-time leak: parameters are intellectual property. */
export const devmodelleak: Rule = {
  meta,
  evaluate(view: ProjectView): RuleResult {
    const evidence: Fact[] = [];
    const factors: Factor[] = [];
    const tally = newTally();
    const confidential = new Set<string>();
    const storedOutside = new Set<string>();
    const clients = view.clientEnvironments();
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
        // On federated clients the model is counted once, as sent to clients.
        if (clients.has(e.id) && view.hasFederatedTraining()) continue;
        if (e.hosting === 'cloud' || e.area === 'external') {
          storedOutside.add(model.id);
          tally.add('model-stored-outside', envPath, { model: model.id, environment: e.id, where: e.area === 'external' ? 'an external area' : `cloud${e.provider ? ` at ${e.provider}` : ''}` });
        }
        const broad = broadAccessRisk(e.access, env.path, thresholds.broadAccessPeople);
        if (broad) tally.add('broad-access', e.access?.people === undefined ? [...env.path, 'id'] : [...env.path, 'access', 'people'], { people: String(e.access?.people ?? 'not declared'), what: `environment \`${e.id}\`` }, broad);
        const watched = monitoringRisk(e, env.path);
        if (watched) tally.add('no-access-monitoring', env.path, { environment: e.id, ...watched.args }, watched.undeclared);
        if (e.confidentialComputing === true) tally.add('confidential-computing', [...env.path, 'confidentialComputing'], { environment: e.id });
      }
    }
    if (evidence.length === 0) return { applies: false, evidence: [fact('no-confidential-parameters', ['models'])], factors: [] };
    for (const { item: activity, path } of view.training) {
      if (!activity.model || !confidential.has(activity.model)) continue;
      // A vendor tenancy already counted as storage outside is not counted again as hosting.
      if (activity.hostedBy && !storedOutside.has(activity.model)) factors.push(factor('model-hosted-by-supplier', [...path, 'hostedBy'], { activity: activity.id, supplier: activity.hostedBy }));
      if (activity.mode === 'federated') factors.push(factor('federated-model-distribution', [...path, 'mode'], { activity: activity.id }));
    }
    return { applies: true, evidence, factors: [...tally.factors(), ...dedupe(factors)] };
  },
};
