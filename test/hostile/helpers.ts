import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { expect } from 'vitest';
import { repoRoot, runSourceCli } from '../helpers/run-cli.js';

/**
 * Shared machinery of the hostile-input tests: an asynchronous spawn of the built CLI with a hang
 * guard (so that several runs overlap and a hang costs one timeout, not one per run), the
 * assertions every refusal must meet, and small strict checkers for XML and Markdown tables.
 */

export const hostileDir = join(repoRoot, 'test', 'fixtures', 'hostile');
export const formats = ['table', 'markdown', 'json', 'sarif', 'junit', 'summary', 'github'] as const;
export type Format = (typeof formats)[number];
/** A fixed date, so that risk-acceptance expiry never depends on the day the tests run. */
export const asOf = '2026-11-25';
/** Generous: a guard against hangs, never a measurement of speed. */
export const hangGuardMs = 20_000;

/** The entry point package.json ships, so a renamed bin script does not break these tests. */
export function binPath(): string {
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { bin: string | Record<string, string> };
  const bin = join(repoRoot, typeof pkg.bin === 'string' ? pkg.bin : pkg.bin.aithreat!);
  if (!existsSync(bin) || !existsSync(join(repoRoot, 'dist'))) throw new Error('the built CLI is missing: run `npm run build` before the hostile-input tests');
  return bin;
}

export interface SpawnResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** The hang guard killed the process. */
  timedOut: boolean;
}

export interface SpawnOptions {
  cwd?: string;
  env?: Record<string, string>;
  timeoutMs?: number;
  /** What the CLI reads on standard input (none when absent). */
  input?: string;
}

/** Spawns the built CLI with a minimal environment (no colour unless asked) and a hang guard. */
export function runCli(args: string[], options: SpawnOptions = {}): Promise<SpawnResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [binPath(), ...args], {
      cwd: options.cwd ?? repoRoot,
      env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...options.env },
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    // The CLI may stop reading at its limit: a write it no longer wants is not an error here.
    child.stdin?.on('error', () => {});
    child.stdin?.end(options.input);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout!.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr!.on('data', (chunk: Buffer) => err.push(chunk));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs ?? hangGuardMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), timedOut });
    });
  });
}

export function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

