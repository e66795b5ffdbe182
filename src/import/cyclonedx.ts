import { emptyItem, type Bom, type BomEdge, type BomEnvironment, type BomItem, type BomService, type DataFacts, type Party } from './bom.js';
import { isPublicHub } from './guess.js';
import { isObject, list, str, strings, type Refusal } from './read-json.js';
import { bomInline } from './text.js';

/**
 * Reads a CycloneDX JSON BOM, 1.4 to 1.7, whose shape `checkShape` has already checked. For the
 * fields read here, each version only adds to the one before: 1.5 brought `machine-learning-model`
 * and `data` components, model cards and formulation; 1.6 `authors`, a component `manufacturer`,
 * and turned `metadata.manufacturer` into the maker of the BOM (not of the system).
 */
export const cyclonedxVersions = ['1.4', '1.5', '1.6', '1.7'] as const;

/** The two fields that say what the document is, checked before its shape: a BOM of another kind is told so. */
export function checkCycloneDxHeader(data: Record<string, unknown>): Refusal | null {
  if (data.bomFormat !== 'CycloneDX') {
    const what = typeof data.bomFormat === 'string' ? `is ${JSON.stringify(bomInline(data.bomFormat, 40))}` : data.bomFormat === undefined ? 'is missing' : 'is not a string';
    return { ok: false, path: data.bomFormat === undefined ? [] : ['bomFormat'], message: `not a CycloneDX BOM: \`bomFormat\` ${what}, expected "CycloneDX"` };
  }
  if (typeof data.specVersion !== 'string' || !(cyclonedxVersions as readonly string[]).includes(data.specVersion)) {
    const what = typeof data.specVersion === 'string' ? JSON.stringify(bomInline(data.specVersion, 40)) : data.specVersion === undefined ? 'missing' : 'not a string';
    return { ok: false, path: data.specVersion === undefined ? [] : ['specVersion'], message: `CycloneDX \`specVersion\` ${what === 'missing' ? 'is missing' : `${what} is not supported`}; aithreat imports ${cyclonedxVersions.join(', ')}` };
  }
  return null;
}

export function readCycloneDx(data: Record<string, unknown>): { ok: true; bom: Bom } | Refusal {
  const refusal = checkCycloneDxHeader(data);
  if (refusal) return refusal;
  return { ok: true, bom: new CycloneDxReader(data, data.specVersion as string).read() };
}

class CycloneDxReader {
  private readonly items: BomItem[] = [];
  private readonly services: BomService[] = [];
  private readonly edges: BomEdge[] = [];
  private readonly skipped: string[] = [];

  constructor(
    private readonly data: Record<string, unknown>,
    private readonly version: string,
  ) {}

  read(): Bom {
    const metadata = isObject(this.data.metadata) ? this.data.metadata : {};
    const subject = isObject(metadata.component) ? metadata.component : null;
    if (subject) this.component(subject, 'metadata.component', null);
    this.components(list(this.data.components), 'components');
    this.serviceList(list(this.data.services), 'services');
    for (const dependency of list(this.data.dependencies)) {
      const from = str(dependency.ref);
      for (const to of strings(dependency.dependsOn)) if (from) this.edges.push({ from, to, kind: 'dependsOn', source: 'dependencies' });
    }
    const environments = list(this.data.formulation).map((formula, i) => this.formula(formula, i));
    const subjectKey = subject ? (str(subject['bom-ref']) ?? 'metadata.component') : null;
    const serial = str(this.data.serialNumber);
    const identity = [serial, typeof this.data.version === 'number' ? `version ${this.data.version}` : null].filter(Boolean).join(', ');
    return {
      standard: `CycloneDX ${this.version}`,
      identity: identity || null,
      subject: subject && str(subject.name) ? { name: str(subject.name)!, version: str(subject.version), description: str(subject.description), key: subjectKey } : null,
      own: subject ? this.ownOrganizations(metadata, subject) : [],
      items: this.items,
      services: this.services,
      edges: this.edges,
      environments,
      skipped: this.skipped,
    };
  }

