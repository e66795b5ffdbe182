import { discoverLimits } from '../limits.js';
import type { RegularFile } from '../../load/read-file.js';

const dtypes = new Set(['BOOL', 'U8', 'I8', 'F8_E5M2', 'F8_E4M3', 'F8_E8M0', 'F4', 'F6_E2M3', 'F6_E3M2', 'I16', 'U16', 'F16', 'BF16', 'I32', 'U32', 'F32', 'F64', 'I64', 'U64', 'C64']);

/** Whether the first bytes look like safetensors: an 8-byte header length, then a JSON object. */
export function looksLikeSafetensors(head: Buffer, size: number): boolean {
  if (head.length < 10) return false;
  const n = Number(head.readBigUInt64LE(0));
  return n >= 2 && n <= discoverLimits.maxSafetensorsHeader && n + 8 <= size && head[8] === 0x7b;
}

/**
 * Checks a safetensors header the way its loaders do before trusting it: valid JSON, each tensor
 * with a known dtype, a shape of whole numbers, and data offsets that stay inside the file, in
 * order and without overlap. The format holds no code; a bad header is still worth a look.
 */
export function checkSafetensors(file: RegularFile): { facts: Record<string, string | number | string[]>; problems: string[] } {
  const size = file.size;
  const length = Number(file.readAt(0, 8).readBigUInt64LE(0));
  const problems: string[] = [];
  let header: unknown;
  try {
    header = JSON.parse(file.readAt(8, length).toString('utf8'));
  } catch {
    return { facts: {}, problems: ['the header is not valid JSON'] };
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) return { facts: {}, problems: ['the header is not a JSON object'] };
  const dataLength = size - 8 - length;
  const spans: [number, number, string][] = [];
  const seen = new Set<string>();
  let metadata: string[] = [];
  for (const [name, entry] of Object.entries(header as Record<string, unknown>)) {
    if (name === '__metadata__') {
      metadata = Object.keys(entry as object ?? {}).sort();
      continue;
    }
    const t = entry as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
    if (typeof t !== 'object' || t === null) {
      problems.push(`tensor ${name}: not an object`);
      continue;
    }
    if (typeof t.dtype !== 'string' || !dtypes.has(t.dtype)) problems.push(`tensor ${name}: unknown dtype ${JSON.stringify(t.dtype)}`);
    else seen.add(t.dtype);
    if (!Array.isArray(t.shape) || !t.shape.every((d) => Number.isInteger(d) && d >= 0)) problems.push(`tensor ${name}: shape is not a list of whole numbers`);
    const offsets = t.data_offsets;
    if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every((o) => Number.isInteger(o) && o >= 0) || offsets[0] > offsets[1]) {
      problems.push(`tensor ${name}: data_offsets is not [begin, end]`);
      continue;
    }
    if (offsets[1] > dataLength) problems.push(`tensor ${name}: data ends at ${offsets[1]}, past the ${dataLength} bytes of data`);
    spans.push([offsets[0], offsets[1], name]);
    if (problems.length > 20) break;
  }
  spans.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  for (let i = 1; i < spans.length; i++) {
    if (spans[i]![0] < spans[i - 1]![1]) problems.push(`tensors ${spans[i - 1]![2]} and ${spans[i]![2]} overlap`);
    if (problems.length > 20) break;
  }
  return { facts: { tensors: spans.length, dtypes: [...seen].sort(), ...(metadata.length > 0 ? { metadata } : {}) }, problems };
}
