import type { Node } from 'web-tree-sitter';
import type { FindingDetails, FindingKind, PickleFormat, Value } from '../types.js';
import type { FileScope } from './scope.js';

/** One call in the code, its callee resolved to a qualified name through the file's imports. */
export interface CallSite {
  qualified: string;
  positional: Node[];
  keywords: Map<string, Node>;
  scope: FileScope;
}

export type Found = { [K in FindingKind]: { kind: K; details: FindingDetails[K] } }[FindingKind];

/** A call rule: which qualified names it reads, and the finding it makes of a call. */
interface CallRule {
  matches: (qualified: string) => boolean;
  find: (call: CallSite) => Found | null;
}

function arg(call: CallSite, index: number | null, ...keywords: string[]): Node | null {
  for (const keyword of keywords) {
    const node = call.keywords.get(keyword);
    if (node) return node;
  }
  return index === null ? null : (call.positional[index] ?? null);
}

function value(call: CallSite, index: number | null, ...keywords: string[]): Value | null {
  const node = arg(call, index, ...keywords);
  return node ? call.scope.value(node) : null;
}

function literalString(v: Value | null): string | null {
  return v && 'literal' in v && typeof v.literal === 'string' ? v.literal : null;
}

/** A revision is pinned only by a full commit hash: a branch or a tag can be moved to other weights. */
export function isCommitHash(v: Value | null): boolean {
  const text = literalString(v);
  return text !== null && /^[0-9a-f]{40}$/.test(text);
}

function isLocalPath(id: string): boolean {
  return id.startsWith('/') || id.startsWith('./') || id.startsWith('../') || id.startsWith('~') || /^[A-Za-z]:[\\/]/.test(id);
}

const endsWith = (...suffixes: string[]) => (q: string) => suffixes.some((s) => q === s || q.endsWith(`.${s}`));
const oneOf = (...names: string[]) => {
  const set = new Set(names);
  return (q: string) => set.has(q);
};
const rootOf = (q: string) => q.split('.')[0]!;

function hubModel(call: CallSite, hub: FindingDetails['hub-model']['hub'], model: Value | null, extra: Partial<FindingDetails['hub-model']> = {}): Found {
  const id = literalString(model);
  const revision = extra.revision !== undefined ? extra.revision : value(call, null, 'revision');
  return {
    kind: 'hub-model',
    details: {
      api: call.qualified,
      hub,
      model: model ?? { expression: '(none given)' },
      localPath: id !== null && isLocalPath(id),
      revision,
      revisionPinned: isCommitHash(revision),
      trustRemoteCode: extra.trustRemoteCode !== undefined ? extra.trustRemoteCode : value(call, null, 'trust_remote_code'),
    },
  };
}

/** Builders of `datasets.load_dataset` that read files named in data_files rather than a hub data set. */
const fileBuilders = new Set(['csv', 'json', 'parquet', 'text', 'arrow', 'imagefolder', 'audiofolder', 'webdataset', 'pandas', 'sql', 'xml']);

/** The string values of a data_files argument: a string, a list of them, or a dict of split -> string or list. */
function literalsIn(node: Node | null, scope: FileScope, depth = 0): string[] {
  if (!node || depth > 4) return [];
  if (node.type === 'dictionary') return node.namedChildren.flatMap((pair) => (pair?.type === 'pair' ? literalsIn(pair.childForFieldName('value'), scope, depth + 1) : []));
  if (node.type === 'list' || node.type === 'tuple') return node.namedChildren.flatMap((item) => literalsIn(item, scope, depth + 1));
  const single = literalString(scope.value(node));
  return single === null ? [] : [single];
}

function datasetSource(dataset: Value, files: string[]): FindingDetails['dataset-load']['source'] {
  const id = literalString(dataset);
  const remote = (s: string) => /^(https?|s3|gs|hf):\/\//.test(s);
  if (id === null) return 'unknown';
  if (remote(id) || files.some(remote)) return 'url';
  if (fileBuilders.has(id) || isLocalPath(id)) return 'local-files';
  return 'hub';
}

function unsafeLoad(format: PickleFormat, pathIndex: number | null, ...pathKeywords: string[]): CallRule['find'] {
  return (call) => ({
    kind: 'unsafe-load',
    details: {
      api: call.qualified,
      format,
      weightsOnly: format === 'pytorch-pickle' ? value(call, null, 'weights_only') : null,
      allowPickle: value(call, null, 'allow_pickle', 'safe_mode'),
      path: value(call, pathIndex, ...pathKeywords),
    },
  });
}

function hosted(vendor: FindingDetails['hosted-model']['vendor'], modelIndex: number | null, ...keywords: string[]): CallRule['find'] {
  return (call) => ({ kind: 'hosted-model', details: { api: call.qualified, vendor, model: value(call, modelIndex, ...keywords) } });
}

