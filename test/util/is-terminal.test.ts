import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isTerminal } from '../../src/util/is-terminal.js';
import { repoRoot } from '../helpers/run-cli.js';

const source = join(repoRoot, 'src/util/is-terminal.ts');
const dir = mkdtempSync(join(tmpdir(), 'aithreat-terminal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function withFd(path: string, flags: string, check: (fd: number) => void): void {
  const fd = openSync(path, flags);
  try {
    check(fd);
  } finally {
    closeSync(fd);
  }
}

describe('isTerminal', () => {
  it('says no for a file, for /dev/null and for a descriptor that is not open', () => {
    withFd(join(dir, 'out.txt'), 'w', (fd) => expect(isTerminal(fd)).toBe(false));
    withFd('/dev/null', 'w', (fd) => expect(isTerminal(fd)).toBe(false));
    expect(isTerminal(987)).toBe(false);
  });

  it('says yes for a terminal', () => {
    // util-linux `script` gives the child a pseudo-terminal for stdin and stdout.
    const probe = `require('tsx/cjs'); process.stdout.write(String(require(${JSON.stringify(source)}).isTerminal(1)))`;
    const onTerminal = spawnSync('script', ['-qec', `${process.execPath} -e ${JSON.stringify(probe)}`, '/dev/null'], { encoding: 'utf8' });
    expect(onTerminal.stdout.trim()).toBe('true');
  });

  it('keeps the built CLI from loading node:tty when its output goes to /dev/null', () => {
    // A preloaded script reports the built-in modules the run loaded, on stderr, as it exits.
    const report = join(dir, 'report-modules.cjs');
    writeFileSync(report, `process.on('exit', () => require('node:fs').writeSync(2, '\\n' + JSON.stringify(process.moduleLoadList)));\n`);
    const run = spawnSync(process.execPath, ['--require', report, join(repoRoot, 'bin/aithreat.cjs'), 'assess', 'examples/fraud-detection.yaml', '--format', 'table'], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH ?? '', NODE_DISABLE_COMPILE_CACHE: '1' },
      encoding: 'utf8',
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const modules = JSON.parse(run.stderr.trim().split('\n').at(-1)!) as string[];
    expect(modules).toContain('NativeModule vm');
    expect(modules).not.toContain('NativeModule tty');
  });
});