  /**
   * The organisation that makes the system: the subject's manufacturer (`metadata.manufacture`
   * before 1.6), and its supplier or publisher unless that is a public hub, where anyone can
   * publish. Not `metadata.manufacturer` (from 1.6 the maker of the BOM) nor the BOM's tools or
   * authors. A subject that is itself a model or data set names its own supplier, not a maker.
   */
  private ownOrganizations(metadata: Record<string, unknown>, subject: Record<string, unknown>): string[] {
    if (subject.type === 'machine-learning-model' || subject.type === 'data') return [];
    const maker = [organization(subject.manufacturer), this.version < '1.6' ? organization(metadata.manufacture) : null];
    const others = [organization(metadata.supplier), organization(subject.supplier), ...authorsOf(subject)];
    const names = [...maker, ...others.filter((party) => party && !isPublicHub(party.name, party.urls, null))]
      .filter((party): party is Party => party !== null)
      .map((party) => party.name.toLowerCase());
    return [...new Set(names)];
  }

  private components(components: Record<string, unknown>[], at: string): void {
    for (const [i, component] of components.entries()) this.component(component, `${at}.${i}`, null);
  }

  /** Reads a component, its ancestors and its nested components; returns the item's key. */
  private component(component: Record<string, unknown>, at: string, inheritedKind: BomItem['kind'] | null): string | null {
    const type = str(component.type);
    const kind = type === 'machine-learning-model' ? 'model' : type === 'data' ? 'data' : type === null ? inheritedKind : null;
    const name = str(component.name);
    const key = str(component['bom-ref']) ?? at;
    if (kind && name) this.item(component, key, kind, name, at);
    this.components(list(component.components), `${at}.components`);
    return kind && name ? key : null;
  }

