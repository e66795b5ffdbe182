import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileAtomic } from '../../src/files/create-file.js';

describe('createFileAtomic', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'aithreat-write-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates a file and leaves no temporary file behind', () => {
    expect(createFileAtomic(join(dir, 'a.yaml'), 'x\n', { overwrite: false })).toEqual({ ok: true });
    expect(readdirSync(dir)).toEqual(['a.yaml']);
    expect(readFileSync(join(dir, 'a.yaml'), 'utf8')).toBe('x\n');
  });

  it('refuses to replace a file unless told to', () => {
    writeFileSync(join(dir, 'a.yaml'), 'old\n');
    expect(createFileAtomic(join(dir, 'a.yaml'), 'new\n', { overwrite: false })).toMatchObject({ ok: false, reason: 'exists' });
    expect(readFileSync(join(dir, 'a.yaml'), 'utf8')).toBe('old\n');
    expect(createFileAtomic(join(dir, 'a.yaml'), 'new\n', { overwrite: true })).toEqual({ ok: true });
    expect(readFileSync(join(dir, 'a.yaml'), 'utf8')).toBe('new\n');
    expect(readdirSync(dir)).toEqual(['a.yaml']);
  });

  it('makes the folders that are missing', () => {
    expect(createFileAtomic(join(dir, 'missing', 'deeper', 'a.yaml'), 'x', { overwrite: false })).toEqual({ ok: true });
    expect(readdirSync(join(dir, 'missing', 'deeper'))).toEqual(['a.yaml']);
  });

  it('fails cleanly when a folder on the way is a file', () => {
    writeFileSync(join(dir, 'file'), 'x');
    expect(createFileAtomic(join(dir, 'file', 'a.yaml'), 'x', { overwrite: false })).toMatchObject({ ok: false, reason: 'error', message: expect.stringMatching(/^cannot write .*a\.yaml: /) });
    expect(readdirSync(dir)).toEqual(['file']);
  });
});
