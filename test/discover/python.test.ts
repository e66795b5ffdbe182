import { describe, expect, it } from 'vitest';
import { analysePython } from '../../src/discover/python/analyse.js';
import { callRules, triggerWords } from '../../src/discover/python/calls.js';
import { pythonParser } from '../../src/discover/python/parser.js';
import type { Finding } from '../../src/discover/types.js';

const parser = await pythonParser();
const find = (code: string): Finding[] => analysePython(parser, code, { file: 'x.py' }).findings;
const one = (code: string) => {
  const found = find(code);
  expect(found).toHaveLength(1);
  return found[0]!;
};

describe('Python calls, resolved through imports', () => {
  it('reads from_pretrained with an aliased import, a constant, revision and trust_remote_code', () => {
    const f = one('from transformers import AutoModelForCausalLM as LM\nBASE = "meta-llama/Llama-3.1-8B"\nm = LM.from_pretrained(BASE, revision="main", trust_remote_code=True)\n');
    expect(f).toMatchObject({ line: 3, column: 5, kind: 'hub-model' });
    expect(f.details).toEqual({
      api: 'transformers.AutoModelForCausalLM.from_pretrained',
      hub: 'huggingface',
      model: { literal: 'meta-llama/Llama-3.1-8B' },
      localPath: false,
      revision: { literal: 'main' },
      revisionPinned: false,
      trustRemoteCode: { literal: true },
    });
  });

  it('pins a revision only by a full commit hash, and reports a variable as a variable', () => {
    const f = one('import transformers\ndef load(name):\n    return transformers.AutoModel.from_pretrained(name, revision="0123456789abcdef0123456789abcdef01234567")\n');
    expect(f.details).toMatchObject({ model: { variable: 'name' }, revisionPinned: true });
  });

  it('tells a local path from a hub id', () => {
    expect(one('from transformers import AutoModel\nAutoModel.from_pretrained("./checkpoints/best")').details).toMatchObject({ localPath: true });
  });

  it('reads pipeline(model=...) and the task default when no model is given', () => {
    const [a, b] = find('from transformers import pipeline\np = pipeline("text-generation", model="gpt2")\nq = pipeline("sentiment-analysis")\n');
    expect(a!.details).toMatchObject({ api: 'transformers.pipeline', model: { literal: 'gpt2' } });
    expect(b!.details).toMatchObject({ model: { expression: "(the task's default model)" } });
  });

  it('reads hf_hub_download and snapshot_download, and a data set repository as a data set', () => {
    const [a, b] = find('from huggingface_hub import hf_hub_download, snapshot_download\nhf_hub_download(repo_id="org/model", filename="model.safetensors", revision="v1")\nsnapshot_download("org/reviews", repo_type="dataset")\n');
    expect(a).toMatchObject({ kind: 'hub-model', details: { model: { literal: 'org/model' }, revision: { literal: 'v1' }, revisionPinned: false } });
    expect(b).toMatchObject({ kind: 'dataset-load', details: { source: 'hub', dataset: { literal: 'org/reviews' } } });
  });

  it('treats torch.hub.load as remote code, with the ref after the colon as its revision', () => {
    expect(one('import torch\ntorch.hub.load("pytorch/vision:v0.10.0", "resnet18", pretrained=True)').details).toMatchObject({
      hub: 'torch-hub',
      model: { literal: 'pytorch/vision:v0.10.0#resnet18' },
      revision: { literal: 'v0.10.0' },
      trustRemoteCode: { literal: true },
    });
  });

  it.each([
    ['load_dataset("imdb")', 'hub'],
    ['load_dataset("csv", data_files="data/train.csv")', 'local-files'],
    ['load_dataset("json", data_files=["https://example.org/a.jsonl"])', 'url'],
    ['load_dataset("./local_script")', 'local-files'],
    ['load_dataset(name)', 'unknown'],
  ])('classifies %s as %s', (call, source) => {
    expect(one(`from datasets import load_dataset\n${call}\n`).details).toMatchObject({ source });
  });

  it.each([
    ['import torch\ntorch.load("w.pt")', 'pytorch-pickle'],
    ['import pickle\npickle.load(open("a.pkl", "rb"))', 'pickle'],
    ['import pickle as pk\npk.loads(blob)', 'pickle'],
    ['import joblib\njoblib.load("m.joblib")', 'joblib'],
    ['import numpy as np\nnp.load("a.npy", allow_pickle=True)', 'numpy-pickle'],
    ['import pandas as pd\npd.read_pickle("df.pkl")', 'pandas-pickle'],
    ['import dill\ndill.load(f)', 'dill'],
    ['from tensorflow import keras\nkeras.models.load_model("m.h5")', 'keras-h5'],
  ])('finds the deserialising load in %j', (code, format) => {
    expect(one(code)).toMatchObject({ kind: 'unsafe-load', line: 2, details: { format } });
  });

  it('does not report numpy.load without allow_pickle, and keeps weights_only of torch.load', () => {
    expect(find('import numpy as np\nnp.load("a.npy")\nnp.load("b.npy", allow_pickle=False)')).toEqual([]);
    expect(one('import torch\ntorch.load("w.pt", weights_only=True)').details).toMatchObject({ weightsOnly: { literal: true } });
  });

  it('finds hosted model clients through the object a call made', () => {
    const found = find(
      'from openai import OpenAI, AzureOpenAI\nimport anthropic, boto3\nclient = OpenAI()\nclient.chat.completions.create(model="gpt-4o", messages=[])\n' +
        'az = AzureOpenAI()\naz.chat.completions.create(model="prod-gpt4")\nc = anthropic.Anthropic()\nc.messages.create(model="claude-sonnet-4-5", max_tokens=10)\n' +
        'br = boto3.client("bedrock-runtime")\nbr.converse(modelId="amazon.titan-text-express-v1")\ns3 = boto3.client("s3")\ns3.get_object(Bucket="b")\n',
    );
    expect(found.map((f) => [f.line, f.kind, f.kind === 'hosted-model' ? [f.details.vendor, f.details.model] : null])).toEqual([
      [4, 'hosted-model', ['openai', { literal: 'gpt-4o' }]],
      [6, 'hosted-model', ['azure-openai', { literal: 'prod-gpt4' }]],
      [8, 'hosted-model', ['anthropic', { literal: 'claude-sonnet-4-5' }]],
      [10, 'hosted-model', ['aws-bedrock', { literal: 'amazon.titan-text-express-v1' }]],
    ]);
  });

  it('finds trackers, safetensors loads, downloads and training', () => {
    const found = find(
      'import mlflow, wandb, requests, urllib.request\nfrom safetensors.torch import load_file\nfrom sklearn.ensemble import RandomForestClassifier\n' +
        'mlflow.set_tracking_uri("http://mlflow:5000")\nwandb.init(project="p")\nload_file("m.safetensors")\nurllib.request.urlretrieve("https://example.org/d.zip", "d.zip")\n' +
        'requests.get(api_url)\nclf = RandomForestClassifier()\nclf.fit(X, y)\n',
    );
    expect(found.map((f) => f.kind)).toEqual(['tracker', 'tracker', 'safe-load', 'data-download', 'training']);
    expect(found[3]!.details).toEqual({ api: 'urllib.request.urlretrieve', url: { literal: 'https://example.org/d.zip' } });
  });

  it('does not mistake a local function or an unimported name for a library', () => {
    expect(find('def load(x):\n    return x\nload("w.pt")\nclass pickle:\n    pass\n')).toEqual([]);
  });

  it('reads a file with a syntax error as far as it can, and says where the error is', () => {
    const result = analysePython(parser, 'import torch\ndef broken(:\n    pass\ntorch.load("w.pt")\n', { file: 'x.py' });
    expect(result.findings.map((f) => f.line)).toEqual([4]);
    expect(result.errorAt?.line).toBe(2);
  });

  it('counts columns in characters, not bytes', () => {
    expect(one('import torch\nnamé = "é"; torch.load("w.pt")').column).toBe(13);
  });

  it('decodes escapes in string literals and joins adjacent ones, but leaves f-strings as expressions', () => {
    const [a, b] = find('from transformers import AutoModel\nAutoModel.from_pretrained("org/" "model\\x41")\nAutoModel.from_pretrained(f"org/{name}")\n');
    expect(a!.details).toMatchObject({ model: { literal: 'org/model\\x41' } });
    expect(b!.details).toMatchObject({ model: { expression: 'f"org/{name}"' } });
  });

  it('skips, unparsed, only files that no rule could match', () => {
    // One API per rule: each rule must match one of them, and each must contain a trigger word.
    const apis = [
      'Custom.from_pretrained', 'transformers.pipeline', 'hf_hub_download', 'sentence_transformers.SentenceTransformer', 'timm.create_model', 'torch.hub.load',
      'tensorflow_hub.load', 'kagglehub.model_download', 'datasets.load_dataset', 'datasets.load_from_disk', 'kagglehub.dataset_download', 'sklearn.datasets.fetch_openml',
      'torchvision.datasets.CIFAR10', 'urllib.request.urlretrieve', 'requests.get', 'safetensors.torch.load_file', 'torch.load', 'pickle.load', 'dill.load', 'joblib.load',
      'pandas.read_pickle', 'numpy.load', 'keras.models.load_model', 'openai.AzureOpenAI().chat.completions.create', 'openai.OpenAI().chat.completions.create',
      'anthropic.AnthropicBedrock().messages.create', 'anthropic.AnthropicVertex().messages.create', 'anthropic.Anthropic().messages.create',
      'boto3.client(bedrock-runtime).converse', 'vertexai.generative_models.GenerativeModel', 'google.generativeai.GenerativeModel', 'google.genai.Client().models.generate_content',
      'langchain_openai.ChatOpenAI', 'langchain_openai.AzureChatOpenAI', 'langchain_anthropic.ChatAnthropic', 'cohere.Client().chat', 'mistralai.Mistral().chat.complete',
      'mlflow.set_tracking_uri', 'mlflow.pyfunc.load_model', 'wandb.init', 'wandb.Api().use_artifact', 'xgboost.XGBClassifier().fit',
    ];
    for (const rule of callRules) expect(apis.some((api) => rule.matches(api))).toBe(true);
    expect(apis.filter((api) => !triggerWords.some((word) => api.includes(word)))).toEqual([]);
    expect(find('import math\nmath.sqrt(2)\n')).toEqual([]);
  });
});
