import type { ModelFormat, Sensitivity } from '../project/types.js';
import type { BomItem, DataFacts } from './bom.js';

/**
 * What an import can infer from the free text of a BOM. Each guess is deliberately narrow: when a
 * value does not clearly say something, the answer is "unknown" and the output carries a TODO.
 */

/** A project id from any text: lower-case letters, digits, '.', '_' and '-', at most 64 characters. */
export function slugify(text: string, fallback: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .slice(0, 64)
    .replace(/[._-]+$/, '');
  return slug === '' ? fallback : slug;
}

/** Hands out ids that are unique within one kind: `model`, `model-2`, `model-3`. */
export class IdAllocator {
  private readonly used = new Set<string>();
  /** Per base, the suffix to try next: a BOM of a thousand models of one name must not count from 2 a thousand times. */
  private readonly next = new Map<string, number>();

  take(text: string, fallback: string): string {
    const base = slugify(text, fallback);
    let id = base;
    let n = this.next.get(base) ?? 2;
    for (; this.used.has(id); n++) id = `${base.slice(0, 64 - String(n).length - 1).replace(/[._-]+$/, '')}-${n}`;
    this.next.set(base, n);
    this.used.add(id);
    return id;
  }
}

const hubPattern = /hugging ?face|huggingface\.co|hf\.co\b|kaggle|tensorflow ?hub|tfhub\.dev|pytorch ?hub|modelscope|civitai|model ?hub|ollama\.com|github\.com|\bgithub\b/i;
const hubPurlTypes = new Set(['huggingface', 'github']);

/**
 * Whether something comes from a public hub where anyone can publish: by a party's name, by any
 * of the links given for it or for the component (its website, distribution, repository), or by
 * its package URL.
 */
