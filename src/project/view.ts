import type { DriftFinding } from '../discover/drift.js';
import type { DataPath } from '../load/locate.js';
import type { FoundAt } from '../rules/api.js';
import type { Ability, Asset, Dataset, Environment, Model, Project, Supplier, TrainingActivity } from './types.js';

/** An entry of one of the project's lists, with its path for evidence. */
export interface Entry<T> {
  item: T;
  path: DataPath;
}

/** Thresholds the rules share; documented in the README's severity section. */
export const thresholds = {
  /** More readers than this is broad access. */
  broadAccessPeople: 20,
  /** More writers than this is many people able to change models. */
  manyWriters: 5,
  /** From this many records, a leak of personal or confidential data is high impact. */
  largeDataSetRecords: 1_000_000,
} as const;

const developmentAreas = new Set(['application-development', 'data-engineering', 'training']);
/** Training modes that change model weights: every mode but retrieval-augmented generation. */
export const weightTrainingModes: ReadonlySet<string> = new Set(['from-scratch', 'fine-tuning', 'transfer-learning', 'continuous', 'federated', 'hosted-fine-tuning']);
export const codeExecutingFormats: ReadonlySet<string> = new Set(['pickle', 'pytorch-pickle', 'joblib', 'keras-h5']);
/** Training modes that keep learning after release: each retraining can carry poisoned data into the live model. */
export const retrainingModes: ReadonlySet<string> = new Set(['continuous', 'federated']);

/**
 * The project with its ids resolved through maps, built once per assessment so that rules stay
 * linear in the size of the project.
 */
export class ProjectView {
  readonly suppliers: Map<string, Entry<Supplier>>;
  readonly environments: Map<string, Entry<Environment>>;
  readonly datasets: Map<string, Entry<Dataset>>;
  readonly models: Map<string, Entry<Model>>;
  readonly training: Entry<TrainingActivity>[];
  readonly abilities: Map<string, Entry<Ability>>;
  readonly assets: Map<string, Entry<Asset>>;
  private readonly stores = new Map<object, { env: Entry<Environment>; path: DataPath }[]>();
  private clients: Set<string> | undefined;

  /**
   * @param drift Where the repository's code disagrees with the description (`--discover`,
   *   src/discover/drift.ts), each in a code file; empty without `--discover`. Rules read it
   *   like any field, and what they make of it rests on the code (`basis: discovered`).
   */
  constructor(
    readonly project: Project,
    readonly drift: readonly DriftFinding[] = [],
  ) {
    this.suppliers = byId(project.suppliers, 'suppliers');
    this.environments = byId(project.environments, 'environments');
    this.datasets = byId(project.datasets, 'datasets');
    this.models = byId(project.models, 'models');
    this.training = (project.training ?? []).map((item, i) => ({ item, path: ['training', i] }));
    this.abilities = byId(project.abilities, 'abilities');
    this.assets = byId(project.assets, 'assets');
  }

  /** Data sets that shape model behaviour: training and fine-tuning data, and retrieval repositories. */
  feedingData(): Entry<Dataset>[] {
    return [...this.datasets.values()].filter((d) => d.item.purpose !== 'evaluation');
  }

  /** The environments an entry is stored in, with the path of each reference. Several rules ask. */
  storedIn(entry: Entry<{ storedIn?: string[] }>): readonly { env: Entry<Environment>; path: DataPath }[] {
    let found = this.stores.get(entry);
    if (!found) {
      const ids = entry.item.storedIn ?? [];
      found = [];
      for (let j = 0; j < ids.length; j++) {
        const env = this.environments.get(ids[j]!);
        if (env) found.push({ env, path: [...entry.path, 'storedIn', j] });
      }
      this.stores.set(entry, found);
    }
    return found;
  }

  /** Where an ability's code runs, with the path of each reference. */
  runsIn(entry: Entry<Ability>): readonly { env: Entry<Environment>; path: DataPath }[] {
    const found: { env: Entry<Environment>; path: DataPath }[] = [];
    (entry.item.runsIn ?? []).forEach((id, j) => {
      const env = this.environments.get(id);
      if (env) found.push({ env, path: [...entry.path, 'runsIn', j] });
    });
    return found;
  }

  /**
   * How many people can read (`people`) or change (`writers`) an asset: its own count, or else the
   * code's, as for a prompt kept in the code repository. `path` is where the count is declared,
   * and `value` is undefined when neither declares it.
   */
  assetAccess(entry: Entry<Asset>, count: 'people' | 'writers'): { value: number | undefined; path: DataPath } {
    const own = entry.item.access?.[count];
    if (own !== undefined) return { value: own, path: [...entry.path, 'access', count] };
    const code = this.project.code?.access?.[count];
    if (code !== undefined) return { value: code, path: ['code', 'access', count] };
    return { value: undefined, path: [...entry.path, 'id'] };
  }

  /** Whether an asset is confidential: as declared, or else as the code is (confidential unless open source). */
  assetConfidential(asset: Asset): boolean {
    return asset.confidentiality ? asset.confidentiality === 'confidential' : this.project.code?.confidentiality !== 'open-source';
  }

  isDevelopmentArea(env: Environment): boolean {
    return developmentAreas.has(env.area);
  }

  /**
   * The environments that are federated clients: those holding data that comes from federated
   * clients. What they hold is counted by the federated factors, not again as storage.
   */
  clientEnvironments(): ReadonlySet<string> {
    this.clients ??= new Set([...this.datasets.values()].filter((d) => d.item.origin === 'federated-clients').flatMap((d) => d.item.storedIn ?? []));
    return this.clients;
  }

  /** The drift findings of one kind, in the order of their places in the code. */
  driftOf(code: DriftFinding['code']): readonly DriftFinding[] {
    return this.drift.filter((d) => d.code === code);
  }

  /** The place in the code a drift finding stands at, for the facts made from it. */
  foundAt(d: DriftFinding): FoundAt {
    return { file: d.file, line: d.line, column: d.column, drift: d.code };
  }

  /** The model entry of the description a drift finding concerns, when it names one. */
  declaredModel(d: DriftFinding): Entry<Model> | null {
    const [list, index] = d.declared ?? [];
    const item = list === 'models' && typeof index === 'number' ? this.project.models?.[index] : undefined;
    return item ? { item, path: ['models', index as number] } : null;
  }

  /** Whether a model entry is a fine-tuning adapter (such as a LoRA module) rather than a whole model. */
  isAdapter(model: Model): boolean {
    return model.kind === 'adapter';
  }

  /** Whether any training activity is federated. */
  hasFederatedTraining(): boolean {
    return this.training.some((a) => a.item.mode === 'federated');
  }
}

function byId<T extends { id: string }>(list: T[] | undefined, key: string): Map<string, Entry<T>> {
  const map = new Map<string, Entry<T>>();
  (list ?? []).forEach((item, i) => map.set(item.id, { item, path: [key, i] }));
  return map;
}
