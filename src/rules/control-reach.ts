import { weightTrainingModes, type ProjectView } from '../project/view.js';
import type { Fact } from './api.js';
import { makers } from './make-facts.js';

/** The facts that rule a catalog control out of a project altogether, whatever threat lists it. */
export const controlReach = {
  threat: 'controls',
  facts: {
    'no-distributed-data': 'no data comes from federated clients and no training is federated; federated learning applies when training data is spread over several organisations or devices',
    'no-weight-training': 'no model weights are trained or fine-tuned in this project',
    'models-hosted-api-only': 'every model is used through a hosted API, so its parameters cannot be changed here',
  },
  factors: {},
} as const;

const { fact } = makers(controlReach);

/**
 * Controls that the facts show cannot help this project, each with the fact that rules it out.
 * The catalog recommends them in general; the assessment leaves them out here and says why.
 */
export function ruledOutControls(view: ProjectView): Map<string, Fact> {
  const out = new Map<string, Fact>();
  const distributed = view.hasFederatedTraining() || [...view.datasets.values()].some((d) => d.item.origin === 'federated-clients');
  if (!distributed) out.set('FEDERATEDLEARNING', fact('no-distributed-data', view.datasets.size > 0 ? ['datasets'] : ['project']));
  const trainsWeights = view.training.some((a) => weightTrainingModes.has(a.item.mode)) || [...view.models.values()].some((m) => m.item.origin === 'trained-here');
  if (!trainsWeights) {
    const noTraining = fact('no-weight-training', view.training.length > 0 ? ['training'] : ['project']);
    out.set('MORETRAINDATA', noTraining);
    out.set('TRAINDATADISTORTION', noTraining);
    out.set('TRAINADVERSARIAL', noTraining);
  }
  const models = [...view.models.values()];
  // Fine-tuning on clean data is one of its two methods, so hosted fine-tuning keeps it relevant.
  if (!trainsWeights && models.length > 0 && models.every((m) => m.item.format === 'hosted-api') && view.driftOf('undeclared-model').length === 0) {
    out.set('POISONROBUSTMODEL', fact('models-hosted-api-only', ['models']));
  }
  return out;
}
