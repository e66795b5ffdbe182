import type { DataPath } from '../load/locate.js';
import { codeExecutingFormats, type ProjectView } from '../project/view.js';
import type { Fact, Factor, Rule, RuleResult } from './api.js';
import { basisRank, makers, riskOf } from './make-facts.js';
import { codeRunsHow, namesVendor } from './drift-facts.js';

const supplierControls = ['SUPPLYCHAINMANAGE', 'POISONROBUSTMODEL'] as const;

const meta = {
  threat: 'SUPPLYMODELPOISON',
  description: 'Applies when a pre-trained model from a supplier is used or trained further.',
  docs: 'docs/rules/SUPPLYMODELPOISON.md',
  reads: ['models[].origin', 'models[].supplier', 'models[].baseModel', 'models[].format', 'models[].integrityProtected', 'suppliers[].trust', 'suppliers[].provenance'],
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
    'no-pretrained-model': 'no pre-trained model is obtained from a supplier',
    'pretrained-model-in-code': 'the code loads pre-trained model `{{model}}` from {{hub}} ({{api}}), which the project description does not declare',
    'hosted-model-in-code': 'the code calls hosted model `{{model}}` of {{vendor}} ({{api}}), which the project description does not declare',
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
 * its parameters before they arrive — only check where they came from.
 */
export const supplymodelpoison: Rule = {
  meta,
  evaluate(view: ProjectView): RuleResult {
    const evidence: Fact[] = [];
    const tally = newTally();
    const impacts: Factor[] = [];
    // One model that runs code at load time sets the impact; a second adds nothing to it, unless
    // it rests on more (declared over found in the code, found over a field left out).
    const setImpact = (f: Factor) => {
      if (impacts.length === 0 || basisRank(impacts[0]!) < basisRank(f)) impacts.splice(0, 1, f);
    };
    for (const { item: model, path } of view.models.values()) {
      const base = model.baseModel ? view.models.get(model.baseModel) : undefined;
      if (base?.item.origin === 'pretrained') {
        evidence.push(fact('pretrained-model-trained-further', [...path, 'baseModel'], { model: model.id, base: base.item.id }));
      }
      if (model.origin !== 'pretrained') continue;
      evidence.push(fact('pretrained-model-used', [...path, 'origin'], { model: model.id, supplier: model.supplier ?? 'an unnamed supplier' }));
      const supplier = model.supplier ? view.suppliers.get(model.supplier) : undefined;
      const supplierPath: DataPath = model.supplier ? [...path, 'supplier'] : [...path, 'origin'];
      if (!supplier) {
        tally.add('supplier-public-source', supplierPath, { supplier: 'unnamed', model: model.id }, [{ path: [...path, 'supplier'], safe: 'a supplier whose trust is contracted-assessed' }]);
      } else if (supplier.item.trust === 'anonymous') tally.add('supplier-anonymous', [...supplier.path, 'trust'], { supplier: supplier.item.id });
      else if (supplier.item.trust === 'public-source') tally.add('supplier-public-source', [...supplier.path, 'trust'], { supplier: supplier.item.id, model: model.id });
      else if (supplier.item.trust === 'known-vendor') tally.add('supplier-unassessed', [...supplier.path, 'trust'], { supplier: supplier.item.id });
      // Behind an API the weights never arrive: nobody who calls it can check them or their format.
      if (model.format === 'hosted-api') continue;
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
        setImpact(factor('code-executing-format-impact', [...path, model.format ? 'format' : 'id'], args, runsCode));
      }
    }
    // What the repository's code shows (--discover), after what the file declares.
    for (const d of view.drift) {
      const at = view.foundAt(d);
      const where = d.declared ?? ['models'];
      const runsCodeFound = (model: string, how: string) => {
        tally.found('code-executing-format', where, { model, how }, at);
        setImpact(factor('code-executing-format-impact', where, { model, how }, [], [at]));
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
        runsCodeFound(d.args.model, codeRunsHow(d));
      } else if (d.code === 'pickle-declared-safe' || d.code === 'dangerous-model-file') {
        const model = view.declaredModel(d);
        if (model?.item.origin === 'pretrained') runsCodeFound(model.item.id, codeRunsHow(d));
      }
    }
    if (evidence.length === 0) return { applies: false, evidence: [fact('no-pretrained-model', ['models'])], factors: [] };
    return { applies: true, evidence, factors: [...tally.factors(), ...impacts] };
  },
};
