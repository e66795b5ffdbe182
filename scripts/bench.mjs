#!/usr/bin/env node
// `npm run bench`: start-up and scaling of the built CLI, as medians and ratios to `node -e 0`
// measured in the same run on the same machine. Not part of `npm test`: no test asserts time.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateInputs } from './bench-inputs.mjs';
import { discoverCases } from './bench-discover.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin', 'aithreat.cjs');
const quick = process.argv.includes('--quick');
const work = mkdtempSync(join(tmpdir(), 'aithreat-bench-'));
const timeBin = '/usr/bin/time';

/** Runs a command once; wall time in ms and peak RSS in KiB (from GNU time when present). */
function once(argv) {
  const useTime = spawnSync(timeBin, ['--version']).status === 0;
  const cmd = useTime ? timeBin : argv[0];
  const args = useTime ? ['-f', '%M', ...argv] : argv.slice(1);
  const start = process.hrtime.bigint();
  const result = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 1 << 30 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0 && result.status !== 1) throw new Error(`${argv.join(' ')} exited ${result.status}: ${result.stderr.slice(0, 500)}`);
  const rssKiB = useTime ? Number(result.stderr.trim().split('\n').at(-1)) : NaN;
  return { ms, rssKiB };
}

/** The value below which a fraction q of the values lie (linear interpolation). */
function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  return sorted[low] + (sorted[Math.min(low + 1, sorted.length - 1)] - sorted[low]) * (at - low);
}
const median = (values) => quantile(values, 0.5);

/**
 * Interleaves the cases run by run, so that a busy moment of the machine hits all of them alike.
 * Each case's ratio to the first case (the baseline) is taken within each round and the median of
 * those paired ratios is reported: this machine's speed drifts by a fifth over minutes, and a
 * ratio of two medians taken minutes apart would carry that drift.
 */
function measure(cases, runs, warmups) {
  const samples = new Map(cases.map((c) => [c.name, []]));
  for (let i = 0; i < warmups + runs; i++) {
    for (const c of cases) {
      const sample = once(c.argv);
      if (i >= warmups) samples.get(c.name).push(sample);
    }
  }
  const base = samples.get(cases[0].name);
  return new Map([...samples].map(([name, list]) => {
    const ratios = list.map((s, i) => s.ms / base[i].ms);
    return [name, {
      ms: median(list.map((s) => s.ms)),
      spread: [quantile(list.map((s) => s.ms), 0.25), quantile(list.map((s) => s.ms), 0.75)],
      ratio: median(ratios),
      rssKiB: Math.max(...list.map((s) => s.rssKiB)),
    }];
  }));
}

const inputs = generateInputs(work, root);
const node = process.execPath;
const aithreat = (...args) => [node, bin, ...args];
const startup = [
  { name: 'node -e 0 (baseline)', argv: [node, '-e', '0'] },
  { name: 'aithreat --version', argv: aithreat('--version'), target: { ratio: 1.2 } },
  { name: `aithreat assess ${inputs.largestName} --format table`, argv: aithreat('assess', inputs.largest, '--format', 'table', '--as-of', '2026-11-25'), target: { ratio: 1.6 } },
  { name: `aithreat validate ${inputs.largestName}`, argv: aithreat('validate', inputs.largest), target: { ratio: 1.6 } },
];
const scale = [
  // Many projects in one run is a CI job, which writes SARIF; the JSON of 1,000 projects is 80 MB.
  { name: 'assess 1,000 example-sized projects (sarif)', argv: aithreat('assess', inputs.manyDir, '--format', 'sarif', '--as-of', '2026-11-25'), target: { ms: 2000 } },
  { name: 'assess 1,000 example-sized projects (json)', argv: aithreat('assess', inputs.manyDir, '--format', 'json', '--as-of', '2026-11-25') },
  { name: 'assess 1,000 data sets (100 suppliers, 10 envs)', argv: aithreat('assess', inputs.big1k, '--format', 'json', '--as-of', '2026-11-25') },
  { name: 'assess 10,000 data sets (1,000 suppliers, 100 envs)', argv: aithreat('assess', inputs.big10k, '--format', 'json', '--as-of', '2026-11-25'), target: { ms: 1500, rssMiB: 200 } },
  ...discoverCases(work, aithreat),
];

const startupResults = measure(startup, quick ? 5 : 41, 3);
const scaleResults = measure(scale, quick ? 1 : 5, 1);
const baseline = startupResults.get(startup[0].name).ms;
const rows = [];
let failed = 0;
for (const c of [...startup, ...scale]) {
  const r = startupResults.get(c.name) ?? scaleResults.get(c.name);
  // Start-up cases ran in the same rounds as the baseline; the scale cases are compared to its median.
  const ratio = startupResults.has(c.name) ? r.ratio : r.ms / baseline;
  const checks = [];
  if (c.target?.ratio) checks.push(ratio <= c.target.ratio ? `ok (<= ${c.target.ratio}x)` : `MISSED (> ${c.target.ratio}x)`);
  if (c.target?.ms) checks.push(r.ms < c.target.ms ? `ok (< ${c.target.ms} ms)` : `MISSED (>= ${c.target.ms} ms)`);
  if (c.target?.rssMiB) checks.push(r.rssKiB / 1024 < c.target.rssMiB ? `ok (< ${c.target.rssMiB} MiB)` : `MISSED (>= ${c.target.rssMiB} MiB)`);
  failed += checks.filter((s) => s.startsWith('MISSED')).length;
  rows.push([c.name, r.ms.toFixed(1), `${r.spread[0].toFixed(0)}-${r.spread[1].toFixed(0)}`, `${ratio.toFixed(2)}x`, Number.isNaN(r.rssKiB) ? 'n/a' : (r.rssKiB / 1024).toFixed(1), checks.join(', ') || '-']);
}
const growth = scaleResults.get(scale[3].name).ms / scaleResults.get(scale[2].name).ms;
const growthOk = growth <= 12;
if (!growthOk) failed++;
rows.push(['growth: 10,000 / 1,000 data sets', '-', '-', `${growth.toFixed(2)}x`, '-', growthOk ? 'ok (<= 12x)' : 'MISSED (> 12x)']);

const header = ['case', 'median ms', 'middle half ms', 'vs node -e 0', 'peak RSS MiB', 'target'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
console.log(`node ${process.version}, ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; ${quick ? 'quick run' : 'startup: 41 rounds after 3 warm-ups, ratios paired by round; scale: 5 runs after 1'}`);
console.log(line(header));
console.log(line(widths.map((w) => '-'.repeat(w))));
for (const r of rows) console.log(line(r));
rmSync(work, { recursive: true, force: true });
if (failed > 0) console.log(`\n${failed} target(s) missed`);
