import type { DataPath } from '../load/locate.js';
import type { Dataset, RegulatedClass, Sensitivity } from '../project/types.js';
import { thresholds, type Entry, type ProjectView } from '../project/view.js';
import type { Fact, Factor, Rule, RuleResult } from './api.js';
import { dedupe, makers, riskOf } from './make-facts.js';
import { accessMonitoring, broadAccess, broadAccessRisk, confidentialComputing, monitoringRisk } from './shared-factors.js';

/** How much a leak of each kind of data hurts: the impact level it implies. */
const impactOf: Record<Exclude<Sensitivity, 'public'>, 1 | 2 | 3> = {
  internal: 1,
  confidential: 2,
  personal: 2,
  'intellectual-property': 2,
  'special-category-personal': 3,
};

/** Regulated classes: a leak brings duties and fines on top of the harm to the people in it. */
const regulatedImpact: Record<RegulatedClass, 2 | 3> = {
  'payment-card': 3,
  health: 3,
  biometric: 3,
  children: 3,
  financial: 2,
};

const leakControls = ['DATAMINIMIZE'] as const;

const meta = {
  threat: 'DEVDATALEAK',
  description: 'Applies when training, test or retrieval data is not public.',
  docs: 'docs/rules/DEVDATALEAK.md',
  reads: ['datasets[].sensitivity', 'datasets[].regulated', 'datasets[].records', 'datasets[].origin', 'datasets[].supplyChain', 'datasets[].storedIn', 'datasets[].protection.encryptedAtRest', 'datasets[].protection.accessControl', 'environments[].area', 'environments[].access.people', 'environments[].accessLogging', 'environments[].monitoring', 'environments[].confidentialComputing', 'training[].datasets', 'training[].hostedBy', 'training[].mode', 'training[].federation.secureAggregation', 'models[].format', 'models[].supplier', 'models[].inferenceInputs'],
  example: [
    'formatVersion: 1',
    'project: { name: Support assistant }',
    'suppliers:',
    '  - { id: llm-vendor, supplies: [model-hosting], trust: contracted-assessed }',
    'environments:',
    '  - { id: prep, area: data-engineering, access: { people: 6 }, accessLogging: true }',
    'datasets:',
    '  - id: tickets',
    '    purpose: fine-tuning',
    '    origin: user-generated',
    '    sensitivity: [personal]',
    '    regulated: [health]',
    '    storedIn: [prep]',
    '    protection: { encryptedAtRest: true, accessControl: true }',
    'training:',
    '  - { id: tune, mode: hosted-fine-tuning, datasets: [tickets], hostedBy: llm-vendor }',
  ].join('\n'),
  facts: {
    'sensitive-data': 'data set `{{dataset}}` holds {{sensitivity}} data',
    'sensitivity-unstated': 'the sensitivity of data set `{{dataset}}` is not declared, so it is treated as internal',
    'all-data-public': 'every data set is public',
    'no-datasets': 'the project lists no data sets',
  },
  factors: {
    'special-category-data': {
      dimension: 'impact',
      weight: 3,
      message: 'data set `{{dataset}}` holds special-category personal data',
      controls: leakControls,
      when: 'a data set holds `special-category-personal` data',
    },
    'regulated-data': {
      dimension: 'impact',
      weight: 3,
      message: 'data set `{{dataset}}` holds regulated {{classes}} data',
      controls: leakControls,
      when: 'a data set holds payment-card, health, biometric or children\'s data (`regulated`)',
    },
    'financial-data': {
      dimension: 'impact',
      weight: 2,
      message: 'data set `{{dataset}}` holds regulated financial data',
      controls: leakControls,
      when: 'a data set holds financial data (`regulated: [financial]`)',
    },
    'large-sensitive-data-set': {
      dimension: 'impact',
      weight: 3,
      message: 'data set `{{dataset}}` holds about {{records}} records of {{sensitivity}} data',
      controls: leakControls,
      when: 'a data set of personal, confidential or intellectual-property data holds 1,000,000 records or more (`records`)',
    },
    'personal-or-secret-data': {
      dimension: 'impact',
      weight: 2,
      message: 'data set `{{dataset}}` holds {{sensitivity}} data',
      controls: leakControls,
      when: 'a data set holds personal, confidential or intellectual-property data',
    },
    'internal-data-only': {
      dimension: 'impact',
      weight: 1,
      message: 'the non-public data is internal only',
      controls: [],
      when: 'no other impact factor fires: the data that is not public is internal',
    },
    'real-data-in-development': {
      dimension: 'likelihood',
      weight: 1,
      message: 'data set `{{dataset}}` sits in the {{area}} environment `{{environment}}`',
      controls: ['SEGREGATEDATA', 'DATAMINIMIZE'],
      when: 'sensitive data is stored in a development area (application development, data engineering, training)',
    },
    'data-sent-to-external-party': {
      dimension: 'likelihood',
      weight: 2,
      message: 'training activity `{{activity}}` sends data to `{{supplier}}`',
      controls: ['SUPPLYCHAINMANAGE'],
      when: 'a training activity that uses sensitive data runs at an outside party (`hostedBy`, or `hosted-fine-tuning`)',
    },
    'data-handled-by-supplier': {
      dimension: 'likelihood',
      weight: 2,
      message: '{{count}} sensitive data set(s) go to an outside party that {{role}} them, such as `{{dataset}}` ({{supplier}})',
      controls: ['SUPPLYCHAINMANAGE'],
      when: 'a supplier in the supply chain of sensitive data labels, curates or hosts it (roles `labels`, `curates`, `hosts`)',
    },
    'data-sent-at-inference': {
      dimension: 'likelihood',
      weight: 2,
      message: 'data set `{{dataset}}` is sent to hosted model `{{model}}` of `{{supplier}}` when it answers',
      controls: ['SUPPLYCHAINMANAGE'],
      when: 'sensitive data is sent at inference time (retrieval context, prompts) to a model hosted by a supplier (`inferenceInputs` of a `hosted-api` model)',
    },
    'gradients-expose-clients': {
      dimension: 'likelihood',
      weight: 2,
      message: 'training activity `{{activity}}` sees each client\'s update, from which a dishonest server can rebuild the data on that client',
      undeclared: 'whether training activity `{{activity}}` aggregates client updates securely is not declared; a server that sees each update can rebuild the data on that client',
      controls: ['FEDERATEDLEARNING'],
      when: 'federated training of sensitive client data without secure aggregation (`federation.secureAggregation`)',
    },
    'data-stays-on-clients': {
      dimension: 'likelihood',
      weight: 0,
      message: 'data set `{{dataset}}` stays on federated clients',
      controls: [],
      when: 'the data comes from federated clients and is never collected (informational)',
    },
    'stored-unencrypted': {
      dimension: 'likelihood',
      weight: 1,
      message: '{{count}} sensitive data set(s) are not encrypted at rest, such as `{{dataset}}`',
      undeclared: 'whether sensitive data set `{{dataset}}` is encrypted at rest is not declared',
      controls: ['DEVDATAPROTECT'],
      when: 'a collected sensitive data set is not encrypted at rest (`protection.encryptedAtRest`)',
    },
    'no-access-control': {
      dimension: 'likelihood',
      weight: 1,
      message: '{{count}} sensitive data set(s) have no least-privilege access control, such as `{{dataset}}`',
      undeclared: 'whether access to sensitive data set `{{dataset}}` is limited by least privilege is not declared',
      controls: ['DEVDATAPROTECT', 'SEGREGATEDATA'],
      when: 'access to a collected sensitive data set is not limited by least privilege (`protection.accessControl`)',
    },
    'data-collected-live': {
      dimension: 'likelihood',
      weight: 1,
      message: 'data set `{{dataset}}` is collected in operation, so the live system is attack surface',
      controls: ['DATAMINIMIZE'],
      when: 'sensitive data is collected from the live system',
    },
    'broad-access': broadAccess(['SEGREGATEDATA', 'DEVDATAPROTECT']),
    'no-access-monitoring': accessMonitoring(['DEVDATAPROTECT']),
    'confidential-computing': confidentialComputing([]),
  },
} as const;

