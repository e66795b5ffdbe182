import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, watch, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { constants } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asOf, binPath, runCli, tempDir } from './helpers.js';

/**
 * One signal handler (SECURITY.md, "What aithreat writes"): SIGINT, SIGTERM or SIGHUP while a
 * report is being written removes this run's temporary file, leaves the old report as it was, and
 * ends the run by the same signal (so a shell sees 130, 143 or 129); and a run never removes a
 * temporary file of another run, which it cannot tell from an abandoned one (a process id means
 * nothing in another PID namespace or on another host sharing the folder).
 */

const work = tempDir('signals');
afterAll(() => work.remove());
const slowWrites = join(import.meta.dirname, 'slow-writes.cjs');

/** A valid project whose JSON report is about 3 MB: 3,000 public data sets, each with its facts. */
beforeAll(() => {
  const ids = Array.from({ length: 3000 }, (_, i) => `d-${i}`);
  const text = [
    'formatVersion: 1',
    'project: { name: Large report }',
    'models:',
    '  - { id: m, origin: trained-here }',
    'datasets:',
    ...ids.map((id) => `  - { id: ${id}, purpose: training, origin: public-internet }`),
    'training:',
    `  - { id: t, mode: from-scratch, model: m, datasets: [${ids.join(', ')}] }`,
    '',
  ].join('\n');
  writeFileSync(join(work.path, 'large.aithreat.yaml'), text);
});

const temporaries = (dir: string) => readdirSync(dir).filter((name) => name.endsWith('.tmp'));

/** Runs assess (writing slowly), sends `signal` once a temporary file appears in `out`, and waits for the end. */
function interrupt(signal: NodeJS.Signals, out: string): Promise<{ code: number | null; signal: NodeJS.Signals | null; sawTemporary: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--require', slowWrites, binPath(), 'assess', 'large.aithreat.yaml', '--as-of', asOf, '--format', `json=${join(out, 'report.json')}`], {
      cwd: work.path,
      stdio: 'ignore',
      env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' },
    });
    let sawTemporary = false;
    const watcher = watch(out, () => {
      if (sawTemporary || temporaries(out).length === 0) return;
      sawTemporary = true;
      child.kill(signal);
    });
    const guard = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('exit', (code, exitSignal) => {
      clearTimeout(guard);
      watcher.close();
      resolve({ code, signal: exitSignal, sawTemporary });
    });
  });
}

describe('an interrupt during a write', () => {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    it(`${signal}: the temporary file is removed, the old report stays whole, and the run ends by ${signal} (${128 + constants.signals[signal]})`, async () => {
      const out = join(work.path, signal);
      mkdirSync(out);
      writeFileSync(join(out, 'report.json'), 'the previous report\n');
      const result = await interrupt(signal, out);
      expect(result.sawTemporary, 'the run was interrupted while writing').toBe(true);
      expect(temporaries(out)).toEqual([]);
      expect(readFileSync(join(out, 'report.json'), 'utf8')).toBe('the previous report\n');
      expect(result.signal ?? result.code).toBe(result.signal ? signal : 128 + constants.signals[signal]);
    }, 90_000);
  }
});

describe('an interrupt while the projects are assessed', () => {
  it('removes the temporary file of the parts written so far, and leaves the old report', async () => {
    // Many projects, whose reports go to temporary files project by project: without slow writes,
    // the interrupt comes while projects are still being assessed.
    const projects = join(work.path, 'many');
    mkdirSync(projects);
    const example = readFileSync(join(import.meta.dirname, '..', '..', 'examples', 'fraud-detection.yaml'), 'utf8');
    for (let i = 0; i < 300; i++) writeFileSync(join(projects, `p${String(i).padStart(3, '0')}.aithreat.yaml`), example);
    const out = join(work.path, 'during');
    mkdirSync(out);
    writeFileSync(join(out, 'report.md'), 'the previous report\n');
    const result = await new Promise<{ code: number | null; signal: NodeJS.Signals | null; sawTemporary: boolean }>((resolve) => {
      const child = spawn(process.execPath, [binPath(), 'assess', 'many', '--as-of', asOf, '--format', `markdown=${join(out, 'report.md')}`], { cwd: work.path, stdio: 'ignore', env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' } });
      let sawTemporary = false;
      const watcher = watch(out, () => {
        if (sawTemporary || temporaries(out).length === 0) return;
        sawTemporary = true;
        child.kill('SIGINT');
      });
      const guard = setTimeout(() => child.kill('SIGKILL'), 60_000);
      child.on('exit', (code, signal) => {
        clearTimeout(guard);
        watcher.close();
        resolve({ code, signal, sawTemporary });
      });
    });
    expect(result.sawTemporary, 'the run was interrupted while its parts were written').toBe(true);
    expect(readdirSync(out)).toEqual(['report.md']);
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toBe('the previous report\n');
    expect(result.signal ?? result.code).toBe(result.signal ? 'SIGINT' : 130);
  }, 90_000);
});

describe('temporary files of other runs', () => {
  it('are never removed, whatever process id their name holds', async () => {
    const out = join(work.path, 'others');
    mkdirSync(out);
    // Names as another run writes them (now, and before the random names), with a process id that
    // is not running here: as a live run in another container looks from this one.
    const others = ['.report.json.0123456789abcdef.tmp', '.report.json.999999.deadbeef.tmp', '.report.json.1.deadbeef.tmp'];
    for (const name of others) writeFileSync(join(out, name), 'another run is writing this');
    const result = await runCli(['assess', 'large.aithreat.yaml', '--as-of', asOf, '--format', `json=${join(out, 'report.json')}`], { cwd: work.path });
    expect([result.code, result.stderr]).toEqual([1, '']);
    expect(temporaries(out).sort()).toEqual([...others].sort());
    for (const name of others) expect(readFileSync(join(out, name), 'utf8')).toBe('another run is writing this');
  }, 60_000);
});
