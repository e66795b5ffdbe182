import { discoverLimits } from '../limits.js';
import type { ByteStream } from '../read.js';
import type { PickleGlobal } from '../types.js';
import { gradeGlobal } from './pickle-globals.js';

/**
 * A reader of pickle opcodes that never unpickles: it follows the pickle machine's stack with
 * stand-in values, far enough to know the module and name of every global the stream imports
 * (GLOBAL, INST, and STACK_GLOBAL fed by strings or by the memo) and the size of joblib's
 * in-line arrays, which it then steps over. Nothing is constructed and no callable is called.
 */

type Val =
  | { t: 'str'; v: string }
  | { t: 'int'; v: number }
  | { t: 'tuple'; items: Val[] }
  | { t: 'dict'; entries: Map<string, Val> }
  | { t: 'global'; name: string }
  | { t: 'obj'; of: string; args: Val | null; state: Val | null }
  | { t: 'other' };

const other: Val = { t: 'other' };
const MARK = Symbol('mark');

export interface PickleScan {
  globals: PickleGlobal[];
  problems: string[];
  /** How many pickle streams were read (a legacy PyTorch file holds several in a row). */
  streams: number;
}

class PickleError extends Error {}

/** Arguments of the opcodes that are read and dropped: their length in bytes. */
const fixedArgs: Record<number, number> = {
  0x4a: 4, 0x4b: 1, 0x4d: 2, 0x68: 1, 0x6a: 4, 0x71: 1, 0x72: 4, 0x47: 8, 0x80: 1, 0x82: 1, 0x83: 2, 0x84: 4, 0x95: 8,
};

export class GlobalCollector {
  readonly globals: PickleGlobal[] = [];
  private readonly seen = new Set<string>();
  truncated = false;

