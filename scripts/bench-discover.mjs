// The discover case of `npm run bench`: a generated repository of 5,000 Python files and 200
// model files. Imported by scripts/bench.mjs; the repository is written into its work folder.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const pythonTemplates = [
  (i) => `"""Training entry point ${i}."""
import os
import torch
from datasets import load_dataset
from transformers import AutoModelForSequenceClassification, AutoTokenizer, Trainer, TrainingArguments

BASE = "org/base-model-${i % 40}"


def build(num_labels: int = 2):
    tokenizer = AutoTokenizer.from_pretrained(BASE, revision="main")
    model = AutoModelForSequenceClassification.from_pretrained(BASE, num_labels=num_labels)
    return tokenizer, model


def main() -> None:
    tokenizer, model = build()
    data = load_dataset("org/reviews-${i % 25}")
    args = TrainingArguments(output_dir=os.environ.get("OUT", "out"), num_train_epochs=1, learning_rate=2e-5)
    trainer = Trainer(model=model, args=args, train_dataset=data["train"], tokenizer=tokenizer)
    trainer.train()
    torch.save(model.state_dict(), "model-${i}.pt")


if __name__ == "__main__":
    main()
`,
  (i) => `"""Feature utilities ${i}."""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Iterable


@dataclass
class Window:
    start: int
    end: int

    def length(self) -> int:
        return self.end - self.start


def normalise(values: Iterable[float]) -> list[float]:
    values = list(values)
    total = math.fsum(values) or 1.0
    return [v / total for v in values]


def windows(n: int, size: int = ${8 + (i % 8)}) -> list[Window]:
    return [Window(s, min(n, s + size)) for s in range(0, n, size)]


class Scaler:
    def __init__(self, factor: float = 1.0) -> None:
        self.factor = factor

    def __call__(self, x: float) -> float:
        return x * self.factor
`,
  (i) => `"""Serving handler ${i}."""
import pickle

import numpy as np
import torch
from openai import OpenAI

client = OpenAI()
state = torch.load("weights-${i}.pt")
with open("encoder-${i}.pkl", "rb") as handle:
    encoder = pickle.load(handle)


def predict(text: str) -> str:
    features = np.asarray(encoder.transform([text]))
    if features.sum() < ${i % 10}:
        reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])
        return reply.choices[0].message.content
    return "ok"
`,
  (i) => `"""Tests ${i}."""
import pytest

from package.features import normalise, windows


@pytest.mark.parametrize("n", [1, 2, ${3 + (i % 5)}])
def test_windows_cover(n):
    covered = sum(w.length() for w in windows(n))
    assert covered == n


def test_normalise_sums_to_one():
    assert abs(sum(normalise([1, 2, 3])) - 1.0) < 1e-9
`,
];

const u32 = (n) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
};
const u64 = (n) => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(BigInt(n));
  return b;
};
const global = (module, name) => Buffer.from(`c${module}\n${name}\n`, 'latin1');
const str = (s) => Buffer.concat([Buffer.from([0x58]), u32(Buffer.byteLength(s)), Buffer.from(s)]);

/** A state-dict pickle with `tensors` entries (and, when `evil`, a call to os.system). */
function statePickle(tensors, evil) {
  const parts = [Buffer.from([0x80, 0x02]), global('collections', 'OrderedDict'), Buffer.from([0x29, 0x52, 0x28])];
  for (let t = 0; t < tensors; t++) {
    parts.push(str(`layer.${t}.weight`), global('torch._utils', '_rebuild_tensor_v2'), Buffer.from([0x28, 0x28]), str('storage'), global('torch', 'FloatStorage'), str(String(t)), str('cpu'), Buffer.from([0x4b, 0x40, 0x74, 0x51, 0x4b, 0x00, 0x4b, 0x08, 0x4b, 0x08, 0x86, 0x4b, 0x08, 0x4b, 0x01, 0x86, 0x89]), global('collections', 'OrderedDict'), Buffer.from([0x29, 0x52, 0x74, 0x52]));
  }
  if (evil) parts.push(str('hook'), global('os', 'system'), str('echo pwned'), Buffer.from([0x85, 0x52]));
  parts.push(Buffer.from([0x75, 0x2e]));
  return Buffer.concat(parts);
}

