/**
 * The project description, as schemas/project.schema.json defines it. The shapes come from
 * schema-types.ts, which scripts/generate-types.ts writes from the schema (a test fails while it
 * is stale); this module gives them the names the rules use.
 */
import type { Ability, AithreatProjectDescription, Asset, ControlStatus, Dataset, Environment, Model, Supplier, TrainingActivity } from './schema-types.js';

export type { Ability, Access, Asset, Code, ControlStatus, Dataset, Environment, Model, Supplier, TrainingActivity } from './schema-types.js';
export type Project = AithreatProjectDescription;

export type SupplyKind = Supplier['supplies'][number];
export type SupplierTrust = Supplier['trust'];
export type ProvenanceEvidence = NonNullable<Supplier['provenance']>[number];
export type Area = Environment['area'];
export type DatasetPurpose = Dataset['purpose'];
export type DatasetOrigin = Dataset['origin'];
export type SupplyLink = NonNullable<Dataset['supplyChain']>[number];
export type Sensitivity = NonNullable<Dataset['sensitivity']>[number];
export type RegulatedClass = NonNullable<Dataset['regulated']>[number];
export type ModelFormat = NonNullable<Model['format']>;
export type ModelKind = NonNullable<Model['kind']>;
export type TrainingMode = TrainingActivity['mode'];
export type Federation = NonNullable<TrainingActivity['federation']>;
export type ControlState = ControlStatus['status'];
export type AbilityKind = Ability['kind'];
export type AssetKind = Asset['kind'];
