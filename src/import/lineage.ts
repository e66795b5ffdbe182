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
  // Each model has at most one base, so the lineage is a forest and a model without a base is the
  // root of its tree: giving it a base closes a cycle exactly when that base is in its own tree.
  // The roots are kept with path halving, so a chain of a hundred thousand models stays linear.
  const up = new Map<string, string>();
  const root = (key: string) => {
    let at = key;
    for (let next = up.get(at); next !== undefined; next = up.get(at)) {
      const grand = up.get(next);
      if (grand !== undefined) up.set(at, grand);
      at = next;
    }
    return at;
  };
  for (const model of models) {
    for (const parent of [...new Set(parentsOf(model))]) {
      if (parent === model) drop(model, parent, 'itself');
      else if (base.has(model)) drop(model, parent, 'another-base');
      else if (root(parent) === model) drop(model, parent, 'cycle');
      else {
        base.set(model, parent);
        up.set(model, parent);
      }
    }
  }
  return { base, dropped };
}
