import { emptyItem, type Bom, type BomEdge, type BomItem, type Party } from './bom.js';
import { isPublicHub } from './guess.js';
import { isObject, list, str, strings, type Refusal } from './read-json.js';

/**
 * Reads an SPDX 3.0 JSON-LD document (3.0.1, and 3.0.0 whose properties read here are the same)
 * whose shape `checkShape` has already checked. Models are `ai_AIPackage` elements and the
 * software packages and files that relationships say were trained or tested (a file inside an AI
 * package stands for that package); data sets are `dataset_DatasetPackage` elements and what a
 * model is trained or tested on. Lineage comes from `ancestorOf` and `descendantOf`, licences
 * from `hasDeclaredLicense` and `hasConcludedLicense`.
 */
export const spdxVersions = ['3.0.0', '3.0.1'] as const;

type Element = Record<string, unknown>;

/** `ai_AIPackage` whether written so, as `AIPackage`, or as the full IRI of the class. */
function typeOf(element: Element): string {
  const raw = str(element.type) ?? str(element['@type']) ?? '';
  const iri = /\/terms\/([A-Za-z]+)\/([A-Za-z]+)$/.exec(raw);
  const [profile, name] = iri ? [iri[1]!, iri[2]!] : raw.includes('_') ? [raw.split('_')[0]!, raw.split('_').slice(1).join('_')] : ['', raw];
  const prefix = profile.toLowerCase() === 'core' ? '' : profile.toLowerCase();
  return prefix ? `${prefix}_${name}` : name;
}

