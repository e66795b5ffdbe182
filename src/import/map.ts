import type { Dataset, DatasetPurpose, Model, Project, Supplier, SupplyKind, TrainingActivity } from '../project/types.js';
import type { Bom, BomComponent, BomData } from './cyclonedx.js';
import { clip, guessFormat, guessPurposeFromText, guessSensitivity, hubFromPurl, IdAllocator, isPublicHub } from './guess.js';

/** `group/name (version)`, as a schema text field. */
function displayName(group: string | null, name: string, version: string | null): string {
  return clip(`${group ? `${group}/` : ''}${name}${version ? ` (${version})` : ''}`, 500);
}

/** Comments the YAML writer places above a node, keyed by the node's path (JSON-encoded). */
export type CommentMap = Map<string, string[]>;

export interface Imported {
  project: Project;
  comments: CommentMap;
}

const trustValues = ['contracted-assessed', 'known-vendor', 'public-source'] as const;
export const todo = 'TODO(aithreat import):';

/**
 * Maps a BOM to a project description. Models and data sets come from the components of type
 * `machine-learning-model` and `data`; base models from `pedigree.ancestors`; suppliers from
 * `supplier`, `manufacturer` or `publisher`, unless they name the organisation that makes the
 * system. What the BOM cannot say is left out and marked with a TODO comment, never guessed.
 */
export function bomToProject(bom: Bom): Imported {
  return new Importer(bom).run();
}

class Importer {
  private readonly suppliers: Supplier[] = [];
  private readonly supplierByName = new Map<string, Supplier>();
  private readonly models: Model[] = [];
  private readonly datasets: Dataset[] = [];
  private readonly training: TrainingActivity[] = [];
  private readonly modelIds = new IdAllocator();
  private readonly datasetIds = new IdAllocator();
  private readonly supplierIds = new IdAllocator();
  private readonly trainingIds = new IdAllocator();
  private readonly modelByIdentity = new Map<string, string>();
  private readonly datasetByRef = new Map<string, string>();
  private readonly comments: CommentMap = new Map();
  /** Per supplier, the components whose hashes or signatures the BOM lists: evidence that exists, not evidence checked. */
  private readonly integrityListed = new Map<Supplier, { names: string[]; signed: boolean }>();
  private readonly dataComponents: BomComponent[];
  private readonly modelComponents: BomComponent[];

  constructor(private readonly bom: Bom) {
    this.dataComponents = bom.components.filter((c) => c.type === 'data');
    this.modelComponents = bom.components.filter((c) => c.type === 'machine-learning-model');
  }

  run(): Imported {
    for (const component of this.modelComponents) this.model(component);
    for (const component of this.dataComponents) this.dataset(component.ref, component.name, component, component.data, component.description);
    for (const component of this.modelComponents) this.trainingOf(component);
    for (const [supplier, { names, signed }] of this.integrityListed) {
      const what = signed ? 'hashes or signatures' : 'hashes';
      const evidence = signed ? 'signatures-verified or hashes-verified' : 'hashes-verified';
      const list = [...new Set(names)].map((n) => `\`${n}\``).join(', ');
      this.note(['suppliers', this.suppliers.indexOf(supplier)], `${todo} the BOM lists ${what} for ${list}; listing is not checking: add ${evidence} to provenance only if your pipeline verifies them.`);
    }
    const subject = this.bom.subject;
    const name = subject?.name ?? this.modelComponents[0]?.name ?? this.dataComponents[0]!.name;
    const project: Project = {
      formatVersion: 1,
      project: { name: clip(subject?.version ? `${name} ${subject.version}` : name, 500), ...(subject?.description ? { description: clip(subject.description, 5000) } : {}) },
      ...(this.suppliers.length > 0 ? { suppliers: this.suppliers } : {}),
      ...(this.datasets.length > 0 ? { datasets: this.datasets } : {}),
      ...(this.models.length > 0 ? { models: this.models } : {}),
      ...(this.training.length > 0 ? { training: this.training } : {}),
    };
    this.note(['project'], `${todo} add owner and contact; a BOM does not say who is accountable.`);
    return { project, comments: this.comments };
  }

  private note(path: (string | number)[], text: string): void {
    const key = JSON.stringify(path);
    this.comments.set(key, [...(this.comments.get(key) ?? []), text]);
  }

