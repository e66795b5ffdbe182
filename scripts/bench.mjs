#!/usr/bin/env node
// `npm run bench`: start-up of the built CLI on every installed Node.js, each against `node -e 0`
// of the same Node.js in the same rounds, then the larger cases (scripts/bench-scale.mjs and the
// other case modules below) on the Node.js running the bench. Not part of `npm test`: no test
// asserts time. Exits 1 when a target is missed or a case fails. docs/performance.md tells how to
// read it and how long it takes.
//
//   npm run bench                 everything but the 100,000-project case
//   npm run bench -- --quick      fewer rounds and runs, for a first look
//   npm run bench -- --huge       with 100,000 projects of SARIF (or AITHREAT_BENCH_HUGE=1): about
//                                 90 s more and 2.5 GB of disk here
//   npm run bench -- --startup    start-up cases only; --scale: the larger cases only
//   npm run bench -- --lsp        the language server's latency only
//
// The Node.js versions: the one running the bench, and those that .ci/run installed (under
// AITHREAT_CI_NODE_CACHE, default .cache/node), or AITHREAT_BENCH_NODES, a colon-separated list
// of node binaries.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bigProjectFile, examples, projectsDir } from './bench-inputs.mjs';
import * as scaleCases from './bench-scale.mjs';
import * as discoverCases from './bench-discover.mjs';
import * as lspCases from './bench-lsp.mjs';

/**
 * Modules of larger cases, each exporting `cases(context)` (see bench-scale.mjs); add new ones here.
 * A module that measures from inside a process of its own (the language server's scripted editor)
 * also exports `measure(context)`, which returns rows of `{ name, ms, target? }`.
 */
const caseModules = [scaleCases, discoverCases, lspCases];

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin', 'aithreat.cjs');
const flags = new Set(process.argv.slice(2));
const quick = flags.has('--quick');
const huge = flags.has('--huge') || process.env.AITHREAT_BENCH_HUGE === '1';
const onlyLsp = flags.has('--lsp');
const runStartup = !flags.has('--scale') && !onlyLsp;
const runScale = !flags.has('--startup');
const work = mkdtempSync(join(tmpdir(), 'aithreat-bench-'));
const timeBin = spawnSync('/usr/bin/time', ['--version']).status === 0 ? '/usr/bin/time' : null;
const timeoutBin = spawnSync('timeout', ['--version']).status === 0 ? 'timeout' : null;

// Every run of aithreat gets a home of its own, so that its per-user code cache (docs/performance.md)
// starts empty and is what the warm-up runs make; a user's settings do not leak in.
const home = join(work, 'home');
mkdirSync(home);
const baseEnv = { ...process.env, NO_COLOR: '1', HOME: home };
for (const name of ['XDG_CACHE_HOME', 'NODE_COMPILE_CACHE', 'NODE_DISABLE_COMPILE_CACHE', 'NODE_OPTIONS', 'FORCE_COLOR']) delete baseEnv[name];

/**
 * Runs a command once: wall time in ms, peak RSS in KiB (from GNU time, of the process and what it
 * waited for), and how it ended. A case that exits with 2 or more, dies or runs out of time is a
 * failure to report, not a reason to stop the bench.
 */
