import { slugify } from '../import/guess.js';
import type { Dataset, Model, Project } from '../project/types.js';
import type { Discovery, Finding, Value } from './types.js';

/**
 * Drift: where a project description and the repository it describes disagree. `findDrift` is
 * pure (a validated project and a discovery in, findings out); assess, policy and the report
 * formats decide what to do with them. docs/discover.md documents every code.
 */

/** The development-time threats a drift finding bears on (catalog ids). */
export type DriftThreat = 'DATAPOISON' | 'DEVMODELPOISON' | 'SUPPLYMODELPOISON';

export type DriftCode =
  /** The code loads a pre-trained model from a hub that the description does not declare. */
  | 'undeclared-model'
  /** The code calls a hosted model that the description does not declare. */
  | 'undeclared-hosted-model'
  /** The code (or a model file's bytes) deserialises pickle where the description declares a format that cannot run code. */
  | 'pickle-declared-safe'
  /** The code loads a data set from a hub or a URL that the description does not mention. */
  | 'undeclared-dataset'
  /** The code loads a model or data set with trust_remote_code=True (or through torch.hub): the hub repository's code runs. */
  | 'trust-remote-code'
  /** The code loads from a hub without pinning a commit: the weights or data can change under the same name. */
  | 'unpinned-revision'
  /** A model file in the repository imports dangerous pickle globals (os.system, subprocess, eval...). */
  | 'dangerous-model-file'
  /** Notebooks install their own dependencies while no environment declares userInstalledDependencies. */
  | 'undeclared-user-installs';

export interface DriftFinding {
  code: DriftCode;
  /** The place in the repository, relative to the discovered root (the code, not the YAML). */
  file: string;
  line: number;
  column: number;
  /** The facts of the finding, for messages and policies: `model`, `api`, `format`, `declared`... */
  args: Record<string, string>;
  /** The threats whose applicability or severity the finding changes. */
  threats: DriftThreat[];
  /** The path of the entry of the description it concerns (`['models', 2]`), when there is one. */
  declared: (string | number)[] | null;
}

const safeFormats = new Set(['safetensors', 'onnx', 'gguf', 'tensorflow-savedmodel', 'hosted-api']);
const pickleFormats = new Set(['pickle', 'pytorch-pickle', 'joblib', 'keras-h5']);

const builders = new Set(['csv', 'json', 'parquet', 'text', 'arrow', 'imagefolder', 'audiofolder', 'webdataset', 'pandas', 'sql', 'xml']);

const lit = (v: Value | null): string | null => (v && 'literal' in v && typeof v.literal === 'string' ? v.literal : null);
const isTrue = (v: Value | null): boolean => v !== null && 'literal' in v && v.literal === true;
const lower = (s: string | undefined) => (s ?? '').toLowerCase();

/**
 * Whether an entry of the description names `ref` (a hub id, a model name, a URL, a path): its
 * `name` or `notes` contain it, or its `id` is the id `aithreat discover` would give it (the whole
 * reference or its last path segment, slugified).
 */
export function entryNames(entry: Model | Dataset, ref: string): boolean {
  const r = ref.toLowerCase();
  const last = r.split('/').filter(Boolean).at(-1) ?? r;
  return lower(entry.name).includes(r) || lower(entry.notes).includes(r) || entry.id === slugify(r, '') || entry.id === slugify(last, '') || lower(entry.name) === last;
}

