import { gunzipSync, inflateSync, constants as zlibConstants } from 'node:zlib';
import { discoverLimits } from '../limits.js';
import type { ReadScope } from '../../load/read-scope.js';
import type { RegularFile } from '../../load/read-file.js';
import { BufferStream, ByteStream, openModelFile } from '../read.js';
import type { FindingDetails, ModelFileFormat, NoticeCode } from '../types.js';
import { checkSafetensors, looksLikeSafetensors } from './safetensors.js';
import { readGguf } from './gguf.js';
import { kerasConfigInHdf5, lambdaLayers } from './keras.js';
import { looksLikeOnnx, readOnnx } from './onnx.js';
import { GlobalCollector, scanPickles } from './pickle.js';
import { openZipEntry, readZipDirectory } from './zip.js';

export type ModelScan = FindingDetails['model-file'];

/** Names under which pickles without a protocol header (protocols 0 and 1) are looked for. */
const pickleExtensions = ['.pkl', '.pickle', '.p', '.pt', '.pth', '.bin', '.ckpt', '.joblib', '.sav', '.dat', '.model', '.pck', '.pcl', '.dill'];
const torchLegacyMagic = Buffer.from([0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19]);
const hdf5Magic = Buffer.from([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * Looks at a file's bytes and, when they are a model format, reads what loading it would do.
 * Null when the file is no model. Only headers and pickle opcodes are read; a 10 GB file of
 * zeros costs one read of 64 bytes. The file is opened through the shared reader
 * (src/load/read-file.ts), which refuses what is not a regular file inside `scope` and bounds the
 * bytes read from it.
 */
export function scanModelFile(path: string, file: string, name: string, scope: ReadScope): ModelScan | null | { code: NoticeCode; message: string } {
  const opened = openModelFile(path, file, scope);
  if ('code' in opened) return opened;
  const model = opened.file;
  const size = model.size;
  try {
    if (size < 8) return null;
    const head = model.head(64);
    const result = (format: ModelFileFormat, extra: Partial<ModelScan> = {}): ModelScan => ({ format, bytes: size, globals: [], facts: {}, problems: [], ...extra });
    if (head.readUInt32LE(0) === 0x04034b50) return scanZip(model, result);
    if (head[0] === 0x80 && head[1]! >= 2 && head[1]! <= 5) return pickleFile(new ByteStream(model, 0, size), head.subarray(2).indexOf(torchLegacyMagic) === 0 ? 'pytorch-legacy' : 'pickle', result);
    if (head.subarray(0, 8).equals(hdf5Magic)) {
      const config = kerasConfigInHdf5(model);
      if (!config) return result('hdf5');
      const lambdas = lambdaLayers(config);
      return result('keras-h5', { facts: { className: String((config as { class_name?: unknown }).class_name ?? ''), ...(lambdas.length > 0 ? { lambdaLayers: lambdas } : {}) }, problems: lambdas.length > 0 ? [`Lambda layers (${lambdas.join(', ')}) run Python code when the model loads`] : [] });
    }
    if (head.subarray(0, 4).toString('latin1') === 'GGUF') return result('gguf', readGguf(new ByteStream(model, 0, size)));
    if (head.subarray(0, 6).equals(Buffer.from('\x93NUMPY', 'latin1'))) return numpyFile(new ByteStream(model, 0, size), result('numpy'));
    if (looksLikeSafetensors(head, size)) return result('safetensors', checkSafetensors(model));
    if ((head[0] === 0x1f && head[1] === 0x8b) || (head[0] === 0x78 && ((head[0] << 8) | head[1]!) % 31 === 0)) return compressedPickle(model, head, result);
    if (looksLikeOnnx(head)) {
      const onnx = readOnnx(new ByteStream(model, 0, size));
      if (onnx) return result('onnx', onnx);
    }
    if ('(c]}'.includes(String.fromCharCode(head[0]!)) && pickleExtensions.some((e) => name.toLowerCase().endsWith(e))) {
      const collector = new GlobalCollector();
      const scan = scanPickles(new ByteStream(model, 0, size), collector, { multi: true });
      if (scan.streams > 0) return finishPickle(result('pickle'), collector, scan.problems);
    }
    return null;
  } finally {
    model.close();
  }
}

type Make = (format: ModelFileFormat, extra?: Partial<ModelScan>) => ModelScan;

function finishPickle(scan: ModelScan, collector: GlobalCollector, problems: string[]): ModelScan {
  const dangerous = collector.globals.filter((g) => g.safety === 'dangerous');
  const unknown = collector.globals.filter((g) => g.safety === 'unknown');
  const notes = [...problems];
  if (dangerous.length > 0) notes.unshift(`imports ${dangerous.map((g) => `${g.module}.${g.name}`).join(', ')}: loading it can run commands or code`);
  if (collector.truncated) notes.push(`more than ${discoverLimits.maxGlobals} globals; the rest were not listed`);
  return { ...scan, globals: [...scan.globals, ...collector.globals], facts: { ...scan.facts, dangerousGlobals: dangerous.length, unknownGlobals: unknown.length }, problems: [...scan.problems, ...notes] };
}

function pickleFile(input: ByteStream, format: ModelFileFormat, result: Make): ModelScan {
  const collector = new GlobalCollector();
  const scan = scanPickles(input, collector, { multi: true });
  const joblib = collector.globals.some((g) => g.name === 'NumpyArrayWrapper');
  return finishPickle(result(joblib && format === 'pickle' ? 'joblib' : format), collector, scan.problems);
}

/** joblib's compressed files (zlib or gzip) hold a pickle; other compressed files are not models. */
function compressedPickle(file: RegularFile, head: Buffer, result: Make): ModelScan | null {
  const size = file.size;
  const gzip = head[0] === 0x1f;
  const inflate = (bytes: Buffer, options: object) => (gzip ? gunzipSync(bytes, options) : inflateSync(bytes, options));
  let start: Buffer;
  try {
    start = inflate(file.head(4096), { finishFlush: zlibConstants.Z_SYNC_FLUSH });
  } catch {
    return null;
  }
  if (!(start[0] === 0x80 && start[1]! >= 2 && start[1]! <= 5)) return null;
  if (size > discoverLimits.maxInflatedBytes) return result('joblib', { problems: [`compressed pickle of ${size} bytes; larger than the limit, not read`] });
  let whole: Buffer;
  try {
    whole = inflate(file.readAt(0, size), { maxOutputLength: discoverLimits.maxInflatedBytes });
  } catch {
    return result('joblib', { problems: [`inflates to more than ${discoverLimits.maxInflatedBytes} bytes, or is damaged; not read`] });
  }
  const scan = pickleFile(new BufferStream(whole), 'joblib', result);
  return { ...scan, format: 'joblib', facts: { ...scan.facts, compression: gzip ? 'gzip' : 'zlib' } };
}

/** A .npy file: an array of Python objects is stored as a pickle after the header. */
function numpyFile(input: ByteStream, scan: ModelScan): ModelScan {
  const head = input.bytes(8);
  if (!head) return { ...scan, problems: ['the header is cut short'] };
  const major = head[6]!;
  const lengthBytes = input.bytes(major === 1 ? 2 : 4);
  if (!lengthBytes) return { ...scan, problems: ['the header is cut short'] };
  const length = major === 1 ? lengthBytes.readUInt16LE(0) : lengthBytes.readUInt32LE(0);
  const header = length <= 65_536 ? input.bytes(length)?.toString('latin1') : undefined;
  if (header === undefined) return { ...scan, problems: ['the header is cut short or too long'] };
  const descr = /'descr':\s*'([^']*)'/.exec(header)?.[1] ?? '';
  if (!descr.includes('O')) return { ...scan, facts: { dtype: descr } };
  const collector = new GlobalCollector();
  const pickled = scanPickles(input, collector, { multi: false });
  return finishPickle({ ...scan, facts: { dtype: descr, pickled: true }, problems: ['an array of Python objects, stored as a pickle: numpy.load needs allow_pickle=True'] }, collector, pickled.problems);
}

