/**
 * What `aithreat discover` finds in a repository. A finding is data (a kind, a place, details);
 * the words for people live in src/discover/render-table.ts and the draft writer.
 */

/** A 1-based place in a file of the scanned repository; `file` is relative to the scanned root, with `/`. */
export interface Place {
  file: string;
  line: number;
  column: number;
}

/** An argument of a call as the code states it: a literal, a variable's name, or another expression. */
export type Value =
  | { literal: string | number | boolean | null }
  | { variable: string }
  | { expression: string };

export type PickleFormat = 'pickle' | 'pytorch-pickle' | 'joblib' | 'keras-h5' | 'numpy-pickle' | 'dill' | 'pandas-pickle';

/** How dangerous a global that a pickle imports is, the way picklescan grades them. */
export type GlobalSafety = 'safe' | 'unknown' | 'dangerous';

export interface PickleGlobal {
  module: string;
  name: string;
  safety: GlobalSafety;
}

export type ModelFileFormat = 'pickle' | 'pytorch-zip' | 'pytorch-legacy' | 'joblib' | 'numpy' | 'numpy-zip' | 'safetensors' | 'onnx' | 'gguf' | 'keras-h5' | 'hdf5' | 'keras-zip';

export interface FindingDetails {
  /** A pre-trained model the code loads from a hub (or a local path given where a hub id goes). */
  'hub-model': {
    api: string;
    hub: 'huggingface' | 'torch-hub' | 'tensorflow-hub' | 'kaggle';
    model: Value;
    /** True when the literal model id is a local path, not a hub id. */
    localPath: boolean;
    revision: Value | null;
    /** True only for a literal revision that is a full commit hash; a branch or a tag can move. */
    revisionPinned: boolean;
    trustRemoteCode: Value | null;
  };
  /** A data set the code loads from a hub, local files or URLs. */
  'dataset-load': {
    api: string;
    source: 'hub' | 'local-files' | 'url' | 'unknown';
    dataset: Value;
    dataFiles: Value | null;
    /** The string literals of data_files (paths or URLs), however they are nested. */
    files: string[];
    revision: Value | null;
    revisionPinned: boolean;
    trustRemoteCode: Value | null;
  };
  /** Data fetched from a URL by code (requests, urllib, wget, a torchvision data set with download=True). */
  'data-download': { api: string; url: Value };
  /** A call that deserialises pickle (or another format that can run code when loaded). */
  'unsafe-load': {
    api: string;
    format: PickleFormat;
    /** For torch.load: the weights_only argument (Null when absent: PyTorch 2.6+ defaults to True, earlier versions to False). */
    weightsOnly: Value | null;
    /** For numpy.load: allow_pickle. */
    allowPickle: Value | null;
    path: Value | null;
  };
  /** A call that loads safetensors: safe to load. */
  'safe-load': { api: string; path: Value | null };
  /** A call to a hosted model API. */
  'hosted-model': {
    api: string;
    vendor: 'openai' | 'azure-openai' | 'anthropic' | 'aws-bedrock' | 'google-vertex' | 'google-genai' | 'cohere' | 'mistral';
    model: Value | null;
  };
  /** An experiment tracker or model registry the code talks to. */
  tracker: { api: string; tool: 'mlflow' | 'wandb'; uri: Value | null };
  /** The code trains or fine-tunes a model here. */
  training: { api: string; library: string };
  /** An ML library a dependency file names. */
  dependency: {
    manager: 'requirements' | 'pyproject' | 'uv-lock' | 'poetry-lock' | 'conda';
    name: string;
    specifier: string;
    pinned: boolean;
    hashed: boolean;
  };
  /** A notebook cell that installs packages itself (`!pip install`, `%pip install`, `%conda install`). */
  'notebook-install': { command: string; packages: string[] };
  /** A model file, recognised by its bytes. */
  'model-file': {
    format: ModelFileFormat;
    bytes: number;
    /** The globals its pickles import, in order of first use (pickle formats only). */
    globals: PickleGlobal[];
    /** What the bytes say beyond the format: tensors, architecture, operators, Lambda layers. */
    facts: Record<string, string | number | boolean | string[]>;
    /** Why the file is worth a look: dangerous globals, Lambda layers, a broken header. */
    problems: string[];
  };
  /** A Hugging Face config.json with auto_map: loading it with trust_remote_code runs the repository's code. */
  'remote-code-config': { classes: string[]; modelType: string | null };
  /** A data set or model tracked by DVC. */
  'dvc-data': { path: string; source: string | null; md5: string | null; remote: string | null };
  /** A DVC remote. */
  'dvc-remote': { name: string; url: string };
}

export type FindingKind = keyof FindingDetails;

export type Finding = { [K in FindingKind]: Place & { kind: K; details: FindingDetails[K] } }[FindingKind];

/** A file or directory discover did not read whole, and why: a notice, never a crash. */
export interface Notice extends Place {
  code: NoticeCode;
  message: string;
}

export type NoticeCode =
  | 'symlink'
  | 'special-file'
  | 'unreadable'
  | 'too-large'
  | 'not-utf8'
  | 'binary'
  | 'not-json'
  | 'not-toml'
  | 'not-yaml'
  | 'syntax-error'
  | 'bad-model-file'
  | 'limit'
  | 'time-limit';

export interface Discovery {
  /** Files read, by what read them. */
  counts: { files: number; python: number; notebooks: number; dependencyFiles: number; modelFiles: number; otherFiles: number };
  findings: Finding[];
  notices: Notice[];
}
