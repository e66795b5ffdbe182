import type { DataPath } from '../load/locate.js';
import type { Ability, Model } from '../project/types.js';
import { codeExecutingFormats, type Entry, type ProjectView } from '../project/view.js';
import type { Fact, Factor, Rule, RuleResult } from './api.js';
import { codeRunsHow, namesVendor } from './drift-facts.js';
import { basisRank, makers, riskOf } from './make-facts.js';
import { abilityWords, modelsNamed } from './shared-factors.js';

const supplierControls = ['SUPPLYCHAINMANAGE', 'POISONROBUSTMODEL'] as const;
/** An ability is not a model: pruning or fine-tuning cannot reach it, so only supply chain management answers. */
const abilityControls = ['SUPPLYCHAINMANAGE'] as const;

const meta = {
  threat: 'SUPPLYMODELPOISON',
  description: 'Applies when a pre-trained model or fine-tuning adapter from a supplier is used or trained further, or when agents call abilities (MCP servers, skills, plugins, tools) that an outside party supplies.',
  docs: 'docs/rules/SUPPLYMODELPOISON.md',
  reads: ['models[].origin', 'models[].kind', 'models[].supplier', 'models[].baseModel', 'models[].format', 'models[].integrityProtected', 'suppliers[].trust', 'suppliers[].provenance', 'abilities[].kind', 'abilities[].origin', 'abilities[].supplier', 'abilities[].usedBy', 'abilities[].runsIn', 'abilities[].pinned', 'abilities[].verified'],
  example: [
    'formatVersion: 1',
    'project: { name: Bird classifier }',
    'suppliers:',
    '  - { id: hub, supplies: [pretrained-models], trust: public-source, provenance: [model-card] }',
    'models:',
    '  - { id: backbone, origin: pretrained, supplier: hub, format: pytorch-pickle }',
    '  - { id: classifier, origin: trained-here, baseModel: backbone, format: safetensors }',
  ].join('\n'),
  facts: {
    'pretrained-model-used': 'model `{{model}}` is obtained pre-trained from `{{supplier}}`',
    'pretrained-model-trained-further': 'model `{{model}}` is trained further from pre-trained model `{{base}}`',
    'pretrained-adapter-used': 'adapter `{{model}}` is obtained pre-trained from `{{supplier}}` and loaded with model `{{base}}`',
    'adapter-trained-on-pretrained-model': 'adapter `{{model}}` is trained here for pre-trained model `{{base}}`, whose parameters stay as they were delivered',
    'supplied-ability-used': '{{kind}} `{{ability}}` is supplied by {{supplier}} and called by {{callers}}',
    'no-pretrained-model': 'no pre-trained model is obtained from a supplier',
    'pretrained-model-in-code': 'the code loads pre-trained model `{{model}}` from {{hub}} ({{api}}), which the project description does not declare',
    'hosted-model-in-code': 'the code calls hosted model `{{model}}` of {{vendor}} ({{api}}), which the project description does not declare',
    'abilities-built-here': 'every ability the agents call is built here',
    'abilities-only': 'only supplied abilities bring this threat: no obtained model is there to prune or fine-tune',
  },
  factors: {
    'supplier-anonymous': {
      dimension: 'likelihood',
      weight: 3,
      message: 'supplier `{{supplier}}` is a publisher nobody has identified',
      controls: supplierControls,
      when: 'a pre-trained model comes from an `anonymous` supplier',
    },
    'supplier-public-source': {
      dimension: 'likelihood',
      weight: 2,
      message: 'supplier `{{supplier}}` is a public source anyone can publish to',
      undeclared: 'the supplier of model `{{model}}` is not declared, so it is treated as a public source',
      discovered: 'model `{{model}}`, which the code loads from {{hub}}, comes from a public hub anyone can publish to',
      controls: supplierControls,
      when: 'a pre-trained model comes from a `public-source` supplier such as a model hub, or names no supplier',
    },
    'supplier-unassessed': {
      dimension: 'likelihood',
      weight: 1,
      message: 'supplier `{{supplier}}` is known but not assessed',
      discovered: 'the code calls `{{model}}` of {{vendor}}, a vendor the project description does not name, so nothing says it was assessed',
      controls: supplierControls,
      when: 'a pre-trained model comes from a `known-vendor` supplier',
    },
    'no-signature-or-hash': {
      dimension: 'likelihood',
      weight: 1,
      message: 'no signature or hash of model `{{model}}` is verified',
      undeclared: 'whether a signature or hash of model `{{model}}` is verified is not declared',
      discovered: 'the code loads model `{{model}}` ({{api}}) without pinning a commit, so nothing checks that it gets the files that were reviewed',
      controls: ['SUPPLYCHAINMANAGE'],
      when: 'a downloaded pre-trained model comes without verified signatures or hashes (supplier `provenance`, or `integrityProtected` on the model); not for a hosted API',
    },
    'no-ai-bom': {
      dimension: 'likelihood',
      weight: 1,
      message: 'no AI bill of materials comes with model `{{model}}`',
      undeclared: 'whether an AI bill of materials comes with model `{{model}}` is not declared',
      controls: ['SUPPLYCHAINMANAGE'],
      when: 'a downloaded pre-trained model comes without an AI bill of materials (`ai-bom` in the supplier\'s `provenance`); not for a hosted API',
    },
    'signatures-verified': {
      dimension: 'likelihood',
      weight: -1,
      message: 'signatures of model `{{model}}` are verified',
      controls: [],
      when: 'the supplier\'s provenance includes `signatures-verified` (protective)',
    },
    'code-executing-format': {
      dimension: 'likelihood',
      weight: 2,
      message: 'model `{{model}}` is stored as {{format}}, which can run code when it is loaded',
      undeclared: 'the format of pre-trained model `{{model}}` is not declared, so it may be one that runs code when it is loaded',
      discovered: 'model `{{model}}` can run code when it is loaded: {{how}}',
      controls: ['SUPPLYCHAINMANAGE', 'DEVSECURITY'],
      when: 'a pre-trained model comes in a format that can run code when loaded, or its `format` is not declared',
    },
    'code-executing-format-impact': {
      dimension: 'impact',
      weight: 3,
      message: 'loading model `{{model}}` ({{format}}) can run an attacker\'s code on the machine that loads it',
      undeclared: 'loading model `{{model}}`, whose format is not declared, may run an attacker\'s code on the machine that loads it',
      discovered: 'loading model `{{model}}` can run an attacker\'s code on the machine that loads it, as the code shows',
      controls: ['SUPPLYCHAINMANAGE', 'DEVSECURITY'],
      when: 'as above: code run at load time reaches beyond the model, so the impact is high',
    },
    'adapters-from-several-parties': {
      dimension: 'likelihood',
      weight: 1,
      message: 'model `{{base}}` is combined with adapters from {{parties}} parties ({{sources}})',
      controls: ['SUPPLYCHAINMANAGE'],
      when: 'adapters from two or more parties (suppliers, or this project) are loaded with or merged into one model, at least one of them supplied (`kind: adapter`, `baseModel`)',
    },
    'ability-supplier-anonymous': {
      dimension: 'likelihood',
      weight: 3,
      message: '{{kind}} `{{ability}}` comes from `{{supplier}}`, a publisher nobody has identified',
      controls: abilityControls,
      when: 'a supplied ability comes from an `anonymous` supplier',
    },
    'ability-supplier-public-source': {
      dimension: 'likelihood',
      weight: 2,
      message: '{{kind}} `{{ability}}` comes from `{{supplier}}`, a public source anyone can publish to',
      undeclared: 'the supplier of {{kind}} `{{ability}}` is not declared, so it is treated as a public source',
      controls: abilityControls,
      when: 'a supplied ability comes from a `public-source` supplier such as a public registry of MCP servers or skills, or names no supplier',
    },
    'ability-supplier-unassessed': {
      dimension: 'likelihood',
      weight: 1,
      message: '{{kind}} `{{ability}}` comes from `{{supplier}}`, which is known but not assessed',
      controls: abilityControls,
      when: 'a supplied ability comes from a `known-vendor` supplier',
    },
    'ability-unpinned': {
      dimension: 'likelihood',
      weight: 1,
      message: '{{kind}} `{{ability}}` is not pinned to a version, so what the agents call can change without anyone here deciding it',
      undeclared: 'whether {{kind}} `{{ability}}` is pinned to a version is not declared',
      controls: abilityControls,
      when: 'a supplied ability is not fixed to a version, commit or digest (`pinned`)',
    },
    'ability-unverified': {
      dimension: 'likelihood',
      weight: 1,
      message: '{{kind}} `{{ability}}` is used without a check against the version that was approved',
      undeclared: 'whether {{kind}} `{{ability}}` is checked against what was approved before use is not declared',
      controls: abilityControls,
      when: 'a supplied ability is used without verifying its signature or hash or reviewing its code and descriptions (`verified`)',
    },
    'ability-runs-code-here': {
      dimension: 'impact',
      weight: 3,
      message: '{{kind}} `{{ability}}` runs its supplier\'s code in environment `{{environment}}`, where a tampered version can do whatever that environment allows',
      controls: abilityControls,
      when: 'a supplied ability runs inside one of the project\'s environments (`runsIn`): its code reaches beyond the agent, so the impact is high',
    },
  },
  drift: {
    'undeclared-model': 'makes the threat apply (`pretrained-model-in-code`) and fires `supplier-public-source`: a model hub is a public source',
    'undeclared-hosted-model': 'makes the threat apply (`hosted-model-in-code`), and fires `supplier-unassessed` unless a supplier entry names the vendor',
    'unpinned-revision': 'for a model: fires `no-signature-or-hash`, since nothing ties the download to the files that were reviewed',
    'trust-remote-code': 'for a model: fires `code-executing-format` and `code-executing-format-impact`, since the hub repository\'s Python code runs when it loads',
    'pickle-declared-safe': 'for a model declared pre-trained: fires `code-executing-format` and `code-executing-format-impact`',
    'dangerous-model-file': 'for a file declared as a pre-trained model: fires `code-executing-format` and `code-executing-format-impact`',
  },
} as const;

