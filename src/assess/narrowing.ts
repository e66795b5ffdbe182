import { weightTrainingModes, type ProjectView } from './project-view.js';
import { fact } from '../rules/rule.js';
import type { Fact } from './types.js';

/**
 * Controls that the facts show cannot help this project, each with the fact that rules it out.
 * The catalog recommends them in general; the assessment leaves them out here and says why.
 */
export function ruledOutControls(view: ProjectView): Map<string, Fact> {
  const out = new Map<string, Fact>();
  const datasets = [...view.datasets.values()];
  const allPublic = datasets.length > 0 && datasets.every((d) => d.item.sensitivity?.length && d.item.sensitivity.every((s) => s === 'public'));
  if (allPublic) out.set('FEDERATEDLEARNING', fact('all-data-public', ['datasets']));
  const trainsWeights = view.training.some((a) => weightTrainingModes.has(a.item.mode)) || [...view.models.values()].some((m) => m.item.origin === 'trained-here');
  if (!trainsWeights) {
    const noTraining = fact('no-weight-training', view.training.length > 0 ? ['training'] : ['project']);
    out.set('MORETRAINDATA', noTraining);
    out.set('TRAINDATADISTORTION', noTraining);
    out.set('TRAINADVERSARIAL', noTraining);
  }
  const models = [...view.models.values()];
  // Fine-tuning on clean data is one of its two methods, so hosted fine-tuning keeps it relevant.
  if (!trainsWeights && models.length > 0 && models.every((m) => m.item.format === 'hosted-api')) {
    out.set('POISONROBUSTMODEL', fact('models-hosted-api-only', ['models']));
  }
  return out;
}
