import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSource } from '../../src/load/source.js';
import { generateHostileFiles } from '../fixtures/hostile/generate.js';
import { runSourceCli } from '../helpers/run-cli.js';
import {
  asOf,
  brokenMarkdownTables,
  checkXmlWellFormed,
  expectAccepted,
  expectRefusal,
  formats,
  hostileDir,
  rawControl,
  runCli,
  runCommitted,
  runEverywhere,
  tempDir,
  withoutSgr,
  type Everywhere,
  type Format,
} from './helpers.js';

/**
 * Text from the project file that tries to act on whatever shows it: terminal escapes, carriage
 * returns, bidi controls, Markdown and HTML, XML metacharacters and characters XML forbids, lines
 * of 100,000 characters. In every format, from the built CLI and in-process, it must stay text.
 */

const generated = tempDir('injection');
beforeAll(() => generateHostileFiles(generated.path, ['injection-long-lines.yaml', 'long-name.yaml']));
afterAll(() => generated.remove());

/** Every rendering of one format: the built CLI's and the in-process run's. */
function renderings(result: Everywhere, format: Format): string[] {
  const inProcess = result.runs.find((r) => r.label === `assess --format ${format} (in-process)`)!.result.stdout;
  return [result.outputs[format]!, inProcess];
}

/** All strings anywhere in a parsed JSON value. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

function expectInert(result: Everywhere, file: string, source: string): void {
  for (const table of renderings(result, 'table')) expect(table.match(rawControl)?.[0], 'raw control character in the table').toBeUndefined();

  for (const markdown of renderings(result, 'markdown')) {
    expect(markdown.match(rawControl)?.[0], 'raw control character in the Markdown').toBeUndefined();
    expect(brokenMarkdownTables(markdown), 'a Markdown table gained or lost columns').toEqual([]);
    expect(markdown).not.toMatch(/<(img|script|iframe|a)\b/i);
    expect(markdown).not.toMatch(/<b>bold/);
    expect(markdown, 'a javascript: link').not.toMatch(/(?<!\\)\]\(\s*javascript:/i);
    expect(markdown, 'a javascript: autolink').not.toMatch(/<javascript:/i);
    for (const line of markdown.split('\n')) {
      expect(line, 'injected block syntax').not.toMatch(/^\s*(# (heading|not a heading)|- not a list|> not a quote|\| (a|col|injected) \||\[ref\]:|```\s*$\n?fenced)/);
    }
    // Fences open and close in pairs, so no injected fence swallows the rest of the document.
    expect((markdown.match(/^```/gm) ?? []).length % 2).toBe(0);
  }

  const project = parseSource(source, file);
  if (!project.ok) throw new Error(`${file} does not parse`);
  const name = (project.data as { project: { name: string } }).project.name;
  for (const json of renderings(result, 'json')) {
    const report = JSON.parse(json);
    // JSON keeps the text exactly as the file has it: a consumer decides how to show it.
    expect(report.projects[0].name).toBe(name);
  }

  for (const sarif of renderings(result, 'sarif')) {
    const log = JSON.parse(sarif);
    for (const text of strings(log.runs[0].results)) expect(text.match(rawControl)?.[0], `raw control character in SARIF result text ${JSON.stringify(text.slice(0, 80))}`).toBeUndefined();
  }

  for (const junit of renderings(result, 'junit')) {
    expect(() => checkXmlWellFormed(junit)).not.toThrow();
    expect(junit.match(rawControl)?.[0], 'raw control character in the JUnit XML').toBeUndefined();
  }
}

async function expectInertInColour(cwd: string, file: string): Promise<void> {
  const colour = { NO_COLOR: '', FORCE_COLOR: '1' };
  const built = await runCli(['assess', file, '--as-of', asOf], { cwd, env: colour });
  const inProcess = await runSourceCli(['assess', file, '--as-of', asOf], { cwd, env: colour });
  for (const table of [built.stdout, inProcess.stdout]) {
    expect(table).toContain('\u001b[');
    // Only chalk's own SGR sequences: no OSC 8 link, no cursor movement, no clear screen.
    expect(withoutSgr(table).match(rawControl)?.[0], 'a control character besides colour').toBeUndefined();
    expect(table).not.toContain(']8;;');
  }
}

describe('hostile text in a valid project stays text in every format', () => {
  it('injection.yaml', async () => {
    const source = readFileSync(join(hostileDir, 'injection.yaml'), 'utf8');
    const result = await runCommitted('injection.yaml', (r) => expectAccepted(r, 'injection.yaml'));
    expectInert(result, 'injection.yaml', source);
  }, 30_000);

  it('injection.yaml in colour (FORCE_COLOR=1): only SGR colour codes reach the terminal', async () => {
    const work = tempDir('injection-colour');
    try {
      copyFileSync(join(hostileDir, 'injection.yaml'), join(work.path, 'injection.yaml'));
      await expectInertInColour(work.path, 'injection.yaml');
    } finally {
      work.remove();
    }
  }, 30_000);

  it('injection-long-lines.yaml: lines of 100,000 characters and text at its length limit', async () => {
    const file = 'injection-long-lines.yaml';
    const source = readFileSync(join(generated.path, file), 'utf8');
    expect(Math.max(...source.split('\n').map((line) => line.length))).toBeGreaterThanOrEqual(100_000);
    const result = await runEverywhere(file, { cwd: generated.path, outDir: join(generated.path, 'out-long') });
    expectAccepted(result, file);
    expectInert(result, file, source);
    await expectInertInColour(generated.path, file);
  }, 60_000);

  it('long-name.yaml: a 100,000-character name is refused without being repeated', async () => {
    const result = await runEverywhere('long-name.yaml', { cwd: generated.path, outDir: join(generated.path, 'out-name') });
    expectRefusal(result, 'long-name.yaml', { line: 3, column: 9, message: /`project\.name`.*500 characters/ });
    for (const run of result.runs) expect(run.result.stderr.length, run.label).toBeLessThan(500);
  }, 30_000);
});

describe('error messages that quote the file stay text on the terminal', () => {
  // Keys, enum values and references are quoted in messages; their escapes must not reach stderr raw.
  it('injection-errors.yaml', async () => {
    const result = await runCommitted('injection-errors.yaml', (r) =>
      expectRefusal(r, 'injection-errors.yaml', { line: 7, column: 3, message: /unknown key/, count: 3, also: [/:11:12: `suppliers\.0\.trust`/, /:15:15: `environments\.0\.provider`/] }),
    );
    for (const run of result.runs) expect(run.result.stderr.match(rawControl)?.[0], `${run.label}: raw control character on stderr`).toBeUndefined();
  }, 30_000);

  // A line break in a quoted key or value (LF, or U+2028) would start a line that looks like a message of its own.
  it('injection-newline.yaml', async () => {
    await runCommitted('injection-newline.yaml', (r) =>
      expectRefusal(r, 'injection-newline.yaml', { line: 7, column: 3, message: /unknown key/, count: 3, also: [/^injection-newline\.yaml:8:3: unknown key/, /^injection-newline\.yaml:12:12: `suppliers\.0\.trust`/] }),
    );
  }, 30_000);

  it('validate --format json keeps the quoted text exactly, as JSON escapes', async () => {
    const result = await runSourceCli(['validate', '--format', 'json', 'injection-newline.yaml'], { cwd: hostileDir });
    const problems = JSON.parse(result.stdout) as { line: number; column: number; message: string }[];
    expect(problems.map((p) => `${p.line}:${p.column}`)).toEqual(['7:3', '8:3', '12:12']);
    expect(problems[0]!.message).toContain('evil\ninjection-newline.yaml:1:1: everything is fine');
  });

  // The file name is quoted too: a checkout can hold any name a pull request chose.
  it('a file name with escapes and a carriage return', async () => {
    const work = tempDir('injection-name');
    try {
      const name = 'evil\u001b[31mred\u001b]8;;https:evil.example\u0007link\u001b]8;;\u0007\r\u202ename.yaml';
      copyFileSync(join(hostileDir, 'tab-indent.yaml'), join(work.path, name));
      const runs = [await runCli(['validate', name], { cwd: work.path }), await runCli(['assess', name, '--as-of', asOf], { cwd: work.path })];
      for (const run of runs) {
        expect(run.code).toBe(2);
        expect(run.stderr.match(rawControl)?.[0], 'raw control character on stderr').toBeUndefined();
      }
      copyFileSync(join(hostileDir, 'proto-ids.yaml'), join(work.path, name));
      for (const format of formats) {
        const report = await runCli(['assess', name, '--as-of', asOf, '--format', format], { cwd: work.path });
        expect(report.code, format).toBe(1);
        if (format !== 'json') expect(report.stdout.match(rawControl)?.[0], `raw control character in ${format}`).toBeUndefined();
        if (format === 'junit') checkXmlWellFormed(report.stdout);
      }
    } finally {
      work.remove();
    }
  }, 30_000);
});
