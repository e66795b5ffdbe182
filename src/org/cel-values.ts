import type { ProjectView } from '../project/view.js';

/**
 * A project description as CEL reads it, built once per project: the data as written, with
 * whole numbers as CEL integers (so `dataset.records / 2` is integer arithmetic, as a reader
 * expects), and each list of entries with an id also as a map from id to entry (`environments[id]`),
 * so that a rule looks an entry up instead of searching for it. Maps are JavaScript Maps: cel-js
 * reads the first entry of a map to learn its type, which is immediate for a Map and, for a plain
 * object, takes as long as the object is large.
 */
export interface CelProject {
  /** The variables every expression sees: `project` and the maps by id. */
  readonly variables: Readonly<Record<string, unknown>>;
  /** The entries of a list, converted, by index. */
  entries(list: string): readonly unknown[];
  /** The most elements (or keys) a value at these steps has anywhere in the project. */
  largest(steps: readonly string[]): number;
  /** The most elements any list or map of the project has. */
  largestOverall(): number;
}

const built = new WeakMap<ProjectView, CelProject>();

export function celProject(view: ProjectView): CelProject {
  let found = built.get(view);
  if (!found) built.set(view, (found = convert(view.project)));
  return found;
}

function convert(data: unknown): CelProject {
  let overall = 0;
  const copy = (value: unknown): unknown => {
    if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value) : value;
    if (Array.isArray(value)) {
      overall = Math.max(overall, value.length);
      return value.map(copy);
    }
    if (value !== null && typeof value === 'object') {
      const out: Record<string, unknown> = Object.create(null);
      const keys = Object.keys(value);
      overall = Math.max(overall, keys.length);
      for (const key of keys) out[key] = copy((value as Record<string, unknown>)[key]);
      return out;
    }
    return value;
  };
  const project = copy(data) as Record<string, unknown>;
  const variables: Record<string, unknown> = { project };
  for (const list of ['suppliers', 'environments', 'datasets', 'models', 'abilities', 'assets']) {
    const byId = new Map<string, unknown>();
    for (const entry of listOf(project[list])) {
      const id = (entry as Record<string, unknown>)?.id;
      if (typeof id === 'string' && !byId.has(id)) byId.set(id, entry);
    }
    variables[list] = byId;
  }
  const sizes = new Map<string, number>();
  return {
    variables,
    entries: (list) => listOf(project[list]),
    largest(steps) {
      const key = steps.join('\u0000');
      let size = sizes.get(key);
      if (size === undefined) sizes.set(key, (size = largestAt(project, steps)));
      return size;
    },
    largestOverall: () => overall,
  };
}

function listOf(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Walks the steps over every element and value, and returns the largest list or map found there. */
function largestAt(root: unknown, steps: readonly string[]): number {
  let values: unknown[] = [root];
  for (const step of steps) {
    const next: unknown[] = [];
    for (const value of values) {
      if (step === '[]') {
        if (Array.isArray(value)) next.push(...value);
      } else if (step === '*') {
        if (value !== null && typeof value === 'object' && !Array.isArray(value)) next.push(...Object.values(value));
      } else if (value !== null && typeof value === 'object' && !Array.isArray(value) && Object.hasOwn(value, step)) {
        next.push((value as Record<string, unknown>)[step]);
      }
    }
    values = next;
  }
  let most = 0;
  for (const value of values) {
    if (Array.isArray(value)) most = Math.max(most, value.length);
    else if (typeof value === 'string') most = Math.max(most, 1);
    else if (value !== null && typeof value === 'object') most = Math.max(most, Object.keys(value).length);
  }
  return most;
}