const { fact, factor, tally: newTally } = makers(meta);

/**
 * Transfer learning attack (now "supply-chain model poisoning"): a pre-trained model can carry
 * poisoned behaviour that survives further training, and the one who obtains it cannot protect
 * its parameters before they arrive — only check where they came from. A fine-tuning adapter
 * from outside is such a model, and so, for an agent, is a supplied ability: a tampered MCP
 * server, skill or plugin changes what the agent does as a tampered model would.
 */
export const supplymodelpoison: Rule = {
  meta,
  evaluate(view: ProjectView): RuleResult {
    const evidence: Fact[] = [];
    const tally = newTally();
    const impacts = new Map<string, Factor>();
    for (const entry of view.models.values()) {
      const { item: model, path } = entry;
      const base = model.baseModel ? view.models.get(model.baseModel) : undefined;
      const adapter = view.isAdapter(model);
      // A supplied adapter names its base in its own fact below.
      if (base?.item.origin === 'pretrained' && !(adapter && model.origin === 'pretrained')) {
        evidence.push(adapter
          ? fact('adapter-trained-on-pretrained-model', [...path, 'baseModel'], { model: model.id, base: base.item.id })
          : fact('pretrained-model-trained-further', [...path, 'baseModel'], { model: model.id, base: base.item.id }));
      }
      if (model.origin !== 'pretrained') continue;
      const supplierName = model.supplier ?? 'an unnamed supplier';
      evidence.push(adapter && model.baseModel
        ? fact('pretrained-adapter-used', [...path, 'origin'], { model: model.id, supplier: supplierName, base: model.baseModel })
        : fact('pretrained-model-used', [...path, 'origin'], { model: model.id, supplier: supplierName }));
      checkSuppliedModel(view, entry, tally, impacts);
    }
    severalAdapterParties(view, tally);
    readDrift(view, evidence, tally, impacts);
    const supplied = [...view.abilities.values()].filter((a) => a.item.origin === 'supplied');
    for (const entry of supplied) {
      const { item: ability, path } = entry;
      const kind = abilityWords[ability.kind];
      evidence.push(fact('supplied-ability-used', [...path, 'origin'], { kind, ability: ability.id, supplier: ability.supplier ? `\`${ability.supplier}\`` : 'an unnamed supplier', callers: modelsNamed(ability.usedBy, 'agents this file does not name') }));
      checkSuppliedAbility(view, entry, tally, impacts);
    }
    if (evidence.length === 0) {
      const why = [fact('no-pretrained-model', ['models'])];
      if (view.abilities.size > 0) why.push(fact('abilities-built-here', ['abilities']));
      return { applies: false, evidence: why, factors: [] };
    }
    // Pruning and fine-tuning work on a model's parameters; an MCP server or a skill has none.
    const noModel = ![...view.models.values()].some((m) => m.item.origin === 'pretrained' || (m.item.baseModel !== undefined && view.models.get(m.item.baseModel)?.item.origin === 'pretrained')) && view.driftOf('undeclared-model').length === 0;
    const outOfReach = noModel ? [{ control: 'POISONROBUSTMODEL', fact: fact('abilities-only', ['abilities']) }] : undefined;
    return { applies: true, evidence, factors: [...tally.factors(), ...impacts.values()], ...(outOfReach ? { outOfReach } : {}) };
  },
};

