import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openRegularFile, ReadBudgetExceeded, readFileBytes } from '../../src/load/read-file.js';
import { readScope, workingDirectoryScope } from '../../src/load/read-scope.js';
import { readText } from '../../src/load/source.js';

const folder = realpathSync(mkdtempSync(join(tmpdir(), 'aithreat-read-')));
const scope = workingDirectoryScope(folder);

describe('readText', () => {
  it('reads a file whole, as UTF-8 without its byte-order mark', () => {
    const path = join(folder, 'project.yaml');
    const text = `project:\n  name: Zürich — ${'x'.repeat(20_000)}\n`;
    writeFileSync(path, `\ufeff${text}`);
    expect(readText(path, 'project.yaml', scope)).toEqual({ text });
  });

  it('reads an empty file as empty text', () => {
    const path = join(folder, 'empty.yaml');
    writeFileSync(path, '');
    expect(readText(path, 'empty.yaml', scope)).toEqual({ text: '' });
  });

  it('refuses a FIFO without opening it, so that no writer is waited for', () => {
    const path = join(folder, 'pipe.yaml');
    expect(spawnSync('mkfifo', [path]).status).toBe(0);
    expect(readText(path, 'pipe.yaml', scope)).toEqual({
      problem: { file: 'pipe.yaml', line: 1, column: 1, code: 'file-unreadable', message: 'is a FIFO (named pipe), not a regular file; aithreat reads only regular files' },
    });
  });

  it.each([
    ['a folder', () => { const p = join(folder, 'dir'); mkdirSync(p); return p; }, 'is a directory, not a file'],
    ['a missing file', () => join(folder, 'missing.yaml'), 'no such file'],
    ['a link to itself', () => { const p = join(folder, 'loop.yaml'); symlinkSync('loop.yaml', p); return p; }, 'has too many levels of symbolic links'],
  ])('reports %s as one problem at 1:1', (_name, make, message) => {
    expect(readText(make(), 'f.yaml', scope)).toEqual({ problem: { file: 'f.yaml', line: 1, column: 1, code: 'file-unreadable', message } });
  });
});

describe('readFileBytes', () => {
  it('cuts a file of /proc that reports size 0 and never ends at the limit, while reading it', () => {
    // /proc/self/pagemap is a regular file of size 0 with 8 bytes per page of the address space:
    // terabytes if read to its end. Before the limit was kept while reading, this read never ended.
    const read = readFileBytes('/proc/self/pagemap', 'pagemap.yaml', { roots: ['/'], followSymlinks: false });
    expect(read).toEqual({ problem: { file: 'pagemap.yaml', line: 1, column: 1, code: 'file-too-large', message: 'file grew while it was read; the limit is 10485760 bytes (10 MiB)' }, refusal: 'too-large' });
  });

  it('refuses a link out of the scope by its real path, and follows it when the scope says so', () => {
    const inside = join(folder, 'inside');
    mkdirSync(inside);
    writeFileSync(join(folder, 'outside.yaml'), 'secret: 1\n');
    symlinkSync('../outside.yaml', join(inside, 'link.yaml'));
    expect(readFileBytes(join(inside, 'link.yaml'), 'link.yaml', workingDirectoryScope(inside))).toEqual({
      problem: {
        file: 'link.yaml',
        line: 1,
        column: 1,
        code: 'file-unreadable',
        message: `leads through a symbolic link to ${join(folder, 'outside.yaml')}, outside the working directory; aithreat follows such links only with --follow-symlinks`,
      },
      refusal: 'outside',
    });
    expect(readFileBytes(join(inside, 'link.yaml'), 'link.yaml', workingDirectoryScope(inside, true))).toEqual({ bytes: Buffer.from('secret: 1\n') });
  });

  it("keeps a reader's own limit, and refuses a link itself under noFollow even inside the scope", () => {
    const path = join(folder, 'notebook.ipynb');
    writeFileSync(path, 'x'.repeat(2000));
    expect(readFileBytes(path, 'notebook.ipynb', scope, { maxBytes: 1000 })).toEqual({
      problem: { file: 'notebook.ipynb', line: 1, column: 1, code: 'file-too-large', message: 'file is 2000 bytes; the limit is 1000 bytes' },
      refusal: 'too-large',
    });
    symlinkSync('notebook.ipynb', join(folder, 'alias.ipynb'));
    expect(readFileBytes(join(folder, 'alias.ipynb'), 'alias.ipynb', scope)).toEqual({ bytes: Buffer.from('x'.repeat(2000)) });
    expect(readFileBytes(join(folder, 'alias.ipynb'), 'alias.ipynb', scope, { noFollow: true })).toEqual({
      problem: { file: 'alias.ipynb', line: 1, column: 1, code: 'file-unreadable', message: 'is a symbolic link, not followed' },
      refusal: 'symlink',
    });
  });
});

