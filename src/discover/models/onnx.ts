import type { ByteStream } from '../read.js';

/** ONNX operator domains that every runtime implements; any other domain needs a custom operator library: code. */
const standardDomains = new Set(['', 'ai.onnx', 'ai.onnx.ml', 'ai.onnx.training', 'ai.onnx.preview.training', 'com.microsoft', 'com.microsoft.nchwc', 'com.microsoft.experimental', 'org.pytorch.aten']);

/** Whether the first bytes look like an ONNX ModelProto: field 1 (ir_version) as a small varint, then another known field. */
export function looksLikeOnnx(head: Buffer): boolean {
  return head.length >= 4 && head[0] === 0x08 && head[1]! >= 1 && head[1]! <= 20 && [0x12, 0x1a, 0x22, 0x28, 0x32, 0x3a, 0x42, 0x72].includes(head[2]!);
}

/**
 * Reads an ONNX model's protobuf without loading it: producer, IR version, operator sets, the
 * operator domains its graph uses (a custom domain means a custom operator library), and tensors
 * whose data lives in external files (their paths). Initialiser data is passed over, not read.
 */
export function readOnnx(input: ByteStream): { facts: Record<string, string | number | string[]>; problems: string[] } | null {
  const facts: Record<string, string | number | string[]> = {};
  const domains = new Set<string>();
  const external = new Set<string>();
  const opsets: string[] = [];
  const problems: string[] = [];
  const varint = (s: ByteStream): number => {
    let result = 0;
    let factor = 1;
    for (let i = 0; i < 10; i++) {
      const b = s.byte();
      if (b < 0) throw new Error('cut short');
      result += (b & 0x7f) * factor;
      if (b < 0x80) return result;
      factor *= 128;
    }
    throw new Error('a varint longer than 10 bytes');
  };
  /** Calls `on` for each field of a message that ends at `end`; skips the fields it does not take. */
  const fields = (s: ByteStream, end: number, on: (field: number, wire: number, length: number) => boolean) => {
    while (s.position < end) {
      const key = varint(s);
      const field = Math.floor(key / 8);
      const wire = key % 8;
      if (wire === 0) {
        const v = varint(s);
        on(field, wire, v);
      } else if (wire === 2) {
        const length = varint(s);
        if (s.position + length > end) throw new Error('a field runs past its message');
        const after = s.position + length;
        if (!on(field, wire, length)) s.position = after;
        if (s.position !== after) throw new Error('a message does not end where its length says');
      } else if (wire === 1) s.skip(8);
      else if (wire === 5) s.skip(4);
      else throw new Error(`wire type ${wire} is not used by ONNX`);
    }
  };
  const text = (s: ByteStream, length: number) => (length <= 4096 ? (s.bytes(length)?.toString('utf8') ?? '') : (s.skip(length), ''));
  const tensor = (s: ByteStream, end: number) =>
    fields(s, end, (f, w, length) => {
      if (f === 14 && w === 2) {
        // external_data: StringStringEntryProto { key = 1, value = 2 }
        let key = '';
        let value = '';
        fields(s, s.position + length, (ef, ew, el) => {
          if (ew !== 2) return false;
          if (ef === 1) key = text(s, el);
          else if (ef === 2) value = text(s, el);
          else return false;
          return true;
        });
        if (key === 'location') external.add(value);
        return true;
      }
      return false;
    });
  const graph = (s: ByteStream, end: number, depth: number): void => {
    if (depth > 16) throw new Error('subgraphs nested too deep');
    fields(s, end, (f, w, length) => {
      if (w !== 2) return false;
      if (f === 1) {
        fields(s, s.position + length, (nf, nw, nl) => {
          if (nw !== 2) return false;
          if (nf === 7) domains.add(text(s, nl));
          else if (nf === 5) {
            // attribute: subgraphs in g (6) and graphs (11)
            fields(s, s.position + nl, (af, aw, al) => {
              if (aw === 2 && (af === 6 || af === 11)) {
                graph(s, s.position + al, depth + 1);
                return true;
              }
              return false;
            });
          } else return false;
          return true;
        });
        return true;
      }
      if (f === 5) {
        tensor(s, s.position + length);
        return true;
      }
      return false;
    });
  };
  try {
    fields(input, input.end, (f, w, length) => {
      if (f === 1 && w === 0) facts.irVersion = length;
      else if (w !== 2) return false;
      else if (f === 2) facts.producer = text(input, length);
      else if (f === 3) facts.producerVersion = text(input, length);
      else if (f === 7) graph(input, input.position + length, 0);
      else if (f === 8) {
        let domain = '';
        let version = 0;
        fields(input, input.position + length, (of, ow, ol) => {
          if (of === 1 && ow === 2) domain = text(input, ol);
          else if (of === 2 && ow === 0) version = ol;
          else return false;
          return true;
        });
        opsets.push(`${domain || 'ai.onnx'} ${version}`);
      } else return false;
      return true;
    });
  } catch (error) {
    if (facts.irVersion === undefined || opsets.length === 0) return null;
    problems.push(`the protobuf is damaged: ${(error as Error).message}`);
  }
  if (facts.irVersion === undefined) return null;
  const custom = [...domains].filter((d) => !standardDomains.has(d)).sort();
  facts.opsets = opsets;
  if (custom.length > 0) {
    facts.customDomains = custom;
    problems.push(`operators from custom domains (${custom.join(', ')}) need a custom operator library, which is native code`);
  }
  const paths = [...external].sort();
  if (paths.length > 0) {
    facts.externalData = paths;
    const outside = paths.filter((p) => p.startsWith('/') || p.split(/[\\/]/).includes('..'));
    if (outside.length > 0) problems.push(`external data paths leave the model's folder: ${outside.join(', ')}`);
  }
  return { facts, problems };
}
