import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { scanModelFile } from '../../src/discover/models/index.js';
import { workingDirectoryScope } from '../../src/load/read-scope.js';
import { tempDir } from './fixture-repo.js';
import * as m from './model-files.js';

const dir = tempDir();
const scan = (name: string, bytes: Buffer) => {
  writeFileSync(join(dir, name), bytes);
  return scanModelFile(join(dir, name), name, name, workingDirectoryScope(dir));
};
const model = (name: string, bytes: Buffer) => {
  const result = scan(name, bytes);
  if (result === null || 'code' in result) throw new Error(`${name}: not read as a model file`);
  return result;
};

describe('model files, by their bytes', () => {
  it('lists the globals of a harmless pickle as safe', () => {
    const r = model('labels.bin', m.harmlessPickle());
    expect(r.format).toBe('pickle');
    expect(r.globals).toEqual([{ module: 'collections', name: 'OrderedDict', safety: 'safe' }]);
    expect(r.problems).toEqual([]);
  });

  it('flags os.system reached through STACK_GLOBAL and the memo, whatever the file is called', () => {
    const r = model('weights.txt', m.osSystemPickle());
    expect(r.globals).toEqual([{ module: 'os', name: 'system', safety: 'dangerous' }]);
    expect(r.problems[0]).toBe('imports os.system: loading it can run commands or code');
  });

  it('reads protocol 0 pickles in files with a pickle name', () => {
    expect(model('old.pkl', m.osSystemPickleProtocol0()).globals).toEqual([{ module: 'os', name: 'system', safety: 'dangerous' }]);
    expect(scan('notes.md', m.osSystemPickleProtocol0())).toBeNull();
  });

  it('reads the inner pickles of a PyTorch zip archive', () => {
    const clean = model('model.pt', m.pytorchZip(m.stateDictPickle()));
    expect(clean.format).toBe('pytorch-zip');
    expect(clean.globals.map((g) => `${g.module}.${g.name}:${g.safety}`)).toEqual(['collections.OrderedDict:safe', 'torch._utils._rebuild_tensor_v2:safe', 'torch.FloatStorage:safe']);
    expect(clean.facts).toMatchObject({ pickles: ['sentiment/data.pkl'], dangerousGlobals: 0 });
    const bad = model('backdoor.pt', m.pytorchZip(m.backdooredStateDictPickle()));
    expect(bad.globals.filter((g) => g.safety === 'dangerous')).toEqual([{ module: 'subprocess', name: 'check_output', safety: 'dangerous' }]);
  });

  it('reads every pickle of a legacy PyTorch file, and stops at the raw storage bytes after them', () => {
    const magic = Buffer.from([0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19, 0x2e]);
    const protocol = Buffer.from([0x80, 0x02, 0x4d, 0xe9, 0x03, 0x2e]);
    const sysInfo = Buffer.from([0x80, 0x02, 0x7d, 0x2e]);
    const r = model('legacy.pth', Buffer.concat([magic, protocol, sysInfo, m.backdooredStateDictPickle(), Buffer.alloc(64, 0x00)]));
    expect(r.format).toBe('pytorch-legacy');
    expect(r.problems[0]).toBe('imports subprocess.check_output: loading it can run commands or code');
    expect(r.problems).toHaveLength(1);
  });

  it('steps over the arrays joblib writes inside its pickle, and keeps reading after them', () => {
    const clean = model('clf.joblib', m.joblibModel());
    expect(clean.format).toBe('joblib');
    expect(clean.problems).toEqual([]);
    expect(clean.globals.map((g) => `${g.module}.${g.name}:${g.safety}`)).toEqual([
      'sklearn.linear_model._logistic.LogisticRegression:unknown',
      'joblib.numpy_pickle.NumpyArrayWrapper:safe',
      'numpy.ndarray:safe',
      'numpy.dtype:safe',
    ]);
    const after = model('bad.joblib', m.joblibModel(Buffer.concat([m.op.unicode('hook'), m.op.global('builtins', 'exec'), m.op.unicode('print(1)'), m.op.tuple1, m.op.reduce])));
    expect(after.globals.filter((g) => g.safety === 'dangerous').map((g) => g.name)).toEqual(['exec']);
  });

  it('inflates a zlib-compressed joblib file', () => {
    const r = model('clf.joblib.z', deflateSync(m.joblibModel()));
    expect(r.format).toBe('joblib');
    expect(r.facts.compression).toBe('zlib');
    expect(r.globals).toHaveLength(4);
  });

  it('checks a safetensors header', () => {
    expect(model('m.safetensors', m.safetensors())).toMatchObject({ format: 'safetensors', facts: { tensors: 1, dtypes: ['F32'], metadata: ['format'] }, problems: [] });
    const bad = model('bad.safetensors', m.safetensors({ a: { dtype: 'F32', shape: [2], data_offsets: [0, 8] }, b: { dtype: 'Q9', shape: [2], data_offsets: [4, 64] } }, 16));
    expect(bad.problems).toEqual(['tensor b: unknown dtype "Q9"', 'tensor b: data ends at 64, past the 16 bytes of data', 'tensors a and b overlap']);
  });

  it('reads an ONNX model, and flags operators of a custom domain', () => {
    expect(model('m.onnx', m.onnx())).toMatchObject({ format: 'onnx', facts: { irVersion: 8, producer: 'pytorch', producerVersion: '2.3.1', opsets: ['ai.onnx 17'] }, problems: [] });
    const custom = model('c.onnx', m.onnx({ customDomain: 'com.acme.ops' }));
    expect(custom.facts.customDomains).toEqual(['com.acme.ops']);
    expect(custom.problems[0]).toMatch(/custom operator library/);
  });

  it('reads a GGUF header and notes its chat template', () => {
    expect(model('m.gguf', m.gguf())).toMatchObject({ format: 'gguf', facts: { version: 3, tensors: 0, architecture: 'llama', chatTemplate: true }, problems: [] });
  });

  it('finds Lambda layers in a Keras HDF5 model configuration', () => {
    const r = model('m.h5', m.kerasH5WithLambda());
    expect(r.format).toBe('keras-h5');
    expect(r.facts).toEqual({ className: 'Sequential', lambdaLayers: ['lambda_1'] });
    expect(r.problems).toEqual(['Lambda layers (lambda_1) run Python code when the model loads']);
  });

  it('reads a Keras v3 archive and a NumPy file of objects', () => {
    const keras = model('m.keras', m.zip({ 'metadata.json': Buffer.from('{}'), 'config.json': Buffer.from(JSON.stringify({ class_name: 'Functional', config: { layers: [{ class_name: 'Lambda', config: { name: 'l' } }] } })), 'model.weights.h5': Buffer.alloc(8) }));
    expect(keras).toMatchObject({ format: 'keras-zip', facts: { lambdaLayers: ['l'] } });
    const header = "{'descr': '|O', 'fortran_order': False, 'shape': (1,), }";
    const npy = Buffer.concat([Buffer.from('\x93NUMPY\x01\x00', 'latin1'), Buffer.from([header.length, 0]), Buffer.from(header), m.osSystemPickle()]);
    expect(model('a.npy', npy)).toMatchObject({ format: 'numpy', facts: { dtype: '|O', pickled: true, dangerousGlobals: 1 } });
    const npz = model('arrays.npz', m.zip({ 'labels.npy': npy }));
    expect(npz).toMatchObject({ format: 'numpy-zip', globals: [{ module: 'os', name: 'system', safety: 'dangerous' }] });
    expect(npz.problems).toContain('labels.npy: an array of Python objects, stored as a pickle');
  });

  it('says nothing about files that are no model', () => {
    expect(scan('photo.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]))).toBeNull();
    expect(scan('tiny', Buffer.from('abc'))).toBeNull();
    expect(scan('docs.zip', m.zip({ 'README.md': Buffer.from('# hi') }))).toBeNull();
  });

  it('reports a damaged pickle as a problem of the file, not an error', () => {
    const r = model('cut.pkl', m.osSystemPickle().subarray(0, 12));
    expect(r.problems.at(-1)).toMatch(/^pickle stream at byte 0: /);
  });
});