const trainingLibraries = new Set(['sklearn', 'xgboost', 'lightgbm', 'catboost', 'keras', 'tensorflow', 'transformers', 'trl', 'lightning', 'pytorch_lightning', 'peft', 'sentence_transformers', 'setfit', 'ultralytics']);

/** The call rules, most specific first; the first that matches a call makes its finding. */
export const callRules: CallRule[] = [
  // Hugging Face and other model hubs.
  { matches: endsWith('from_pretrained'), find: (c) => hubModel(c, 'huggingface', value(c, 0, 'pretrained_model_name_or_path')) },
  {
    matches: oneOf('transformers.pipeline', 'transformers.pipelines.pipeline'),
    find: (c) => hubModel(c, 'huggingface', value(c, 1, 'model') ?? { expression: "(the task's default model)" }),
  },
  {
    matches: oneOf('huggingface_hub.hf_hub_download', 'huggingface_hub.snapshot_download', 'huggingface_hub.file_download.hf_hub_download', 'huggingface_hub._snapshot_download.snapshot_download', 'hf_hub_download', 'snapshot_download'),
    find: (c) => {
      const repo = value(c, 0, 'repo_id');
      if (literalString(value(c, null, 'repo_type')) === 'dataset') {
        const revision = value(c, null, 'revision');
        return { kind: 'dataset-load', details: { api: c.qualified, source: 'hub', dataset: repo ?? { expression: '(none given)' }, dataFiles: null, files: [], revision, revisionPinned: isCommitHash(revision), trustRemoteCode: null } };
      }
      return hubModel(c, 'huggingface', repo, { trustRemoteCode: null });
    },
  },
  { matches: oneOf('sentence_transformers.SentenceTransformer', 'sentence_transformers.CrossEncoder'), find: (c) => hubModel(c, 'huggingface', value(c, 0, 'model_name_or_path', 'model_name')) },
  {
    matches: oneOf('timm.create_model'),
    find: (c) => {
      const pretrained = value(c, 1, 'pretrained');
      return pretrained && 'literal' in pretrained && pretrained.literal === true ? hubModel(c, 'huggingface', value(c, 0, 'model_name'), { trustRemoteCode: null }) : null;
    },
  },
  {
    matches: oneOf('torch.hub.load'),
    find: (c) => {
      const repo = value(c, 0, 'repo_or_dir');
      const source = literalString(value(c, null, 'source'));
      if (source === 'local') return null;
      const text = literalString(repo);
      const ref = text?.includes(':') ? text.slice(text.indexOf(':') + 1) : null;
      const model = literalString(value(c, 1, 'model'));
      // torch.hub.load runs the repository's hubconf.py: remote code by design.
      return hubModel(c, 'torch-hub', text && model ? { literal: `${text}#${model}` } : repo, { revision: ref ? { literal: ref } : null, trustRemoteCode: { literal: true } });
    },
  },
  { matches: oneOf('tensorflow_hub.load', 'tensorflow_hub.KerasLayer'), find: (c) => hubModel(c, 'tensorflow-hub', value(c, 0, 'handle'), { revision: null, trustRemoteCode: null }) },
  { matches: oneOf('kagglehub.model_download'), find: (c) => hubModel(c, 'kaggle', value(c, 0, 'handle'), { revision: null, trustRemoteCode: null }) },

  // Data sets.
  {
    matches: oneOf('datasets.load_dataset'),
    find: (c) => {
      const dataset = value(c, 0, 'path') ?? { expression: '(none given)' };
      const dataFiles = arg(c, null, 'data_files');
      const files = literalsIn(dataFiles, c.scope);
      const revision = value(c, null, 'revision');
      return {
        kind: 'dataset-load',
        details: { api: c.qualified, source: datasetSource(dataset, files), dataset, dataFiles: dataFiles ? c.scope.value(dataFiles) : null, files, revision, revisionPinned: isCommitHash(revision), trustRemoteCode: value(c, null, 'trust_remote_code') },
      };
    },
  },
  { matches: oneOf('datasets.load_from_disk'), find: (c) => ({ kind: 'dataset-load', details: { api: c.qualified, source: 'local-files', dataset: value(c, 0, 'dataset_path') ?? { expression: '(none given)' }, dataFiles: null, files: [], revision: null, revisionPinned: false, trustRemoteCode: null } }) },
  { matches: oneOf('kagglehub.dataset_download', 'tensorflow_datasets.load'), find: (c) => ({ kind: 'dataset-load', details: { api: c.qualified, source: 'hub', dataset: value(c, 0, 'handle', 'name') ?? { expression: '(none given)' }, dataFiles: null, files: [], revision: null, revisionPinned: false, trustRemoteCode: null } }) },
  { matches: (q) => q.startsWith('sklearn.datasets.fetch_'), find: (c) => ({ kind: 'dataset-load', details: { api: c.qualified, source: 'url', dataset: value(c, 0, 'name', 'data_id') ?? { literal: c.qualified.slice('sklearn.datasets.fetch_'.length) }, dataFiles: null, files: [], revision: null, revisionPinned: false, trustRemoteCode: null } }) },
  {
    matches: (q) => q.startsWith('torchvision.datasets.') || q.startsWith('torchaudio.datasets.') || q.startsWith('torchtext.datasets.'),
    find: (c) => {
      const download = value(c, null, 'download');
      if (!(download && 'literal' in download && download.literal === true)) return null;
      const name = c.qualified.split('.').at(-1)!;
      return { kind: 'dataset-load', details: { api: c.qualified, source: 'url', dataset: { literal: name }, dataFiles: null, files: [], revision: null, revisionPinned: false, trustRemoteCode: null } };
    },
  },
  { matches: oneOf('urllib.request.urlretrieve', 'urllib.request.urlopen', 'wget.download', 'gdown.download', 'torch.hub.download_url_to_file', 'tensorflow.keras.utils.get_file', 'keras.utils.get_file'), find: (c) => ({ kind: 'data-download', details: { api: c.qualified, url: value(c, c.qualified.endsWith('get_file') ? 1 : 0, 'url', 'origin') ?? { expression: '(none given)' } } }) },
  {
    matches: oneOf('requests.get', 'httpx.get', 'requests.Session().get'),
    find: (c) => {
      const url = value(c, 0, 'url');
      const text = literalString(url);
      return text && /^https?:\/\//.test(text) ? { kind: 'data-download', details: { api: c.qualified, url: url! } } : null;
    },
  },

  // Deserialising loads: pickle and the formats built on it.
  { matches: oneOf('safetensors.torch.load_file', 'safetensors.numpy.load_file', 'safetensors.flax.load_file', 'safetensors.tensorflow.load_file', 'safetensors.safe_open', 'safetensors.torch.load', 'safetensors.torch.load_model'), find: (c) => ({ kind: 'safe-load', details: { api: c.qualified, path: value(c, 0, 'filename', 'data') } }) },
  { matches: oneOf('torch.load'), find: unsafeLoad('pytorch-pickle', 0, 'f') },
  { matches: oneOf('pickle.load', 'pickle.loads', '_pickle.load', '_pickle.loads', 'cPickle.load', 'cPickle.loads', 'pickle.Unpickler().load', 'cloudpickle.load', 'cloudpickle.loads'), find: unsafeLoad('pickle', 0, 'file', 'data') },
  { matches: oneOf('dill.load', 'dill.loads'), find: unsafeLoad('dill', 0, 'file', 'str') },
  { matches: oneOf('joblib.load', 'sklearn.externals.joblib.load'), find: unsafeLoad('joblib', 0, 'filename') },
  { matches: oneOf('pandas.read_pickle'), find: unsafeLoad('pandas-pickle', 0, 'filepath_or_buffer') },
  {
    matches: oneOf('numpy.load'),
    find: (c) => {
      const allow = value(c, null, 'allow_pickle');
      // numpy refuses pickled arrays unless allow_pickle says otherwise (since 1.16.3).
      if (!allow || ('literal' in allow && allow.literal !== true)) return null;
      return unsafeLoad('numpy-pickle', 0, 'file')(c);
    },
  },
  { matches: oneOf('keras.models.load_model', 'tensorflow.keras.models.load_model', 'keras.saving.load_model', 'tensorflow.keras.saving.load_model'), find: unsafeLoad('keras-h5', 0, 'filepath') },

  // Hosted model APIs.
  { matches: (q) => /^openai\.(Async)?AzureOpenAI\(\)\./.test(q) && isRequest(q), find: hosted('azure-openai', null, 'model') },
  { matches: (q) => (/^openai\.(Async)?OpenAI\(\)\./.test(q) || /^openai\.(ChatCompletion|Completion|Embedding)\.create$/.test(q)) && isRequest(q), find: hosted('openai', null, 'model', 'engine') },
  { matches: (q) => /^anthropic\.(Async)?AnthropicBedrock\(\)\./.test(q) && isRequest(q), find: hosted('aws-bedrock', null, 'model') },
  { matches: (q) => /^anthropic\.(Async)?AnthropicVertex\(\)\./.test(q) && isRequest(q), find: hosted('google-vertex', null, 'model') },
  { matches: (q) => /^anthropic\.(Async)?Anthropic\(\)\./.test(q) && isRequest(q), find: hosted('anthropic', null, 'model') },
  { matches: (q) => /^boto3\.(Session\(\)\.)?client\(bedrock-runtime\)\.(invoke_model|invoke_model_with_response_stream|converse|converse_stream)$/.test(q), find: hosted('aws-bedrock', null, 'modelId') },
  { matches: oneOf('vertexai.generative_models.GenerativeModel', 'vertexai.preview.generative_models.GenerativeModel', 'vertexai.language_models.TextGenerationModel.from_pretrained'), find: hosted('google-vertex', 0, 'model_name') },
  { matches: oneOf('google.generativeai.GenerativeModel'), find: hosted('google-genai', 0, 'model_name') },
  { matches: (q) => q.startsWith('google.genai.Client().') && (q.endsWith('.generate_content') || q.endsWith('.generate_content_stream') || q.endsWith('.embed_content')), find: hosted('google-genai', null, 'model') },
  { matches: oneOf('langchain_openai.ChatOpenAI', 'langchain_openai.OpenAIEmbeddings', 'langchain_openai.OpenAI'), find: hosted('openai', null, 'model', 'model_name') },
  { matches: oneOf('langchain_openai.AzureChatOpenAI', 'langchain_openai.AzureOpenAIEmbeddings'), find: hosted('azure-openai', null, 'model', 'azure_deployment', 'deployment_name') },
  { matches: oneOf('langchain_anthropic.ChatAnthropic'), find: hosted('anthropic', null, 'model', 'model_name') },
  { matches: (q) => /^cohere\.(Async)?Client(V2)?\(\)\.(chat|generate|embed|rerank)$/.test(q), find: hosted('cohere', null, 'model') },
  { matches: (q) => q.startsWith('mistralai.Mistral().') && isRequest(q), find: hosted('mistral', null, 'model') },

  // Experiment trackers and model registries.
  { matches: oneOf('mlflow.set_tracking_uri', 'mlflow.set_registry_uri'), find: (c) => ({ kind: 'tracker', details: { api: c.qualified, tool: 'mlflow', uri: value(c, 0, 'uri') } }) },
  { matches: (q) => rootOf(q) === 'mlflow' && (q.endsWith('.register_model') || q.endsWith('.load_model') || q.endsWith('.log_model') || q.endsWith('.download_artifacts')), find: (c) => ({ kind: 'tracker', details: { api: c.qualified, tool: 'mlflow', uri: value(c, c.qualified.endsWith('.log_model') ? 1 : 0, 'model_uri', 'artifact_uri', 'artifact_path', 'name') } }) },
  { matches: oneOf('wandb.init'), find: (c) => ({ kind: 'tracker', details: { api: c.qualified, tool: 'wandb', uri: value(c, null, 'project', 'entity') } }) },
  { matches: (q) => rootOf(q) === 'wandb' && (q.endsWith('.use_artifact') || q.endsWith('.log_artifact') || q.endsWith('.use_model') || q.endsWith('.link_model')), find: (c) => ({ kind: 'tracker', details: { api: c.qualified, tool: 'wandb', uri: value(c, 0, 'artifact_or_name', 'name', 'path') } }) },

  // Training here: fit() or train() on an object a training library made.
  {
    matches: (q) => (q.endsWith('().fit') || q.endsWith('().train') || q.endsWith('().fit_transform')) && trainingLibraries.has(rootOf(q)),
    find: (c) => ({ kind: 'training', details: { api: c.qualified, library: rootOf(c.qualified) } }),
  },
];

/**
 * Words that every file with a finding contains: the top-level module of each API in callRules,
 * and the names that rules match without an import (`from_pretrained` on any class). A file
 * with none of them cannot match a rule; test/discover/python.test.ts checks the list against the rules.
 */
export const triggerWords = [
  'from_pretrained', 'hf_hub_download', 'snapshot_download', 'transformers', 'huggingface_hub', 'sentence_transformers', 'timm', 'torch',
  'tensorflow', 'keras', 'kagglehub', 'datasets', 'sklearn', 'urllib', 'wget', 'gdown', 'requests', 'httpx', 'safetensors', 'pickle',
  'dill', 'joblib', 'pandas', 'numpy', 'openai', 'anthropic', 'boto3', 'vertexai', 'google', 'langchain', 'cohere', 'mistralai', 'mlflow',
  'wandb', 'xgboost', 'lightgbm', 'catboost', 'trl', 'lightning', 'peft', 'setfit', 'ultralytics',
];

/** The calls of a client that send a request (not those that only build an object). */
function isRequest(q: string): boolean {
  const last = q.split('.').at(-1)!;
  return ['create', 'parse', 'stream', 'complete', 'generate'].includes(last);
}
