import { discoverLimits } from '../limits.js';
import type { ByteStream } from '../read.js';

/**
 * A GGUF header: version, tensor count and the metadata entries, of which the architecture, the
 * name and whether a chat template is present are kept. A chat template is a Jinja template that
 * runtimes render: code of a kind, worth a look when the file comes from outside.
 */
export function readGguf(input: ByteStream): { facts: Record<string, string | number | boolean>; problems: string[] } {
  const need = (n: number) => {
    const b = input.bytes(n);
    if (!b) throw new Error('the header is cut short');
    return b;
  };
  const u32 = () => need(4).readUInt32LE(0);
  const u64 = () => Number(need(8).readBigUInt64LE(0));
  const facts: Record<string, string | number | boolean> = {};
  try {
    need(4);
    const version = u32();
    facts.version = version;
    if (version < 2 || version > 3) return { facts, problems: [`GGUF version ${version} is not read (2 and 3 are)`] };
    facts.tensors = u64();
    const count = u64();
    if (count > discoverLimits.maxGgufEntries) return { facts, problems: [`${count} metadata entries; more than the limit of ${discoverLimits.maxGgufEntries}`] };
    const str = (keep: boolean): string => {
      const n = u64();
      if (!keep || n > 1024) {
        if (!input.skip(n)) throw new Error('a string runs past the end');
        return '';
      }
      return need(n).toString('utf8');
    };
    const sizes: Record<number, number> = { 0: 1, 1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 4, 7: 1, 10: 8, 11: 8, 12: 8 };
    const skipValue = (type: number, depth: number): void => {
      if (type === 8) str(false);
      else if (type === 9) {
        const inner = u32();
        const n = u64();
        if (depth > 3) throw new Error('arrays nested too deep');
        if (sizes[inner] !== undefined) {
          if (!input.skip(n * sizes[inner]!)) throw new Error('an array runs past the end');
        } else for (let i = 0; i < n; i++) skipValue(inner, depth + 1);
      } else if (sizes[type] !== undefined) need(sizes[type]!);
      else throw new Error(`unknown value type ${type}`);
    };
    for (let i = 0; i < count; i++) {
      const key = str(true);
      const type = u32();
      if ((key === 'general.architecture' || key === 'general.name') && type === 8) facts[key.slice('general.'.length)] = str(true);
      else if (key === 'tokenizer.chat_template') {
        facts.chatTemplate = true;
        skipValue(type, 0);
      } else skipValue(type, 0);
    }
    return { facts, problems: [] };
  } catch (error) {
    return { facts, problems: [(error as Error).message] };
  }
}
