import { describe, expect, it } from 'vitest';
import { forEachUtf8Chunk } from '../../src/util/utf8-chunks.js';

function encodeInChunks(text: string): { bytes: Buffer; chunks: number } {
  const parts: Buffer[] = [];
  forEachUtf8Chunk(text, (bytes) => {
    parts.push(Buffer.from(bytes));
  });
  return { bytes: Buffer.concat(parts), chunks: parts.length };
}

describe('forEachUtf8Chunk', () => {
  it.each([
    ['nothing', ''],
    ['ASCII', 'aithreat '.repeat(10_000)],
    ['two- and three-byte characters', 'Zürich — “quoted” 数据 '.repeat(5_000)],
    // 16,383 units of ASCII put the pair across the first slice's end.
    ['a surrogate pair across a slice boundary', `${'a'.repeat(16_383)}👍${'b'.repeat(20_000)}`],
    ['surrogate pairs only', '👨‍👩‍👧🏽'.repeat(20_000)],
  ])('gives the same bytes as Buffer.from for %s', (_name, text) => {
    const { bytes } = encodeInChunks(text);
    expect(bytes.equals(Buffer.from(text, 'utf8'))).toBe(true);
  });

  it('hands over a large text in pieces', () => {
    expect(encodeInChunks('x'.repeat(100_000)).chunks).toBeGreaterThan(1);
  });

  it('stops when the writer returns false', () => {
    let calls = 0;
    forEachUtf8Chunk('y'.repeat(100_000), () => {
      calls++;
      return false;
    });
    expect(calls).toBe(1);
  });
});
