import { codeExecutingFormats, retrainingModes, thresholds, weightTrainingModes, type ProjectView } from '../project/view.js';
import type { Fact, Factor, Rule, RuleResult } from './api.js';
import { codeRunsHow } from './drift-facts.js';
import { anyRisk, dedupe, makers, riskOf } from './make-facts.js';
import { abilityWords, accessMonitoring, assetWords, automatedRetraining, modelsNamed, monitoringRisk } from './shared-factors.js';

const meta = {
  threat: 'DEVMODELPOISON',
  description: 'Applies when models are trained or fine-tuned here, or stored in a development environment, or when system prompts, agent configuration or reward functions steer them.',
  docs: 'docs/rules/DEVMODELPOISON.md',
  reads: ['models[].origin', 'models[].storedIn', 'models[].integrityProtected', 'models[].format', 'environments[].area', 'environments[].segregated', 'environments[].access.writers', 'environments[].userInstalledDependencies', 'environments[].installsFrom', 'environments[].monitoring', 'suppliers[].trust', 'training[].mode', 'training[].model', 'training[].environment', 'training[].release', 'training[].federation.clientsControlled', 'training[].federation.robustAggregation', 'code.developedBy', 'code.access.writers', 'assets[].kind', 'assets[].usedBy', 'assets[].storedIn', 'assets[].access.writers', 'assets[].changeReview', 'assets[].integrityChecked', 'abilities[].kind', 'abilities[].origin', 'abilities[].supplier', 'abilities[].runsIn', 'abilities[].pinned', 'abilities[].verified'],
  example: [
    'formatVersion: 1',
    'project: { name: Churn model }',
    'environments:',
    '  - { id: notebooks, area: training, segregated: false, access: { writers: 9 }, monitoring: true }',
    'models:',
    '  - { id: churn, origin: trained-here, format: joblib, storedIn: [notebooks], integrityProtected: false }',
    'training:',
    '  - { id: build, mode: from-scratch, model: churn, environment: notebooks }',
  ].join('\n'),
  facts: {
    'model-trained-here': 'model `{{model}}` is trained or fine-tuned in this project',
    'model-stored-in-development': 'model `{{model}}` is stored in the {{area}} environment `{{environment}}`',
    'behaviour-asset-kept': '{{kind}} `{{asset}}` steers {{steered}}',
    'no-model-developed': 'no model is trained, fine-tuned or stored in a development environment',
    'model-file-in-repository': 'model file `{{file}}` ({{format}}) is kept in the repository, where it is developed',
  },
  factors: {
    'model-integrity-unprotected': {
      dimension: 'likelihood',
      weight: 1,
      message: '{{count}} model(s) have parameters that are not signed or hashed and checked, such as `{{model}}`',
      undeclared: 'whether the parameters of model `{{model}}` are signed or hashed and checked is not declared',
      controls: ['DEVDATAPROTECT'],
      when: 'a model developed or kept in development is not integrity-protected (`integrityProtected`)',
    },
    'code-executing-format': {
      dimension: 'likelihood',
      weight: 1,
      message: 'model `{{model}}` is stored as {{format}}, which can run code when it is loaded',
      undeclared: 'the format of model `{{model}}` is not declared, so it may be one that runs code when it is loaded',
      discovered: '{{what}} can run code when it is loaded: {{how}}',
      controls: ['DEVDATAPROTECT'],
      when: 'a model trained here is stored in a format that can run code when loaded (pickle, pytorch-pickle, joblib, keras-h5), or its `format` is not declared',
    },
    'environment-unsegregated': {
      dimension: 'likelihood',
      weight: 1,
      message: 'models are kept in environment `{{environment}}`, which is not segregated',
      undeclared: 'models are kept in environment `{{environment}}`, whose segregation is not declared',
      controls: ['SEGREGATEDATA'],
      when: 'a development environment that holds models is not segregated',
    },
    'many-writers': {
      dimension: 'likelihood',
      weight: 1,
      message: '{{writers}} people can change what environment `{{environment}}` holds',
      undeclared: 'how many people can change what environment `{{environment}}` holds is not declared',
      controls: ['DEVDATAPROTECT'],
      when: 'more than 5 people can change what a development environment holding models holds (`access.writers`)',
    },
    'user-installed-dependencies': {
      dimension: 'likelihood',
      weight: 2,
      message: 'engineers install their own dependencies in environment `{{environment}}`',
      undeclared: 'whether engineers install their own dependencies in environment `{{environment}}` is not declared',
      discovered: 'notebooks in the repository install their own packages ({{installs}} place(s)), which no environment declares',
      controls: ['SUPPLYCHAINMANAGE'],
      when: 'notebooks or jobs in a development environment where models, or the assets that steer them, are kept or trained run packages engineers install themselves',
    },
    'installs-unvetted-software': {
      dimension: 'likelihood',
      weight: 1,
      message: 'environment `{{environment}}` installs software from `{{supplier}}`, which is not contracted and assessed',
      discovered: 'the code runs the hub repository\'s own code for `{{ref}}` ({{api}}, trust_remote_code), which nobody here has vetted',
      controls: ['SUPPLYCHAINMANAGE'],
      when: 'a development environment where models, or the assets that steer them, are kept or trained installs from a software supplier that is not `contracted-assessed` (`installsFrom`)',
    },
    'model-file-runs-commands': {
      dimension: 'impact',
      weight: 3,
      message: 'model file `{{file}}` imports {{globals}}: loading it runs them on the machine that loads it',
      controls: ['DEVDATAPROTECT', 'DEVSECURITY'],
      when: 'a model file in the repository imports dangerous pickle globals such as `os.system` (found in the code only: `--discover`)',
    },
    'no-access-monitoring': accessMonitoring(['DEVDATAPROTECT']),
    'federated-clients-uncontrolled': {
      dimension: 'likelihood',
      weight: 1,
      message: 'training activity `{{activity}}` adds updates from {{clients}} federated clients the project does not control to the model',
      undeclared: 'training activity `{{activity}}` adds updates from {{clients}} federated clients to the model, and whether the project controls them is not declared',
      controls: ['POISONROBUSTMODEL', 'FEDERATEDLEARNING'],
      when: 'federated training aggregates updates from clients the project does not control',
    },
    'aggregation-not-robust': {
      dimension: 'likelihood',
      weight: 1,
      message: 'training activity `{{activity}}` does not limit the weight of outlying client updates',
      undeclared: 'whether training activity `{{activity}}` limits the weight of outlying client updates is not declared',
      controls: ['FEDERATEDLEARNING', 'POISONROBUSTMODEL'],
      when: 'federated training aggregates without limiting outlying updates (`federation.robustAggregation`)',
    },
    'automated-retraining': automatedRetraining(['CONTINUOUSVALIDATION']),
    'outsourced-development': {
      dimension: 'likelihood',
      weight: 1,
      message: 'code is developed by `{{supplier}}`',
      controls: ['SUPPLYCHAINMANAGE'],
      when: 'an outside party develops the training code (`code.developedBy`)',
    },
    'asset-many-writers': {
      dimension: 'likelihood',
      weight: 1,
      message: '{{writers}} people can change {{kind}} `{{asset}}`',
      undeclared: 'how many people can change {{kind}} `{{asset}}` is not declared',
      controls: ['DEVSECURITY'],
      when: 'more than 5 people can change a system prompt, agent configuration or reward function (its `access.writers`, or the code\'s when it declares none)',
    },
    'asset-changes-unreviewed': {
      dimension: 'likelihood',
      weight: 1,
      message: 'changes to {{kind}} `{{asset}}` go live without a review by someone other than their author',
      undeclared: 'whether changes to {{kind}} `{{asset}}` are reviewed before they go live is not declared',
      controls: ['DEVSECURITY'],
      when: 'an asset that steers a model changes without a second person\'s review (`changeReview`)',
    },
    'asset-not-checked': {
      dimension: 'likelihood',
      weight: 1,
      message: 'the running system does not check {{kind}} `{{asset}}` against its approved version',
      undeclared: 'whether the running system checks {{kind}} `{{asset}}` against its approved version is not declared',
      controls: ['DEVSECURITY'],
      when: 'an asset that steers a model is used without a runtime check against the approved version (`integrityChecked`)',
    },
    'unvetted-ability-in-development': {
      dimension: 'likelihood',
      weight: 2,
      message: '{{kind}} `{{ability}}` from {{supplier}} runs in environment `{{environment}}`, where models are developed, and is {{gap}}',
      undeclared: '{{kind}} `{{ability}}` runs in environment `{{environment}}`, where models are developed, and whether it is pinned and verified is not declared',
      controls: ['SUPPLYCHAINMANAGE'],
      when: 'a supplied ability that is not both pinned and verified runs in a development environment where models, or the assets that steer them, are kept or trained (`runsIn`)',
    },
  },
  drift: {
    'dangerous-model-file': 'unless the file is declared a pre-trained model: makes the threat apply (`model-file-in-repository`) and fires `code-executing-format` and `model-file-runs-commands`',
    'pickle-declared-safe': 'unless the model is declared pre-trained: fires `code-executing-format`',
    'undeclared-user-installs': 'fires `user-installed-dependencies`',
    'trust-remote-code': 'fires `installs-unvetted-software`: the hub repository\'s code runs where models are developed',
  },
} as const;

