import { describe, expect, it } from 'vitest';
import projectSchema from '../../schemas/project.schema.json' with { type: 'json' };
import type {
  Area,
  Code,
  ControlState,
  ControlStatus,
  Dataset,
  DatasetOrigin,
  DatasetPurpose,
  Environment,
  Federation,
  Model,
  ModelFormat,
  Project,
  ProvenanceEvidence,
  Sensitivity,
  Supplier,
  SupplierTrust,
  SupplyKind,
  SupplyLink,
  TrainingActivity,
  TrainingMode,
} from '../../src/project/types.js';

// src/project/types.ts mirrors schemas/project.schema.json by hand. Each list below is checked twice:
// by the type checker (`npm run typecheck`), which accepts it only when it names every member of
// the TypeScript type and nothing else, and by vitest, which compares it with the schema.

/** Accepts `values` only when they are exactly the members of T: none missing, none extra. */
const every =
  <T extends string>() =>
  <const A extends readonly T[]>(values: A & ([Exclude<T, A[number]>] extends [never] ? unknown : { missing: Exclude<T, A[number]> })): readonly string[] =>
    values;

type Schema = { enum?: unknown[]; items?: Schema; properties?: Record<string, Schema>; $ref?: string; [key: string]: unknown };

/** The schema object at a JSON pointer such as `#/$defs/dataset/properties/origin`, following one $ref. */
function at(pointer: string): Schema {
  let node: unknown = projectSchema;
  for (const part of pointer.split('/').slice(1)) node = (node as Record<string, unknown>)[part];
  const schema = node as Schema;
  return schema.$ref ? at(schema.$ref) : schema;
}

const enumAt = (pointer: string) => {
  const schema = at(pointer);
  return ((schema.enum ?? schema.items?.enum) as string[]).slice().sort();
};

const enums: [string, readonly string[]][] = [
  ['#/$defs/supplier/properties/supplies', every<SupplyKind>()(['data', 'labels', 'pretrained-models', 'software-libraries', 'mlops-tools', 'compute', 'model-hosting', 'development'])],
  ['#/$defs/supplier/properties/trust', every<SupplierTrust>()(['contracted-assessed', 'known-vendor', 'public-source'])],
  ['#/$defs/supplier/properties/provenance', every<ProvenanceEvidence>()(['signatures-verified', 'hashes-verified', 'ai-bom', 'model-card', 'data-card'])],
  ['#/$defs/environment/properties/area', every<Area>()(['external', 'application-development', 'data-engineering', 'training', 'operational'])],
  ['#/$defs/environment/properties/hosting', every<NonNullable<Environment['hosting']>>()(['on-premises', 'cloud'])],
  ['#/$defs/environment/properties/holds', every<NonNullable<Environment['holds']>[number]>()(['data', 'models', 'code'])],
  ['#/$defs/dataset/properties/purpose', every<DatasetPurpose>()(['training', 'fine-tuning', 'evaluation', 'retrieval'])],
  ['#/$defs/dataset/properties/origin', every<DatasetOrigin>()(['internal', 'supplier', 'public-internet', 'collected-in-operation', 'user-generated', 'synthetic', 'federated-clients'])],
  ['#/$defs/dataset/properties/supplyChain/items/properties/role', every<SupplyLink['role']>()(['provides', 'collects', 'labels', 'curates', 'hosts'])],
  ['#/$defs/dataset/properties/sensitivity', every<Sensitivity>()(['public', 'internal', 'confidential', 'personal', 'special-category-personal', 'intellectual-property'])],
  ['#/$defs/dataset/properties/protection/properties/integrityHashes', every<NonNullable<NonNullable<Dataset['protection']>['integrityHashes']>>()(['none', 'recorded', 'verified'])],
  ['#/$defs/model/properties/origin', every<Model['origin']>()(['trained-here', 'pretrained'])],
  ['#/$defs/model/properties/parameters', every<NonNullable<Model['parameters']>>()(['confidential', 'open-weights'])],
  [
    '#/$defs/model/properties/format',
    every<ModelFormat>()(['safetensors', 'onnx', 'gguf', 'tensorflow-savedmodel', 'pickle', 'pytorch-pickle', 'joblib', 'keras-h5', 'hosted-api', 'other']),
  ],
  [
    '#/$defs/trainingActivity/properties/mode',
    every<TrainingMode>()(['from-scratch', 'fine-tuning', 'transfer-learning', 'continuous', 'federated', 'retrieval-augmented', 'hosted-fine-tuning']),
  ],
  ['#/$defs/code/properties/confidentiality', every<NonNullable<Code['confidentiality']>>()(['confidential', 'open-source'])],
  ['#/$defs/controlStatus/properties/status', every<ControlState>()(['implemented', 'partial', 'planned', 'not-applicable', 'risk-accepted'])],
];