export function tempDir(prefix: string): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), `aithreat-${prefix}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export const stackTrace = /\n\s+at /;

/** What one command printed, labelled for failure messages. */
export interface Run {
  label: string;
  result: SpawnResult;
}

export interface EverywhereOptions {
  cwd: string;
  /** Where the built `assess` run writes the four formats that do not go to stdout. */
  outDir: string;
  /** Heap limit for the built CLI, to show memory stays bounded (an overrun kills the process). */
  maxOldSpaceMb?: number;
  /** Extra environment for the built CLI (colour, for example). */
  env?: Record<string, string>;
  /**
   * Also run `assess --format F` in-process for each format, each format to stdout (default true).
   * Off for inputs that take seconds to read: in-process there is no hang guard.
   */
  inProcess?: boolean;
}

export interface Everywhere {
  runs: Run[];
  /** What the built `assess` run produced in each format: the table from stdout, the rest from files (null when not written). */
  outputs: Record<Format, string | null>;
}

/**
 * Runs FILE through every way in, checking that none of them changes it:
 * - the built CLI's `validate FILE`;
 * - the built CLI's `assess FILE` asking for every format at once: the table to stdout and
 *   every other format to a file in `outDir` (one process instead of one per format, so the
 *   suite stays fast and a hang costs one guard period);
 * - in-process, `assess FILE --format F` for each format F, each to stdout.
 */
export async function runEverywhere(file: string, options: EverywhereOptions): Promise<Everywhere> {
  const path = isAbsolute(file) ? file : resolve(options.cwd, file);
  const before = sha256(path);
  mkdirSync(options.outDir, { recursive: true });
  const env: Record<string, string> = { ...(options.maxOldSpaceMb ? { NODE_OPTIONS: `--max-old-space-size=${options.maxOldSpaceMb}` } : {}), ...options.env };
  const target = (format: Format) => join(options.outDir, `report.${format}`);
  const assessArgs = ['assess', file, '--as-of', asOf, '--format', 'table', ...formats.slice(1).flatMap((f) => ['--format', `${f}=${target(f)}`])];
  const [validate, assess] = await Promise.all([runCli(['validate', file], { cwd: options.cwd, env }), runCli(assessArgs, { cwd: options.cwd, env })]);
  const runs: Run[] = [
    { label: 'validate (built CLI)', result: validate },
    { label: 'assess, every format (built CLI)', result: assess },
  ];
  if (options.inProcess ?? true) {
    for (const format of formats) {
      const result = await runSourceCli(['assess', file, '--as-of', asOf, '--format', format], { cwd: options.cwd });
      runs.push({ label: `assess --format ${format} (in-process)`, result: { ...result, signal: null, timedOut: false } });
    }
  }
  expect(sha256(path), `${file} was modified`).toBe(before);
  const outputs = { table: assess.stdout } as Record<Format, string | null>;
  for (const format of formats.slice(1)) outputs[format] = existsSync(target(format)) ? readFileSync(target(format), 'utf8') : null;
  return { runs, outputs };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Every process finished by itself, without a stack trace or an internal error. */
export function expectNoCrash(runs: Run[]): void {
  for (const { label, result } of runs) {
    expect(result.timedOut, `${label}: still running after ${hangGuardMs / 1000} s (killed by the hang guard)`).toBe(false);
    expect(result.signal, `${label}: killed by ${result.signal}`).toBe(null);
    expect(result.stderr, `${label}: stack trace on stderr`).not.toMatch(stackTrace);
    expect(result.stderr, `${label}: internal error`).not.toMatch(/internal error|FATAL ERROR|heap out of memory/i);
  }
}

export interface ExpectedRefusal {
  /** Where the first problem is; left out where the right position is for the fix to decide. */
  line?: number;
  /** Left out where only the line is checked. */
  column?: number;
  /** What the first problem says. */
  message: RegExp;
  /** Messages that must each appear on some stderr line, in any order. */
  also?: RegExp[];
  /** How many problems, that is stderr lines, there are. */
  count?: number;
}

/**
 * Exit code 2, nothing on stdout, no report file, and stderr made only of
 * `FILE:LINE:COLUMN: message` lines, the first of them at the expected position.
 */
export function expectRefusal({ runs, outputs }: Everywhere, file: string, expected: ExpectedRefusal): void {
  expectNoCrash(runs);
  const positioned = new RegExp(`^${escapeRegExp(file)}:(\\d+):(\\d+): (.+)$`);
  for (const { label, result } of runs) {
    expect(result.code, `${label}: exit code (stderr: ${result.stderr.slice(0, 300)})`).toBe(2);
    expect(result.stdout, `${label}: stdout`).toBe('');
    const lines = result.stderr.replace(/\n$/, '').split('\n');
    const stray = lines.find((line) => !positioned.test(line));
    expect(stray === undefined ? undefined : JSON.stringify(stray.slice(0, 300)), `${label}: a stderr line that is not \`${file}:LINE:COLUMN: message\``).toBeUndefined();
    const first = positioned.exec(lines[0]!)!;
    const at = `${label}: position of ${JSON.stringify(lines[0]!.slice(0, 200))}`;
    if (expected.column !== undefined) expect(`${first[1]}:${first[2]}`, at).toBe(`${expected.line}:${expected.column}`);
    else if (expected.line !== undefined) expect(Number(first[1]), at).toBe(expected.line);
    expect(first[3], `${label}: message`).toMatch(expected.message);
    if (expected.count !== undefined) expect(lines.length, `${label}: number of stderr lines`).toBe(expected.count);
    for (const pattern of expected.also ?? []) expect(lines.some((line) => pattern.test(line)), `${label}: no line says ${pattern}`).toBe(true);
  }
  for (const format of formats.slice(1)) expect(outputs[format], `a ${format} report was written for a refused input`).toBe(null);
}

/** A valid file: validate says so, and every format reports on it (exit 0 or 1, nothing on stderr). */
export function expectAccepted({ runs, outputs }: Everywhere, file: string): void {
  expectNoCrash(runs);
  for (const { label, result } of runs) {
    expect(result.stderr, `${label}: stderr`).toBe('');
    if (label.startsWith('validate')) {
      expect(result.code, `${label}: exit code`).toBe(0);
      expect(result.stdout).toBe(`${file}: valid\n`);
    } else {
      expect([0, 1], `${label}: exit code`).toContain(result.code);
      // Annotations mark what is required and missing: a project with nothing missing has none.
      if (!label.includes('--format github') || result.code === 1) expect(result.stdout.length, `${label}: empty report`).toBeGreaterThan(0);
    }
  }
  for (const format of formats) if (format !== 'github') expect(outputs[format]?.length ?? 0, `no ${format} report`).toBeGreaterThan(0);
  expect(outputs.github, 'no github report file').not.toBe(null);
}

