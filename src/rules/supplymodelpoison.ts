import type { DataPath } from '../load/locate.js';
import { codeExecutingFormats, type ProjectView } from '../project/view.js';
import type { Fact, Factor, Rule, RuleResult } from './api.js';
import { makers, riskOf } from './make-facts.js';

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
      controls: supplierControls,
      when: 'a pre-trained model comes from a `public-source` supplier such as a model hub, or names no supplier',
    },
    'supplier-unassessed': {
      dimension: 'likelihood',
      weight: 1,
      message: 'supplier `{{supplier}}` is known but not assessed',
      controls: supplierControls,
      when: 'a pre-trained model comes from a `known-vendor` supplier',
    },
    'no-signature-or-hash': {
      dimension: 'likelihood',
      weight: 1,
      message: 'no signature or hash of model `{{model}}` is verified',
      undeclared: 'whether a signature or hash of model `{{model}}` is verified is not declared',
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
      controls: ['SUPPLYCHAINMANAGE', 'DEVSECURITY'],
      when: 'a pre-trained model comes in a format that can run code when loaded, or its `format` is not declared',
    },
    'code-executing-format-impact': {
      dimension: 'impact',
      weight: 3,
      message: 'loading model `{{model}}` ({{format}}) can run an attacker\'s code on the machine that loads it',
      undeclared: 'loading model `{{model}}`, whose format is not declared, may run an attacker\'s code on the machine that loads it',
      controls: ['SUPPLYCHAINMANAGE', 'DEVSECURITY'],
      when: 'as above: code run at load time reaches beyond the model, so the impact is high',
    },
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
        // One model that runs code at load time sets the impact; a second adds nothing to it.
        if (impacts.length === 0 || (impacts[0]!.undeclared.length > 0 && runsCode.length === 0)) {
          impacts.splice(0, 1, factor('code-executing-format-impact', [...path, model.format ? 'format' : 'id'], args, runsCode));
        }
      }
    }
    if (evidence.length === 0) return { applies: false, evidence: [fact('no-pretrained-model', ['models'])], factors: [] };
    return { applies: true, evidence, factors: [...tally.factors(), ...impacts] };
  },
};