  /**
   * The outside party a component comes from: the first of its supplier, manufacturer, publisher
   * and package-URL hub that is not the system's maker (a model the maker mirrors but someone else
   * made still comes from outside). Null when all of them are the maker's own, or none is named.
   */
  private outsideParty(c: BomComponent): { name: string; urls: string[] } | null {
    const parties = [c.supplier, c.manufacturer].flatMap((org) => (org?.name ? [{ name: org.name, urls: org.urls }] : []));
    for (const name of [c.publisher, hubFromPurl(c.purl)]) if (name) parties.push({ name, urls: [] });
    return parties.find((party) => !this.bom.ownOrganizations.includes(party.name.toLowerCase())) ?? null;
  }

  private supplier(c: BomComponent, supplies: SupplyKind): string | null {
    const party = this.outsideParty(c);
    if (!party) return null;
    let supplier = this.supplierByName.get(party.name.toLowerCase());
    if (!supplier) {
      const stated = c.properties.find((p) => p.name === 'aithreat:trust')?.value;
      const hub = isPublicHub(party.name, party.urls, c.purl);
      const trust = trustValues.find((t) => t === stated) ?? (hub ? 'public-source' : 'known-vendor');
      supplier = { id: this.supplierIds.take(party.name, 'supplier'), name: clip(party.name, 500), supplies: [], trust };
      this.supplierByName.set(party.name.toLowerCase(), supplier);
      this.suppliers.push(supplier);
      const at = ['suppliers', this.suppliers.length - 1];
      if (!stated && !hub) this.note(at, `${todo} trust is a guess: contracted-assessed if there is a contract and a security assessment, public-source if anyone can publish there.`);
      if (!stated && hub) this.note(at, `${todo} a public hub, so public-source: anyone can publish there.`);
    }
    if (!supplier.supplies.includes(supplies)) supplier.supplies.push(supplies);
    const modelCard = c.hasModelCard || c.externalReferences.some((r) => r.type === 'model-card');
    if (modelCard && !supplier.provenance?.includes('model-card')) supplier.provenance = [...(supplier.provenance ?? []), 'model-card'];
    if (c.hashes.length > 0 || c.signed) {
      const listed = this.integrityListed.get(supplier) ?? { names: [], signed: false };
      this.integrityListed.set(supplier, { names: [...listed.names, c.name], signed: listed.signed || c.signed });
    }
    return supplier.id;
  }

  private identity(c: BomComponent): string {
    return c.ref ?? c.purl ?? `${c.group ?? ''}/${c.name}@${c.version ?? ''}`;
  }

  /** Adds a model (and its base models first); returns its id. Components listed twice are added once. */
  private model(c: BomComponent, asAncestor = false, depth = 0): string {
    const known = this.modelByIdentity.get(this.identity(c)) ?? (c.purl ? this.modelByIdentity.get(c.purl) : undefined);
    if (known) return known;
    const listed = asAncestor ? this.modelComponents.find((m) => (c.ref && m.ref === c.ref) || (c.purl && m.purl === c.purl)) : undefined;
    if (listed && listed !== c) return this.model(listed, false, depth);
    const base = depth < 20 && c.ancestors[0] ? this.model(c.ancestors[0], true, depth + 1) : undefined;
    const supplier = this.supplier(c, 'pretrained-models');
    const id = this.modelIds.take(c.name, 'model');
    this.modelByIdentity.set(this.identity(c), id);
    if (c.purl) this.modelByIdentity.set(c.purl, id);
    // An ancestor with no named maker came from somewhere else; one made by the system's maker did not.
    const named = Boolean(c.supplier?.name || c.manufacturer?.name || c.publisher);
    const origin = supplier || (asAncestor && !named) ? 'pretrained' : 'trained-here';
    const format = guessFormat(c);
    const maker = c.manufacturer?.name && c.manufacturer.name !== c.supplier?.name ? `Made by ${c.manufacturer.name}.` : null;
    const notes = [c.description, maker].filter(Boolean).join(' ');
    const model: Model = {
      id,
      name: displayName(c.group, c.name, c.version),
      origin,
      ...(supplier ? { supplier } : {}),
      ...(base ? { baseModel: base } : {}),
      ...(format ? { format } : {}),
      ...(notes ? { notes: clip(notes, 5000) } : {}),
    };
    this.models.push(model);
    const at = ['models', this.models.length - 1];
    if (asAncestor && !supplier) this.note(at, `${todo} the BOM names no supplier for this base model; add one.`);
    if (c.ancestors.length > 1) this.note(at, `${todo} the BOM names ${c.ancestors.length} ancestors; only the first, \`${c.ancestors[0]!.name}\`, is the base model here.`);
    this.note(at, `${todo} parameters: confidential or open-weights? The BOM does not say.`);
    if (!format) this.note(at, `${todo} format: the BOM does not name the artifact format (safetensors, onnx, gguf, pytorch-pickle, ...).`);
    if (c.hashes.length > 0) this.note(at, `${todo} the BOM records hashes; set integrityProtected: true only if they are checked before the model is loaded.`);
    this.note(at, `${todo} storedIn: list the environments that hold the parameters.`);
    return id;
  }