type Tally = ReturnType<typeof newTally>;

/** Who supplies a pre-trained model or adapter, what evidence of provenance is checked, and whether loading it can run code. */
function checkSuppliedModel(view: ProjectView, { item: model, path }: Entry<Model>, tally: Tally, impacts: Map<string, Factor>): void {
  const supplier = model.supplier ? view.suppliers.get(model.supplier) : undefined;
  const supplierPath: DataPath = model.supplier ? [...path, 'supplier'] : [...path, 'origin'];
  if (!supplier) {
    tally.add('supplier-public-source', supplierPath, { supplier: 'unnamed', model: model.id }, [{ path: [...path, 'supplier'], safe: 'a supplier whose trust is contracted-assessed' }]);
  } else if (supplier.item.trust === 'anonymous') tally.add('supplier-anonymous', [...supplier.path, 'trust'], { supplier: supplier.item.id });
  else if (supplier.item.trust === 'public-source') tally.add('supplier-public-source', [...supplier.path, 'trust'], { supplier: supplier.item.id, model: model.id });
  else if (supplier.item.trust === 'known-vendor') tally.add('supplier-unassessed', [...supplier.path, 'trust'], { supplier: supplier.item.id });
  // Behind an API the weights never arrive: nobody who calls it can check them or their format.
  if (model.format === 'hosted-api') return;
  const provenance = supplier?.item.provenance;
  const provenancePath: DataPath = supplier ? [...supplier.path, 'provenance'] : [...path, 'supplier'];
  const has = (evidence: string) => (provenance ?? []).some((p) => p === evidence);
  if (has('signatures-verified')) {
    tally.add('signatures-verified', provenancePath, { model: model.id });
  } else if (!has('hashes-verified') && model.integrityProtected !== true) {
    const unknown = provenance === undefined && model.integrityProtected === undefined;
    tally.add('no-signature-or-hash', supplierPath, { model: model.id }, unknown ? [{ path: provenancePath, safe: '[signatures-verified]' }] : undefined);
  }
  if (!has('ai-bom')) tally.add('no-ai-bom', supplierPath, { model: model.id }, provenance === undefined ? [{ path: provenancePath, safe: '[ai-bom]' }] : undefined);
  const runsCode = riskOf(model.format, !codeExecutingFormats.has(model.format ?? ''), path, 'format', 'safetensors');
  if (runsCode) {
    const args = { model: model.id, format: model.format ?? 'not declared' };
    tally.add('code-executing-format', [...path, model.format ? 'format' : 'id'], args, runsCode);
    setImpact(impacts, factor('code-executing-format-impact', [...path, model.format ? 'format' : 'id'], args, runsCode));
  }
}

