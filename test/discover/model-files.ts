/**
 * Model files for the discover tests, written at test time byte by byte, as the formats'
 * specifications lay them out: nothing is ever produced by running a pickle or a framework.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const latin1 = (s: string) => Buffer.from(s, 'latin1');
const u8 = (n: number) => Buffer.from([n]);
const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
};
const u64 = (n: number | bigint) => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(BigInt(n));
  return b;
};

/** Pickle opcodes, as Python's pickletools names them. */
export const op = {
  proto: (n: number) => Buffer.from([0x80, n]),
  global: (module: string, name: string) => latin1(`c${module}\n${name}\n`),
  unicode: (s: string) => {
    const b = Buffer.from(s, 'utf8');
    return b.length < 256 ? Buffer.concat([u8(0x8c), u8(b.length), b]) : Buffer.concat([u8(0x58), u32(b.length), b]);
  },
  binunicode: (s: string) => Buffer.concat([u8(0x58), u32(Buffer.byteLength(s)), Buffer.from(s)]),
  int1: (n: number) => Buffer.from([0x4b, n]),
  stackGlobal: u8(0x93),
  memoize: u8(0x94),
  mark: u8(0x28),
  tuple: u8(0x74),
  tuple1: u8(0x85),
  tuple2: u8(0x86),
  tuple3: u8(0x87),
  emptyTuple: u8(0x29),
  emptyDict: u8(0x7d),
  reduce: u8(0x52),
  newobj: u8(0x81),
  build: u8(0x62),
  setitem: u8(0x73),
  setitems: u8(0x75),
  binpersid: u8(0x51),
  newtrue: u8(0x88),
  newfalse: u8(0x89),
  none: u8(0x4e),
  stop: u8(0x2e),
};

const pickle = (...parts: Buffer[]) => Buffer.concat(parts);

/** `collections.OrderedDict(epochs=3, label="positive")`: only allow-listed globals. */
export function harmlessPickle(): Buffer {
  return pickle(op.proto(4), op.unicode('collections'), op.unicode('OrderedDict'), op.stackGlobal, op.emptyTuple, op.reduce, op.mark, op.unicode('epochs'), op.int1(3), op.unicode('label'), op.unicode('positive'), op.setitems, op.stop);
}

/** What `pickle.dumps` makes of an object whose `__reduce__` returns `(os.system, ("echo pwned",))`. */
export function osSystemPickle(): Buffer {
  return pickle(op.proto(4), op.unicode('os'), op.memoize, op.unicode('system'), op.memoize, op.stackGlobal, op.unicode('echo pwned'), op.tuple1, op.reduce, op.stop);
}

/** The same in protocol 0, which has no header: `cos\nsystem\n(S'echo pwned'\ntR.` */
export function osSystemPickleProtocol0(): Buffer {
  return latin1("cos\nsystem\n(S'echo pwned'\ntR.");
}

/** A PyTorch state dict's data.pkl: one float tensor `weight` of shape (2, 2), its storage a persistent id. */
export function stateDictPickle(extra: Buffer = Buffer.alloc(0)): Buffer {
  return pickle(
    op.proto(2), op.global('collections', 'OrderedDict'), op.emptyTuple, op.reduce,
    op.mark, op.binunicode('weight'),
    op.global('torch._utils', '_rebuild_tensor_v2'),
    op.mark,
    op.mark, op.binunicode('storage'), op.global('torch', 'FloatStorage'), op.binunicode('0'), op.binunicode('cpu'), op.int1(4), op.tuple, op.binpersid,
    op.int1(0), op.int1(2), op.int1(2), op.tuple2, op.int1(2), op.int1(1), op.tuple2, op.newfalse,
    op.global('collections', 'OrderedDict'), op.emptyTuple, op.reduce,
    op.tuple, op.reduce,
    extra,
    op.setitems, op.stop,
  );
}

