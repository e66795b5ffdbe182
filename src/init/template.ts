import { stringify } from 'yaml';
import type { DatasetOrigin, TrainingMode } from '../project/types.js';

/** The project schema's `$id`: editors with the YAML language server fetch it for completion. */
export const projectSchemaUrl = 'https://aithreat.dev/schemas/project/v1.json';

export const trainingModes: readonly TrainingMode[] = [
  'from-scratch', 'fine-tuning', 'transfer-learning', 'continuous', 'federated', 'retrieval-augmented', 'hosted-fine-tuning',
];
export const dataOrigins: readonly DatasetOrigin[] = [
  'internal', 'supplier', 'public-internet', 'collected-in-operation', 'user-generated', 'synthetic', 'federated-clients',
];

export interface TemplateOptions {
  name?: string;
  owner?: string;
  /** Training modes; `from-scratch` when empty. */
  training?: readonly TrainingMode[];
  /** Origin of the training data; derived from the modes when absent. */
  dataOrigin?: DatasetOrigin;
  /** The model drives an agent: add a supplied ability and the system prompt that steers it. */
  agent?: boolean;
}

const todo = '# TODO(aithreat init):';

/** A YAML scalar for a user-supplied string: plain when that reads back as the same string, else quoted. */
export function yamlString(value: string): string {
  const plain = stringify(value, { lineWidth: 0 }).trimEnd();
  return /^[\w(][\w .,()/&+'-]*$/.test(plain) && !plain.endsWith(' ') ? plain : JSON.stringify(value);
}

/**
 * A commented starter project description. What it states are cautious defaults (data internal,
 * parameters and code confidential, nothing segregated or monitored), so it validates and assesses
 * as it is and errs towards showing threats; every guess carries a TODO to confirm.
 */
export function renderTemplate(options: TemplateOptions = {}): string {
  const modes = new Set<TrainingMode>(options.training && options.training.length > 0 ? options.training : ['from-scratch']);
  const hosted = modes.has('hosted-fine-tuning');
  const localBase = modes.has('fine-tuning') || modes.has('transfer-learning');
  const trainsWeights = [...modes].some((m) => m !== 'retrieval-augmented');
  const retrieval = modes.has('retrieval-augmented');
  const usesHub = localBase || !trainsWeights;
  const origin = options.dataOrigin ?? (modes.has('federated') ? 'federated-clients' : modes.has('continuous') ? 'collected-in-operation' : 'internal');
  const purpose = modes.has('from-scratch') || modes.has('continuous') || modes.has('federated') || !(localBase || hosted) ? 'training' : 'fine-tuning';
  const trainingDatasets = trainsWeights ? ['training-data', 'evaluation-data'] : [];
  const l: string[] = [];
  const push = (...lines: string[]) => l.push(...lines);

  push(
    `# yaml-language-server: $schema=${projectSchemaUrl}`,
    '#',
    '# What this ML project is made of, so that `aithreat assess` can tell which OWASP AI Exchange',
    '# development-time threats apply and which controls counter them. It validates and assesses as',
    '# it is; the defaults are cautious guesses, so replace every TODO with what is true here.',
    '# Every key is described by `aithreat schema project`; controls by `aithreat catalog list`.',
    '',
    'formatVersion: 1',
    '',
    'project:',
    options.name ? `  name: ${yamlString(options.name)}` : `  name: My ML project ${todo} the project's name`,
    '  # description: What the model does and for whom, in a sentence or two.',
    options.owner ? `  owner: ${yamlString(options.owner)}` : '  # owner: The team or person accountable for the project',
    '  # contact: ml-team@example.com',
    '',
  );

  const agent = options.agent === true;
  if (usesHub || hosted || origin === 'supplier' || agent) {
    push(
      '# Outside parties that supply data, labels, models, software, compute or hosting. trust:',
      '# contracted-assessed (contract and security assessment), known-vendor, public-source (a well-known',
      '# hub or corpus anyone can publish to) or anonymous (a publisher nobody has identified).',
      'suppliers:',
    );
    if (usesHub) {
      push('  - id: model-hub', '    name: Public model hub', '    supplies: [pretrained-models]', '    trust: public-source',
        '    # Evidence you actually check: signatures-verified, hashes-verified, ai-bom, model-card, data-card.', '    # provenance: [model-card]');
    }
    if (hosted) {
      push('  - id: fine-tuning-vendor', `    name: Fine-tuning platform ${todo} the vendor's name`, '    supplies: [pretrained-models, model-hosting, compute]',
        `    trust: known-vendor ${todo} contracted-assessed once it is assessed`);
    }
    if (origin === 'supplier') {
      push('  - id: data-vendor', `    name: Data supplier ${todo} the supplier's name`, '    supplies: [data]', `    trust: known-vendor ${todo} confirm`);
    }
    if (agent) {
      push('  - id: tool-vendor', `    name: Tool supplier ${todo} who supplies the MCP server, skill or plugin`, '    supplies: [abilities]', `    trust: known-vendor ${todo} confirm`);
    }
    push('');
  }

  push(
    '# Where data, models and code live. area: external, application-development, data-engineering,',
    '# training or operational (the segregation areas of SEGREGATEDATA). A field left out counts as',
    '# its unsafe value and is listed by `aithreat assess` as an open question until you declare it.',
    'environments:',
  );
  push('  - id: training', '    name: Training environment', '    area: training', `    hosting: on-premises ${todo} or cloud, with provider: <supplier id>`,
    '    holds: [data, models, code]', '    segregated: false', '    accessLogging: false', '    monitoring: false',
    `    userInstalledDependencies: true ${todo} false when jobs run only packages the platform provides`,
    '    # installsFrom: [package-index]   # supplier ids of the package indexes and tool vendors it installs from',
    '    # access: { roles: [ml-engineers], people: 5, writers: 3 }');
  if (retrieval) push('  - id: retrieval-store', '    name: Vector store for retrieval', '    area: operational', '    holds: [data]');
  if (hosted) push('  - id: vendor-tenancy', "    name: Vendor's fine-tuning tenancy", '    area: external', '    hosting: cloud', '    provider: fine-tuning-vendor', '    holds: [data, models]');
  push('');

  const sensitivity = `    sensitivity: [internal] ${todo} every class that applies: public, internal, confidential, personal, special-category-personal, intellectual-property`;
  push('# purpose: training, fine-tuning, evaluation or retrieval.', 'datasets:');
  if (trainsWeights) {
    push('  - id: training-data', `    purpose: ${purpose}`, `    origin: ${origin} ${todo} internal, supplier, public-internet, collected-in-operation, user-generated, synthetic or federated-clients`);
    if (origin === 'supplier') push('    supplyChain:', '      - { supplier: data-vendor, role: provides }');
    push(sensitivity,
      '    # regulated: [payment-card, health, financial, biometric, children]   # the classes that apply; each raises the impact',
      '    # records: 250000   # roughly how many; from 1,000,000 a leak of personal or confidential data is high impact',
      `    storedIn: [training${hosted ? ', vendor-tenancy' : ''}]`, '    # protection: { encryptedAtRest: true, accessControl: true, integrityHashes: verified, provenanceRecorded: true }');
    push('  # Labels from an outside labeller are data of their own: list them with their origin and supplier,', '  # and labelsFor: training-data.');
    push('  - id: evaluation-data', '    purpose: evaluation', '    origin: internal', sensitivity, '    storedIn: [training]');
  }
  if (retrieval) push('  - id: knowledge-base', '    purpose: retrieval', '    origin: internal', sensitivity, '    storedIn: [retrieval-store]');
  push('');

  push('models:');
  if (localBase || hosted) {
    push('  - id: base-model', '    origin: pretrained', `    supplier: ${hosted && !localBase ? 'fine-tuning-vendor' : 'model-hub'}`,
      hosted && !localBase ? '    parameters: confidential' : '    parameters: open-weights',
      hosted && !localBase ? '    format: hosted-api' : `    format: safetensors ${todo} pickle-based formats (pytorch-pickle, pickle, joblib, keras-h5) run code when loaded`);
  }
  push('  - id: model', `    origin: ${trainsWeights ? 'trained-here' : 'pretrained'}`);
  if (!trainsWeights) push('    supplier: model-hub');
  if (localBase || hosted) push('    baseModel: base-model');
  if (localBase) push('    # kind: adapter   # when fine-tuning produces an adapter (such as LoRA) loaded with base-model');
  push(`    parameters: ${trainsWeights ? 'confidential' : 'open-weights'} ${todo} confidential or open-weights`);
  push(hosted && !localBase ? '    format: hosted-api' : `    format: safetensors ${todo} the artifact format`);
  push(`    storedIn: [${hosted && !localBase ? 'vendor-tenancy' : 'training'}]`, '    integrityProtected: false');
  if (retrieval && hosted && !localBase) push('    # What is sent to the hosted model when it answers reaches its supplier:', '    inferenceInputs: [knowledge-base]');
  push('');

  push('# One entry per training activity.', 'training:');
  const activity: Record<TrainingMode, string> = {
    'from-scratch': 'train', 'fine-tuning': 'fine-tune', 'transfer-learning': 'transfer-learn', continuous: 'retrain',
    federated: 'federated-training', 'retrieval-augmented': 'grounding', 'hosted-fine-tuning': 'hosted-fine-tune',
  };
  for (const mode of trainingModes.filter((m) => modes.has(m))) {
    push(`  - id: ${activity[mode]}`, `    mode: ${mode}`, '    model: model');
    if (mode === 'retrieval-augmented') {
      push('    datasets: [knowledge-base]', '    environment: retrieval-store');
      continue;
    }
    push(`    datasets: [${trainingDatasets.join(', ')}]`, `    environment: ${mode === 'hosted-fine-tuning' ? 'vendor-tenancy' : 'training'}`);
    if (mode === 'hosted-fine-tuning') push('    hostedBy: fine-tuning-vendor');
    if (mode === 'federated') push(`    federation: { clientsControlled: false, secureAggregation: false, robustAggregation: false } ${todo} clientPopulation, clients, and what is true`);
    if (mode === 'continuous' || mode === 'federated') push(`    release: automatic ${todo} after-validation when a retrained model goes live only after it passes validation`);
  }
  push('');

  if (agent) {
    push(
      '# What the agent calls besides its model. kind: mcp-server, skill, plugin, external-agent or tool;',
      '# origin: supplied or built-here. runsIn: the environments where its code runs (leave it out for a',
      '# service its supplier runs). A supplied ability not pinned and verified can change what the agent does.',
      'abilities:',
      '  - id: tool-server',
      '    kind: mcp-server',
      '    origin: supplied',
      '    supplier: tool-vendor',
      '    usedBy: [model]',
      `    pinned: false ${todo} true when it is fixed to a version, commit or digest`,
      `    verified: false ${todo} true when its signature, hash or code is checked before use`,
      '',
      '# What steers the model besides its data and weights: system-prompt, agent-configuration or',
      '# reward-function. access and confidentiality default to the code\'s when left out.',
      'assets:',
      '  - id: system-prompt',
      '    kind: system-prompt',
      '    usedBy: [model]',
      '    storedIn: [training]',
      `    changeReview: false ${todo} true when a second person reviews every change before it goes live`,
      `    integrityChecked: false ${todo} true when the running system checks it against the approved version`,
      '',
    );
  }
  push('code:', `  confidentiality: confidential ${todo} or open-source`, '  # repository: https://git.example.com/team/project', '  storedIn: [training]', '');
  push(
    '# The status of each security control, keyed by catalog id; `aithreat assess` lists the ones',
    '# that are missing. For example:',
    '# controls:',
    '#   DEVSECURITY:',
    '#     status: implemented   # implemented, partial, planned, not-applicable or risk-accepted',
    '#     notes: How it is done, or what is left.',
    '#   CONFCOMPUTE:',
    '#     status: not-applicable',
    '#     justification: Why it does not apply.',
  );
  return `${l.join('\n')}\n`;
}