/** Drift findings in the order of their places in the repository, then by code. */
export function findDrift(project: Project, discovery: Discovery): DriftFinding[] {
  const models = project.models ?? [];
  const datasets = project.datasets ?? [];
  const out: DriftFinding[] = [];
  const add = (f: Finding, code: DriftCode, args: Record<string, string>, threats: DriftThreat[], declared: (string | number)[] | null = null) =>
    out.push({ code, file: f.file, line: f.line, column: f.column, args, threats, declared });
  const modelIndex = (ref: string) => models.findIndex((m) => entryNames(m, ref));
  const declaredFormats = models.filter((m) => m.format !== undefined && m.format !== 'hosted-api').map((m) => m.format!);
  const onlySafeDeclared = declaredFormats.length > 0 && declaredFormats.every((f) => safeFormats.has(f));

  for (const f of discovery.findings) {
    switch (f.kind) {
      case 'hub-model': {
        const id = lit(f.details.model);
        if (id === null || f.details.localPath) break;
        const index = modelIndex(id);
        const declared = index >= 0 ? ['models', index] : null;
        if (index < 0) add(f, 'undeclared-model', { model: id, api: f.details.api, hub: f.details.hub }, ['SUPPLYMODELPOISON']);
        if (isTrue(f.details.trustRemoteCode)) add(f, 'trust-remote-code', { model: id, api: f.details.api }, ['SUPPLYMODELPOISON', 'DEVMODELPOISON'], declared);
        if (!f.details.revisionPinned) add(f, 'unpinned-revision', { model: id, api: f.details.api, revision: lit(f.details.revision) ?? '' }, ['SUPPLYMODELPOISON'], declared);
        break;
      }
      case 'hosted-model': {
        const name = lit(f.details.model);
        if (name !== null && modelIndex(name) < 0) add(f, 'undeclared-hosted-model', { model: name, vendor: f.details.vendor, api: f.details.api }, ['SUPPLYMODELPOISON']);
        break;
      }
      case 'dataset-load': {
        const name = lit(f.details.dataset);
        if (name === null || f.details.source === 'local-files' || f.details.source === 'unknown') break;
        // `load_dataset("csv", data_files="https://...")` is named by its files, not by its builder.
        const refs = builders.has(name) ? f.details.files.filter((file) => /^(https?|s3|gs|hf):\/\//.test(file)) : [name];
        const index = datasets.findIndex((d) => refs.some((r) => entryNames(d, r)));
        const declared = index >= 0 ? ['datasets', index] : null;
        if (index < 0 && refs.length > 0) add(f, 'undeclared-dataset', { dataset: refs.join(', '), api: f.details.api, source: f.details.source }, ['DATAPOISON']);
        if (isTrue(f.details.trustRemoteCode)) add(f, 'trust-remote-code', { dataset: name, api: f.details.api }, ['DEVMODELPOISON'], declared);
        if (f.details.source === 'hub' && !f.details.revisionPinned) add(f, 'unpinned-revision', { dataset: name, api: f.details.api, revision: lit(f.details.revision) ?? '' }, ['DATAPOISON'], declared);
        break;
      }
      case 'data-download': {
        const url = lit(f.details.url);
        if (url !== null && !datasets.some((d) => entryNames(d, url))) add(f, 'undeclared-dataset', { dataset: url, api: f.details.api, source: 'url' }, ['DATAPOISON']);
        break;
      }
      case 'unsafe-load': {
        // torch.load(weights_only=True) refuses globals outside PyTorch's own allow-list.
        if (f.details.format === 'pytorch-pickle' && isTrue(f.details.weightsOnly)) break;
        const path = lit(f.details.path);
        const index = path ? modelIndex(path) : -1;
        const model = index >= 0 ? models[index]! : null;
        if (model?.format && safeFormats.has(model.format)) add(f, 'pickle-declared-safe', { api: f.details.api, format: f.details.format, declared: model.format, model: model.id }, ['SUPPLYMODELPOISON', 'DEVMODELPOISON'], ['models', index]);
        else if (!model && onlySafeDeclared && f.details.format !== 'keras-h5') add(f, 'pickle-declared-safe', { api: f.details.api, format: f.details.format, declared: [...new Set(declaredFormats)].join(', '), model: '' }, ['SUPPLYMODELPOISON', 'DEVMODELPOISON']);
        break;
      }
      case 'model-file': {
        const dangerous = f.details.globals.filter((g) => g.safety === 'dangerous').map((g) => `${g.module}.${g.name}`);
        const index = modelIndex(f.file);
        if (dangerous.length > 0) add(f, 'dangerous-model-file', { file: f.file, format: f.details.format, globals: dangerous.join(', ') }, ['DEVMODELPOISON', 'SUPPLYMODELPOISON'], index >= 0 ? ['models', index] : null);
        const model = index >= 0 ? models[index]! : null;
        const isPickle = f.details.globals.length > 0 || ['pickle', 'pytorch-zip', 'pytorch-legacy', 'joblib'].includes(f.details.format);
        if (model?.format && safeFormats.has(model.format) && isPickle) add(f, 'pickle-declared-safe', { api: '', format: f.details.format, declared: model.format, model: model.id }, ['SUPPLYMODELPOISON', 'DEVMODELPOISON'], ['models', index]);
        break;
      }
      default:
        break;
    }
  }
  const installs = discovery.findings.filter((f) => f.kind === 'notebook-install');
  if (installs.length > 0 && !(project.environments ?? []).some((e) => e.userInstalledDependencies === true)) {
    add(installs[0]!, 'undeclared-user-installs', { count: String(installs.length) }, ['DEVMODELPOISON']);
  }
  return out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)));
}