/** A state dict with one more entry whose value is `subprocess.check_output(["id"])` when loaded. */
export function backdooredStateDictPickle(): Buffer {
  return stateDictPickle(pickle(op.binunicode('hook'), op.global('subprocess', 'check_output'), op.mark, op.binunicode('id'), op.tuple, op.tuple1, op.reduce));
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A zip archive with stored (uncompressed) entries, as torch.save writes them. */
export function zip(entries: Record<string, Buffer>): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of Object.entries(entries)) {
    const nameBytes = Buffer.from(name);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(20, 6);
    header.writeUInt32LE(crc, 16);
    header.writeUInt32LE(data.length, 20);
    header.writeUInt32LE(data.length, 24);
    header.writeUInt16LE(nameBytes.length, 28);
    header.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    central.push(header, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** What torch.save writes since PyTorch 1.6: a zip of `<name>/data.pkl`, `<name>/version` and the storages. */
export function pytorchZip(dataPkl: Buffer, name = 'sentiment'): Buffer {
  return zip({ [`${name}/data.pkl`]: dataPkl, [`${name}/version`]: Buffer.from('3\n'), [`${name}/data/0`]: Buffer.alloc(16) });
}

/** A safetensors file: an 8-byte header length, the JSON header, then the tensor bytes. */
export function safetensors(header: object = { __metadata__: { format: 'pt' }, weight: { dtype: 'F32', shape: [2, 2], data_offsets: [0, 16] } }, dataBytes = 16): Buffer {
  let json = JSON.stringify(header);
  while ((json.length + 8) % 8 !== 0) json += ' ';
  return Buffer.concat([u64(Buffer.byteLength(json)), Buffer.from(json), Buffer.alloc(dataBytes)]);
}

function varint(n: number): Buffer {
  const out: number[] = [];
  do {
    out.push((n & 0x7f) | (n > 0x7f ? 0x80 : 0));
    n >>>= 7;
  } while (n > 0);
  return Buffer.from(out);
}
const field = (number: number, value: Buffer | string | number): Buffer =>
  typeof value === 'number' ? Buffer.concat([varint(number << 3), varint(value)]) : Buffer.concat([varint((number << 3) | 2), varint(Buffer.byteLength(value)), Buffer.from(value)]);

/** An ONNX ModelProto with one Relu node (or an operator of a custom domain). */
export function onnx(options: { customDomain?: string } = {}): Buffer {
  const node = Buffer.concat([field(1, 'x'), field(2, 'y'), field(4, options.customDomain ? 'FastGelu' : 'Relu'), ...(options.customDomain ? [field(7, options.customDomain)] : [])]);
  const graph = Buffer.concat([field(1, node), field(2, 'main')]);
  return Buffer.concat([field(1, 8), field(2, 'pytorch'), field(3, '2.3.1'), field(7, graph), field(8, field(2, 17))]);
}

/** A GGUF v3 header with an architecture and a chat template, and no tensors. */
export function gguf(): Buffer {
  const str = (s: string) => Buffer.concat([u64(Buffer.byteLength(s)), Buffer.from(s)]);
  const kv = (key: string, value: string) => Buffer.concat([str(key), u32(8), str(value)]);
  return Buffer.concat([Buffer.from('GGUF'), u32(3), u64(0), u64(2), kv('general.architecture', 'llama'), kv('tokenizer.chat_template', '{% for m in messages %}{{ m.content }}{% endfor %}')]);
}

/**
 * What joblib.dump writes for a scikit-learn model with one NumPy array: the pickle, the array's
 * wrapper, then an alignment byte, padding and the array's 24 raw bytes in the middle of the
 * stream, then the rest of the pickle. `after` goes after the array, inside the same stream.
 */
export function joblibModel(after: Buffer = Buffer.alloc(0)): Buffer {
  const dtype = pickle(op.global('numpy', 'dtype'), op.unicode('f8'), op.newfalse, op.newtrue, op.tuple3, op.reduce, op.mark, op.int1(3), op.unicode('<'), op.none, op.none, op.none, op.int1(0xff), op.int1(0xff), op.int1(0), op.tuple, op.build);
  const wrapperState = pickle(
    op.emptyDict, op.mark,
    op.unicode('subclass'), op.global('numpy', 'ndarray'),
    op.unicode('shape'), op.int1(3), op.tuple1,
    op.unicode('order'), op.unicode('C'),
    op.unicode('dtype'), dtype,
    op.unicode('allow_mmap'), op.newfalse,
    op.unicode('numpy_array_alignment_bytes'), op.int1(16),
    op.setitems,
  );
  // Bytes that would read as opcodes (GLOBAL os system) if a reader did not step over the array.
  const array = Buffer.concat([Buffer.from([3, 0xff, 0xff, 0xff]), latin1('cos\nsystem\n'), Buffer.alloc(13, 0x2e)]);
  return pickle(
    op.proto(4), op.global('sklearn.linear_model._logistic', 'LogisticRegression'), op.emptyTuple, op.newobj,
    op.emptyDict, op.mark, op.unicode('C'), op.int1(1), op.unicode('coef_'),
    op.global('joblib.numpy_pickle', 'NumpyArrayWrapper'), op.emptyTuple, op.newobj, wrapperState, op.build,
    array,
    after,
    op.setitems, op.build, op.stop,
  );
}

/** The HDF5 signature followed by a Keras `model_config` with a Lambda layer (the rest of HDF5's structure is not needed by discover). */
export function kerasH5WithLambda(): Buffer {
  const config = JSON.stringify({ class_name: 'Sequential', config: { name: 'sequential', layers: [{ class_name: 'Lambda', config: { name: 'lambda_1', function: ['4wEAAAAAAAAAAAAAAAEAAAACAAAAQwAAAHMIAAAAdABkAYMBUwApAk4=', null, null] } }, { class_name: 'Dense', config: { name: 'dense', units: 2 } }] } }).replace(/":/g, '": ').replace(/,"/g, ', "');
  return Buffer.concat([Buffer.from([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(512), Buffer.from(config), Buffer.alloc(256)]);
}

/** Writes the model files of the fixture repository into a copy of it. */
export function writeFixtureModels(root: string): void {
  const write = (path: string, bytes: Buffer) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), bytes);
  };
  write('models/sentiment.pt', pytorchZip(stateDictPickle()));
  write('models/sentiment.safetensors', safetensors());
  write('models/sentiment.onnx', onnx());
  write('models/sentiment-q4.gguf', gguf());
  write('artifacts/label_encoder.pkl', harmlessPickle());
  write('artifacts/baseline.joblib', joblibModel());
  write('artifacts/reviewer-gift.pkl', osSystemPickle());
}