/** Who supplies an ability, whether it is pinned and checked, and whether its code runs in the project's environments. */
function checkSuppliedAbility(view: ProjectView, entry: Entry<Ability>, tally: Tally, impacts: Map<string, Factor>): void {
  const { item: ability, path } = entry;
  const args = { kind: abilityWords[ability.kind], ability: ability.id };
  const supplier = ability.supplier ? view.suppliers.get(ability.supplier) : undefined;
  if (!supplier) {
    tally.add('ability-supplier-public-source', [...path, 'origin'], { ...args, supplier: 'unnamed' }, [{ path: [...path, 'supplier'], safe: 'a supplier whose trust is contracted-assessed' }]);
  } else {
    const trustArgs = { ...args, supplier: supplier.item.id };
    if (supplier.item.trust === 'anonymous') tally.add('ability-supplier-anonymous', [...supplier.path, 'trust'], trustArgs);
    else if (supplier.item.trust === 'public-source') tally.add('ability-supplier-public-source', [...supplier.path, 'trust'], trustArgs);
    else if (supplier.item.trust === 'known-vendor') tally.add('ability-supplier-unassessed', [...supplier.path, 'trust'], trustArgs);
  }
  const unpinned = riskOf(ability.pinned, ability.pinned === true, path, 'pinned', 'true');
  if (unpinned) tally.add('ability-unpinned', [...path, ability.pinned === undefined ? 'id' : 'pinned'], args, unpinned);
  const unverified = riskOf(ability.verified, ability.verified === true, path, 'verified', 'true');
  if (unverified) tally.add('ability-unverified', [...path, ability.verified === undefined ? 'id' : 'verified'], args, unverified);
  const where = view.runsIn(entry)[0];
  if (where) setImpact(impacts, factor('ability-runs-code-here', where.path, { ...args, environment: where.env.item.id }));
}

