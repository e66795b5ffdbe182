import type { Dataset, DatasetPurpose, Environment, Model, ModelFormat, Project, Supplier, TrainingActivity } from '../project/types.js';
import { IdAllocator } from '../import/guess.js';
// Text from the repository is as untrusted as a BOM's: cleaned and cut the same way on its way into YAML.
import { bomValue as clip } from '../import/text.js';
import type { CommentMap } from '../import/map.js';
import type { Discovery, Finding, FindingDetails, ModelFileFormat, Value } from './types.js';

export const todo = 'TODO(aithreat discover):';

type Of<K extends Finding['kind']> = Extract<Finding, { kind: K }>;

/** The supplier a hub or a hosted API vendor becomes in the description. */
const supplierOf: Record<string, { id: string; name: string; hosted: boolean }> = {
  huggingface: { id: 'hugging-face', name: 'Hugging Face Hub', hosted: false },
  'torch-hub': { id: 'github', name: 'GitHub (through torch.hub)', hosted: false },
  'tensorflow-hub': { id: 'tensorflow-hub', name: 'TensorFlow Hub / Kaggle Models', hosted: false },
  kaggle: { id: 'kaggle', name: 'Kaggle', hosted: false },
  openai: { id: 'openai', name: 'OpenAI', hosted: true },
  'azure-openai': { id: 'azure-openai', name: 'Azure OpenAI Service', hosted: true },
  anthropic: { id: 'anthropic', name: 'Anthropic', hosted: true },
  'aws-bedrock': { id: 'aws-bedrock', name: 'Amazon Bedrock', hosted: true },
  'google-vertex': { id: 'google-vertex', name: 'Google Vertex AI', hosted: true },
  'google-genai': { id: 'google-gemini', name: 'Google Gemini API', hosted: true },
  cohere: { id: 'cohere', name: 'Cohere', hosted: true },
  mistral: { id: 'mistral', name: 'Mistral AI', hosted: true },
};

/** The project format a model file's bytes say it has. */
export const formatOfFile: Record<ModelFileFormat, ModelFormat> = {
  pickle: 'pickle', 'pytorch-zip': 'pytorch-pickle', 'pytorch-legacy': 'pytorch-pickle', joblib: 'joblib', numpy: 'other', 'numpy-zip': 'other',
  safetensors: 'safetensors', onnx: 'onnx', gguf: 'gguf', 'keras-h5': 'keras-h5', hdf5: 'other', 'keras-zip': 'other',
};

export const where = (f: Finding) => `${f.file}:${f.line}:${f.column}`;
export const literal = (v: Value | null): string | null => (v && 'literal' in v && typeof v.literal === 'string' ? v.literal : null);
/** Up to three places, then how many more. */
const list = (places: readonly Finding[]) => `${places.slice(0, 3).map(where).join(', ')}${places.length > 3 ? ` and ${places.length - 3} more` : ''}`;
export const isTrue = (v: Value | null) => v !== null && 'literal' in v && v.literal === true;
const describe = (v: Value | null) => (!v ? 'none' : 'literal' in v ? JSON.stringify(v.literal) : 'variable' in v ? `variable \`${v.variable}\`` : `\`${v.expression}\``);

/**
 * Drafts a project description from what discover found: the models the code loads (from a hub
 * or a hosted API) and the model files in the repository, their suppliers, the data sets the code
 * loads, and training where the code shows it. Each entry carries a comment that names the place
 * it was found; what code cannot tell (owner, sensitivity, environments, controls) is a TODO.
 */
