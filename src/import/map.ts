import type { Dataset, DatasetPurpose, Environment, Model, Project, Sensitivity, TrainingActivity } from '../project/types.js';
import type { Bom, BomItem, DataFacts } from './bom.js';
import { emptyItem } from './bom.js';
import { guessFormat, guessPurposeFromText, guessSensitivity, hubFromPurl, IdAllocator, notADataSet, publishesWeights } from './guess.js';
import { resolveLineage, type Lineage } from './lineage.js';
import { fullName, mergeDuplicates } from './merge.js';
import { providerById } from './providers.js';
import { readAiServices, type Hosting } from './services.js';
import { madeByOwn, outsideParty, SupplierBook, todo, type OutsideParty } from './suppliers.js';
import { bomInline, bomValue } from './text.js';

export { todo } from './suppliers.js';

/** Comments the YAML writer places above a node, keyed by the node's path (JSON-encoded). */
export type CommentMap = Map<string, string[]>;

export interface Imported {
  project: Project;
  comments: CommentMap;
  /** Lines for the footer: what was deliberately not imported, and why. */
  skipped: string[];
  /** Whether environments came from the BOM (a formulation). */
  environmentsFromBom: boolean;
}

/**
 * Maps a BOM to a project description. What the BOM says is carried over; what it cannot say is
 * left out and marked with a TODO comment, and what is read into it (a guess) says so too.
 */
export function bomToProject(bom: Bom): Imported {
  return new Importer(bom).run();
}

/** `group/name (version)`, as a schema text field. */
function displayName(item: Pick<BomItem, 'name' | 'group' | 'provider' | 'version'>): string {
  return bomValue(`${fullName(item)}${item.version ? ` (${item.version})` : ''}`, 500) || 'unnamed';
}

const quoted = (text: string) => `\`${bomInline(text, 80)}\``;

/** Quoted names for a comment, at most twenty: a comment is for reading. */
const quotedList = (names: readonly string[]) => names.slice(0, 20).map(quoted).join(', ') + (names.length > 20 ? ` and ${names.length - 20} more` : '');

