/**
 * Which model each model was trained from. A BOM may say so in `pedigree.ancestors`, in
 * `dependencies` or in SPDX relationships, and real BOMs contradict themselves: a generator lists a
 * model as its own ancestor, two models name each other. Each model gets at most one base model
 * (the first its BOM names that keeps the lineage free of cycles); every parent left out, and why,
 * is returned for the TODO comments.
 */
export interface Lineage {
  base: Map<string, string>;
  /** Per model, parents named but not used: itself, one that would close a cycle, or one past the first. */
  dropped: Map<string, { parent: string; reason: 'itself' | 'cycle' | 'another-base' }[]>;
}

export function resolveLineage(models: readonly string[], parentsOf: (model: string) => readonly string[]): Lineage {
  const base = new Map<string, string>();
  const dropped = new Map<string, { parent: string; reason: 'itself' | 'cycle' | 'another-base' }[]>();
  const drop = (model: string, parent: string, reason: 'itself' | 'cycle' | 'another-base') => dropped.set(model, [...(dropped.get(model) ?? []), { parent, reason }]);
  // Following base links already chosen never loops, since no choice closes a cycle; the walk is
  // bounded by the number of models in any case.
  const reaches = (from: string, target: string) => {
    let at: string | undefined = from;
    for (let steps = 0; at !== undefined && steps <= models.length; steps++) {
      if (at === target) return true;
      at = base.get(at);
    }
    return false;
  };
  for (const model of models) {
    for (const parent of [...new Set(parentsOf(model))]) {
      if (parent === model) drop(model, parent, 'itself');
      else if (base.has(model)) drop(model, parent, 'another-base');
      else if (reaches(parent, model)) drop(model, parent, 'cycle');
      else base.set(model, parent);
    }
  }
  return { base, dropped };
}