export function draftProject(discovery: Discovery, name: string): { project: Project; comments: CommentMap; footer: string[] } {
  const comments: CommentMap = new Map();
  const note = (path: (string | number)[], text: string) => {
    const key = JSON.stringify(path);
    comments.set(key, [...(comments.get(key) ?? []), text]);
  };
  const suppliers: Supplier[] = [];
  const models: Model[] = [];
  const datasets: Dataset[] = [];
  const training: TrainingActivity[] = [];
  const environments: Environment[] = [];
  const ids = { model: new IdAllocator(), dataset: new IdAllocator(), training: new IdAllocator() };
  const footer: string[] = [];
  const of = <K extends Finding['kind']>(kind: K) => discovery.findings.filter((f): f is Of<K> => f.kind === kind);

  const supplier = (key: string, supplies: Supplier['supplies'][number], found: Finding): string => {
    const s = supplierOf[key]!;
    let entry = suppliers.find((x) => x.id === s.id);
    if (!entry) {
      entry = { id: s.id, name: s.name, supplies: [], trust: s.hosted ? 'known-vendor' : 'public-source' };
      suppliers.push(entry);
      const at = ['suppliers', suppliers.length - 1];
      note(at, `found: ${where(found)}`);
      note(at, s.hosted ? `${todo} trust is a guess: contracted-assessed if there is a contract and a security assessment of ${s.name}.` : 'a public hub, so public-source: anyone can publish there.');
    }
    for (const kind of s.hosted ? (['pretrained-models', 'model-hosting'] as const) : [supplies]) if (!entry.supplies.includes(kind)) entry.supplies.push(kind);
    return entry.id;
  };

  // Pre-trained models the code loads from a hub, one entry per model id.
  const hubModelByName = new Map<string, Model>();
  const remoteCode = new Map<Model, Finding[]>();
  const unpinned = new Map<Model, Finding[]>();
  const placesOf = (map: Map<Model, Finding[]>, model: Model) => map.get(model) ?? map.set(model, []).get(model)!;
  for (const f of of('hub-model')) {
    const id = literal(f.details.model);
    if (id === null || f.details.localPath) {
      footer.push(`${todo} ${where(f)} loads a model named by ${describe(f.details.model)} (${f.details.api}): declare it under models.`);
      continue;
    }
    let model = hubModelByName.get(id);
    if (!model) {
      model = { id: ids.model.take(id, 'model'), name: clip(id, 500), origin: 'pretrained', supplier: supplier(f.details.hub, 'pretrained-models', f), parameters: 'open-weights' };
      hubModelByName.set(id, model);
      models.push(model);
      const at = ['models', models.length - 1];
      note(at, `found: ${where(f)} ${f.details.api}`);
      note(at, `${todo} format: the files the hub repository serves (safetensors, or pickle-based .bin/.pt) decide what loading it can run.`);
    }
    if (isTrue(f.details.trustRemoteCode)) placesOf(remoteCode, model).push(f);
    if (!f.details.revisionPinned) placesOf(unpinned, model).push(f);
  }
  for (const [model, places] of remoteCode) note(['models', models.indexOf(model)], `${list(places)} load${places.length === 1 ? 's' : ''} it with trust_remote_code: the repository's own Python code runs.`);
  for (const [model, places] of unpinned) note(['models', models.indexOf(model)], `${list(places)} load${places.length === 1 ? 's' : ''} it without pinning a revision to a commit hash.`);

  // Hosted model APIs.
  const hostedByName = new Map<string, Model>();
  for (const f of of('hosted-model')) {
    const name = literal(f.details.model);
    const key = `${f.details.vendor}\n${name ?? ''}`;
    if (hostedByName.has(key)) continue;
    const model: Model = { id: ids.model.take(name ?? `${f.details.vendor}-model`, 'hosted-model'), name: clip(name ?? `${supplierOf[f.details.vendor]!.name} model`, 500), origin: 'pretrained', supplier: supplier(f.details.vendor, 'model-hosting', f), format: 'hosted-api' };
    hostedByName.set(key, model);
    models.push(model);
    note(['models', models.length - 1], `found: ${where(f)} ${f.details.api}${name ? '' : ` (model ${describe(f.details.model)})`}`);
  }

  // Model files in the repository, by their bytes.
  const trains = of('training').length > 0;
  for (const f of of('model-file')) {
    const model: Model = { id: ids.model.take(f.file.split('/').at(-1)!, 'model-file'), name: clip(f.file, 500), origin: 'trained-here', format: formatOfFile[f.details.format], parameters: 'confidential' };
    models.push(model);
    const at = ['models', models.length - 1];
    note(at, `found: ${f.file} (${f.details.format}, ${f.details.bytes} bytes)`);
    for (const problem of f.details.problems.slice(0, 3)) note(at, `${f.file}: ${problem}`);
    note(at, `${todo} origin is a guess${trains ? ' (the repository trains models)' : ''}: pretrained, with its supplier, if the file was downloaded; parameters open-weights if it is published.`);
  }

  // Data sets: hub ids, URLs, local files, DVC-tracked data.
  const datasetByKey = new Map<string, Dataset>();
  const trainingFiles = new Set(of('training').map((f) => f.file));
  const hubFiles = new Set(of('hub-model').map((f) => f.file));
  const purposeIn = (file: string): DatasetPurpose => (trainingFiles.has(file) ? (hubFiles.has(file) ? 'fine-tuning' : 'training') : 'training');
  const datasetOfFinding = new Map<Finding, string>();
  const addDataset = (key: string, found: Finding, make: () => Omit<Dataset, 'id'>, idText: string) => {
    let entry = datasetByKey.get(key);
    if (entry) {
      datasetOfFinding.set(found, entry.id);
      return entry;
    }
    entry = { id: ids.dataset.take(idText, 'dataset'), ...make() };
    datasetByKey.set(key, entry);
    datasetOfFinding.set(found, entry.id);
    datasets.push(entry);
    const at = ['datasets', datasets.length - 1];
    note(at, `found: ${where(found)}${'api' in found.details ? ` ${(found.details as { api: string }).api}` : ''}`);
    if (!trainingFiles.has(found.file)) note(at, `${todo} purpose: the code that loads it does not train here; training, fine-tuning, evaluation or retrieval?`);
    return entry;
  };
  for (const f of of('dataset-load')) {
    const name = literal(f.details.dataset);
    if (name === null) {
      footer.push(`${todo} ${where(f)} loads a data set named by ${describe(f.details.dataset)} (${f.details.api}): declare it under datasets.`);
      continue;
    }
    const files = f.details.files.length > 0 ? f.details.files.join(', ') : null;
    if (f.details.source === 'hub') {
      const hub = f.details.api.startsWith('kagglehub') ? 'kaggle' : 'huggingface';
      addDataset(`hub:${name}`, f, () => ({ name: clip(name, 500), purpose: purposeIn(f.file), origin: 'public-internet', supplyChain: [{ supplier: supplier(hub, 'data', f), role: 'provides' }], sensitivity: ['public'] }), name);
    } else if (f.details.source === 'url') {
      addDataset(`url:${name}:${files}`, f, () => ({ name: clip(files ? `${name} from ${files}` : name, 500), purpose: purposeIn(f.file), origin: 'public-internet', notes: clip(`Downloaded by ${f.details.api}${files ? ` from ${files}` : ''}.`, 2000) }), files ? (f.details.files[0]!.split('/').at(-1) ?? name) : name);
    } else {
      const entry = addDataset(files ? `path:${files}` : `local:${name}`, f, () => ({ name: clip(files ?? name, 500), purpose: purposeIn(f.file), origin: 'internal' }), files ? (f.details.files[0]!.split('/').at(-1) ?? name) : name);
      note(['datasets', datasets.indexOf(entry)], `${todo} origin: local files; internal, or where do they come from? sensitivity: what do they contain?`);
    }
  }
  for (const f of of('data-download')) {
    const url = literal(f.details.url);
    if (url === null) continue;
    const host = hostOf(url);
    addDataset(`url:${url}`, f, () => ({ name: clip(url, 500), purpose: purposeIn(f.file), origin: 'public-internet', notes: clip(`Downloaded from ${url} by ${f.details.api}.`, 2000) }), host ? `${host}-${url.split('/').at(-1) ?? 'data'}` : 'download');
  }
  const modelPaths = new Set(of('model-file').map((f) => f.file));
  for (const f of of('dvc-data')) {
    if (modelPaths.has(f.details.path)) continue;
    const key = `path:${f.details.path}`;
    const loaded = datasetByKey.get(key);
    const entry = addDataset(key, f, () => ({ name: clip(f.details.path, 500), purpose: 'training', origin: f.details.source ? 'public-internet' : 'internal' }), f.details.path.split('/').at(-1) ?? 'dvc-data');
    const at = ['datasets', datasets.indexOf(entry)];
    if (loaded) note(at, `found: ${where(f)} (tracked by DVC)`);
    entry.protection = { ...entry.protection, integrityHashes: f.details.md5 ? 'recorded' : 'none' };
    // Without a remote of its own, an output goes to the default remote; .dvc/config names the remotes.
    const remote = of('dvc-remote').find((r) => r.details.name === f.details.remote) ?? (f.details.remote ? undefined : of('dvc-remote')[0]);
    entry.notes = clip(`Tracked by DVC${f.details.source ? ` from ${f.details.source}` : ''}${remote ? ` (remote ${remote.details.name}: ${remote.details.url})` : f.details.remote ? ` (remote ${f.details.remote})` : ''}.`, 2000);
    note(at, `${todo} DVC records a hash; integrityHashes: verified only if the pipeline checks it (dvc pull does).`);
  }

  // Training where the code shows it: one activity per file that trains.
  for (const file of [...trainingFiles].sort()) {
    const first = of('training').find((f) => f.file === file)!;
    const base = of('hub-model').map((f) => (f.file === file ? hubModelByName.get(literal(f.details.model) ?? '') : undefined)).find(Boolean);
    const stem = file.split('/').at(-1)!.replace(/\.[^.]+$/, '');
    const model: Model = { id: ids.model.take(`${stem}-model`, 'trained-model'), origin: 'trained-here', parameters: 'confidential', ...(base ? { baseModel: base.id } : {}) };
    models.push(model);
    note(['models', models.length - 1], `found: ${where(first)} ${first.details.api} trains it`);
    const used = [...new Set([...datasetOfFinding].filter(([f]) => f.file === file).map(([, id]) => id))];
    const activity: TrainingActivity = { id: ids.training.take(`${stem}-training`, 'training'), mode: base ? 'fine-tuning' : 'from-scratch', model: model.id, ...(used.length > 0 ? { datasets: used } : {}) };
    training.push(activity);
    note(['training', training.length - 1], `found: ${where(first)} ${first.details.api}`);
    note(['training', training.length - 1], `${todo} mode is a guess from the code${base ? ` (it starts from ${base.name})` : ''}; add the environment it runs in.`);
  }

  // Notebooks that install their own dependencies.
  const installs = of('notebook-install');
  if (installs.length > 0) {
    environments.push({ id: 'notebooks', area: 'training', userInstalledDependencies: true });
    note(['environments', 0], `found: ${installs.slice(0, 3).map(where).join(', ')}${installs.length > 3 ? ` and ${installs.length - 3} more` : ''} (pip install in a notebook)`);
    note(['environments', 0], `${todo} area, access and segregation of the notebook environment.`);
  }

  const project: Project = {
    formatVersion: 1,
    project: { name: clip(name, 500) },
    ...(suppliers.length > 0 ? { suppliers } : {}),
    ...(environments.length > 0 ? { environments } : {}),
    ...(datasets.length > 0 ? { datasets } : {}),
    ...(models.length > 0 ? { models } : {}),
    ...(training.length > 0 ? { training } : {}),
  };
  note(['project'], `${todo} owner and contact: code does not say who is accountable.`);
  return { project, comments, footer };
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname;
  } catch {
    return null;
  }
}

export type { FindingDetails };
