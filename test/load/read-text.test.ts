import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readText } from '../../src/load/source.js';

const folder = mkdtempSync(join(tmpdir(), 'aithreat-read-'));

describe('readText', () => {
  it('reads a file whole, as UTF-8 without its byte-order mark', () => {
    const path = join(folder, 'project.yaml');
    const text = `project:\n  name: Zürich — ${'x'.repeat(20_000)}\n`;
    writeFileSync(path, `\ufeff${text}`);
    expect(readText(path, 'project.yaml')).toEqual({ text });
  });

  it('reads an empty file as empty text', () => {
    const path = join(folder, 'empty.yaml');
    writeFileSync(path, '');
    expect(readText(path, 'empty.yaml')).toEqual({ text: '' });
  });

  it('reads a pipe, which reports no size, to its end', () => {
    const path = join(folder, 'pipe.yaml');
    expect(spawnSync('mkfifo', [path]).status).toBe(0);
    const text = `project: { name: piped }\n${'# comment\n'.repeat(10_000)}`;
    const writer = spawn(process.execPath, ['-e', `require('fs').writeFileSync(${JSON.stringify(path)}, ${JSON.stringify(text)})`]);
    expect(readText(path, 'pipe.yaml')).toEqual({ text });
    writer.kill();
  });

  it.each([
    ['a folder', () => { const p = join(folder, 'dir'); mkdirSync(p); return p; }, 'is a directory, not a file'],
    ['a missing file', () => join(folder, 'missing.yaml'), 'no such file'],
  ])('reports %s as one problem at 1:1', (_name, make, message) => {
    expect(readText(make(), 'f.yaml')).toEqual({ problem: { file: 'f.yaml', line: 1, column: 1, code: 'file-unreadable', message } });
  });
});
