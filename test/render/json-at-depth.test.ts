import { describe, expect, it } from 'vitest';
import { jsonAtDepth } from '../../src/render/json-at-depth.js';

describe('jsonAtDepth', () => {
  const values: unknown[] = [
    { a: 1, b: [1, 2, { c: 'line\nbreak "quoted"' }], d: {}, e: [], f: null },
    { only: 'one' },
    [{ x: [[]] }],
    'a string',
    42,
  ];
  for (const depth of [0, 1, 2, 4]) {
    it(`writes a value as it stands ${depth} levels into a document stringified whole`, () => {
      for (const value of values) {
        const alone = JSON.stringify(value, null, 2);
        const indent = ' '.repeat(2 * depth);
        // What a document stringified whole holds at that depth, less the first line's indent.
        expect(jsonAtDepth(value, depth)).toBe(alone.replaceAll('\n', `\n${indent}`));
      }
    });
  }
});
