/**
 * The Python distributions (names normalised as PEP 503 does) that discover reports from
 * dependency files: machine-learning frameworks, model hubs and formats, hosted model clients,
 * trackers, and the serialisation libraries that can run code when they load.
 */
export const mlLibraries: ReadonlySet<string> = new Set([
  'torch', 'pytorch', 'torchvision', 'torchaudio', 'torchtext', 'pytorch-lightning', 'lightning', 'tensorflow', 'tensorflow-cpu',
  'tensorflow-gpu', 'tensorflow-hub', 'tensorflow-datasets', 'keras', 'keras-nlp', 'keras-hub', 'tf-keras', 'jax', 'jaxlib', 'flax',
  'transformers', 'datasets', 'tokenizers', 'accelerate', 'peft', 'trl', 'diffusers', 'sentence-transformers', 'huggingface-hub',
  'safetensors', 'timm', 'optimum', 'evaluate', 'setfit', 'bitsandbytes', 'deepspeed', 'vllm', 'llama-cpp-python', 'gguf',
  'scikit-learn', 'sklearn', 'xgboost', 'lightgbm', 'catboost', 'onnx', 'onnxruntime', 'onnxruntime-gpu', 'fastai', 'ultralytics',
  'spacy', 'gensim', 'sentencepiece', 'tiktoken', 'mxnet', 'paddlepaddle', 'kagglehub',
  'openai', 'anthropic', 'cohere', 'mistralai', 'google-generativeai', 'google-genai', 'google-cloud-aiplatform', 'vertexai',
  'langchain', 'langchain-core', 'langchain-community', 'langchain-openai', 'langchain-anthropic', 'llama-index',
  'mlflow', 'wandb', 'dvc', 'joblib', 'cloudpickle', 'dill',
]);

/** A distribution name as PEP 503 compares them: lower case, runs of `-`, `_` and `.` as one `-`. */
export function normaliseName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}
