import type { GlobalSafety } from '../types.js';

/**
 * How a global that a pickle imports is graded, the way picklescan and modelscan do it: a
 * deny-list of modules and callables that reach the system (processes, files, the network, code
 * evaluation), an allow-list of what PyTorch, NumPy and the standard library need to rebuild
 * tensors and containers, and everything else unknown: code of some package runs when it loads.
 */
const dangerousModules = new Set([
  'os', 'posix', 'nt', 'subprocess', 'sys', 'socket', 'shutil', 'runpy', 'pty', 'commands', 'webbrowser', 'asyncio', 'bdb', 'pdb',
  'pickle', '_pickle', 'cPickle', 'marshal', 'ctypes', 'importlib', 'code', 'codeop', 'multiprocessing', 'signal', 'requests',
  'urllib', 'urllib2', 'http', 'httplib', 'aiohttp', 'ftplib', 'smtplib', 'telnetlib', 'pip', 'timeit', 'profile', 'cProfile',
  'trace', 'doctest', 'pydoc', 'venv', 'ensurepip', 'zipimport',
]);

const dangerousNames: Record<string, ReadonlySet<string>> = {
  builtins: new Set(['eval', 'exec', 'execfile', 'compile', 'open', 'getattr', 'setattr', 'delattr', '__import__', 'apply', 'breakpoint', 'globals', 'locals', 'vars', 'input', 'memoryview']),
  __builtin__: new Set(['eval', 'exec', 'execfile', 'compile', 'open', 'getattr', 'setattr', 'delattr', '__import__', 'apply', 'breakpoint', 'globals', 'locals', 'vars', 'input', 'file']),
  operator: new Set(['attrgetter', 'methodcaller', 'call']),
  types: new Set(['CodeType', 'FunctionType', 'LambdaType', 'MethodType', 'ModuleType']),
  functools: new Set(['partial', 'reduce']),
  'numpy.testing._private.utils': new Set(['runstring']),
  'dill._dill': new Set(['_create_code', '_create_function', '_create_type', '_import_module', '_load_type', '_get_attr']),
  'torch.storage': new Set(['_load_from_bytes']),
  'torch.serialization': new Set(['load']),
  'torch._inductor.codecache': new Set(['compile_file']),
};

const safeNames: Record<string, ReadonlySet<string>> = {
  collections: new Set(['OrderedDict', 'defaultdict', 'Counter', 'deque']),
  builtins: new Set(['set', 'frozenset', 'slice', 'range', 'complex', 'bytearray', 'bytes', 'int', 'float', 'str', 'list', 'dict', 'tuple', 'bool', 'object', 'NoneType', 'Ellipsis']),
  __builtin__: new Set(['set', 'frozenset', 'slice', 'xrange', 'complex', 'bytearray', 'int', 'long', 'float', 'str', 'unicode', 'list', 'dict', 'tuple', 'bool', 'object']),
  copyreg: new Set(['_reconstructor']),
  copy_reg: new Set(['_reconstructor']),
  _codecs: new Set(['encode']),
  datetime: new Set(['datetime', 'date', 'time', 'timedelta', 'timezone']),
  decimal: new Set(['Decimal']),
  fractions: new Set(['Fraction']),
  uuid: new Set(['UUID']),
  torch: new Set(['Size', 'device', 'dtype', 'layout', 'memory_format', 'float32', 'float16', 'bfloat16', 'float64', 'int64', 'int32', 'int16', 'int8', 'uint8', 'bool', 'complex64', 'complex128', 'strided', 'sparse_coo', 'contiguous_format', 'channels_last', 'per_tensor_affine', 'per_channel_affine']),
  'torch._utils': new Set(['_rebuild_tensor', '_rebuild_tensor_v2', '_rebuild_tensor_v3', '_rebuild_parameter', '_rebuild_parameter_with_state', '_rebuild_qtensor', '_rebuild_sparse_tensor', '_rebuild_device_tensor_from_numpy', '_rebuild_meta_tensor_no_storage', '_rebuild_wrapper_subclass', '_rebuild_nested_tensor']),
  'torch._tensor': new Set(['_rebuild_from_type_v2']),
  'torch.nn.parameter': new Set(['Parameter']),
  'torch.serialization': new Set(['_get_layout']),
  'numpy.core.multiarray': new Set(['_reconstruct', 'scalar']),
  'numpy._core.multiarray': new Set(['_reconstruct', 'scalar']),
  'numpy.core.numeric': new Set(['_frombuffer']),
  'numpy._core.numeric': new Set(['_frombuffer']),
  numpy: new Set(['ndarray', 'dtype', 'float32', 'float64', 'int64', 'int32', 'uint8', 'bool_']),
  'joblib.numpy_pickle': new Set(['NumpyArrayWrapper']),
  'sklearn.externals.joblib.numpy_pickle': new Set(['NumpyArrayWrapper']),
};

export function gradeGlobal(module: string, name: string): GlobalSafety {
  if (dangerousNames[module]?.has(name)) return 'dangerous';
  const top = module.split('.')[0]!;
  if (dangerousModules.has(module) || dangerousModules.has(top)) return 'dangerous';
  if (safeNames[module]?.has(name)) return 'safe';
  // Storage classes: torch.FloatStorage, torch.cuda.HalfStorage, torch.UntypedStorage.
  if ((module === 'torch' || module === 'torch.cuda') && name.endsWith('Storage')) return 'safe';
  return 'unknown';
}