  add(module: string, name: string): void {
    const key = `${module}\n${name}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    if (this.globals.length >= discoverLimits.maxGlobals) {
      this.truncated = true;
      return;
    }
    this.globals.push({ module, name, safety: gradeGlobal(module, name) });
  }
}

/**
 * Reads pickle streams from `input` until it ends or what follows is not a pickle. `multi`
 * reads streams one after another (legacy PyTorch files, joblib); otherwise one stream.
 */
export function scanPickles(input: ByteStream, collector: GlobalCollector, options: { multi: boolean }): { problems: string[]; streams: number } {
  const problems: string[] = [];
  let streams = 0;
  while (input.remaining > 0) {
    const start = input.position;
    const first = input.byte();
    input.position = start;
    if (streams > 0 && first !== 0x80) break;
    try {
      scanOne(input, collector);
      streams++;
    } catch (error) {
      if (!(error instanceof PickleError)) throw error;
      if (streams === 0 || !options.multi) problems.push(`pickle stream at byte ${start}: ${error.message}`);
      break;
    }
    if (!options.multi) break;
  }
  return { problems, streams };
}

function scanOne(input: ByteStream, collector: GlobalCollector): void {
  const stack: (Val | typeof MARK)[] = [];
  const memo = new Map<number, Val>();
  let opcodes = 0;
  const push = (v: Val | typeof MARK) => {
    if (stack.length >= 1_000_000) throw new PickleError('more than 1,000,000 values on the stack; reading stopped');
    stack.push(v);
  };
  const pop = (): Val => {
    const v = stack.pop();
    if (v === undefined) throw new PickleError('stack underflow: not a valid pickle');
    return v === MARK ? other : v;
  };
  const popToMark = (): Val[] => {
    const items: Val[] = [];
    for (;;) {
      const v = stack.pop();
      if (v === undefined) throw new PickleError('MARK missing: not a valid pickle');
      if (v === MARK) return items.reverse();
      items.push(v);
    }
  };
  const top = (): Val | undefined => {
    const v = stack[stack.length - 1];
    return v === MARK ? undefined : v;
  };
  const need = (n: number): Buffer => {
    const bytes = input.bytes(n);
    if (!bytes) throw new PickleError(`cut short at byte ${input.position}`);
    return bytes;
  };
  const uint = (n: 1 | 2 | 4 | 8): number => {
    const b = need(n);
    return n === 1 ? b[0]! : n === 2 ? b.readUInt16LE(0) : n === 4 ? b.readUInt32LE(0) : Number(b.readBigUInt64LE(0));
  };
  const line = (): string => {
    const chars: number[] = [];
    for (;;) {
      const b = input.byte();
      if (b < 0) throw new PickleError('cut short inside a text argument');
      if (b === 0x0a) return Buffer.from(chars).toString('latin1');
      if (chars.length >= 64 * 1024) throw new PickleError('a text argument longer than 64 KiB: not a pickle');
      chars.push(b);
    }
  };
  /** A string argument of n bytes: kept when short enough to be a module or key name, passed over otherwise. */
  const text = (n: number, encoding: 'utf8' | 'latin1'): Val => {
    if (n > 4096) {
      if (!input.skip(n)) throw new PickleError(`cut short: a string of ${n} bytes runs past the end`);
      return other;
    }
    return { t: 'str', v: need(n).toString(encoding) };
  };
  const skipBytes = (n: number): Val => {
    if (!input.skip(n)) throw new PickleError(`cut short: ${n} bytes declared past the end`);
    return other;
  };
  const global = (module: string, name: string): Val => {
    collector.add(module, name);
    return { t: 'global', name: `${module}.${name}` };
  };

  for (;;) {
    if (++opcodes > discoverLimits.maxPickleOpcodes) throw new PickleError(`more than ${discoverLimits.maxPickleOpcodes} opcodes; reading stopped`);
    const op = input.byte();
    if (op < 0) throw new PickleError('ends without STOP');
    switch (op) {
      case 0x2e: // STOP
        return;
      case 0x28: // MARK
        push(MARK);
        break;
      case 0x30: // POP
        stack.pop();
        break;
      case 0x31: // POP_MARK
        popToMark();
        break;
      case 0x32: // DUP
        push(top() ?? other);
        break;
      case 0x46: // FLOAT
      case 0x4c: // LONG
      case 0x50: // PERSID
        line();
        push(other);
        break;
      case 0x49: { // INT
        const v = line();
        push(v === '01' || v === '00' ? other : { t: 'int', v: Number(v) });
        break;
      }
      case 0x4a: // BININT
        push({ t: 'int', v: need(4).readInt32LE(0) });
        break;
      case 0x4b: // BININT1
        push({ t: 'int', v: uint(1) });
        break;
      case 0x4d: // BININT2
        push({ t: 'int', v: uint(2) });
        break;
      case 0x8a: { // LONG1
        const n = uint(1);
        const b = need(n);
        push(n > 0 && n <= 6 ? { t: 'int', v: b.readIntLE(0, n) } : other);
        break;
      }
      case 0x8b: // LONG4
        push(skipBytes(uint(4)));
        break;
      case 0x4e: // NONE
      case 0x88: // NEWTRUE
      case 0x89: // NEWFALSE
      case 0x7d: // EMPTY_DICT
        push(op === 0x7d ? { t: 'dict', entries: new Map() } : other);
        break;
      case 0x5d: // EMPTY_LIST
      case 0x8f: // EMPTY_SET
        push(other);
        break;
      case 0x29: // EMPTY_TUPLE
        push({ t: 'tuple', items: [] });
        break;
      case 0x51: // BINPERSID
        pop();
        push(other);
        break;
      case 0x53: { // STRING: a quoted repr
        const raw = line();
        push({ t: 'str', v: raw.slice(1, -1) });
        break;
      }
      case 0x56: // UNICODE
        push({ t: 'str', v: line() });
        break;
      case 0x54: // BINSTRING
        push(text(uint(4), 'latin1'));
        break;
      case 0x55: // SHORT_BINSTRING
        push(text(uint(1), 'latin1'));
        break;
      case 0x58: // BINUNICODE
        push(text(uint(4), 'utf8'));
        break;
      case 0x8c: // SHORT_BINUNICODE
        push(text(uint(1), 'utf8'));
        break;
      case 0x8d: // BINUNICODE8
        push(text(uint(8), 'utf8'));
        break;
      case 0x42: // BINBYTES
        push(skipBytes(uint(4)));
        break;
      case 0x43: // SHORT_BINBYTES
        push(skipBytes(uint(1)));
        break;
      case 0x8e: // BINBYTES8
      case 0x96: // BYTEARRAY8
        push(skipBytes(uint(8)));
        break;
      case 0x97: // NEXT_BUFFER
        push(other);
        break;
      case 0x98: // READONLY_BUFFER
        break;
      case 0x61: // APPEND
        pop();
        break;
      case 0x65: // APPENDS
      case 0x90: // ADDITEMS
        popToMark();
        break;
      case 0x64: { // DICT
        const items = popToMark();
        const entries = new Map<string, Val>();
        for (let i = 0; i + 1 < items.length; i += 2) if (items[i]!.t === 'str') entries.set((items[i] as { v: string }).v, items[i + 1]!);
        push({ t: 'dict', entries });
        break;
      }
      case 0x73: { // SETITEM
        const v = pop();
        const k = pop();
        const d = top();
        if (d?.t === 'dict' && k.t === 'str') d.entries.set(k.v, v);
        break;
      }
      case 0x75: { // SETITEMS
        const items = popToMark();
        const d = top();
        if (d?.t === 'dict') for (let i = 0; i + 1 < items.length; i += 2) if (items[i]!.t === 'str') d.entries.set((items[i] as { v: string }).v, items[i + 1]!);
        break;
      }
      case 0x6c: // LIST
      case 0x91: // FROZENSET
        popToMark();
        push(other);
        break;
      case 0x74: // TUPLE
        push({ t: 'tuple', items: popToMark() });
        break;
      case 0x85: // TUPLE1
      case 0x86: // TUPLE2
      case 0x87: { // TUPLE3
        const n = op - 0x84;
        const items: Val[] = [];
        for (let i = 0; i < n; i++) items.unshift(pop());
        push({ t: 'tuple', items });
        break;
      }
      case 0x63: { // GLOBAL
        const module = line();
        push(global(module, line()));
        break;
      }
      case 0x69: { // INST
        const module = line();
        const name = line();
        const g = global(module, name);
        push({ t: 'obj', of: (g as { name: string }).name, args: { t: 'tuple', items: popToMark() }, state: null });
        break;
      }
      case 0x93: { // STACK_GLOBAL
        const name = pop();
        const module = pop();
        if (module.t === 'str' && name.t === 'str') push(global(module.v, name.v));
        else push(global('(computed)', '(a module or name that is not a plain string)'));
        break;
      }
      case 0x82: // EXT1
      case 0x83: // EXT2
      case 0x84: // EXT4
        push(global('(extension registry)', `code ${uint(fixedArgs[op] as 1 | 2 | 4)}`));
        break;
      case 0x52: { // REDUCE
        const args = pop();
        const callable = pop();
        push({ t: 'obj', of: callable.t === 'global' ? callable.name : '', args, state: null });
        break;
      }
      case 0x81: { // NEWOBJ
        const args = pop();
        const cls = pop();
        push({ t: 'obj', of: cls.t === 'global' ? cls.name : '', args, state: null });
        break;
      }
      case 0x92: { // NEWOBJ_EX
        pop();
        const args = pop();
        const cls = pop();
        push({ t: 'obj', of: cls.t === 'global' ? cls.name : '', args, state: null });
        break;
      }
      case 0x6f: { // OBJ
        const items = popToMark();
        const cls = items[0];
        push({ t: 'obj', of: cls?.t === 'global' ? cls.name : '', args: { t: 'tuple', items: items.slice(1) }, state: null });
        break;
      }
      case 0x62: { // BUILD
        const state = pop();
        const target = top();
        if (target?.t === 'obj') {
          target.state = state;
          if (target.of.endsWith('numpy_pickle.NumpyArrayWrapper')) skipJoblibArray(target, input, collector);
        }
        break;
      }
      case 0x70: { // PUT
        const index = Number(line());
        memoSet(memo, index, top());
        break;
      }
      case 0x71: // BINPUT
        memoSet(memo, uint(1), top());
        break;
      case 0x72: // LONG_BINPUT
        memoSet(memo, uint(4), top());
        break;
      case 0x94: // MEMOIZE
        memoSet(memo, memo.size, top());
        break;
      case 0x67: // GET
        push(memo.get(Number(line())) ?? other);
        break;
      case 0x68: // BINGET
        push(memo.get(uint(1)) ?? other);
        break;
      case 0x6a: // LONG_BINGET
        push(memo.get(uint(4)) ?? other);
        break;
      case 0x80: { // PROTO
        const protocol = uint(1);
        if (protocol > 5) throw new PickleError(`protocol ${protocol} is newer than any pickle reader knows`);
        break;
      }
      case 0x95: // FRAME
        uint(8);
        break;
      case 0x47: // BINFLOAT
        need(8);
        push(other);
        break;
      default:
        throw new PickleError(`unknown opcode 0x${op.toString(16).padStart(2, '0')} at byte ${input.position - 1}`);
    }
  }
}

function memoSet(memo: Map<number, Val>, index: number, value: Val | undefined): void {
  if (memo.size >= 1_000_000 && !memo.has(index)) throw new PickleError('more than 1,000,000 memo entries; reading stopped');
  memo.set(index, value ?? other);
}

const itemSizes: Record<string, number> = { b: 1, B: 1, '?': 1, h: 2, H: 2, e: 2, i: 4, I: 4, f: 4, l: 8, L: 8, q: 8, Q: 8, d: 8, g: 16, F: 8, D: 16, M: 8, m: 8 };

/**
 * joblib writes each NumPy array's bytes straight after the wrapper's BUILD, where the loader
 * reads them back: `shape` and `dtype` in the wrapper's state give their length, then an
 * alignment byte and padding (joblib 0.12 and later). Arrays of Python objects are a pickle of their own.
 */
function skipJoblibArray(wrapper: Extract<Val, { t: 'obj' }>, input: ByteStream, collector: GlobalCollector): void {
  const state = wrapper.state;
  if (state?.t !== 'dict') throw new PickleError('a joblib array without a readable state');
  const dtype = state.entries.get('dtype');
  const descr = dtype?.t === 'obj' && dtype.args?.t === 'tuple' && dtype.args.items[0]?.t === 'str' ? dtype.args.items[0].v : null;
  if (descr === null) throw new PickleError('a joblib array whose dtype cannot be read');
  if (descr.includes('O')) {
    scanOne(input, collector);
    return;
  }
  const shape = state.entries.get('shape');
  if (shape?.t !== 'tuple' || !shape.items.every((i) => i.t === 'int')) throw new PickleError('a joblib array whose shape cannot be read');
  const kind = descr.replace(/^[<>|=]/, '');
  const letter = kind[0] ?? '';
  const count = Number(kind.slice(1)) || 0;
  const itemSize = letter === 'U' ? 4 * count : letter === 'S' || letter === 'V' ? count : /^[a-zA-Z?]\d+$/.test(kind) ? count : (itemSizes[letter] ?? 0);
  if (itemSize <= 0) throw new PickleError(`a joblib array of dtype ${descr}, whose size is not known`);
  const length = shape.items.reduce((n, i) => n * (i as { v: number }).v, 1) * itemSize;
  if (state.entries.get('numpy_array_alignment_bytes')?.t === 'int') {
    const padding = input.byte();
    if (padding < 0 || !input.skip(padding)) throw new PickleError('cut short in a joblib array');
  }
  if (!input.skip(length)) throw new PickleError(`cut short: a joblib array of ${length} bytes runs past the end`);
}
