import { describe, expect, it } from 'vitest';
import { discover } from '../../src/discover/discover.js';
import { draftProject } from '../../src/discover/draft.js';
import { findDrift } from '../../src/discover/drift.js';
import { writeProjectYaml } from '../../src/import/write-yaml.js';
import { parseProject } from '../../src/validate/load-project.js';
import { fixtureCopy } from './fixture-repo.js';

const root = fixtureCopy();
const discovery = await discover(root);
const { project, comments, footer } = draftProject(discovery, 'Sentiment service');
const text = writeProjectYaml(project, comments, ['header'], footer);

describe('the draft of the fixture repository', () => {
  it('validates', () => {
    const checked = parseProject(text, 'aithreat.yaml');
    expect(checked.ok ? [] : checked.problems).toEqual([]);
  });

  it('declares the hub as a public source and the hosted API vendor as a known vendor that hosts models', () => {
    expect(project.suppliers).toEqual([
      { id: 'hugging-face', name: 'Hugging Face Hub', supplies: ['pretrained-models', 'data'], trust: 'public-source' },
      { id: 'openai', name: 'OpenAI', supplies: ['pretrained-models', 'model-hosting'], trust: 'known-vendor' },
    ]);
  });

  it('declares the models the code loads, the model files by their bytes, and the model trained here', () => {
    expect(project.models?.map((m) => [m.id, m.origin, m.supplier ?? null, m.format ?? null, m.baseModel ?? null])).toEqual([
      ['facebook-bart-large-cnn', 'pretrained', 'hugging-face', null, null],
      ['acme-research-review-embedder', 'pretrained', 'hugging-face', null, null],
      ['distilbert-base-uncased', 'pretrained', 'hugging-face', null, null],
      ['gpt-4o-mini', 'pretrained', 'openai', 'hosted-api', null],
      ['baseline.joblib', 'trained-here', null, 'joblib', null],
      ['label_encoder.pkl', 'trained-here', null, 'pickle', null],
      ['reviewer-gift.pkl', 'trained-here', null, 'pickle', null],
      ['sentiment-q4.gguf', 'trained-here', null, 'gguf', null],
      ['sentiment.onnx', 'trained-here', null, 'onnx', null],
      ['sentiment.pt', 'trained-here', null, 'pytorch-pickle', null],
      ['sentiment.safetensors', 'trained-here', null, 'safetensors', null],
      ['train-model', 'trained-here', null, null, 'distilbert-base-uncased'],
    ]);
  });

  it('declares the data sets with their origin, one entry for a file that code loads and DVC tracks', () => {
    expect(project.datasets?.map((d) => [d.id, d.purpose, d.origin, d.notes ?? null])).toEqual([
      ['2024.csv', 'training', 'public-internet', 'Downloaded by datasets.load_dataset from https://data.example.org/reviews/2024.csv.'],
      ['imdb', 'fine-tuning', 'public-internet', null],
      ['tickets.csv', 'fine-tuning', 'internal', 'Tracked by DVC (remote storage: s3://acme-ml-data/sentiment).'],
    ]);
    expect(project.training).toEqual([{ id: 'train-training', mode: 'fine-tuning', model: 'train-model', datasets: ['imdb', 'tickets.csv'] }]);
    expect(project.environments).toEqual([{ id: 'notebooks', area: 'training', userInstalledDependencies: true }]);
  });

  it('comments every entry with the place it was found, and marks what code cannot tell', () => {
    expect(text).toContain('  # found: src/sentiment/serve.py:20:12 transformers.AutoModel.from_pretrained\n  # TODO(aithreat discover): format:');
    expect(text).toContain("  # src/sentiment/serve.py:20:12 loads it with trust_remote_code: the repository's own Python code runs.\n");
    expect(text).toContain('  # artifacts/reviewer-gift.pkl: imports os.system: loading it can run commands or code\n');
    expect(text).toContain('# TODO(aithreat discover): src/sentiment/serve.py:21:13 loads a model named by `os.environ["TOKENIZER"]`');
    expect(text).toContain('# TODO(aithreat discover): owner and contact');
  });

  it('leaves, as drift against itself, only what a declaration cannot fix', () => {
    const checked = parseProject(text, 'aithreat.yaml');
    if (!checked.ok) throw new Error('invalid draft');
    expect(findDrift(checked.value, discovery).map((d) => `${d.code} ${d.file}:${d.line}`)).toEqual([
      'dangerous-model-file artifacts/reviewer-gift.pkl:1',
      'unpinned-revision src/sentiment/serve.py:19',
      'trust-remote-code src/sentiment/serve.py:20',
      'unpinned-revision src/sentiment/serve.py:20',
      'unpinned-revision src/sentiment/train.py:20',
    ]);
  });
});