/** Each kind of drift in a few words, for report headings, SARIF rules and test names. */
export const driftKinds: Readonly<Record<DriftCode, { title: string; summary: string }>> = {
  'undeclared-model': {
    title: 'Pre-trained model not declared',
    summary: 'The code loads a pre-trained model from a hub that the project description does not declare, so its supply chain is assessed without it.',
  },
  'undeclared-hosted-model': {
    title: 'Hosted model not declared',
    summary: 'The code calls a hosted model that the project description does not declare, nor perhaps its vendor.',
  },
  'pickle-declared-safe': {
    title: 'Pickle where a safe format is declared',
    summary: 'The description declares a model format that cannot run code, but the code deserialises pickle (or the model file is one), which runs code when loaded.',
  },
  'undeclared-dataset': {
    title: 'Public data set not declared',
    summary: 'The code loads a data set from a hub or a URL that the project description does not mention, so its poisoning is assessed without it.',
  },
  'trust-remote-code': {
    title: 'Remote code trusted',
    summary: "The code loads a model or data set with trust_remote_code (or torch.hub): the hub repository's own Python code runs on the machine that loads it.",
  },
  'unpinned-revision': {
    title: 'Hub revision not pinned',
    summary: 'The code loads from a hub without pinning a commit, so what it downloads can change under the same name.',
  },
  'dangerous-model-file': {
    title: 'Model file imports dangerous globals',
    summary: 'A model file in the repository imports pickle globals that reach the system (os.system, subprocess, eval...): loading it runs them.',
  },
  'undeclared-user-installs': {
    title: 'Notebook installs not declared',
    summary: 'Notebooks install their own packages, while no environment of the description declares userInstalledDependencies.',
  },
};

export const driftCodes = Object.keys(driftKinds) as DriftCode[];

/**
 * One sentence for a drift finding, for reports. `arg` escapes what comes from the repository or
 * the description (a model id, a path) for the format that prints it; the sentence itself is
 * plain text with backticks around names.
 */
export function describeDrift(d: Pick<DriftFinding, 'code' | 'args'>, arg: (text: string) => string = (text) => text): string {
  const a = Object.fromEntries(Object.entries(d.args).map(([k, v]) => [k, arg(v)])) as Record<string, string | undefined>;
  switch (d.code) {
    case 'undeclared-model':
      return `the code loads pre-trained model \`${a.model}\` from ${a.hub} (${a.api}), which the project description does not declare`;
    case 'undeclared-hosted-model':
      return `the code calls hosted model \`${a.model}\` of ${a.vendor} (${a.api}), which the project description does not declare`;
    case 'pickle-declared-safe':
      return a.model
        ? `model \`${a.model}\` is declared ${a.declared}, but ${a.api ? `the code deserialises it as ${a.format} (${a.api})` : `the file is ${a.format}`}, which can run code when loaded`
        : `the project description declares only formats that cannot run code (${a.declared}), but the code deserialises ${a.format} (${a.api})`;
    case 'undeclared-dataset':
      return `the code loads data set \`${a.dataset}\` (${a.source}, ${a.api}), which the project description does not mention`;
    case 'trust-remote-code':
      return `the code loads \`${a.model ?? a.dataset}\` with trust_remote_code (${a.api}): the hub repository's own code runs here`;
    case 'unpinned-revision':
      return `the code loads \`${a.model ?? a.dataset}\` (${a.api}) without pinning a commit${a.revision ? ` (revision \`${a.revision}\` can move)` : ''}: what it downloads can change`;
    case 'dangerous-model-file':
      return `model file \`${a.file}\` (${a.format}) imports ${a.globals}: loading it can run commands`;
    case 'undeclared-user-installs':
      return `notebooks install their own dependencies (${a.count} place(s)), but no environment declares userInstalledDependencies`;
  }
}
