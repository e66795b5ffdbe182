import type { ProjectView } from '../assess/project-view.js';
import type { Fact, RuleResult } from '../assess/types.js';
import { codeExecutingFormats } from '../assess/project-view.js';
import { fact, FactorTally, impact, type Rule } from './rule.js';
import type { Factor } from '../assess/types.js';

/**
 * Supply-chain model poisoning (SUPPLYMODELPOISON; TRANSFERLEARNINGATTACK in the 2024 edition):
 * a pre-trained model can carry poisoned behaviour that survives further training, and the one
 * who obtains it cannot protect its parameters before they arrive — only check where they came from.
 */
export const transferlearningattack: Rule = {
  threat: 'SUPPLYMODELPOISON',
  description: 'Applies when a pre-trained model from a supplier is used or trained further.',
  evaluate(view: ProjectView): RuleResult {
    const evidence: Fact[] = [];
    const tally = new FactorTally();
    const impacts: Factor[] = [];
    for (const { item: model, path } of view.models.values()) {
      const base = model.baseModel ? view.models.get(model.baseModel) : undefined;
      if (base?.item.origin === 'pretrained') {
        evidence.push(fact('pretrained-model-trained-further', [...path, 'baseModel'], { model: model.id, base: base.item.id }));
      }
      if (model.origin !== 'pretrained') continue;
      evidence.push(fact('pretrained-model-used', [...path, 'origin'], { model: model.id, supplier: model.supplier ?? 'an unnamed supplier' }));
      const supplier = model.supplier ? view.suppliers.get(model.supplier) : undefined;
      const trust = supplier?.item.trust ?? 'public-source';
      const supplierPath = model.supplier ? [...path, 'supplier'] : [...path, 'origin'];
      if (trust === 'public-source') tally.add('supplier-public-source', supplier ? [...supplier.path, 'trust'] : supplierPath, 2, { supplier: model.supplier ?? 'unnamed' });
      else if (trust === 'known-vendor') tally.add('supplier-unassessed', [...supplier!.path, 'trust'], 1, { supplier: supplier!.item.id });
      const provenance = new Set(supplier?.item.provenance ?? []);
      if (provenance.has('signatures-verified')) {
        tally.add('signatures-verified', [...supplier!.path, 'provenance'], -1, { model: model.id });
      } else if (!provenance.has('hashes-verified') && model.integrityProtected !== true) {
        tally.add('no-signature-or-hash', supplierPath, 1, { model: model.id });
      }
      if (!provenance.has('ai-bom')) tally.add('no-ai-bom', supplierPath, 1, { model: model.id });
      if (model.format && codeExecutingFormats.has(model.format)) {
        tally.add('code-executing-format', [...path, 'format'], 2, { model: model.id, format: model.format });
        if (impacts.length === 0) impacts.push(impact('code-executing-format', [...path, 'format'], 3, { model: model.id, format: model.format }));
      }
    }
    if (evidence.length === 0) return { applies: false, evidence: [fact('no-pretrained-model', ['models'])], factors: [] };
    return { applies: true, evidence, factors: [...tally.factors(), ...impacts] };
  },
};