  /** Lists the item before its ancestors, so models keep the BOM's order. */
  private item(component: Record<string, unknown>, key: string, kind: BomItem['kind'], name: string, at: string): void {
    const item = emptyItem(key, kind, name);
    this.items.push(item);
    item.group = str(component.group);
    item.version = str(component.version);
    item.description = str(component.description);
    item.supplier = organization(component.supplier);
    item.manufacturer = organization(component.manufacturer);
    item.authors = authorsOf(component);
    item.purl = str(component.purl);
    item.properties = list(component.properties).flatMap((p) => (str(p.name) && str(p.value) ? [{ name: str(p.name)!, value: str(p.value)! }] : []));
    const provider = item.properties.find((p) => p.name === 'cdx:ai:provider')?.value;
    item.provider = provider && provider.toLowerCase() !== 'unknown' ? provider : null;
    item.links = list(component.externalReferences).flatMap((r) => (str(r.type) && str(r.url) ? [{ type: str(r.type)!, url: str(r.url)! }] : []));
    item.hashed = list(component.hashes).some((h) => str(h.content) !== null);
    item.signed = component.signature !== undefined;
    item.licenses = list(component.licenses).flatMap((l) => {
      const license = isObject(l.license) ? l.license : {};
      return [str(l.expression), str(license.id), str(license.name)].filter((s): s is string => s !== null);
    });
    item.excluded = component.scope === 'excluded';
    const modelCard = isObject(component.modelCard) ? component.modelCard : null;
    item.modelCard = modelCard !== null || item.links.some((r) => r.type === 'model-card');
    const parameters = modelCard && isObject(modelCard.modelParameters) ? modelCard.modelParameters : {};
    item.cardDatasets = list(parameters.datasets).map((d) => (str(d.ref) ? { key: str(d.ref)! } : { inline: componentData(d) }));
    item.facts = modelCard ? considerations(modelCard.considerations) : [];
    item.data = list(component.data).map(componentData);
    item.fileNames = [
      ...item.properties.filter((p) => /^cdx:ai:modelFile$|format|file|artifact/i.test(p.name)).map((p) => p.value),
      ...(item.purl?.match(/[?&]file_name=([^&#]+)/)?.slice(1).map(safeDecode) ?? []),
      ...item.links.filter((r) => r.type.startsWith('distribution')).map((r) => r.url),
    ];
    const pedigree = isObject(component.pedigree) ? component.pedigree : {};
    for (const [i, ancestor] of list(pedigree.ancestors).entries()) {
      const parent = this.component(ancestor, `${at}.pedigree.ancestors.${i}`, kind);
      if (parent) this.edges.push({ from: key, to: parent, kind: 'ancestor', source: 'pedigree' });
    }
  }

  private serviceList(services: Record<string, unknown>[], at: string): void {
    for (const [i, service] of services.entries()) {
      const name = str(service.name);
      if (name) {
        this.services.push({
          key: str(service['bom-ref']) ?? `${at}.${i}`,
          name,
          group: str(service.group),
          provider: organization(service.provider),
          endpoints: strings(service.endpoints),
          description: str(service.description),
          tags: strings(service.tags),
          properties: list(service.properties).flatMap((p) => (str(p.name) && str(p.value) ? [{ name: str(p.name)!, value: str(p.value)! }] : [])),
        });
      }
      this.serviceList(list(service.services), `${at}.${i}.services`);
    }
  }

  /** A formula: where its workflows run, what they read and what they produce. */
  private formula(formula: Record<string, unknown>, index: number): BomEnvironment {
    const tasks: Record<string, unknown>[] = [];
    const pending = [...list(formula.workflows)];
    while (pending.length > 0) {
      const task = pending.shift()!;
      tasks.push(task);
      pending.push(...list(task.tasks));
    }
    const resource = (entries: unknown) => list(entries).flatMap((e) => (isObject(e.resource) ? [str(e.resource.ref)] : [])).filter((r): r is string => r !== null);
    const outputs = tasks.flatMap((t) => resource(t.outputs));
    const inputs = tasks.flatMap((t) => [...resource(t.inputs), ...list(t.resourceReferences).flatMap((r) => str(r.ref) ?? [])]);
    const runsOn = [...list(formula.components), ...list(formula.services)].flatMap((c) => (str(c.name) ? [`${str(c.name)}${str(c.version) ? ` ${str(c.version)}` : ''}`] : []));
    const workflow = list(formula.workflows)[0];
    return {
      key: str(formula['bom-ref']) ?? `formulation.${index}`,
      name: (workflow && str(workflow.name)) ?? `formula ${index + 1}`,
      description: (workflow && str(workflow.description)) ?? null,
      taskTypes: [...new Set(tasks.flatMap((t) => strings(t.taskTypes)))],
      taskNames: tasks.flatMap((t) => str(t.name) ?? []),
      runsOn,
      inputs: [...new Set(inputs)],
      outputs: [...new Set(outputs)],
    };
  }
}

function organization(value: unknown): Party | null {
  if (!isObject(value)) return null;
  const name = str(value.name);
  return name ? { name, urls: strings(value.url) } : null;
}

/** `authors` (1.6), `author` and `publisher`, as parties without links. */
function authorsOf(component: Record<string, unknown>): Party[] {
  const names = [...list(component.authors).map((a) => str(a.name)), str(component.author), str(component.publisher)];
  return [...new Set(names.filter((n): n is string => n !== null))].map((name) => ({ name, urls: [] }));
}

function componentData(item: Record<string, unknown>): DataFacts {
  const governance = isObject(item.governance) ? item.governance : {};
  const parties = ['owners', 'stewards', 'custodians'].flatMap((role) =>
    list(governance[role]).flatMap((party) => {
      const name = organization(party.organization)?.name ?? (isObject(party.contact) ? str(party.contact.name) : null);
      return name ? [`${role.slice(0, -1)}: ${name}`] : [];
    }),
  );
  return {
    name: str(item.name),
    kind: str(item.type),
    description: str(item.description),
    classification: str(item.classification),
    sensitiveData: strings(item.sensitiveData),
    governance: parties,
  };
}

/** Model-card considerations in one line each: what the project format has no field for. */
function considerations(value: unknown): string[] {
  if (!isObject(value)) return [];
  const facts: string[] = [];
  const useCases = strings(value.useCases);
  const limitations = strings(value.technicalLimitations);
  const ethical = list(value.ethicalConsiderations).flatMap((e) => str(e.name) ?? []);
  if (useCases.length > 0) facts.push(`Model card use cases: ${useCases.join('; ')}.`);
  if (limitations.length > 0) facts.push(`Model card limitations: ${limitations.join('; ')}.`);
  if (ethical.length > 0) facts.push(`Model card ethical considerations: ${ethical.join('; ')}.`);
  return facts;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