/**
 * One impact factor per code: a second model that runs code at load time adds nothing, unless it
 * rests on more (declared over found in the code, found in the code over a field left out).
 */
function setImpact(impacts: Map<string, Factor>, found: Factor): void {
  const kept = impacts.get(found.code);
  if (!kept || basisRank(kept) < basisRank(found)) impacts.set(found.code, found);
}

/** What the repository's code shows (--discover), after what the file declares. */
function readDrift(view: ProjectView, evidence: Fact[], tally: Tally, impacts: Map<string, Factor>): void {
  for (const d of view.drift) {
    const at = view.foundAt(d);
    const where = d.declared ?? ['models'];
    const runsCode = (model: string, how: string) => {
      tally.found('code-executing-format', where, { model, how }, at);
      setImpact(impacts, factor('code-executing-format-impact', where, { model, how }, [], [at]));
    };
    if (d.code === 'undeclared-model') {
      evidence.push(fact('pretrained-model-in-code', where, { model: d.args.model!, hub: d.args.hub!, api: d.args.api! }, [at]));
      tally.found('supplier-public-source', where, { model: d.args.model!, hub: d.args.hub! }, at);
    } else if (d.code === 'undeclared-hosted-model') {
      evidence.push(fact('hosted-model-in-code', where, { model: d.args.model!, vendor: d.args.vendor!, api: d.args.api! }, [at]));
      if (![...view.suppliers.values()].some((s) => namesVendor(s.item, d.args.vendor!))) tally.found('supplier-unassessed', where, { model: d.args.model!, vendor: d.args.vendor! }, at);
    } else if (d.code === 'unpinned-revision' && d.args.model !== undefined) {
      tally.found('no-signature-or-hash', where, { model: d.args.model, api: d.args.api! }, at);
    } else if (d.code === 'trust-remote-code' && d.args.model !== undefined) {
      runsCode(d.args.model, codeRunsHow(d));
    } else if (d.code === 'pickle-declared-safe' || d.code === 'dangerous-model-file') {
      const model = view.declaredModel(d);
      if (model?.item.origin === 'pretrained') runsCode(model.item.id, codeRunsHow(d));
    }
  }
}

/** A model combined with adapters from two or more parties, at least one of them an outside party. */
function severalAdapterParties(view: ProjectView, tally: Tally): void {
  const parties = new Map<string, { path: DataPath; sources: Set<string>; supplied: boolean }>();
  for (const { item: model, path } of view.models.values()) {
    if (!view.isAdapter(model) || !model.baseModel || !view.models.has(model.baseModel)) continue;
    const seen = parties.get(model.baseModel) ?? { path: [...path, 'baseModel'], sources: new Set<string>(), supplied: false };
    seen.sources.add(model.origin === 'pretrained' ? model.supplier ?? 'an unnamed supplier' : 'this project');
    if (model.origin === 'pretrained') seen.supplied = true;
    parties.set(model.baseModel, seen);
  }
  for (const [base, { path, sources, supplied }] of parties) {
    if (supplied && sources.size >= 2) tally.add('adapters-from-several-parties', path, { base, parties: String(sources.size), sources: [...sources].sort().join(', ') });
  }
}