  /** Whether a model is trained further from a base model in this project. */
  private finetunes(c: BomComponent): boolean {
    return c.ancestors.length > 0 && this.outsideParty(c) === null;
  }

  private dataset(ref: string | null, name: string, c: BomComponent | null, data: readonly BomData[], description: string | null): string {
    const users = ref ? this.modelComponents.filter((m) => m.datasetRefs.includes(ref)) : [];
    const texts = [name, description, ...data.flatMap((d) => [d.name, d.description]), ...(c?.properties.map((p) => p.value) ?? [])];
    const stated = guessPurposeFromText(texts);
    const purpose: DatasetPurpose = stated ?? (users.some((m) => this.finetunes(m)) ? 'fine-tuning' : 'training');
    const supplier = c ? this.supplier(c, 'data') : null;
    const { classes, unclassified } = guessSensitivity(data);
    const parties = data.flatMap((d) => d.governance);
    const notes = [description, parties.length > 0 ? `Governance: ${[...new Set(parties)].join('; ')}.` : null].filter(Boolean).join(' ');
    const id = this.datasetIds.take(name, 'dataset');
    if (ref) this.datasetByRef.set(ref, id);
    this.datasets.push({
      id,
      name: displayName(c?.group ?? null, name, c?.version ?? null),
      purpose,
      origin: supplier ? 'supplier' : 'internal',
      ...(supplier ? { supplyChain: [{ supplier, role: 'provides' as const }] } : {}),
      ...(classes.length > 0 ? { sensitivity: classes } : {}),
      ...(c && c.hashes.length > 0 ? { protection: { integrityHashes: 'recorded' as const } } : {}),
      ...(notes ? { notes: clip(notes, 5000) } : {}),
    });
    const at = ['datasets', this.datasets.length - 1];
    if (!stated && users.length === 0) this.note(at, `${todo} purpose is a guess: no model card names this data set.`);
    this.note(at, `${todo} origin is ${supplier ? 'supplier' : 'internal'}; say public-internet, collected-in-operation, user-generated or synthetic if that is truer.`);
    if (classes.length === 0) this.note(at, `${todo} sensitivity: the BOM gives no classification; list every class that applies.`);
    if (unclassified.length > 0) this.note(at, `${todo} sensitive data "${unclassified.join('", "')}" is counted as confidential; refine.`);
    if (c && c.hashes.length > 0) this.note(at, `${todo} the BOM records hashes; use integrityHashes: verified only if they are checked before training.`);
    this.note(at, `${todo} storedIn: list the environments that hold copies.`);
    return id;
  }

  /** A training activity for a model trained here that the BOM links to data sets or a base model. */
  private trainingOf(c: BomComponent): void {
    const modelId = this.modelByIdentity.get(this.identity(c));
    const model = this.models.find((m) => m.id === modelId);
    if (!model || model.origin !== 'trained-here') return;
    const datasets = c.datasetRefs.map((ref) => this.datasetByRef.get(ref)).filter((id): id is string => id !== undefined);
    for (const [i, inline] of c.inlineDatasets.entries()) {
      datasets.push(this.dataset(null, inline.name ?? `${c.name} data ${i + 1}`, null, [inline], inline.description));
    }
    if (datasets.length === 0 && !model.baseModel) return;
    const mode = model.baseModel ? 'fine-tuning' : 'from-scratch';
    this.training.push({ id: this.trainingIds.take(`train-${model.id}`, 'training'), mode, model: model.id, ...(datasets.length > 0 ? { datasets: [...new Set(datasets)] } : {}) });
    this.note(['training', this.training.length - 1], `${todo} mode ${mode} is inferred from the ${model.baseModel ? 'pedigree' : 'model card'}; add the environment where it runs.`);
  }
}