const { fact, factor, tally: newTally } = makers(meta);
type Kept = Exclude<Sensitivity, 'public'>;

/**
 * Development-time data leak: engineers need real data to train, so the development environment
 * holds what production holds, often with weaker protection.
 */
export const devdataleak: Rule = {
  meta,
  evaluate(view: ProjectView): RuleResult {
    const evidence: Fact[] = [];
    const factors: Factor[] = [];
    const tally = newTally();
    const sensitiveIds = new Set<string>();
    for (const entry of view.datasets.values()) {
      const { item: data, path } = entry;
      const sensitivity = (data.sensitivity ?? ['internal']).filter((s): s is Kept => s !== 'public');
      if (sensitivity.length === 0) continue;
      sensitiveIds.add(data.id);
      evidence.push(data.sensitivity
        ? fact('sensitive-data', [...path, 'sensitivity'], { dataset: data.id, sensitivity: sensitivity.join(', ') })
        : fact('sensitivity-unstated', [...path, 'id'], { dataset: data.id }));
      factors.push(...impactFactors(data, path, sensitivity));
      if (data.origin === 'federated-clients') {
        // The data never leaves the clients: only their updates do (see gradients-expose-clients).
        factors.push(factor('data-stays-on-clients', [...path, 'origin'], { dataset: data.id }));
        continue;
      }
      const encrypted = riskOf(data.protection?.encryptedAtRest, data.protection?.encryptedAtRest === true, path, 'protection.encryptedAtRest', 'true');
      if (encrypted) tally.add('stored-unencrypted', [...path, data.protection ? 'protection' : 'id'], { dataset: data.id }, encrypted);
      const limited = riskOf(data.protection?.accessControl, data.protection?.accessControl === true, path, 'protection.accessControl', 'true');
      if (limited) tally.add('no-access-control', [...path, data.protection ? 'protection' : 'id'], { dataset: data.id }, limited);
      if (data.origin === 'collected-in-operation') tally.add('data-collected-live', [...path, 'origin'], { dataset: data.id });
      handledBySuppliers(view, entry, (link, j) => {
        tally.add('data-handled-by-supplier', [...path, 'supplyChain', j], { dataset: data.id, supplier: link.supplier, role: link.role === 'hosts' ? 'hosts' : link.role === 'labels' ? 'labels' : 'curates' });
      });
      for (const { env, path: envPath } of view.storedIn(entry)) {
        const e = env.item;
        if (view.isDevelopmentArea(e)) tally.add('real-data-in-development', envPath, { dataset: data.id, area: e.area, environment: e.id });
        const broad = broadAccessRisk(e.access, env.path, thresholds.broadAccessPeople);
        if (broad) tally.add('broad-access', e.access?.people === undefined ? [...env.path, 'id'] : [...env.path, 'access', 'people'], { people: String(e.access?.people ?? 'not declared'), what: `environment \`${e.id}\`` }, broad);
        const watched = monitoringRisk(e, env.path);
        if (watched) tally.add('no-access-monitoring', env.path, { environment: e.id, ...watched.args }, watched.undeclared);
        if (e.confidentialComputing === true) tally.add('confidential-computing', [...env.path, 'confidentialComputing'], { environment: e.id });
      }
    }
    if (evidence.length === 0) return { applies: false, evidence: [fact(view.datasets.size === 0 ? 'no-datasets' : 'all-data-public', ['datasets'])], factors: [] };
    for (const { item: activity, path } of view.training) {
      const uses = (activity.datasets ?? []).filter((id) => sensitiveIds.has(id));
      if (uses.length === 0) continue;
      const external = activity.hostedBy ?? (activity.mode === 'hosted-fine-tuning' ? 'an external party' : undefined);
      if (external) factors.push(factor('data-sent-to-external-party', [...path, activity.hostedBy ? 'hostedBy' : 'mode'], { activity: activity.id, supplier: external }));
      const clientData = uses.some((id) => view.datasets.get(id)?.item.origin === 'federated-clients');
      if (activity.mode === 'federated' && clientData) {
        const secure = activity.federation?.secureAggregation;
        const exposed = riskOf(secure, secure === true, path, 'federation.secureAggregation', 'true');
        if (exposed) factors.push(factor('gradients-expose-clients', [...path, activity.federation ? 'federation' : 'mode'], { activity: activity.id }, exposed));
      }
    }
    for (const { item: model, path } of view.models.values()) {
      // The host of a hosted model: its supplier, or whoever fine-tunes it for the project.
      const host = model.format === 'hosted-api' ? model.supplier ?? view.training.find((a) => a.item.model === model.id && a.item.hostedBy)?.item.hostedBy : undefined;
      if (!host) continue;
      (model.inferenceInputs ?? []).forEach((id, i) => {
        if (sensitiveIds.has(id)) factors.push(factor('data-sent-at-inference', [...path, 'inferenceInputs', i], { dataset: id, model: model.id, supplier: host }));
      });
    }
    if (!factors.some((f) => f.dimension === 'impact')) factors.push(factor('internal-data-only', ['datasets']));
    return { applies: true, evidence, factors: [...tally.factors(), ...dedupe(factors)] };
  },
};