/** Text that ends like a sentence, so that notes joined from several fields read as prose. */
const sentence = (text: string) => (/[.!?…:;)"']$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);

interface Use {
  model: string;
  how: 'trainedOn' | 'testedOn' | 'card' | 'dependsOn';
}

class Importer {
  private readonly comments: CommentMap = new Map();
  private readonly book = new SupplierBook((path, text) => this.note(path, text));
  private readonly models: Model[] = [];
  private readonly datasets: Dataset[] = [];
  private readonly training: TrainingActivity[] = [];
  private readonly environments: Environment[] = [];
  private readonly modelIds = new IdAllocator();
  private readonly datasetIds = new IdAllocator();
  private readonly trainingIds = new IdAllocator();
  private readonly environmentIds = new IdAllocator();
  private readonly skipped: string[];
  private readonly items: BomItem[];
  private readonly byKey = new Map<string, BomItem>();
  private readonly edges: Bom['edges'] = [];
  /** Edges by the key they start from and the key they end at: a BOM of a large system has tens of thousands. */
  private readonly edgesFrom = new Map<string, Bom['edges']>();
  private readonly edgesTo = new Map<string, Bom['edges']>();
  private readonly usesMemo = new Map<string, Use[]>();
  private readonly modelIdOf = new Map<string, string>();
  private readonly modelOf = new Map<string, Model>();
  private readonly modelIndex = new Map<Model, number>();
  private readonly datasetIdOf = new Map<string, string>();
  /** Environment ids by the keys of the items a formula produces or reads. */
  private readonly producedIn = new Map<string, string>();
  private readonly readIn = new Map<string, string[]>();
  private readonly hosted = new Map<string, Hosting>();
  private readonly servedLocally = new Map<string, string[]>();
  private lineage: Lineage = { base: new Map(), dropped: new Map() };
  private readonly keyOf: (key: string) => string;

  constructor(private readonly bom: Bom) {
    const merged = mergeDuplicates(bom.items);
    this.items = merged.items;
    for (const item of this.items) this.byKey.set(item.key, item);
    const keyOf = (key: string) => merged.keyOf.get(key) ?? key;
    this.keyOf = keyOf;
    for (const edge of bom.edges) this.addEdge({ ...edge, from: keyOf(edge.from), to: keyOf(edge.to) });
    for (const item of this.items) item.cardDatasets = item.cardDatasets.map((d) => ('key' in d ? { key: keyOf(d.key) } : d));
    this.skipped = [...bom.skipped];
  }

  run(): Imported {
    this.readServices();
    this.readEnvironments();
    const models = this.items.filter((item) => item.kind === 'model' && (!item.excluded || (this.edgesTo.get(item.key) ?? []).some((e) => e.kind === 'ancestor')));
    for (const item of this.items) if (item.kind === 'model' && !models.includes(item)) this.skipped.push(`${quoted(item.name)}: marked as excluded from the system (scope: excluded)`);
    this.lineage = resolveLineage(
      models.map((m) => m.key),
      (key) => this.parentsOf(key),
    );
    for (const item of models) this.model(item);
    for (const item of models) this.linkBase(item);
    for (const item of this.items) if (item.kind === 'data') this.dataset(item);
    for (const item of models) this.trainingOf(item);
    this.book.integrityNotes();
    const subject = this.bom.subject;
    const name = subject?.name ?? this.items[0]?.name ?? 'Imported project';
    const project: Project = {
      formatVersion: 1,
      project: {
        name: bomValue(subject?.version ? `${name} ${subject.version}` : name, 500) || 'Imported project',
        ...(subject?.description && bomValue(subject.description, 5000) ? { description: bomValue(subject.description, 5000) } : {}),
      },
      ...(this.book.suppliers.length > 0 ? { suppliers: this.book.suppliers } : {}),
      ...(this.environments.length > 0 ? { environments: this.environments } : {}),
      ...(this.datasets.length > 0 ? { datasets: this.datasets } : {}),
      ...(this.models.length > 0 ? { models: this.models } : {}),
      ...(this.training.length > 0 ? { training: this.training } : {}),
    };
    this.note(['project'], `${todo} add owner and contact; a BOM does not say who is accountable.`);
    return { project, comments: this.comments, skipped: this.skipped, environmentsFromBom: this.environments.length > 0 };
  }

  private addEdge(edge: Bom['edges'][number]): void {
    this.edges.push(edge);
    for (const [index, key] of [[this.edgesFrom, edge.from], [this.edgesTo, edge.to]] as const) {
      const list = index.get(key);
      if (list) list.push(edge);
      else index.set(key, [edge]);
    }
  }

  private from(key: string): Bom['edges'] {
    return this.edgesFrom.get(key) ?? [];
  }

  private note(path: (string | number)[], text: string): void {
    const key = JSON.stringify(path);
    this.comments.set(key, [...(this.comments.get(key) ?? []), text]);
  }

  /** Base-model candidates: the pedigree and SPDX lineage first, `dependencies` on models only when those say nothing. */
  private parentsOf(key: string): string[] {
    const isModel = (k: string) => this.byKey.get(k)?.kind === 'model';
    const stated = this.from(key).filter((e) => e.kind === 'ancestor' && isModel(e.to)).map((e) => e.to);
    if (stated.length > 0) return stated;
    return this.from(key).filter((e) => e.kind === 'dependsOn' && isModel(e.to)).map((e) => e.to);
  }

  private readServices(): void {
    const read = readAiServices(this.bom.services, (key) => this.from(key), this.byKey);
    for (const item of read.added) {
      this.items.push(item);
      this.byKey.set(item.key, item);
    }
    for (const [key, hosting] of read.hosted) this.hosted.set(key, hosting);
    for (const [key, names] of read.servedLocally) this.servedLocally.set(key, names);
  }

  /** Formulation: each formula is an environment where what it produces is made and kept. */
  private readEnvironments(): void {
    for (const formula of this.bom.environments) {
      const outputs = [...new Set(formula.outputs.map(this.keyOf))].filter((k) => this.byKey.has(k));
      const inputs = [...new Set(formula.inputs.map(this.keyOf))].filter((k) => this.byKey.has(k));
      const makesModel = outputs.some((k) => this.byKey.get(k)!.kind === 'model');
      const trains = makesModel || [formula.name, ...formula.taskNames, ...formula.taskTypes].some((t) => /\b(train\w*|fine-?tun\w*)\b/i.test(t));
      const id = this.environmentIds.take(formula.name, 'environment');
      const kinds = [...outputs, ...inputs].map((k) => this.byKey.get(k)!.kind);
      const holds = [...(kinds.includes('data') ? ['data' as const] : []), ...(kinds.includes('model') ? ['models' as const] : [])];
      const notes = [formula.description, formula.runsOn.length > 0 ? `Runs on: ${formula.runsOn.join(', ')}.` : null, formula.taskNames.length > 0 ? `Tasks: ${formula.taskNames.join(', ')}.` : null].filter(Boolean).join(' ');
      this.environments.push({
        id,
        name: bomValue(formula.name, 500) || id,
        area: trains ? 'training' : 'application-development',
        ...(holds.length > 0 ? { holds } : {}),
        ...(notes && bomValue(notes, 5000) ? { notes: bomValue(notes, 5000) } : {}),
      });
      const at = ['environments', this.environments.length - 1];
      this.note(at, `${todo} from the BOM's formulation; area ${trains ? 'training' : 'application-development'} is read from what it ${trains ? 'trains or produces' : 'does'}. Add hosting, access, segregation, logging and monitoring: a BOM does not say.`);
      for (const key of outputs) {
        this.producedIn.set(key, id);
        const item = this.byKey.get(key)!;
        if (item.kind === 'model') item.producedHere = true;
      }
      for (const key of inputs) this.readIn.set(key, [...new Set([...(this.readIn.get(key) ?? []), id])]);
      // A workflow that reads data and produces a model trains the model on that data.
      for (const model of outputs.filter((k) => this.byKey.get(k)!.kind === 'model')) {
        for (const data of inputs.filter((k) => this.byKey.get(k)!.kind === 'data')) this.addEdge({ from: model, to: data, kind: 'trainedOn', source: 'formulation' });
      }
    }
  }

  private model(item: BomItem): void {
    const hosting = this.hosted.get(item.key);
    const provider = providerById(item.provider);
    const party = hosting?.party ?? outsideParty(item, this.bom.own);
    const apiOnly = hosting !== undefined || (provider?.kind === 'hosted' && !item.hashed && item.fileNames.length === 0 && !hubFromPurl(item.purl));
    const own = madeByOwn(item, this.bom.own);
    const origin: Model['origin'] = !hosting && (item.producedHere || (!party && own)) ? 'trained-here' : 'pretrained';
    const id = this.modelIds.take(fullName(item).split('/').pop() ?? item.name, 'model');
    const index = this.models.length;
    const at = ['models', index];
    let supplier: string | undefined;
    if (origin === 'pretrained') {
      const supplies = apiOnly ? (['pretrained-models', 'model-hosting'] as const) : (['pretrained-models'] as const);
      supplier = party ? this.book.take(apiOnly ? { ...party, hosts: true } : party, supplies, item) : this.book.unidentified(item);
    }
    const format = apiOnly ? 'hosted-api' : guessFormat(item);
    const licence = item.licenses[0] ?? null;
    const open = item.licenses.some((l) => publishesWeights(l));
    const parameters = origin === 'pretrained' && open && !apiOnly ? ('open-weights' as const) : undefined;
    const notes = this.modelNotes(item, party, hosting);
    const model: Model = {
      id,
      name: displayName(item),
      origin,
      ...(supplier ? { supplier } : {}),
      ...(parameters ? { parameters } : {}),
      ...(format ? { format } : {}),
      ...(this.producedIn.has(item.key) ? { storedIn: [this.producedIn.get(item.key)!] } : {}),
      ...(notes ? { notes } : {}),
    };
    this.models.push(model);
    this.modelIdOf.set(item.key, id);
    this.modelOf.set(item.key, model);
    this.modelIndex.set(model, index);
    if (origin === 'pretrained' && !party) {
      const hint = item.name.includes('/') ? ` Its name looks like the Hugging Face repository ${quoted(item.name)}: if the weights came from there, the supplier is Hugging Face (public-source).` : '';
      this.note(at, `${todo} the BOM names no maker or supplier, so this is taken as a pre-trained model from someone else, never as trained here; if it was trained here, set origin: trained-here and remove the supplier.${hint}`);
    }
    if (origin === 'trained-here' && !own && item.producedHere) this.note(at, `${todo} trained here because the BOM's formulation or relationships say this system produces it.`);
    if (hosting) this.note(at, `${todo} used through the service ${quoted(hosting.service)}, so format hosted-api from its provider; if the weights are downloaded and run here, change format and supplier.`);
    else if (apiOnly) this.note(at, `${todo} the generator names ${quoted(item.provider!)} as its provider and lists no model file, so format hosted-api; if the weights are downloaded and run here, change format and supplier.`);
    for (const parent of this.lineage.dropped.get(item.key) ?? []) {
      const name = quoted(this.byKey.get(parent.parent)?.name ?? parent.parent);
      if (parent.reason === 'itself') this.note(at, `${todo} the BOM lists this model as its own ancestor; that is ignored.`);
      if (parent.reason === 'cycle') this.note(at, `${todo} the BOM also names ${name} as an ancestor, which would make the lineage a cycle; that link is ignored.`);
      if (parent.reason === 'another-base') this.note(at, `${todo} the BOM names more ancestors; only the first is the base model here, ${name} is not.`);
    }
    if (parameters) this.note(at, `${todo} open-weights because its licence (${quoted(licence ?? '')}) publishes the weights; say confidential if your copy is not the published one.`);
    else if (origin === 'trained-here' && open) this.note(at, `${todo} parameters: its licence (${quoted(item.licenses.find((l) => publishesWeights(l))!)}) allows publishing the weights: open-weights if they are published, confidential if not.`);
    else if (!apiOnly) this.note(at, `${todo} parameters: confidential or open-weights? The BOM ${licence ? `gives the licence ${quoted(licence)}, which does not say` : 'names no licence'}.`);
    if (!format) this.note(at, `${todo} format: the BOM does not name the artifact format (safetensors, onnx, gguf, pytorch-pickle, ...).`);
    const outsideData = this.outsideTrainingData(item);
    if (outsideData.length > 0) this.note(at, `${todo} the BOM names the data it was trained on (${quotedList(outsideData)}): its maker's, so not under datasets; add a data set only if this project trains on it too.`);
    if (item.safetyRisk) this.note(at, `${todo} the project format has no field for the BOM's safety risk assessment (${quoted(item.safetyRisk)}); it is kept in the notes.`);
    if (item.personalData === 'yes') this.note(at, `${todo} the BOM says this model uses sensitive personal information: list it in the sensitivity of the data sets it is trained on.`);
    if (item.hashed) this.note(at, `${todo} the BOM records hashes; set integrityProtected: true only if they are checked before the model is loaded.`);
    if (!apiOnly && !this.producedIn.has(item.key)) this.note(at, `${todo} storedIn: list the environments that hold the parameters.`);
  }

  /** What the project format has no field for, in the model's notes. */
  private modelNotes(item: BomItem, party: OutsideParty | null, hosting: Hosting | undefined): string {
    const maker = item.manufacturer && item.manufacturer.name !== party?.name ? `Made by ${item.manufacturer.name}.` : null;
    const authors = item.authors.filter((a) => a.name !== party?.name && a.name !== item.manufacturer?.name).map((a) => a.name);
    const pretrainedData = this.outsideTrainingData(item);
    const parts = [
      item.description,
      maker,
      authors.length > 0 ? `Published by ${authors.join(', ')}.` : null,
      hosting ? `Used through ${hosting.service}.` : null,
      this.servedLocally.has(item.key) ? `Served locally by ${this.servedLocally.get(item.key)!.join(', ')}.` : null,
      item.licenses.length > 0 ? `Licence: ${item.licenses.join(', ')}.` : null,
      pretrainedData.length > 0 ? `Trained by its maker on: ${pretrainedData.slice(0, 50).join(', ')}${pretrainedData.length > 50 ? ` and ${pretrainedData.length - 50} more` : ''} (named by the BOM; not data sets of this project).` : null,
      ...item.facts,
    ];
    return bomValue(parts.filter((p): p is string => Boolean(p)).map(sentence).join(' '), 5000);
  }

  /** Names of the data a pre-trained model was trained on, by its card or relationships: its maker's data, not this project's. */
  private outsideTrainingData(item: BomItem): string[] {
    if (!this.isOutside(item)) return [];
    const fromCard = item.cardDatasets.map((d) => ('key' in d ? (this.byKey.get(d.key)?.name ?? d.key) : (d.inline.name ?? 'a data set described in place')));
    const fromEdges = this.from(item.key).filter((e) => e.kind === 'trainedOn' || e.kind === 'testedOn').map((e) => this.byKey.get(e.to)?.name ?? e.to);
    return [...new Set([...fromCard, ...fromEdges])];
  }

  /** Whether a model's own data is its maker's business (it is not trained here). */
  private isOutside(item: BomItem): boolean {
    const origin = this.modelOf.get(item.key)?.origin;
    if (origin) return origin === 'pretrained';
    return this.hosted.has(item.key) || !(item.producedHere || (!outsideParty(item, this.bom.own) && madeByOwn(item, this.bom.own)));
  }

  private linkBase(item: BomItem): void {
    const parent = this.lineage.base.get(item.key);
    const model = this.modelOf.get(item.key);
    const base = parent ? this.modelIdOf.get(parent) : undefined;
    if (!model || !base) return;
    // baseModel goes after origin and supplier, as in a hand-written file.
    const { id, name, origin, supplier, ...rest } = model;
    const ordered: Model = { id, ...(name ? { name } : {}), origin, ...(supplier ? { supplier } : {}), baseModel: base, ...rest };
    Object.keys(model).forEach((k) => delete (model as unknown as Record<string, unknown>)[k]);
    Object.assign(model, ordered);
    const fromDependencies = !this.from(item.key).some((e) => e.kind === 'ancestor' && e.to === parent);
    if (fromDependencies) this.note(['models', this.modelIndex.get(model)!], `${todo} baseModel is read from the BOM's dependencies; if this model only calls ${quoted(this.byKey.get(parent!)!.name)} rather than being trained from it, remove baseModel.`);
  }

  /** Who uses a data item, and how: training and test relationships, model cards, dependencies. */
  /** The models whose model card names each data key, built once. */
  private cardUsersMemo: Map<string, string[]> | null = null;
  private cardUsers(): Map<string, string[]> {
    if (!this.cardUsersMemo) {
      this.cardUsersMemo = new Map();
      for (const item of this.items) {
        if (item.kind !== 'model') continue;
        for (const d of item.cardDatasets) {
          if (!('key' in d)) continue;
          const users = this.cardUsersMemo.get(d.key);
          if (!users) this.cardUsersMemo.set(d.key, [item.key]);
          else if (users[users.length - 1] !== item.key) users.push(item.key);
        }
      }
    }
    return this.cardUsersMemo;
  }

  private usesOf(key: string): Use[] {
    const known = this.usesMemo.get(key);
    if (known) return known;
    const uses: Use[] = [];
    for (const edge of this.edgesTo.get(key) ?? []) {
      if (this.byKey.get(edge.from)?.kind !== 'model') continue;
      if (edge.kind === 'trainedOn' || edge.kind === 'testedOn' || edge.kind === 'dependsOn') uses.push({ model: edge.from, how: edge.kind });
    }
    for (const model of this.cardUsers().get(key) ?? []) uses.push({ model, how: 'card' });
    this.usesMemo.set(key, uses);
    return uses;
  }


  private dataset(item: BomItem): void {
    if (item.excluded) {
      this.skipped.push(`${quoted(item.name)}: marked as excluded from the system (scope: excluded)`);
      return;
    }
    const notData = notADataSet(item);
    if (notData) {
      this.skipped.push(`${quoted(item.name)}: ${notData}`);
      return;
    }
    const uses = this.usesOf(item.key);
    const ours = uses.filter((u) => !this.isOutside(this.byKey.get(u.model)!));
    if (uses.length > 0 && ours.length === 0) {
      const users = quotedList([...new Set(uses.map((u) => this.byKey.get(u.model)!.name))]);
      this.skipped.push(`${quoted(item.name)}: training data of the pre-trained model ${users}, kept in its notes; add it under datasets only if this project trains on it too`);
      return;
    }
    this.addDataset(item, [item.data, item.description], ours);
  }

  private addDataset(item: BomItem, [data, description]: [readonly DataFacts[], string | null], uses: readonly Use[]): string {
    const texts = [item.name, description, ...data.flatMap((d) => [d.name, d.description]), ...item.properties.map((p) => p.value)];
    // A model card's data sets are those "used to train and evaluate" it, so there a data set's own
    // words decide; an SPDX trainedOn says training outright and outranks a name with "eval" in it.
    const trainedOn = uses.filter((u) => u.how === 'trainedOn');
    const named = uses.filter((u) => u.how === 'card' || u.how === 'dependsOn');
    const trains = [...trainedOn, ...named];
    const training = (by: readonly Use[]): DatasetPurpose => (by.some((u) => this.lineage.base.has(u.model)) ? 'fine-tuning' : 'training');
    const stated = guessPurposeFromText(texts);
    const purpose: DatasetPurpose = trainedOn.length > 0 ? training(trainedOn) : (stated ?? (named.length > 0 ? training(named) : uses.length > 0 ? 'evaluation' : 'training'));
    const party = outsideParty(item, this.bom.own);
    const supplier = party ? this.book.take(party, ['data'], item) : null;
    const { classes, unclassified } = guessSensitivity(data);
    const sensitivity = new Set<Sensitivity>(classes);
    if (item.confidentiality === 'clear') sensitivity.add('public');
    if (item.confidentiality === 'green') sensitivity.add('internal');
    if (item.confidentiality === 'amber' || item.confidentiality === 'red') sensitivity.add('confidential');
    if (item.personalData === 'yes') sensitivity.add('personal');
    const order: Sensitivity[] = ['public', 'internal', 'confidential', 'personal', 'special-category-personal', 'intellectual-property'];
    const sorted = order.filter((c) => sensitivity.has(c));
    const origin = supplier ? 'supplier' : item.availability === 'scrapingScript' ? 'public-internet' : 'internal';
    const parties = data.flatMap((d) => d.governance);
    const tested = trains.length > 0 && uses.some((u) => u.how === 'testedOn') ? 'Also used to test the model.' : null;
    const parts = [description, parties.length > 0 ? `Governance: ${[...new Set(parties)].join('; ')}.` : null, tested, item.licenses.length > 0 ? `Licence: ${item.licenses.join(', ')}.` : null, ...item.facts];
    const notes = bomValue(parts.filter((p): p is string => Boolean(p)).map(sentence).join(' '), 5000);
    const id = this.datasetIds.take(item.name, 'dataset');
    this.datasetIdOf.set(item.key, id);
    const storedIn = [...(this.readIn.get(item.key) ?? [])];
    this.datasets.push({
      id,
      name: displayName(item),
      purpose,
      origin,
      ...(supplier ? { supplyChain: [{ supplier, role: 'provides' as const }] } : {}),
      ...(sorted.length > 0 ? { sensitivity: sorted } : {}),
      ...(storedIn.length > 0 ? { storedIn } : {}),
      ...(item.hashed ? { protection: { integrityHashes: 'recorded' as const } } : {}),
      ...(notes ? { notes } : {}),
    });
    const at = ['datasets', this.datasets.length - 1];
    if (uses.length === 0 && !stated) this.note(at, `${todo} purpose is a guess: no model in the BOM names this data set.`);
    else if (uses.length === 0) this.note(at, `${todo} purpose ${purpose} is read from its name or description; no model in the BOM names this data set.`);
    this.note(at, `${todo} origin is ${origin}; say public-internet, collected-in-operation, user-generated or synthetic if that is truer.`);
    if (sorted.length === 0) this.note(at, `${todo} sensitivity: the BOM gives no classification; list every class that applies.`);
    if (item.personalData === 'yes') this.note(at, `${todo} the BOM says it holds sensitive personal information: add special-category-personal if it is health, biometric or similar data.`);
    if (item.personalData === 'noAssertion') this.note(at, `${todo} the BOM makes no assertion about personal information in it; add personal if there is any.`);
    if (unclassified.length > 0) this.note(at, `${todo} sensitive data ${quotedList(unclassified)} is counted as confidential; refine.`);
    if (item.hashed) this.note(at, `${todo} the BOM records hashes; use integrityHashes: verified only if they are checked before training.`);
    if (storedIn.length === 0) this.note(at, `${todo} storedIn: list the environments that hold copies.`);
    return id;
  }

  /** A training activity for a model trained here that the BOM links to data sets or a base model. */
  private trainingOf(item: BomItem): void {
    const model = this.modelOf.get(item.key);
    if (!model || model.origin !== 'trained-here') return;
    const datasets = this.items
      .filter((d) => d.kind === 'data' && this.datasetIdOf.has(d.key) && this.usesOf(d.key).some((u) => u.model === item.key))
      .map((d) => this.datasetIdOf.get(d.key)!);
    for (const [i, entry] of item.cardDatasets.entries()) {
      if ('key' in entry) continue;
      const inline = entry.inline;
      if (inline.kind && inline.kind.toLowerCase() !== 'dataset') continue;
      const data = emptyItem(`${item.key}#dataset-${i}`, 'data', inline.name ?? `${item.name} data ${i + 1}`);
      datasets.push(this.addDataset(data, [[inline], inline.description], [{ model: item.key, how: 'card' }]));
    }
    if (datasets.length === 0 && !model.baseModel) return;
    const mode = model.baseModel ? 'fine-tuning' : 'from-scratch';
    const environment = this.producedIn.get(item.key);
    this.training.push({ id: this.trainingIds.take(`train-${model.id}`, 'training'), mode, model: model.id, ...(datasets.length > 0 ? { datasets: [...new Set(datasets)] } : {}), ...(environment ? { environment } : {}) });
    const from = model.baseModel ? 'its base model' : 'the data sets the BOM names for it';
    this.note(['training', this.training.length - 1], `${todo} mode ${mode} is inferred from ${from}${environment ? '' : '; add the environment where it runs'}.`);
  }
}