function scanZip(file: RegularFile, result: Make): ModelScan | null {
  const directory = readZipDirectory(file);
  if (!directory) return null;
  const names = directory.entries.map((e) => e.name);
  const pickles = directory.entries.filter((e) => e.name.endsWith('.pkl'));
  const problems = directory.problem ? [directory.problem] : [];
  if (pickles.some((e) => e.name.endsWith('data.pkl') || e.name.endsWith('constants.pkl'))) {
    const collector = new GlobalCollector();
    for (const entry of pickles) {
      const stream = openZipEntry(file, entry);
      if (typeof stream === 'string') problems.push(stream);
      else problems.push(...scanPickles(stream, collector, { multi: false }).problems.map((p) => `${entry.name}: ${p}`));
    }
    const torchscript = names.some((n) => n.includes('/code/') || n.startsWith('code/'));
    return finishPickle(result('pytorch-zip', { facts: { entries: names.length, pickles: pickles.map((e) => e.name), ...(torchscript ? { torchscript: true } : {}) } }), collector, problems);
  }
  const config = directory.entries.find((e) => e.name === 'config.json');
  if (config && names.some((n) => n.endsWith('.weights.h5') || n === 'metadata.json')) {
    const stream = openZipEntry(file, config);
    if (typeof stream === 'string') return result('keras-zip', { problems: [stream] });
    const text = stream.bytes(Math.min(stream.remaining, 64 * 1024 * 1024))?.toString('utf8') ?? '';
    let lambdas: string[] = [];
    try {
      lambdas = lambdaLayers(JSON.parse(text));
    } catch {
      problems.push('config.json is not valid JSON');
    }
    return result('keras-zip', { facts: lambdas.length > 0 ? { lambdaLayers: lambdas } : {}, problems: [...problems, ...(lambdas.length > 0 ? [`Lambda layers (${lambdas.join(', ')}) run Python code when the model loads (Keras refuses them in safe mode, the default)`] : [])] });
  }
  if (directory.entries.length > 0 && names.every((n) => n.endsWith('.npy'))) {
    const collector = new GlobalCollector();
    const notes: string[] = [...problems];
    for (const entry of directory.entries) {
      const stream = openZipEntry(file, entry);
      if (typeof stream === 'string') {
        notes.push(stream);
        continue;
      }
      const inner = numpyFile(stream, result('numpy'));
      if (inner.facts.pickled) {
        notes.push(`${entry.name}: an array of Python objects, stored as a pickle`);
        for (const g of inner.globals) collector.add(g.module, g.name);
      }
    }
    return finishPickle(result('numpy-zip', { facts: { arrays: names.length } }), collector, notes);
  }
  return null;
}
