/**
 * Who a generator means when it names a model's "provider" (cdxgen's `cdx:ai:provider`, a service's
 * provider or endpoint): a company that hosts models behind an API, a public hub, or a program that
 * serves a model on the user's own machine, which says nothing about who made the weights.
 */
export type ProviderKind = 'hosted' | 'hub' | 'local';

export interface Provider {
  name: string;
  kind: ProviderKind;
}

const known: Record<string, Provider> = {
  openai: { name: 'OpenAI', kind: 'hosted' },
  anthropic: { name: 'Anthropic', kind: 'hosted' },
  google: { name: 'Google', kind: 'hosted' },
  'vertex-ai': { name: 'Google Vertex AI', kind: 'hosted' },
  'azure-openai': { name: 'Microsoft Azure OpenAI', kind: 'hosted' },
  'aws-bedrock': { name: 'Amazon Bedrock', kind: 'hosted' },
  mistral: { name: 'Mistral AI', kind: 'hosted' },
  cohere: { name: 'Cohere', kind: 'hosted' },
  deepseek: { name: 'DeepSeek', kind: 'hosted' },
  groq: { name: 'Groq', kind: 'hosted' },
  fireworks: { name: 'Fireworks AI', kind: 'hosted' },
  together: { name: 'Together AI', kind: 'hosted' },
  replicate: { name: 'Replicate', kind: 'hosted' },
  perplexity: { name: 'Perplexity', kind: 'hosted' },
  xai: { name: 'xAI', kind: 'hosted' },
  openrouter: { name: 'OpenRouter', kind: 'hosted' },
  cerebras: { name: 'Cerebras', kind: 'hosted' },
  sambanova: { name: 'SambaNova', kind: 'hosted' },
  moonshot: { name: 'Moonshot AI', kind: 'hosted' },
  zhipu: { name: 'Zhipu AI', kind: 'hosted' },
  dashscope: { name: 'Alibaba Cloud DashScope', kind: 'hosted' },
  'nvidia-nim': { name: 'NVIDIA NIM', kind: 'hosted' },
  baseten: { name: 'Baseten', kind: 'hosted' },
  novita: { name: 'Novita AI', kind: 'hosted' },
  deepinfra: { name: 'DeepInfra', kind: 'hosted' },
  huggingface: { name: 'Hugging Face', kind: 'hub' },
  'hugging-face': { name: 'Hugging Face', kind: 'hub' },
  kaggle: { name: 'Kaggle', kind: 'hub' },
  modelscope: { name: 'ModelScope', kind: 'hub' },
  ollama: { name: 'Ollama', kind: 'local' },
  vllm: { name: 'vLLM', kind: 'local' },
  'lm-studio': { name: 'LM Studio', kind: 'local' },
  llamafile: { name: 'llamafile', kind: 'local' },
  'llama.cpp': { name: 'llama.cpp', kind: 'local' },
  jan: { name: 'Jan', kind: 'local' },
  gpt4all: { name: 'GPT4All', kind: 'local' },
  'local-inference': { name: 'a local inference server', kind: 'local' },
  transformers: { name: 'Transformers', kind: 'local' },
  'transformers.js': { name: 'Transformers.js', kind: 'local' },
  mlc: { name: 'MLC LLM', kind: 'local' },
};

/** The provider a generator's id names, such as `openai` or `vllm`; null when unknown. */
export function providerById(id: string | null): Provider | null {
  if (!id) return null;
  return known[id.trim().toLowerCase().replace(/[\s_]+/g, '-')] ?? null;
}

const hostPatterns: [RegExp, string][] = [
  [/(^|\.)openai\.azure\.com$/, 'azure-openai'],
  [/(^|\.)openai\.com$/, 'openai'],
  [/(^|\.)anthropic\.com$/, 'anthropic'],
  [/(^|\.)aiplatform\.googleapis\.com$/, 'vertex-ai'],
  [/(^|\.)generativelanguage\.googleapis\.com$/, 'google'],
  [/(^|\.)bedrock(-runtime)?(\.[a-z0-9-]+)?\.amazonaws\.com$/, 'aws-bedrock'],
  [/(^|\.)mistral\.ai$/, 'mistral'],
  [/(^|\.)cohere\.(ai|com)$/, 'cohere'],
  [/(^|\.)deepseek\.com$/, 'deepseek'],
  [/(^|\.)groq\.com$/, 'groq'],
  [/(^|\.)fireworks\.ai$/, 'fireworks'],
  [/(^|\.)together\.(xyz|ai)$/, 'together'],
  [/(^|\.)replicate\.com$/, 'replicate'],
  [/(^|\.)perplexity\.ai$/, 'perplexity'],
  [/(^|\.)x\.ai$/, 'xai'],
  [/(^|\.)openrouter\.ai$/, 'openrouter'],
  [/(^|\.)huggingface\.co$/, 'huggingface'],
];

/** The host of a URL, lower-cased; null when it is not a URL. */
export function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname.toLowerCase().replace(/^\[|\]$/g, '');
  } catch {
    return null;
  }
}

/** Whether an endpoint is on the machine itself or a private name: a model served there is not hosted by anyone else. */
export function isLocalEndpoint(url: string): boolean {
  const host = hostOf(url);
  return host !== null && /^(localhost|127\.\d+\.\d+\.\d+|::1|0\.0\.0\.0|host\.docker\.internal)$|\.(localhost|local|internal)$/.test(host);
}

/** The hosted provider an endpoint belongs to, by its host. */
export function providerOfEndpoint(url: string): Provider | null {
  const host = hostOf(url);
  if (!host) return null;
  const match = hostPatterns.find(([pattern]) => pattern.test(host));
  return match ? providerById(match[1]) : null;
}