/** A vocabulary value as its short name: `clear` for `.../ConfidentialityLevelType/clear`. */
function term(value: unknown): string | null {
  const text = str(value);
  return text ? (text.split(/[/#]/).pop() ?? text) : null;
}

function idOf(element: Element): string | null {
  return str(element.spdxId) ?? str(element['@id']);
}

export function readSpdx(data: Record<string, unknown>): { ok: true; bom: Bom } | Refusal {
  const graph = list(data['@graph']);
  const elements = new Map<string, Element>();
  const all: Element[] = [];
  // JSON-LD may nest an element where another refers to it; such elements count as listed.
  const pending = [...graph];
  while (pending.length > 0) {
    const element = pending.shift()!;
    all.push(element);
    const id = idOf(element);
    if (id && !elements.has(id)) elements.set(id, element);
    for (const field of ['suppliedBy', 'originatedBy', 'from', 'to', 'rootElement', 'creationInfo', 'createdBy']) {
      const value = element[field];
      for (const nested of Array.isArray(value) ? value : [value]) if (isObject(nested) && (idOf(nested) || str(nested.type))) pending.push(nested);
    }
  }
  const versions = all.filter((e) => typeOf(e) === 'CreationInfo').map((e) => str(e.specVersion)).filter((v): v is string => v !== null);
  const unsupported = versions.find((v) => !(spdxVersions as readonly string[]).includes(v));
  if (unsupported) {
    const index = graph.findIndex((e) => e.specVersion === unsupported);
    return { ok: false, path: index >= 0 ? ['@graph', index, 'specVersion'] : [], message: `SPDX \`specVersion\` ${JSON.stringify(unsupported)} is not supported; aithreat imports SPDX ${spdxVersions.join(' and ')}` };
  }
  const context = JSON.stringify(data['@context'] ?? '');
  if (versions.length === 0 && !/spdx\.org\/rdf\/3\.0\./.test(context)) {
    return { ok: false, path: [], message: 'not an SPDX 3 document: no CreationInfo gives a `specVersion`, and the `@context` is not SPDX 3.0' };
  }
  return { ok: true, bom: new SpdxReader(elements, all, versions[0] ?? (/3\.0\.0/.test(context) ? '3.0.0' : '3.0.1')).read() };
}

class SpdxReader {
  private readonly relationships: { type: string; from: string; to: string[] }[];
  private readonly containedBy = new Map<string, string>();
  private readonly children = new Map<string, string[]>();
  private readonly items = new Map<string, BomItem>();
  private readonly edges: BomEdge[] = [];

  constructor(
    private readonly elements: ReadonlyMap<string, Element>,
    private readonly all: readonly Element[],
    private readonly version: string,
  ) {
    this.relationships = all
      .filter((e) => typeOf(e).endsWith('Relationship'))
      .flatMap((e) => {
        const from = this.ref(e.from);
        const type = term(e.relationshipType);
        const to = (Array.isArray(e.to) ? e.to : [e.to]).map((t) => this.ref(t)).filter((t): t is string => t !== null);
        return from && type ? [{ type, from, to }] : [];
      });
    for (const { from, to } of this.relationships.filter((r) => r.type === 'contains')) {
      this.children.set(from, [...(this.children.get(from) ?? []), ...to]);
      for (const child of to) if (!this.containedBy.has(child)) this.containedBy.set(child, from);
    }
  }

  /** An element's id, whether the document refers to it or nests it. */
  private ref(value: unknown): string | null {
    return isObject(value) ? idOf(value) : str(value);
  }

  private agent(value: unknown): Party | null {
    const id = this.ref(value);
    if (!id) return null;
    const element = this.elements.get(id);
    const name = element ? str(element.name) : null;
    const urls = element ? list(element.externalIdentifier).flatMap((x) => strings(x.identifierLocator)) : [];
    return { name: name ?? id.replace(/\/+$/, '').split('/').pop() ?? id, urls: [...urls, ...(/^https?:/.test(id) ? [id] : [])] };
  }

  /** The package an element stands for: a file inside an AI or data set package counts as that package. */
  private owner(id: string): string {
    const seen = new Set<string>();
    for (let at: string | undefined = id; at !== undefined && !seen.has(at); at = this.containedBy.get(at)) {
      seen.add(at);
      const type = this.elements.get(at) ? typeOf(this.elements.get(at)!) : '';
      if (type === 'ai_AIPackage' || type === 'dataset_DatasetPackage') return at;
    }
    return id;
  }

  read(): Bom {
    for (const element of this.all) {
      const type = typeOf(element);
      const id = idOf(element);
      if (!id) continue;
      if (type === 'ai_AIPackage' || (type === 'software_Package' && term(element.software_primaryPurpose) === 'model')) this.item(id, 'model');
      if (type === 'dataset_DatasetPackage') this.item(id, 'data');
    }
    for (const { type, from, to } of this.relationships) {
      const source = this.owner(from);
      for (const target of to.map((t) => this.owner(t))) {
        if (type === 'trainedOn' || type === 'testedOn') {
          if (this.item(source, 'model') && this.item(target, 'data')) this.edges.push({ from: source, to: target, kind: type, source: 'relationship' });
        } else if (type === 'ancestorOf' || type === 'descendantOf') {
          const [child, parent] = type === 'ancestorOf' ? [target, source] : [source, target];
          if (this.item(child, 'model') && this.item(parent, 'model')) this.edges.push({ from: child, to: parent, kind: 'ancestor', source: 'relationship' });
        } else if (type === 'generates') {
          const made = this.items.get(target);
          if (made?.kind === 'model') made.producedHere = true;
        } else if (type === 'dependsOn') {
          if (this.items.has(source) && this.items.has(target)) this.edges.push({ from: source, to: target, kind: 'dependsOn', source: 'relationship' });
        }
      }
    }
    for (const { from, to } of this.relationships.filter((r) => r.type === 'hasDeclaredLicense' || r.type === 'hasConcludedLicense')) {
      const item = this.items.get(this.owner(from));
      for (const licence of to) {
        const element = this.elements.get(licence);
        const text = element ? licenceName(element) : (licence.split('/').pop() ?? null);
        if (item && text && !item.licenses.includes(text) && !/^(NOASSERTION|NONE)$/i.test(text)) item.licenses.push(text);
      }
    }
    const subject = this.subject();
    const own = subject && !this.items.has(subject.key!) ? this.ownOf(this.elements.get(subject.key!)!) : [];
    const document = this.all.find((e) => typeOf(e) === 'SpdxDocument');
    return {
      standard: `SPDX ${this.version}`,
      identity: document ? (idOf(document) ?? str(document.name)) : null,
      subject,
      own,
      items: [...this.items.values()],
      services: [],
      edges: this.edges,
      environments: [],
      skipped: [],
    };
  }

  /** The system the document describes: its root element, through an SBOM if it names one. */
  private subject(): Bom['subject'] {
    const document = this.all.find((e) => typeOf(e) === 'SpdxDocument');
    let id = document ? (Array.isArray(document.rootElement) ? this.ref(document.rootElement[0]) : null) : null;
    for (let steps = 0; id && steps < 4; steps++) {
      const element = this.elements.get(id);
      if (!element || !/(Sbom|Bom|Bundle)$/.test(typeOf(element))) break;
      id = Array.isArray(element.rootElement) ? this.ref(element.rootElement[0]) : null;
    }
    const element = id ? this.elements.get(id) : undefined;
    const name = element ? str(element.name) : null;
    if (!element || !name) return null;
    return { name, version: str(element.software_packageVersion), description: str(element.description) ?? str(element.summary), key: id };
  }

  /** Who makes the system: its originators, and its supplier unless that is a public hub. Not the document's creators. */
  private ownOf(element: Element): string[] {
    const makers = (Array.isArray(element.originatedBy) ? element.originatedBy : []).map((a) => this.agent(a));
    const supplier = this.agent(element.suppliedBy);
    const names = [...makers, supplier && !isPublicHub(supplier.name, supplier.urls, null) ? supplier : null].filter((p): p is Party => p !== null).map((p) => p.name.toLowerCase());
    return [...new Set(names)];
  }

  /** The item for an element, made on first use; null when the element is of the other kind. */
  private item(id: string, kind: BomItem['kind']): BomItem | null {
    const existing = this.items.get(id);
    if (existing) return existing.kind === kind ? existing : null;
    const element = this.elements.get(id);
    if (!element) return null;
    const item = emptyItem(id, kind, str(element.name) ?? id.replace(/\/+$/, '').split('/').pop() ?? id);
    item.version = str(element.software_packageVersion);
    item.description = str(element.description) ?? str(element.summary) ?? str(element.comment);
    item.supplier = this.agent(element.suppliedBy);
    const originators = (Array.isArray(element.originatedBy) ? element.originatedBy : []).map((a) => this.agent(a)).filter((p): p is Party => p !== null);
    item.manufacturer = originators.length > 0 ? { name: originators.map((p) => p.name).join(', '), urls: originators.flatMap((p) => p.urls) } : null;
    item.purl = str(element.software_packageUrl);
    item.links = [
      ...(str(element.software_downloadLocation) ? [{ type: 'distribution', url: str(element.software_downloadLocation)! }] : []),
      ...(str(element.software_homePage) ? [{ type: 'website', url: str(element.software_homePage)! }] : []),
      ...list(element.externalRef).flatMap((r) => strings(r.locator).map((url) => ({ type: term(r.externalRefType) ?? 'other', url }))),
    ];
    item.hashed = list(element.verifiedUsing).some((v) => typeOf(v) === 'Hash' && str(v.hashValue) !== null);
    item.fileNames = [...(this.children.get(id) ?? []).map((c) => str(this.elements.get(c)?.name)).filter((n): n is string => n !== null), ...item.links.filter((l) => l.type === 'distribution').map((l) => l.url)];
    if (kind === 'data') {
      item.data = [{ name: item.name, kind: 'dataset', description: item.description, classification: null, sensitiveData: [], governance: [] }];
      const level = term(element.dataset_confidentialityLevel);
      item.confidentiality = level === 'red' || level === 'amber' || level === 'green' || level === 'clear' ? level : null;
      item.personalData = presence(element.dataset_hasSensitivePersonalInformation);
      item.availability = term(element.dataset_datasetAvailability);
      item.facts = [
        str(element.dataset_intendedUse) ? `Intended use: ${str(element.dataset_intendedUse)}` : null,
        strings(element.dataset_knownBias).length > 0 ? `Known bias: ${strings(element.dataset_knownBias).join('; ')}` : null,
        strings(element.dataset_anonymizationMethodUsed).length > 0 ? `Anonymised by: ${strings(element.dataset_anonymizationMethodUsed).join('; ')}` : null,
        item.availability ? `Availability: ${item.availability}.` : null,
      ].filter((f): f is string => f !== null);
    } else {
      item.personalData = presence(element.ai_useSensitivePersonalInformation);
      item.safetyRisk = term(element.ai_safetyRiskAssessment);
      item.facts = [
        strings(element.ai_typeOfModel).length > 0 ? `Type of model: ${strings(element.ai_typeOfModel).join(', ')}.` : null,
        strings(element.ai_domain).length > 0 ? `Domain: ${strings(element.ai_domain).join(', ')}.` : null,
        str(element.ai_limitation) ? `Limitation: ${str(element.ai_limitation)}` : null,
        term(element.ai_autonomyType) === 'yes' ? 'Acts without a human in the loop (autonomyType: yes).' : null,
        item.safetyRisk ? `Safety risk assessment (EU general risk assessment methodology): ${item.safetyRisk}.` : null,
        item.personalData === 'yes' ? 'Uses sensitive personal information in training or inference.' : null,
      ].filter((f): f is string => f !== null);
    }
    this.items.set(id, item);
    return item;
  }
}

/** A licence element in words: its expression, its name, or the start of a custom licence's text. */
function licenceName(element: Element): string | null {
  const custom = str(element.simplelicensing_licenseText);
  return str(element.simplelicensing_licenseExpression) ?? str(element.name) ?? (custom ? `custom licence: ${custom.length > 80 ? `${custom.slice(0, 79)}…` : custom}` : null);
}

function presence(value: unknown): BomItem['personalData'] {
  const text = term(value);
  return text === 'yes' || text === 'no' || text === 'noAssertion' ? text : null;
}