/** Bytes no report may carry raw: ESC, CSI (C1), BEL, CR, NUL, other C0 controls, bidi controls. */
export const rawControl = /[\u0000-\u0008\u000b-\u000c\u000d\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** What is left of coloured text once chalk's own SGR sequences (`ESC [ n;n m`) are taken out. */
export function withoutSgr(text: string): string {
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}

// ---------------------------------------------------------------------------------------------
// A strict XML 1.0 well-formedness checker, small enough to read: one root element, tags that
// nest and match, quoted and unique attributes, only the five predefined entities and character
// references to allowed characters, no `<` in attribute values, no `]]>` in text, and no character
// outside XML 1.0's Char production anywhere.

const xmlName = '[A-Za-z_:][-A-Za-z0-9_:.]*';
const xmlChar = /^[\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]*$/u;
const entityRef = /&(?:(amp|lt|gt|quot|apos)|#([0-9]+)|#x([0-9A-Fa-f]+));/g;

function checkCharData(raw: string, where: string): void {
  if (raw.replace(entityRef, '').includes('&')) throw new Error(`bare '&' in ${where}`);
  for (const match of raw.matchAll(entityRef)) {
    const code = match[2] ? Number(match[2]) : match[3] ? parseInt(match[3], 16) : -1;
    if (code !== -1 && (code > 0x10ffff || !xmlChar.test(String.fromCodePoint(code)))) throw new Error(`reference to a character XML forbids in ${where}: ${match[0]}`);
  }
}

export function checkXmlWellFormed(xml: string): void {
  if (!xmlChar.test(xml)) {
    const bad = [...xml].find((c) => !xmlChar.test(c))!;
    throw new Error(`character U+${bad.codePointAt(0)!.toString(16).padStart(4, '0')} is not allowed in XML`);
  }
  let rest = xml.replace(/^<\?xml\s[^?]*\?>/, '');
  const open: string[] = [];
  let roots = 0;
  const startTag = new RegExp(`^<(${xmlName})((?:\\s+${xmlName}\\s*=\\s*(?:"[^"<]*"|'[^'<]*'))*)\\s*(/?)>`);
  const attribute = new RegExp(`(${xmlName})\\s*=\\s*(?:"([^"<]*)"|'([^'<]*)')`, 'g');
  const endTag = new RegExp(`^</(${xmlName})\\s*>`);
  while (rest.length > 0) {
    const lt = rest.indexOf('<');
    const text = lt === -1 ? rest : rest.slice(0, lt);
    if (text.includes(']]>')) throw new Error("']]>' in text");
    checkCharData(text, 'text');
    if (open.length === 0 && text.trim() !== '') throw new Error('text outside the root element');
    if (lt === -1) break;
    rest = rest.slice(lt);
    if (rest.startsWith('<!--')) {
      const end = rest.indexOf('-->', 4);
      if (end === -1 || rest.slice(4, end).includes('--')) throw new Error('malformed comment');
      rest = rest.slice(end + 3);
      continue;
    }
    if (rest.startsWith('<![CDATA[')) {
      if (open.length === 0) throw new Error('CDATA outside the root element');
      const end = rest.indexOf(']]>');
      if (end === -1) throw new Error('unclosed CDATA section');
      rest = rest.slice(end + 3);
      continue;
    }
    const close = endTag.exec(rest);
    if (close) {
      const name = open.pop();
      if (name !== close[1]) throw new Error(`</${close[1]}> closes <${name ?? 'nothing'}>`);
      rest = rest.slice(close[0].length);
      continue;
    }
    const tag = startTag.exec(rest);
    if (!tag) throw new Error(`malformed markup near ${JSON.stringify(rest.slice(0, 60))}`);
    const seen = new Set<string>();
    for (const [, key, double, single] of tag[2]!.matchAll(attribute)) {
      if (seen.has(key!)) throw new Error(`duplicate attribute ${key}`);
      seen.add(key!);
      checkCharData(double ?? single ?? '', `attribute ${key}`);
    }
    if (open.length === 0 && ++roots > 1) throw new Error('a second root element');
    if (tag[3] !== '/') open.push(tag[1]!);
    rest = rest.slice(tag[0].length);
  }
  if (open.length > 0) throw new Error(`<${open.at(-1)}> is not closed`);
  if (roots !== 1) throw new Error('no root element');
}

// ---------------------------------------------------------------------------------------------

/**
 * GitHub-flavoured Markdown tables whose rows do not all have the header's number of cells. GFM
 * splits a row at every `|` that is not backslash-escaped, even inside code spans, so an injected
 * `|` shows up here as an extra cell.
 */
export function brokenMarkdownTables(markdown: string): string[][] {
  const broken: string[][] = [];
  let table: string[] = [];
  let fenced = false;
  const cells = (row: string) => row.trim().replace(/^\|/, '').replace(/(?<!\\)\|$/, '').split(/(?<!\\)\|/).length;
  const finish = () => {
    if (table.length > 0 && table.some((row) => cells(row) !== cells(table[0]!))) broken.push(table);
    table = [];
  };
  for (const line of markdown.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    if (!fenced && line.trimStart().startsWith('|')) table.push(line);
    else finish();
  }
  finish();
  return broken;
}

/**
 * Copies a committed fixture into a fresh folder and runs it everywhere from there, so that
 * whatever a hostile file might write lands in that folder; afterwards the folder must hold only
 * the fixture and the report folder.
 */
export async function runCommitted(file: string, check: (result: Everywhere) => void, options: Partial<EverywhereOptions> = {}): Promise<Everywhere> {
  const work = tempDir('case');
  try {
    copyFileSync(join(hostileDir, file), join(work.path, file));
    const result = await runEverywhere(file, { cwd: work.path, outDir: join(work.path, 'out'), ...options });
    check(result);
    expect(readdirSync(work.path).sort(), 'files in the working folder after the runs').toEqual([file, 'out'].sort());
    return result;
  } finally {
    work.remove();
  }
}