const { fact, factor, tally: newTally } = makers(meta);

/**
 * Development-time model poisoning: whoever can change the engineering environment can change the
 * model directly, without touching the data.
 */
export const devmodelpoison: Rule = {
  meta,
  evaluate(view: ProjectView): RuleResult {
    const evidence: Fact[] = [];
    const tally = newTally();
    const factors: Factor[] = [];
    const trainedHere = new Set(view.training.filter((a) => weightTrainingModes.has(a.item.mode)).map((a) => a.item.model));
    const developmentEnvs = new Set<string>();
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
      // A hosted model's parameters stay with its host: the project can neither sign nor reformat them.
      if (model.format !== 'hosted-api') {
        const unprotected = riskOf(model.integrityProtected, model.integrityProtected === true, path, 'integrityProtected', 'true');
        if (unprotected) tally.add('model-integrity-unprotected', [...path, model.integrityProtected === undefined ? 'id' : 'integrityProtected'], { model: model.id }, unprotected);
        const runsCode = riskOf(model.format, !codeExecutingFormats.has(model.format ?? ''), path, 'format', 'safetensors');
        if (developed && runsCode) tally.add('code-executing-format', [...path, model.format ? 'format' : 'id'], { model: model.id, format: model.format ?? 'not declared' }, runsCode);
      }
      // Development time only: where the live system keeps its copy is a runtime question.
      for (const { env, path: envPath } of devStores) {
        const e = env.item;
        developmentEnvs.add(e.id);
        const open = riskOf(e.segregated, e.segregated === true, env.path, 'segregated', 'true');
        if (open) tally.add('environment-unsegregated', envPath, { environment: e.id }, open);
        const writers = riskOf(e.access?.writers, (e.access?.writers ?? 0) <= thresholds.manyWriters, env.path, 'access.writers', `a number up to ${thresholds.manyWriters}`);
        if (writers) tally.add('many-writers', e.access?.writers === undefined ? [...env.path, 'id'] : [...env.path, 'access', 'writers'], { environment: e.id, writers: String(e.access?.writers ?? 'not declared') }, writers);
        const watched = monitoringRisk(e, env.path, ['monitoring']);
        if (watched) tally.add('no-access-monitoring', env.path, { environment: e.id, ...watched.args }, watched.undeclared);
      }
    }
    for (const { item: activity } of view.training) {
      if (activity.environment && weightTrainingModes.has(activity.mode) && view.environments.has(activity.environment)) developmentEnvs.add(activity.environment);
    }
    // A system prompt, agent configuration or reward function changes the model's behaviour as surely as its weights.
    for (const entry of view.assets.values()) {
      const { item: asset, path } = entry;
      const args = { kind: assetWords[asset.kind], asset: asset.id };
      evidence.push(fact('behaviour-asset-kept', [...path, 'kind'], { ...args, steered: asset.usedBy?.length ? `the behaviour of ${modelsNamed(asset.usedBy, '')}` : 'what the models do' }));
      const writers = view.assetAccess(entry, 'writers');
      const many = riskOf(writers.value, (writers.value ?? 0) <= thresholds.manyWriters, path, 'access.writers', `a number up to ${thresholds.manyWriters}`);
      if (many) tally.add('asset-many-writers', writers.path, { ...args, writers: String(writers.value ?? 'not declared') }, many);
      const unreviewed = riskOf(asset.changeReview, asset.changeReview === true, path, 'changeReview', 'true');
      if (unreviewed) tally.add('asset-changes-unreviewed', [...path, asset.changeReview === undefined ? 'id' : 'changeReview'], args, unreviewed);
      const unchecked = riskOf(asset.integrityChecked, asset.integrityChecked === true, path, 'integrityChecked', 'true');
      if (unchecked) tally.add('asset-not-checked', [...path, asset.integrityChecked === undefined ? 'id' : 'integrityChecked'], args, unchecked);
      for (const { env } of view.storedIn(entry)) if (view.isDevelopmentArea(env.item)) developmentEnvs.add(env.item.id);
    }
    for (const id of developmentEnvs) {
      const { item: e, path: envPath } = view.environments.get(id)!;
      const own = riskOf(e.userInstalledDependencies, e.userInstalledDependencies === false, envPath, 'userInstalledDependencies', 'false');
      if (own) tally.add('user-installed-dependencies', [...envPath, e.userInstalledDependencies === undefined ? 'id' : 'userInstalledDependencies'], { environment: e.id }, own);
      (e.installsFrom ?? []).forEach((supplierId, i) => {
        const supplier = view.suppliers.get(supplierId)?.item;
        if (supplier && supplier.trust !== 'contracted-assessed') tally.add('installs-unvetted-software', [...envPath, 'installsFrom', i], { environment: e.id, supplier: supplier.id });
      });
    }
    for (const entry of view.abilities.values()) {
      const { item: ability, path } = entry;
      if (ability.origin !== 'supplied') continue;
      const open = anyRisk(riskOf(ability.pinned, ability.pinned === true, path, 'pinned', 'true'), riskOf(ability.verified, ability.verified === true, path, 'verified', 'true'));
      if (!open) continue;
      const gap = ability.pinned === false && ability.verified === false ? 'neither pinned nor verified' : ability.pinned === false ? 'not pinned' : 'not verified';
      for (const { env, path: envPath } of view.runsIn(entry)) {
        if (!developmentEnvs.has(env.item.id)) continue;
        tally.add('unvetted-ability-in-development', envPath, { kind: abilityWords[ability.kind], ability: ability.id, supplier: ability.supplier ? `\`${ability.supplier}\`` : 'an unnamed supplier', environment: env.item.id, gap }, open);
      }
    }
    for (const { item: activity, path } of view.training) {
      if (activity.mode === 'federated') {
        const federation = activity.federation;
        const args = { activity: activity.id, clients: String(federation?.clients ?? 'many') };
        const uncontrolled = riskOf(federation?.clientsControlled, federation?.clientsControlled === true, path, 'federation.clientsControlled', 'true');
        if (uncontrolled) factors.push(factor('federated-clients-uncontrolled', [...path, 'mode'], args, uncontrolled));
        const fragile = riskOf(federation?.robustAggregation, federation?.robustAggregation === true, path, 'federation.robustAggregation', 'true');
        if (fragile) factors.push(factor('aggregation-not-robust', [...path, federation ? 'federation' : 'mode'], args, fragile));
      }
      if (retrainingModes.has(activity.mode)) {
        const automatic = riskOf(activity.release, activity.release === 'after-validation', path, 'release', 'after-validation');
        if (automatic) factors.push(factor('automated-retraining', [...path, activity.release ? 'release' : 'mode'], { activity: activity.id, mode: activity.mode }, automatic));
      }
    }
    // What the repository's code shows (--discover), after what the file declares.
    for (const d of view.drift) {
      const at = view.foundAt(d);
      const model = view.declaredModel(d);
      if (model?.item.origin === 'pretrained' && (d.code === 'dangerous-model-file' || d.code === 'pickle-declared-safe')) continue; // SUPPLYMODELPOISON's
      const where = d.declared ?? ['models'];
      const what = model ? `model \`${model.item.id}\`` : d.code === 'dangerous-model-file' ? `model file \`${d.args.file}\`` : 'a model';
      if (d.code === 'dangerous-model-file') {
        evidence.push(fact('model-file-in-repository', where, { file: d.args.file!, format: d.args.format! }, [at]));
        tally.found('code-executing-format', where, { what, how: codeRunsHow(d) }, at);
        factors.push(factor('model-file-runs-commands', where, { file: d.args.file!, globals: d.args.globals! }, [], [at]));
      } else if (d.code === 'pickle-declared-safe') {
        tally.found('code-executing-format', where, { what, how: codeRunsHow(d) }, at);
      } else if (d.code === 'undeclared-user-installs') {
        tally.found('user-installed-dependencies', ['environments'], { installs: d.args.count! }, at);
      } else if (d.code === 'trust-remote-code') {
        tally.found('installs-unvetted-software', where, { ref: d.args.model ?? d.args.dataset!, api: d.args.api! }, at);
      }
    }
    if (evidence.length === 0) return { applies: false, evidence: [fact('no-model-developed', ['models'])], factors: [] };
    const contractor = view.project.code?.developedBy?.[0];
    if (contractor) factors.push(factor('outsourced-development', ['code', 'developedBy', 0], { supplier: contractor }));
    return { applies: true, evidence, factors: [...tally.factors(), ...dedupe(factors)] };
  },
};
