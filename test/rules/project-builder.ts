import type {
  Ability,
  AbilityKind,
  Area,
  Asset,
  AssetKind,
  Dataset,
  Environment,
  Model,
  Project,
  Supplier,
  SupplierTrust,
  TrainingActivity,
  TrainingMode,
} from '../../src/project/types.js';

/**
 * Small builders for rule tests. Every entry starts *well kept* and declares it (few people with
 * access, segregated, no self-installed dependencies, logged, monitored, encrypted, hashes
 * verified, integrity protected, a format that cannot run code), so a test breaks exactly the one
 * fact it is about and every other factor stays quiet.
 */
export function project(parts: Omit<Partial<Project>, 'formatVersion' | 'project'> = {}): Project {
  return { formatVersion: 1, project: { name: 'test project' }, ...parts };
}

export function supplier(id: string, trust: SupplierTrust, overrides: Partial<Supplier> = {}): Supplier {
  return { id, supplies: ['data'], trust, ...overrides };
}

export function environment(id: string, area: Area, overrides: Partial<Environment> = {}): Environment {
  return { id, area, hosting: 'on-premises', access: { people: 3, writers: 2 }, segregated: true, userInstalledDependencies: false, accessLogging: true, monitoring: true, ...overrides };
}

export function dataset(id: string, overrides: Partial<Dataset> = {}): Dataset {
  return {
    id,
    purpose: 'training',
    origin: 'internal',
    sensitivity: ['internal'],
    protection: { encryptedAtRest: true, accessControl: true, integrityHashes: 'verified' },
    ...overrides,
  };
}

export function model(id: string, overrides: Partial<Model> = {}): Model {
  return { id, origin: 'trained-here', format: 'safetensors', integrityProtected: true, ...overrides };
}

export function activity(id: string, mode: TrainingMode, overrides: Partial<TrainingActivity> = {}): TrainingActivity {
  return { id, mode, ...overrides };
}

/** A supplied ability, pinned and verified; name its supplier in `overrides`. */
export function ability(id: string, kind: AbilityKind, overrides: Partial<Ability> = {}): Ability {
  return { id, kind, origin: 'supplied', pinned: true, verified: true, ...overrides };
}

/** An asset that steers a model: few people can read or change it, changes are reviewed and checked at runtime. */
export function asset(id: string, kind: AssetKind, overrides: Partial<Asset> = {}): Asset {
  return { id, kind, access: { people: 3, writers: 2 }, changeReview: true, integrityChecked: true, ...overrides };
}
