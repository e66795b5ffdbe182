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

  it('creates missing folders and leaves no temporary file', async () => {
    await writeFileAtomic(join(dir, 'a', 'b', 'report.md'), 'text');
    expect(readFileSync(join(dir, 'a', 'b', 'report.md'), 'utf8')).toBe('text');
    expect(readdirSync(join(dir, 'a', 'b'))).toEqual(['report.md']);
  });

  it('replaces an existing file whole', async () => {
    writeFileSync(join(dir, 'r.json'), 'old');
    await writeFileAtomic(join(dir, 'r.json'), 'new');
    expect(readFileSync(join(dir, 'r.json'), 'utf8')).toBe('new');
  });

  it('fails without leaving anything behind when the target is a folder', async () => {
    await expect(writeFileAtomic(dir, 'x')).rejects.toThrow();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('fails when part of the path is a file, and says so', async () => {
    writeFileSync(join(dir, 'file'), 'x');
    let error: unknown;
    try {
      await writeFileAtomic(join(dir, 'file', 'r.md'), 'text');
    } catch (e) {
      error = e;
    }
    expect(writeErrorReason(error)).toBe('part of the path is a file, not a folder');
    expect(readdirSync(dir)).toEqual(['file']);
  });
});