/** What a leak of one data set would cost: its sensitivity, regulated classes and size. */
function impactFactors(data: Dataset, path: DataPath, sensitivity: Kept[]): Factor[] {
  const found: Factor[] = [];
  let worst = 1;
  for (const s of sensitivity) worst = Math.max(worst, impactOf[s]);
  if (worst === 3) found.push(factor('special-category-data', [...path, 'sensitivity'], { dataset: data.id }));
  if (data.regulated) {
    const severe = data.regulated.filter((c) => regulatedImpact[c] === 3);
    if (severe.length > 0) found.push(factor('regulated-data', [...path, 'regulated'], { dataset: data.id, classes: severe.join(', ') }));
    else if (data.regulated.includes('financial') && worst < 2) found.push(factor('financial-data', [...path, 'regulated'], { dataset: data.id }));
  }
  const secret = sensitivity.filter((s) => impactOf[s] === 2);
  if (worst < 3 && (data.records ?? 0) >= thresholds.largeDataSetRecords && secret.length > 0) {
    found.push(factor('large-sensitive-data-set', [...path, 'records'], { dataset: data.id, records: String(data.records), sensitivity: secret.join(', ') }));
  } else if (worst === 2) found.push(factor('personal-or-secret-data', [...path, 'sensitivity'], { dataset: data.id, sensitivity: secret.join(', ') }));
  return found;
}

/** Each link of a data set's supply chain where an outside party labels, curates or hosts it. */
function handledBySuppliers(view: ProjectView, entry: Entry<Dataset>, found: (link: NonNullable<Dataset['supplyChain']>[number], index: number) => void): void {
  (entry.item.supplyChain ?? []).forEach((link, j) => {
    if (link.role !== 'provides' && link.role !== 'collects' && view.suppliers.has(link.supplier)) found(link, j);
  });
}