function once(argv, { env = {}, timeoutS = 900 } = {}) {
  const stats = join(work, 'time.txt');
  const limited = timeoutBin ? [timeoutBin, '-k', '10', String(timeoutS), ...argv] : argv;
  const command = timeBin ? [timeBin, '-f', '%M', '-o', stats, ...limited] : limited;
  const start = process.hrtime.bigint();
  const result = spawnSync(command[0], command.slice(1), {
    cwd: root,
    env: { ...baseEnv, ...env },
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    ...(timeoutBin ? {} : { timeout: timeoutS * 1000 }),
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const rssKiB = timeBin && existsSync(stats) ? Number(readFileSync(stats, 'utf8').trim().split('\n').at(-1)) : NaN;
  rmSync(stats, { force: true });
  const status = result.status;
  const ok = status === 0 || status === 1;
  const firstError = (result.stderr ?? String(result.error ?? '')).split('\n').find((l) => l.trim() !== '') ?? '';
  const failure = ok ? null : status === 124 || result.error?.code === 'ETIMEDOUT' ? `timed out after ${timeoutS} s` : `exit ${status ?? result.signal}: ${firstError.slice(0, 120)}`;
  return { ms, rssKiB, failure };
}

/** The value below which a fraction q of the values lie (linear interpolation). */
function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  return sorted[low] + (sorted[Math.min(low + 1, sorted.length - 1)] - sorted[low]) * (at - low);
}

/**
 * Runs the cases round by round, interleaved, so that a busy moment of the machine hits all of
 * them alike; a case runs in the first `warmups + runs` rounds and only its last `runs` count.
 * A case's ratio to its baseline (`base`, a case of the same list) is taken within each round and
 * the median of those paired ratios is reported: this machine's speed drifts by a fifth over
 * minutes, and a ratio of two medians taken minutes apart would carry that drift. A case that
 * fails is not run again.
 */
function measure(cases, afterEach = () => {}) {
  const samples = new Map(cases.map((c) => [c, []]));
  const failures = new Map();
  const rounds = Math.max(...cases.map((c) => c.warmups + c.runs));
  for (let round = 0; round < rounds; round++) {
    for (const c of cases) {
      if (round >= c.warmups + c.runs || failures.has(c)) continue;
      const sample = once(c.argv, c);
      afterEach();
      if (sample.failure) failures.set(c, sample);
      else if (round >= c.warmups) samples.get(c).push({ ...sample, round });
    }
  }
  const results = new Map();
  for (const c of cases) {
    const list = samples.get(c);
    const failed = failures.get(c);
    if (failed || list.length === 0) {
      results.set(c, { failure: failed?.failure ?? 'no runs', rssKiB: failed?.rssKiB ?? NaN, ms: failed?.ms ?? NaN });
      continue;
    }
    const times = list.map((s) => s.ms);
    const base = c.base && samples.get(c.base);
    const ratios = base ? list.flatMap((s) => base.filter((b) => b.round === s.round).map((b) => s.ms / b.ms)) : [];
    results.set(c, {
      ms: quantile(times, 0.5),
      spread: [quantile(times, 0.25), quantile(times, 0.75)],
      ratio: ratios.length > 0 ? quantile(ratios, 0.5) : NaN,
      rssKiB: Math.max(...list.map((s) => s.rssKiB)),
    });
  }
  return results;
}

const mib = (kib) => (Number.isNaN(kib) ? 'n/a' : (kib / 1024).toFixed(1));
let missed = 0;
function check(ok, text) {
  if (!ok) missed++;
  return ok ? `ok (${text})` : `MISSED (${text.replace('<=', '>').replace('<', '>=')})`;
}

function printTable(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log(line(header));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const r of rows) console.log(line(r));
}

/** The node binaries to measure start-up on, one per version. */
function installedNodes() {
  const listed = process.env.AITHREAT_BENCH_NODES?.split(':').filter(Boolean);
  const candidates = listed ?? [process.execPath, ...ciNodes()];
  const byVersion = new Map();
  for (const node of candidates) {
    const probe = spawnSync(node, ['-p', 'process.version + " " + process.versions.v8'], { encoding: 'utf8' });
    if (probe.status !== 0) continue;
    const [version, v8] = probe.stdout.trim().split(' ');
    if (!byVersion.has(version)) byVersion.set(version, { node, version, v8 });
  }
  return [...byVersion.values()];
}

function ciNodes() {
  const cache = process.env.AITHREAT_CI_NODE_CACHE ?? join(root, '.cache', 'node');
  const pkg = `node-${process.platform}-${process.arch}`;
  if (!existsSync(cache)) return [];
  return readdirSync(cache).sort().map((major) => join(cache, major, 'node_modules', pkg, 'bin', 'node')).filter((node) => existsSync(node));
}

console.log(`${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; commit ${spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).stdout.trim() || 'unknown'}${quick ? '; quick run' : ''}`);

if (runStartup) {
  const { largest, largestName } = examples(root);
  const nodes = installedNodes();
  const rounds = quick ? 5 : 41;
  const cases = [];
  for (const n of nodes) {
    const aithreat = (...args) => [n.node, bin, ...args];
    const base = { node: n, name: 'node -e 0 (baseline)', argv: [n.node, '-e', '0'], runs: rounds, warmups: 3 };
    const table = ['assess', largest, '--format', 'table', '--as-of', '2026-11-25'];
    cases.push(
      base,
      { node: n, base, name: 'aithreat --version', argv: aithreat('--version'), runs: rounds, warmups: 3, targets: { ratio: 1.2 } },
      { node: n, base, name: `aithreat assess ${largestName} --format table`, argv: aithreat(...table), runs: rounds, warmups: 3, targets: { ratio: 1.6 } },
      { node: n, base, name: `aithreat validate ${largestName}`, argv: aithreat('validate', largest), runs: rounds, warmups: 3, targets: { ratio: 1.6 } },
      { node: n, base, name: '  the same with NODE_DISABLE_COMPILE_CACHE=1', argv: aithreat(...table), env: { NODE_DISABLE_COMPILE_CACHE: '1' }, runs: rounds, warmups: 3 },
    );
  }
  const results = measure(cases);
  console.log(`\nStart-up: ${rounds} rounds after 3 warm-ups, each case's ratio to node -e 0 of the same Node.js taken round by round`);
  for (const n of nodes) {
    const shipped = existsSync(join(root, 'dist', `cli-${n.v8}-${process.arch}.cache`));
    console.log(`\nnode ${n.version} (V8 ${n.v8}): runs from ${shipped ? 'the code cache the build made' : 'its per-user code cache (the build made none for this V8)'}`);
    const rows = cases.filter((c) => c.node === n).map((c) => {
      const r = results.get(c);
      if (r.failure) {
        missed++;
        return [c.name, 'FAILED', '-', '-', mib(r.rssKiB), r.failure];
      }
      const target = c.targets?.ratio ? check(r.ratio <= c.targets.ratio, `<= ${c.targets.ratio}x`) : '-';
      return [c.name, r.ms.toFixed(1), `${r.spread[0].toFixed(0)}-${r.spread[1].toFixed(0)}`, c.base ? `${r.ratio.toFixed(2)}x` : '1.00x', mib(r.rssKiB), target];
    });
    printTable(['case', 'median ms', 'middle half ms', 'vs node -e 0', 'peak RSS MiB', 'target'], rows);
  }
}

