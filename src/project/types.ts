/**
 * The project description, as schemas/project.schema.json defines it. The schema is the source of
 * truth; these types mirror it for the rules (test/validate/types.test.ts keeps the two in step).
 */
export type SupplyKind =
  | 'data' | 'labels' | 'pretrained-models' | 'software-libraries' | 'mlops-tools' | 'compute' | 'model-hosting' | 'development';
export type SupplierTrust = 'contracted-assessed' | 'known-vendor' | 'public-source';
export type ProvenanceEvidence = 'signatures-verified' | 'hashes-verified' | 'ai-bom' | 'model-card' | 'data-card';
export type Area = 'external' | 'application-development' | 'data-engineering' | 'training' | 'operational';
export type DatasetPurpose = 'training' | 'fine-tuning' | 'evaluation' | 'retrieval';
export type DatasetOrigin =
  | 'internal' | 'supplier' | 'public-internet' | 'collected-in-operation' | 'user-generated' | 'synthetic' | 'federated-clients';
export type Sensitivity = 'public' | 'internal' | 'confidential' | 'personal' | 'special-category-personal' | 'intellectual-property';
export type ModelFormat =
  | 'safetensors' | 'onnx' | 'gguf' | 'tensorflow-savedmodel' | 'pickle' | 'pytorch-pickle' | 'joblib' | 'keras-h5' | 'hosted-api' | 'other';
export type TrainingMode =
  | 'from-scratch' | 'fine-tuning' | 'transfer-learning' | 'continuous' | 'federated' | 'retrieval-augmented' | 'hosted-fine-tuning';
export type ControlState = 'implemented' | 'partial' | 'planned' | 'not-applicable' | 'risk-accepted';

export interface Access {
  roles?: string[];
  people?: number;
  writers?: number;
}

export interface Supplier {
  id: string;
  name?: string;
  supplies: SupplyKind[];
  trust: SupplierTrust;
  provenance?: ProvenanceEvidence[];
  notes?: string;
}

export interface Environment {
  id: string;
  name?: string;
  area: Area;
  hosting?: 'on-premises' | 'cloud';
  provider?: string;
  holds?: ('data' | 'models' | 'code')[];
  access?: Access;
  segregated?: boolean;
  confidentialComputing?: boolean;
  userInstalledDependencies?: boolean;
  accessLogging?: boolean;
  monitoring?: boolean;
  notes?: string;
}

export interface SupplyLink {
  supplier: string;
  role: 'provides' | 'collects' | 'labels' | 'curates' | 'hosts';
}

export interface Dataset {
  id: string;
  name?: string;
  description?: string;
  purpose: DatasetPurpose;
  origin: DatasetOrigin;
  supplyChain?: SupplyLink[];
  sensitivity?: Sensitivity[];
  storedIn?: string[];
  protection?: {
    encryptedAtRest?: boolean;
    accessControl?: boolean;
    integrityHashes?: 'none' | 'recorded' | 'verified';
    provenanceRecorded?: boolean;
  };
  notes?: string;
}

export interface Model {
  id: string;
  name?: string;
  origin: 'trained-here' | 'pretrained';
  supplier?: string;
  baseModel?: string;
  parameters?: 'confidential' | 'open-weights';
  format?: ModelFormat;
  storedIn?: string[];
  integrityProtected?: boolean;
  notes?: string;
}

export interface Federation {
  clientPopulation?: string;
  clients?: number;
  clientsControlled?: boolean;
  secureAggregation?: boolean;
  robustAggregation?: boolean;
}

export interface TrainingActivity {
  id: string;
  mode: TrainingMode;
  model?: string;
  datasets?: string[];
  environment?: string;
  hostedBy?: string;
  federation?: Federation;
  notes?: string;
}

export interface Code {
  confidentiality?: 'confidential' | 'open-source';
  repository?: string;
  storedIn?: string[];
  developedBy?: string[];
  access?: Access;
}

export interface ControlStatus {
  status: ControlState;
  notes?: string;
  evidence?: string[];
  owner?: string;
  justification?: string;
  expires?: string;
}

export interface Project {
  formatVersion: 1;
  project: { name: string; description?: string; owner?: string; contact?: string };
  suppliers?: Supplier[];
  environments?: Environment[];
  datasets?: Dataset[];
  models?: Model[];
  training?: TrainingActivity[];
  code?: Code;
  controls?: Record<string, ControlStatus>;
}