/** A stored zip (what torch.save writes); CRCs are left at zero, which discover does not check. */
function zip(entries) {
  const locals = [];
  const central = [];
  let offset = 0;
  for (const [name, data] of entries) {
    const n = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(n.length, 26);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt32LE(data.length, 20);
    header.writeUInt32LE(data.length, 24);
    header.writeUInt16LE(n.length, 28);
    header.writeUInt32LE(offset, 42);
    locals.push(local, n, data);
    central.push(header, n);
    offset += 30 + n.length + data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

function safetensors(tensors) {
  const header = {};
  for (let t = 0; t < tensors; t++) header[`layer.${t}.weight`] = { dtype: 'F32', shape: [64, 64], data_offsets: [t * 16384, (t + 1) * 16384] };
  const json = Buffer.from(JSON.stringify(header));
  return Buffer.concat([u64(json.length), json, Buffer.alloc(tensors * 16384)]);
}

function gguf() {
  const s = (text) => Buffer.concat([u64(Buffer.byteLength(text)), Buffer.from(text)]);
  return Buffer.concat([Buffer.from('GGUF'), u32(3), u64(0), u64(1), s('general.architecture'), u32(8), s('llama'), Buffer.alloc(1 << 20)]);
}

/**
 * Writes the repository: 5,000 Python files in 250 packages (training scripts, utilities,
 * serving handlers, tests) and 200 model files of about 1 MiB each (PyTorch zips, pickles,
 * safetensors, GGUF), a tenth of the pickles with a call to os.system.
 */
export function generateDiscoverRepository(work) {
  const root = join(work, 'discover-repo');
  for (let p = 0; p < 250; p++) {
    const dir = join(root, 'src', `package_${p}`);
    mkdirSync(dir, { recursive: true });
    for (let f = 0; f < 20; f++) {
      const i = p * 20 + f;
      writeFileSync(join(dir, `module_${f}.py`), pythonTemplates[i % pythonTemplates.length](i));
    }
  }
  const models = join(root, 'models');
  mkdirSync(models, { recursive: true });
  for (let m = 0; m < 200; m++) {
    const kind = m % 4;
    if (kind === 0) writeFileSync(join(models, `checkpoint-${m}.pt`), zip([[`checkpoint-${m}/data.pkl`, statePickle(64, m % 40 === 0)], [`checkpoint-${m}/version`, Buffer.from('3\n')], [`checkpoint-${m}/data/0`, Buffer.alloc(1 << 20)]]));
    else if (kind === 1) writeFileSync(join(models, `encoder-${m}.pkl`), Buffer.concat([statePickle(256, m % 40 === 1), Buffer.alloc(1 << 20)]));
    else if (kind === 2) writeFileSync(join(models, `weights-${m}.safetensors`), safetensors(64));
    else writeFileSync(join(models, `quantised-${m}.gguf`), gguf());
  }
  writeFileSync(join(root, 'requirements.txt'), 'torch==2.3.1\ntransformers>=4.40\ndatasets\nopenai\n');
  return root;
}

/**
 * The discover cases, in the shape scripts/bench.mjs asks of a case module: discover of that
 * repository as JSON, and assess --discover of one description against it, each within 5 s and 300 MiB.
 */
export function cases({ work, aithreat, quick }) {
  const root = generateDiscoverRepository(work);
  const project = join(work, 'discover-project.yaml');
  writeFileSync(project, 'formatVersion: 1\nproject: { name: Bench }\nmodels:\n  - { id: base, name: org/base-model-0, origin: pretrained, format: safetensors }\n');
  return [
    { name: 'discover 5,000 Python files, 200 model files (json)', argv: aithreat('discover', root, '--format', 'json'), runs: quick ? 1 : 3, warmups: 1, targets: { ms: 5000, rssMiB: 300 } },
    // The repository is read once, then each project is checked against it: the cost is discover's and the report's.
    { name: 'assess --discover the same repository (sarif)', argv: aithreat('assess', project, '--discover', root, '--format', 'sarif', '--as-of', '2026-11-25', '--fail-on', 'none'), runs: quick ? 1 : 3, warmups: 1, targets: { ms: 5000, rssMiB: 300 } },
  ];
}
