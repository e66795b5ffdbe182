/**
 * What an import reads from a bill of materials, in one shape for both standards: the CycloneDX and
 * SPDX readers fill it, the mapping turns it into a project description. Every string here is as
 * the BOM wrote it (trimmed); the mapping neutralises text before it reaches the YAML.
 */

/** An organisation or person named by the BOM, with the links it gives for it. */
export interface Party {
  name: string;
  urls: string[];
}

/** What a BOM says about one body of data: a CycloneDX `componentData`, or an SPDX data set. */
export interface DataFacts {
  name: string | null;
  /** CycloneDX `componentData.type`: dataset, configuration, source-code, definition, other. */
  kind: string | null;
  description: string | null;
  classification: string | null;
  sensitiveData: string[];
  governance: string[];
}

/** A model or a body of data that the BOM lists (a component, an ancestor, an SPDX package). */
export interface BomItem {
  /** Unique within the BOM: `bom-ref`, `spdxId`, or one made up from the item's place. */
  key: string;
  kind: 'model' | 'data';
  name: string;
  group: string | null;
  version: string | null;
  description: string | null;
  /** Who it is obtained from (CycloneDX `supplier`, SPDX `suppliedBy`). */
  supplier: Party | null;
  /** Who made it (CycloneDX `manufacturer`, SPDX `originatedBy`). */
  manufacturer: Party | null;
  /** CycloneDX `publisher`, `author` and `authors`. */
  authors: Party[];
  /** A generator's name for where a model runs or comes from, such as cdxgen's `cdx:ai:provider`. */
  provider: string | null;
  purl: string | null;
  links: { type: string; url: string }[];
  hashed: boolean;
  signed: boolean;
  properties: { name: string; value: string }[];
  licenses: string[];
  /** The item comes with a model card (inline, or linked). */
  modelCard: boolean;
  /** Data sets its model card names: listed items by key, or described in place. */
  cardDatasets: ({ key: string } | { inline: DataFacts })[];
  /** CycloneDX `data`: what the data component holds. */
  data: DataFacts[];
  /** CycloneDX `scope`: `excluded` means the item is not part of the system. */
  excluded: boolean;
  /** Facts with no field in the project format, kept in the notes: model-card considerations, SPDX AI fields. */
  facts: string[];
  /** SPDX `dataset_confidentialityLevel` (Traffic Light Protocol). */
  confidentiality: 'red' | 'amber' | 'green' | 'clear' | null;
  /** SPDX `dataset_hasSensitivePersonalInformation` / `ai_useSensitivePersonalInformation`. */
  personalData: 'yes' | 'no' | 'noAssertion' | null;
  /** SPDX `ai_safetyRiskAssessment`: serious, high, medium, low. */
  safetyRisk: string | null;
  /** SPDX `dataset_datasetAvailability`. */
  availability: string | null;
  /** The BOM records that this system produced the model (a formulation output, an SPDX `generates`). */
  producedHere: boolean;
  /** Names of the files the item holds, for the artifact format. */
  fileNames: string[];
}

/** A service the system calls (CycloneDX `services`). */
export interface BomService {
  key: string;
  name: string;
  group: string | null;
  provider: Party | null;
  endpoints: string[];
  description: string | null;
  tags: string[];
  properties: { name: string; value: string }[];
}

/** A place where the BOM says something is built or trained (a CycloneDX formula). */
export interface BomEnvironment {
  key: string;
  name: string;
  description: string | null;
  /** Task types of its workflows (`build`, `test`, ...), and their names. */
  taskTypes: string[];
  taskNames: string[];
  /** What runs there: the formula's own components and services, by name. */
  runsOn: string[];
  /** Keys of the items its workflows read and produce. */
  inputs: string[];
  outputs: string[];
}

export type EdgeKind =
  /** `from` descends from `to` (its base model). */
  | 'ancestor'
  /** `from` was trained on `to`. */
  | 'trainedOn'
  /** `from` was tested on `to`. */
  | 'testedOn'
  /** `from` depends on `to` (CycloneDX `dependencies`). */
  | 'dependsOn';

export interface BomEdge {
  from: string;
  to: string;
  kind: EdgeKind;
  /** Where the BOM says it, for the TODO that explains a reading. */
  source: 'pedigree' | 'dependencies' | 'relationship' | 'formulation';
}

export interface Bom {
  /** `CycloneDX 1.6`, `SPDX 3.0.1`. */
  standard: string;
  /** The document's identity for the header: a serial number and version, or the document id. */
  identity: string | null;
  /** The system the BOM describes, when it names one. */
  subject: { name: string; version: string | null; description: string | null; key: string | null } | null;
  /** Names of the organisation that makes the system, lower-cased: parts they make are not supplied. */
  own: string[];
  items: BomItem[];
  services: BomService[];
  edges: BomEdge[];
  environments: BomEnvironment[];
  /** Parts deliberately not imported, each with the reason, for the footer. */
  skipped: string[];
}

/** An item with every field empty, for readers to fill. */
export function emptyItem(key: string, kind: BomItem['kind'], name: string): BomItem {
  return {
    key,
    kind,
    name,
    group: null,
    version: null,
    description: null,
    supplier: null,
    manufacturer: null,
    authors: [],
    provider: null,
    purl: null,
    links: [],
    hashed: false,
    signed: false,
    properties: [],
    licenses: [],
    modelCard: false,
    cardDatasets: [],
    data: [],
    excluded: false,
    facts: [],
    confidentiality: null,
    personalData: null,
    safetyRisk: null,
    availability: null,
    producedHere: false,
    fileNames: [],
  };
}