describe('openRegularFile', () => {
  it('reads by range within the size the file had when opened, and stops a reader past its budget', () => {
    const path = join(folder, 'model.bin');
    writeFileSync(path, Buffer.from('0123456789'));
    const opened = openRegularFile(path, 'model.bin', scope, { noFollow: true, budget: 12 });
    if ('problem' in opened) throw new Error(opened.problem.message);
    const file = opened.file;
    try {
      expect(file.size).toBe(10);
      expect(file.head(4).toString()).toBe('0123');
      // Bytes written after the open are not read: the file is read as it was.
      writeFileSync(path, Buffer.from('0123456789abcdef'));
      expect(file.readAt(8, 100).toString()).toBe('89');
      expect(file.readAt(20, 5).length).toBe(0);
      expect(() => file.readAt(0, 10)).toThrow(ReadBudgetExceeded);
    } finally {
      file.close();
    }
  });

  it('refuses a FIFO and a device before opening them, as every read does', () => {
    const fifo = join(folder, 'weights.pt');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    expect(openRegularFile(fifo, 'weights.pt', scope, { budget: 1 })).toEqual({
      problem: { file: 'weights.pt', line: 1, column: 1, code: 'file-unreadable', message: 'is a FIFO (named pipe), not a regular file; aithreat reads only regular files' },
      refusal: 'not-regular',
    });
    expect(openRegularFile('/dev/zero', 'zero.bin', { roots: ['/'], followSymlinks: false }, { budget: 1 })).toMatchObject({ refusal: 'not-regular' });
  });
});

describe('readScope', () => {
  const cwd = join(folder, 'scope', 'repo');
  mkdirSync(cwd, { recursive: true });
  writeFileSync(join(cwd, 'aithreat.yaml'), '');
  const other = join(folder, 'scope', 'other');
  mkdirSync(other, { recursive: true });

  it('is the working directory, plus each folder named on the command line outside it', () => {
    expect(readScope(cwd, ['aithreat.yaml', '.', 'sub/x.yaml']).roots).toEqual([cwd]);
    expect(readScope(cwd, [join(other, 'x.yaml')]).roots).toEqual([cwd, other]);
    expect(readScope(cwd, [other]).roots).toEqual([cwd, other]);
    expect(readScope(cwd, ['../other/**/*.yaml']).roots).toEqual([cwd, other]);
    expect(readScope(cwd, ['../**/*.yaml']).roots).toEqual([cwd, join(folder, 'scope')]);
  });

  it('uses real paths, so a working directory reached through a link still contains its files', () => {
    symlinkSync(cwd, join(folder, 'scope', 'alias'));
    expect(readScope(join(folder, 'scope', 'alias'), ['aithreat.yaml']).roots).toEqual([cwd]);
  });
});

describe('isInside', () => {
  it('a folder whose name starts with two dots is inside; the parent is not', async () => {
    const { isInside } = await import('../../src/load/read-scope.js');
    expect(isInside('/repo/..cache/x.yaml', '/repo')).toBe(true);
    expect(isInside('/repo', '/repo')).toBe(true);
    expect(isInside('/repo-other/x.yaml', '/repo')).toBe(false);
    expect(isInside('/x.yaml', '/repo')).toBe(false);
  });
});
