import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeErrorReason, writeFileAtomic } from '../../src/output/write-file.js';

describe('writeFileAtomic', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'aithreat-write-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates missing folders and leaves no temporary file', () => {
    writeFileAtomic(join(dir, 'a', 'b', 'report.md'), 'text');
    expect(readFileSync(join(dir, 'a', 'b', 'report.md'), 'utf8')).toBe('text');
    expect(readdirSync(join(dir, 'a', 'b'))).toEqual(['report.md']);
  });

  it('replaces an existing file whole', () => {
    writeFileSync(join(dir, 'r.json'), 'old');
    writeFileAtomic(join(dir, 'r.json'), 'new');
    expect(readFileSync(join(dir, 'r.json'), 'utf8')).toBe('new');
  });

  it('fails without leaving anything behind when the target is a folder', () => {
    expect(() => writeFileAtomic(dir, 'x')).toThrow();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('fails when part of the path is a file, and says so', () => {
    writeFileSync(join(dir, 'file'), 'x');
    let error: unknown;
    try {
      writeFileAtomic(join(dir, 'file', 'r.md'), 'text');
    } catch (e) {
      error = e;
    }
    expect(writeErrorReason(error)).toBe('part of the path is a file, not a folder');
    expect(readdirSync(dir)).toEqual(['file']);
  });
});