export function isPublicHub(name: string | null, urls: readonly string[], purl: string | null): boolean {
  const purlType = purl?.match(/^pkg:([a-z0-9.+-]+)\//i)?.[1]?.toLowerCase();
  return (purlType !== undefined && hubPurlTypes.has(purlType)) || [name ?? '', ...urls].some((text) => hubPattern.test(text));
}

/** The hub named by a package URL when the component names no supplier, such as `pkg:huggingface/...`. */
export function hubFromPurl(purl: string | null): string | null {
  const type = purl?.match(/^pkg:([a-z0-9.+-]+)\//i)?.[1]?.toLowerCase();
  if (type === 'huggingface') return 'Hugging Face';
  if (type === 'github') return 'GitHub';
  return null;
}

const formats: readonly ModelFormat[] = ['safetensors', 'onnx', 'gguf', 'tensorflow-savedmodel', 'pickle', 'pytorch-pickle', 'joblib', 'keras-h5', 'hosted-api', 'other'];
const extensions: [RegExp, ModelFormat][] = [
  [/\.safetensors\b/i, 'safetensors'],
  [/\.onnx\b/i, 'onnx'],
  [/\.gguf\b/i, 'gguf'],
  [/saved_?model(\.pbtxt?)?\b/i, 'tensorflow-savedmodel'],
  [/\.(pt|pth)\b|pytorch_model\.bin\b/i, 'pytorch-pickle'],
  [/\.(pkl|pickle)\b/i, 'pickle'],
  [/\.joblib\b/i, 'joblib'],
  [/\.(h5|hdf5)\b/i, 'keras-h5'],
];

/**
 * The artifact format from the places a BOM may name it: a property that states it, the files the
 * item holds (a `file_name` qualifier, a distribution link, a model-file property, SPDX files it
 * contains), or the item's own name.
 */
export function guessFormat(item: Pick<BomItem, 'properties' | 'fileNames' | 'name'>): ModelFormat | null {
  for (const property of item.properties.filter((p) => /format|file|artifact/i.test(p.name))) {
    const exact = formats.find((f) => f === property.value.toLowerCase());
    if (exact) return exact;
  }
  for (const text of [...item.fileNames, item.name]) {
    const match = extensions.find(([pattern]) => pattern.test(text));
    if (match) return match[1];
  }
  return null;
}

const special = /\b(health|medical|patient|diagnos\w*|biometric\w*|genetic|racial|ethnic\w*|religio\w*|political|sex\w*|trade.union|criminal)\b/i;
const personal = /\b(pii|personal|personally|name|names|address\w*|e-?mail\w*|phone\w*|ssn|social.security|date.of.birth|customer\w*|member\w*|user\w*|employee\w*)\b/i;
const secret = /\b(secret\w*|credential\w*|password\w*|api.keys?|tokens?)\b/i;
const ip = /\b(proprietary|intellectual.property|trade.secrets?|source.code)\b/i;

/**
 * Sensitivity classes from `data[].classification` and `sensitiveData`. Returns the classes and
 * whether some sensitive-data entry could not be classified (it then counts as confidential).
 */
export function guessSensitivity(entries: readonly DataFacts[]): { classes: Sensitivity[]; unclassified: string[] } {
  const classes = new Set<Sensitivity>();
  const unclassified: string[] = [];
  for (const entry of entries) {
    const label = entry.classification?.toLowerCase() ?? '';
    // Traffic Light Protocol labels as well as plain words: TLP:CLEAR may go anywhere, GREEN stays
    // within a community, AMBER and RED with named recipients only.
    if (/\b(public|tlp:\s*(clear|white))\b/.test(label)) classes.add('public');
    if (/\b(internal|tlp:\s*green)\b/.test(label)) classes.add('internal');
    if (/\b(confidential|restricted|secret|private|sensitive|tlp:\s*(amber|red)(\+strict)?)\b/.test(label)) classes.add('confidential');
    if (ip.test(label)) classes.add('intellectual-property');
    if (/\b(pii|personal)\b/.test(label)) classes.add('personal');
    for (const item of entry.sensitiveData) {
      if (special.test(item)) classes.add('special-category-personal').add('personal');
      if (personal.test(item)) classes.add('personal');
      if (secret.test(item)) classes.add('confidential');
      if (ip.test(item)) classes.add('intellectual-property');
      if (![special, personal, secret, ip].some((pattern) => pattern.test(item))) {
        unclassified.push(item);
        classes.add('confidential');
      }
    }
  }
  const order: Sensitivity[] = ['public', 'internal', 'confidential', 'personal', 'special-category-personal', 'intellectual-property'];
  return { classes: order.filter((c) => classes.has(c)), unclassified };
}

/** A data set's purpose when its own words say it: evaluation or retrieval. */
export function guessPurposeFromText(texts: readonly (string | null)[]): 'evaluation' | 'retrieval' | null {
  const text = texts.filter(Boolean).join(' ');
  if (/\b(eval\w*|test(ing)?|validation|benchmark\w*|held.out|hold.out)\b/i.test(text)) return 'evaluation';
  if (/\b(retrieval|rag|knowledge.base|vector.(store|index)|grounding)\b/i.test(text)) return 'retrieval';
  return null;
}

/** Licences under which model weights are published for anyone to download. */
const weightsLicence = /^(apache-2\.0|mit|bsd-\d-clause.*|[al]?gpl-.*|mpl-2\.0|cc0-1\.0|cc-by(-sa|-nc|-nd|-nc-sa|-nc-nd)?-\d\.\d.*|unlicense|isc|openrail.*|.*-openrail-.*|bigscience-.*|llama\d(\.\d)?|llama-\d.*|gemma|deepseek|qwen|openmdw.*|odc-by.*|odbl.*|pddl.*|artistic-2\.0|epl-2\.0|eupl-1\.2)$/i;

/** Whether a licence id or name is one under which weights are published for anyone. */
export function publishesWeights(licence: string): boolean {
  return weightsLicence.test(licence.trim());
}

/**
 * Why a `data` component is not a data set, or null when it is one: its `data[]` says it holds
 * configuration or source code, or its words say it holds model files or configuration.
 */
export function notADataSet(item: Pick<BomItem, 'name' | 'description' | 'data'>): string | null {
  const kinds = item.data.map((d) => d.kind?.toLowerCase()).filter((k): k is string => Boolean(k));
  if (kinds.includes('dataset')) return null;
  if (kinds.length > 0) return `data of type ${[...new Set(kinds)].join(', ')}, not a data set`;
  const text = [item.name, item.description ?? '', ...item.data.map((d) => `${d.name ?? ''} ${d.description ?? ''}`)].join(' ');
  if (/\b(model )?(weights|checkpoints?)\b|\.(safetensors|gguf|onnx|pt|pth|ckpt|h5)\b/i.test(text)) return 'it holds model files, not a data set';
  if (/\b(config(uration)?s?|settings|\.env|\.ini|\.ya?ml|\.toml)\b/i.test(text) && !/\b(data ?set|corpus|training|samples?)\b/i.test(text)) return 'it holds configuration, not a data set';
  return null;
}
