/**
 * Reads a CycloneDX 1.5 or 1.6 JSON bill of materials into a small, type-safe shape: the fields an
 * import can use, each checked, so the mapping never trips over a value of the wrong type.
 */

export interface BomOrganization {
  name: string | null;
  urls: string[];
}

export interface BomData {
  name: string | null;
  type: string | null;
  description: string | null;
  classification: string | null;
  sensitiveData: string[];
  governance: string[];
}

export interface BomComponent {
  type: string;
  ref: string | null;
  name: string;
  group: string | null;
  version: string | null;
  description: string | null;
  supplier: BomOrganization | null;
  manufacturer: BomOrganization | null;
  publisher: string | null;
  purl: string | null;
  hashes: string[];
  signed: boolean;
  properties: { name: string; value: string }[];
  externalReferences: { type: string; url: string }[];
  ancestors: BomComponent[];
  hasModelCard: boolean;
  /** `modelCard.modelParameters.datasets`: references to data components, or data described inline. */
  datasetRefs: string[];
  inlineDatasets: BomData[];
  data: BomData[];
}

export interface Bom {
  specVersion: string;
  serialNumber: string | null;
  version: number | null;
  /** The system the BOM describes (`metadata.component`), when it names one. */
  subject: BomComponent | null;
  /** Names of the organisation that makes the system: suppliers named so are not outside parties. */
  ownOrganizations: string[];
  /** Every component, nested ones included, in document order. */
  components: BomComponent[];
}

export const supportedSpecVersions = ['1.5', '1.6'] as const;

export type ReadBom = { ok: true; bom: Bom } | { ok: false; message: string };

/** Parses and checks a BOM; the message, on failure, is one line that says what is wrong. */
export function readBom(text: string): ReadBom {
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  if (trimmed.startsWith('<')) return { ok: false, message: 'this is XML; aithreat imports CycloneDX JSON only (convert it with the CycloneDX CLI)' };
  let data: unknown;
  try {
    data = JSON.parse(trimmed);
  } catch (error) {
    return { ok: false, message: `not valid JSON (${(error as Error).message})` };
  }
  if (!isObject(data)) return { ok: false, message: 'not a CycloneDX BOM: expected a JSON object' };
  if (data.bomFormat !== 'CycloneDX') {
    return { ok: false, message: `not a CycloneDX BOM: \`bomFormat\` is ${describe(data.bomFormat)}, expected "CycloneDX"` };
  }
  if (typeof data.specVersion !== 'string' || !(supportedSpecVersions as readonly string[]).includes(data.specVersion)) {
    return { ok: false, message: `CycloneDX \`specVersion\` ${describe(data.specVersion)} is not supported; aithreat imports ${supportedSpecVersions.join(' and ')}` };
  }
  if (!Array.isArray(data.components)) return { ok: false, message: 'the BOM has no `components` list' };
  const metadata = isObject(data.metadata) ? data.metadata : {};
  const subject = isObject(metadata.component) ? component(metadata.component, 0) : null;
  const own = [organization(metadata.supplier), organization(metadata.manufacturer), organization(metadata.manufacture), subject?.supplier ?? null, subject?.manufacturer ?? null]
    .map((org) => org?.name)
    .concat(subject?.publisher ?? undefined);
  const components: BomComponent[] = [];
  const flatten = (list: unknown[], depth: number) => {
    for (const item of list) {
      if (!isObject(item)) continue;
      const parsed = component(item, depth);
      if (parsed) components.push(parsed);
      if (Array.isArray(item.components) && depth < 20) flatten(item.components, depth + 1);
    }
  };
  flatten(data.components, 0);
  if (subject && (subject.type === 'machine-learning-model' || subject.type === 'data')) components.unshift(subject);
  if (!components.some((c) => c.type === 'machine-learning-model' || c.type === 'data')) {
    return { ok: false, message: 'the BOM lists no component of type `machine-learning-model` or `data`: nothing to import' };
  }
  return {
    ok: true,
    bom: {
      specVersion: data.specVersion,
      serialNumber: str(data.serialNumber),
      version: typeof data.version === 'number' ? data.version : null,
      subject,
      ownOrganizations: [...new Set(own.filter((n): n is string => typeof n === 'string').map((n) => n.toLowerCase()))],
      components,
    },
  };
}

function component(item: Record<string, unknown>, depth: number): BomComponent | null {
  const name = str(item.name);
  const type = str(item.type);
  if (!name || !type) return null;
  const modelCard = isObject(item.modelCard) ? item.modelCard : null;
  const parameters = modelCard && isObject(modelCard.modelParameters) ? modelCard.modelParameters : {};
  const datasets = list(parameters.datasets);
  const pedigree = isObject(item.pedigree) ? item.pedigree : {};
  return {
    type,
    ref: str(item['bom-ref']),
    name,
    group: str(item.group),
    version: str(item.version),
    description: str(item.description),
    supplier: organization(item.supplier),
    manufacturer: organization(item.manufacturer),
    publisher: str(item.publisher) ?? str(item.author),
    purl: str(item.purl),
    hashes: list(item.hashes).map((h) => str(h.content)).filter((h): h is string => h !== null),
    signed: item.signature !== undefined,
    properties: list(item.properties).flatMap((p) => (str(p.name) && str(p.value) ? [{ name: str(p.name)!, value: str(p.value)! }] : [])),
    externalReferences: list(item.externalReferences).flatMap((r) => (str(r.type) && str(r.url) ? [{ type: str(r.type)!, url: str(r.url)! }] : [])),
    ancestors: depth < 20 ? list(pedigree.ancestors).map((a) => component(a, depth + 1)).filter((a): a is BomComponent => a !== null) : [],
    hasModelCard: modelCard !== null,
    datasetRefs: datasets.map((d) => str(d.ref)).filter((r): r is string => r !== null),
    inlineDatasets: datasets.filter((d) => d.ref === undefined).map(componentData),
    data: list(item.data).map(componentData),
  };
}

function componentData(item: Record<string, unknown>): BomData {
  const governance = isObject(item.governance) ? item.governance : {};
  const parties = ['owners', 'stewards', 'custodians'].flatMap((role) =>
    list(governance[role]).flatMap((party) => {
      const name = organization(party.organization)?.name ?? (isObject(party.contact) ? str(party.contact.name) : null);
      return name ? [`${role.slice(0, -1)}: ${name}`] : [];
    }),
  );
  return {
    name: str(item.name),
    type: str(item.type),
    description: str(item.description),
    classification: str(item.classification),
    sensitiveData: Array.isArray(item.sensitiveData) ? item.sensitiveData.filter((s): s is string => typeof s === 'string') : [],
    governance: parties,
  };
}

function organization(value: unknown): BomOrganization | null {
  if (!isObject(value)) return null;
  const urls = Array.isArray(value.url) ? value.url.filter((u): u is string => typeof u === 'string') : [];
  const name = str(value.name);
  return name || urls.length > 0 ? { name, urls } : null;
}

function list(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function describe(value: unknown): string {
  return value === undefined ? 'missing' : JSON.stringify(value);
}