// The same for the keys of each object: a property added to the schema but not to the types (or
// the other way round) fails here.
const objects: [string, readonly string[]][] = [
  ['#', every<keyof Project>()(['formatVersion', 'project', 'suppliers', 'environments', 'datasets', 'models', 'training', 'code', 'controls'])],
  ['#/properties/project', every<keyof Project['project']>()(['name', 'description', 'owner', 'contact'])],
  ['#/$defs/supplier', every<keyof Supplier>()(['id', 'name', 'supplies', 'trust', 'provenance', 'notes'])],
  [
    '#/$defs/environment',
    every<keyof Environment>()([
      'id', 'name', 'area', 'hosting', 'provider', 'holds', 'access', 'segregated', 'confidentialComputing', 'userInstalledDependencies', 'accessLogging', 'monitoring', 'notes',
    ]),
  ],
  ['#/$defs/dataset', every<keyof Dataset>()(['id', 'name', 'description', 'purpose', 'origin', 'supplyChain', 'sensitivity', 'storedIn', 'protection', 'notes'])],
  ['#/$defs/dataset/properties/supplyChain/items', every<keyof SupplyLink>()(['supplier', 'role'])],
  ['#/$defs/dataset/properties/protection', every<keyof NonNullable<Dataset['protection']>>()(['encryptedAtRest', 'accessControl', 'integrityHashes', 'provenanceRecorded'])],
  ['#/$defs/model', every<keyof Model>()(['id', 'name', 'origin', 'supplier', 'baseModel', 'parameters', 'format', 'storedIn', 'integrityProtected', 'notes'])],
  ['#/$defs/trainingActivity', every<keyof TrainingActivity>()(['id', 'mode', 'model', 'datasets', 'environment', 'hostedBy', 'federation', 'notes'])],
  ['#/$defs/trainingActivity/properties/federation', every<keyof Federation>()(['clientPopulation', 'clients', 'clientsControlled', 'secureAggregation', 'robustAggregation'])],
  ['#/$defs/code', every<keyof Code>()(['confidentiality', 'repository', 'storedIn', 'developedBy', 'access'])],
  ['#/$defs/controlStatus', every<keyof ControlStatus>()(['status', 'notes', 'evidence', 'owner', 'justification', 'expires'])],
];

describe('src/project/types.ts agrees with the schema', () => {
  it.each(enums)('enum at %s', (pointer, values) => {
    expect(enumAt(pointer)).toEqual([...values].sort());
  });

  it.each(objects)('keys of %s', (pointer, keys) => {
    expect(Object.keys(at(pointer).properties ?? {}).sort()).toEqual([...keys].sort());
  });

  it('checks every enum in the schema except the control ids', () => {
    const pointers: string[] = [];
    const walk = (node: unknown, pointer: string): void => {
      if (node === null || typeof node !== 'object') return;
      if (Array.isArray((node as Schema).enum) && !pointer.includes('/if/')) pointers.push(pointer.replace(/\/items$/, ''));
      for (const [key, child] of Object.entries(node)) if (key !== 'enum') walk(child, `${pointer}/${key}`);
    };
    walk(projectSchema, '#');
    expect(pointers.filter((p) => p !== '#/properties/controls/propertyNames').sort()).toEqual(enums.map(([p]) => p).sort());
  });
});