if (runScale) {
  const outDir = join(work, 'out');
  mkdirSync(outDir);
  // Inputs are made the first time a case asks for them.
  const made = new Map();
  const memoised = (key, make) => {
    if (!made.has(key)) made.set(key, make());
    return made.get(key);
  };
  const context = {
    root,
    work,
    node: process.execPath,
    aithreat: (...args) => [process.execPath, bin, ...args],
    projects: (count) => memoised(`projects-${count}`, () => projectsDir(work, root, count)),
    bigProject: (datasets) => memoised(`big-${datasets}`, () => bigProjectFile(work, datasets)),
    out: (name) => join(outDir, name),
    quick,
    huge,
  };
  const cases = onlyLsp ? [] : caseModules.flatMap((m) => m.cases(context));
  const byName = new Map(cases.map((c) => [c.name, c]));
  // Reports are written to files; each is removed after its run (10,000 projects of JSON is a gigabyte).
  const results = measure(cases, () => {
    rmSync(outDir, { recursive: true, force: true });
    mkdirSync(outDir);
  });
  if (cases.length > 0) console.log(`\nLarger cases on node ${process.version}: each case's median over its runs (warm-ups not counted); versus: time and peak memory as multiples of another case's`);
  const rows = cases.map((c) => {
    const r = results.get(c);
    const other = c.versus && results.get(byName.get(c.versus.name));
    const checks = [];
    let versus = '-';
    if (r.failure) {
      missed++;
      checks.push(`FAILED: ${r.failure}`);
    } else {
      if (c.targets?.ms) checks.push(check(r.ms < c.targets.ms, `< ${c.targets.ms} ms`));
      if (c.targets?.rssMiB) checks.push(check(r.rssKiB / 1024 < c.targets.rssMiB, `< ${c.targets.rssMiB} MiB`));
      if (other && !other.failure) {
        const msRatio = r.ms / other.ms;
        const rssRatio = r.rssKiB / other.rssKiB;
        versus = `time ${msRatio.toFixed(2)}x, RSS ${rssRatio.toFixed(2)}x`;
        if (c.versus.ms) checks.push(check(msRatio <= c.versus.ms, `time <= ${c.versus.ms}x`));
        if (c.versus.rss) checks.push(check(rssRatio <= c.versus.rss, `RSS <= ${c.versus.rss}x`));
      } else if (other) {
        versus = 'the other case failed';
      }
    }
    const ms = Number.isNaN(r.ms) ? '-' : r.ms.toFixed(0);
    return [c.name, ms, r.spread ? `${r.spread[0].toFixed(0)}-${r.spread[1].toFixed(0)}` : '-', mib(r.rssKiB), versus, checks.join(', ') || '-'];
  });
  if (rows.length > 0) printTable(['case', 'median ms', 'middle half ms', 'peak RSS MiB', 'versus', 'target'], rows);

  const measured = [];
  for (const m of caseModules.filter((m) => m.measure)) {
    try {
      measured.push(...(await m.measure({ ...context, bin })));
    } catch (error) {
      missed++;
      measured.push({ name: String(m.benchModule ?? 'a case module'), ms: NaN, failure: String(error?.message ?? error).slice(0, 120) });
    }
  }
  if (measured.length > 0) {
    console.log(`\nMeasured inside a client on node ${process.version}`);
    printTable(['case', 'ms', 'target'], measured.map((r) => [r.name, Number.isNaN(r.ms) ? '-' : r.ms.toFixed(1), r.failure ? `FAILED: ${r.failure}` : r.target ? check(r.ms < r.target, `< ${r.target} ms`) : '-']));
  }
}

rmSync(work, { recursive: true, force: true });
if (missed > 0) {
  console.log(`\n${missed} target(s) missed or case(s) failed`);
  process.exitCode = 1;
}
