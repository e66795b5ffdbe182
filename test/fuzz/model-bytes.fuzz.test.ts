import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { scanModelFile } from '../../src/discover/models/index.js';
import { workingDirectoryScope } from '../../src/load/read-scope.js';

// Fuzzing target: the model-file readers of `aithreat discover` (pickle opcodes, zip, safetensors,
// GGUF, ONNX, HDF5, NumPy, compressed joblib) on bytes that start like each format. A reader may
// say a file is no model, or report problems, but never throw. Runs: AITHREAT_FUZZ_RUNS (default 200).

const runs = Number(process.env.AITHREAT_FUZZ_RUNS ?? 200);
const corpus = join(__dirname, 'corpus', 'model-bytes');
const dir = mkdtempSync(join(tmpdir(), 'aithreat-fuzz-models-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
function check(bytes: Uint8Array, name: string): void {
  const path = join(dir, `${n++}-${name}`);
  writeFileSync(path, bytes);
  const result = scanModelFile(path, name, name, workingDirectoryScope(dir));
  if (result !== null && !('code' in result)) {
    expect(result.bytes).toBe(bytes.length);
    expect(Array.isArray(result.problems)).toBe(true);
  }
}

const starts = ['80 04', '80 02 8a 0a 6c fc 9c 46 f9 20 6a a8 50 19', '50 4b 03 04', '47 47 55 46 03 00 00 00', '89 48 44 46 0d 0a 1a 0a', '93 4e 55 4d 50 59 01 00', '08 08 12', '78 9c', '1f 8b 08', '10 00 00 00 00 00 00 00 7b', '28 63', 'pickle:'].map((s) => (s === 'pickle:' ? Buffer.from('cos\nsystem\n(S', 'latin1') : Buffer.from(s.replaceAll(' ', ''), 'hex')));
const opcodes = fc.uint8Array({ maxLength: 400 }).map((b) => b.map((x) => [0x28, 0x2e, 0x52, 0x58, 0x62, 0x63, 0x71, 0x68, 0x75, 0x7d, 0x8c, 0x93, 0x94, 0x95, 0x8e, 0x85, 0x86, 0x87, 0x29, 0x4b, x][x % 21]!));

describe('fuzzing the model-file readers', () => {
  it.each(readdirSync(corpus).filter((f) => f.endsWith('.json')))('replays the seed %s', (file) => {
    check(Buffer.from((JSON.parse(readFileSync(join(corpus, file), 'utf8')) as { bytes: string }).bytes, 'base64'), 'seed.pkl');
  });

  it('never throws on bytes that start like a model format', () => {
    fc.assert(
      fc.property(fc.constantFrom(...starts), fc.oneof(fc.uint8Array({ maxLength: 400 }), opcodes), fc.constantFrom('m.pkl', 'm.bin', 'm.txt'), (start, rest, name) => check(Buffer.concat([start, rest]), name)),
      { numRuns: runs },
    );
  }, 60_000 + runs * 50);
});
