import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { repoRoot, runBuiltCli } from '../helpers/run-cli.js';

// End-to-end, on the built CLI in temporary folders: what a new user meets first in CI.

const asOf = ['--as-of', '2026-11-25'];
const example = (name: string) => readFileSync(join(repoRoot, 'examples', name), 'utf8');
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'aithreat-ergonomics-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));
const cli = (args: string[], input?: string) => runBuiltCli(args, { cwd: dir, ...(input === undefined ? {} : { input }) });
const filesOf = (stdout: string) => (JSON.parse(stdout) as { projects: { file: string }[] }).projects.map((p) => p.file);

describe('the README\'s baseline recipe, with the baseline named by .aithreatrc.yaml', () => {
  beforeEach(() => {
    writeFileSync(join(dir, 'fraud.aithreat.yaml'), example('research-image-classifier.yaml'));
    writeFileSync(join(dir, '.aithreatrc.yaml'), 'configVersion: 1\nformats: [table]\nbaseline: aithreat-baseline.json\nfailOnNewOnly: true\n');
  });

  it('first run: a warning, no comparison, the verdict decides, and the baseline is written', () => {
    const first = cli(['assess', '.', ...asOf, '--format', 'json=aithreat-baseline.json']);
    expect(first.stderr).toBe('aithreat: warning: the baseline aithreat-baseline.json named by .aithreatrc.yaml does not exist yet, so this run compares nothing and its verdict decides; write it with --format json=aithreat-baseline.json\n');
    expect(first.code).toBe(1);
    expect(existsSync(join(dir, 'aithreat-baseline.json'))).toBe(true);
  });

  it('later runs: compared with it, and only new required gaps fail', () => {
    cli(['assess', '.', ...asOf, '--format', 'json=aithreat-baseline.json']);
    const later = cli(['assess', '.', ...asOf]);
    expect(later.stderr).toMatch(/^Compared with baseline aithreat-baseline\.json: 0 new gaps \(0 required\), 0 resolved, \d+ unchanged\n/);
    expect(later.code).toBe(0);
  });

  it('--no-baseline switches the configured one off; a typed baseline that is missing is still an error', () => {
    cli(['assess', '.', ...asOf, '--format', 'json=aithreat-baseline.json']);
    const off = cli(['assess', '.', ...asOf, '--no-baseline']);
    expect(off.stderr).toBe('');
    expect(off.code).toBe(1);
    expect(cli(['assess', '.', ...asOf, '--baseline', 'missing.json'])).toMatchObject({ code: 2, stderr: 'missing.json:1:1: no such file\n' });
    expect(cli(['assess', '.', ...asOf, '--no-baseline', '--fail-on-new-only']).stderr).toBe('aithreat: --fail-on-new-only needs a baseline: add --baseline <report.json>\n');
  });
});

describe('a directory search', () => {
  it('finds every YAML file that declares formatVersion, by any name, and nothing else', () => {
    // The examples of the built-in catalog; examples/org/ is assessed from its own folder, with its catalog.
    mkdirSync(join(dir, 'examples'));
    for (const f of readdirSync(join(repoRoot, 'examples')).filter((name) => name.endsWith('.yaml'))) cpSync(join(repoRoot, 'examples', f), join(dir, 'examples', f));
    writeFileSync(join(dir, 'examples', 'docker-compose.yaml'), 'services:\n  web:\n    image: nginx\n');
    writeFileSync(join(dir, 'examples', 'mentions.yml'), '# formatVersion: 1 in a comment\nnotes: "formatVersion: 1"\n');
    const run = cli(['assess', 'examples', ...asOf, '--format', 'json']);
    expect(run.stderr).toBe('');
    // The examples are named for what they show, not aithreat.yaml; every one is found.
    const examples = readdirSync(join(repoRoot, 'examples')).filter((f) => f.endsWith('.yaml')).sort().map((f) => `examples/${f}`);
    expect(examples.length).toBeGreaterThanOrEqual(5);
    expect(filesOf(run.stdout)).toEqual(examples);
    expect(cli(['validate', 'examples']).stdout.split('\n').filter(Boolean)).toHaveLength(examples.length);
  });

  it('reads only the head of a YAML file to decide: a declaration past 16 KiB does not count', () => {
    mkdirSync(join(dir, 'ml'));
    writeFileSync(join(dir, 'ml', 'late.yaml'), `${'# padding\n'.repeat(2000)}${example('research-image-classifier.yaml')}`);
    expect(cli(['validate', 'ml'])).toMatchObject({
      code: 2,
      stderr: "aithreat: no project description (aithreat.yaml, *.aithreat.yaml, or a YAML file that declares formatVersion) in directory 'ml'\n",
    });
    expect(cli(['validate', 'ml/late.yaml'])).toMatchObject({ code: 0, stdout: 'ml/late.yaml: valid\n' });
  });
});

describe('- is standard input', () => {
  const project = example('research-image-classifier.yaml');

  it('for validate and assess, named <stdin>', () => {
    expect(cli(['validate', '-'], project)).toMatchObject({ code: 0, stdout: '<stdin>: valid\n' });
    const assess = cli(['assess', '-', ...asOf, '--format', 'json'], project);
    expect(assess.code).toBe(1);
    expect(filesOf(assess.stdout)).toEqual(['<stdin>']);
    const markdown = cli(['assess', '-', ...asOf, '--format', 'markdown'], project).stdout;
    // Nothing to link to: the lines stay plain text.
    expect(markdown).toContain('is used for training (line 63) |');
    expect(markdown).not.toMatch(/^\[1L\d+\]:/m);
    expect(cli(['validate', '-'], 'formatVersion: 1\nproject: {}\n')).toMatchObject({ code: 2, stderr: expect.stringMatching(/^<stdin>:2:\d+: /) });
  });

  it('within the same size limit as a file', () => {
    const big = `${'# x\n'.repeat(3 * 1024 * 1024)}formatVersion: 1\n`;
    expect(cli(['validate', '-'], big)).toMatchObject({ code: 2, stderr: '<stdin>:1:1: file on standard input is larger than that; the limit is 10485760 bytes (10 MiB)\n' });
  });

  it('for import', () => {
    const bom = readFileSync(join(repoRoot, 'test/fixtures/cyclonedx/spec-machine-learning-1.6.cdx.json'), 'utf8');
    const run = cli(['import', '-', '-o', 'drafted/aithreat.yaml'], bom);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^wrote drafted\/aithreat\.yaml: /);
    expect(readFileSync(join(dir, 'drafted/aithreat.yaml'), 'utf8')).toContain('formatVersion: 1');
  });
});

describe('init', () => {
  it('makes the folders of its file, as reports do', () => {
    expect(cli(['init', 'ml/fraud/aithreat.yaml'])).toMatchObject({ code: 0, stderr: '' });
    expect(cli(['validate', 'ml/fraud/aithreat.yaml'])).toMatchObject({ code: 0, stdout: 'ml/fraud/aithreat.yaml: valid\n' });
  });

  it('says so in one line when a folder on the way is a file', () => {
    writeFileSync(join(dir, 'ml'), 'a file\n');
    const run = cli(['init', 'ml/aithreat.yaml']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^aithreat: cannot write \S+ml\/aithreat\.yaml: .+\n$/);
  });
});

describe('one error style', () => {
  it.each([
    [['assess', '--formt', 'x'], "aithreat: unknown option '--formt' (did you mean --format?)\n"],
    [['asess'], "aithreat: unknown command 'asess' (did you mean assess?)\n"],
    [['assess'], "aithreat: missing required argument 'files'\n"],
    [['assess', 'x.yaml', '--fail-on', 'bad'], "aithreat: option '--fail-on <severity>' argument 'bad' is invalid. Allowed choices are critical, high, medium, low, none.\n"],
    [['validate', '-f', 'xml', 'x.yaml'], "aithreat: unknown format 'xml' for validate; use text or json\n"],
  ])('aithreat %j', (args, stderr) => {
    expect(cli(args)).toMatchObject({ code: 2, stdout: '', stderr });
  });
});

describe('text and table are one format name', () => {
  it('on validate, assess, diff, catalog and discover', () => {
    writeFileSync(join(dir, 'aithreat.yaml'), example('research-image-classifier.yaml'));
    expect(cli(['validate', '-f', 'table', 'aithreat.yaml']).stdout).toBe(cli(['validate', '-f', 'text', 'aithreat.yaml']).stdout);
    expect(cli(['assess', 'aithreat.yaml', ...asOf, '-f', 'text']).stdout).toBe(cli(['assess', 'aithreat.yaml', ...asOf, '-f', 'table']).stdout);
    expect(cli(['catalog', 'show', 'datapoison', '-f', 'table']).stdout).toBe(cli(['catalog', 'show', 'datapoison']).stdout);
    expect(cli(['catalog', 'list', '-f', 'text']).stdout).toBe(cli(['catalog', 'list']).stdout);
    cli(['assess', 'aithreat.yaml', ...asOf, '-f', 'json=r.json']);
    expect(cli(['diff', 'r.json', 'r.json', '-f', 'table']).stdout).toBe(cli(['diff', 'r.json', 'r.json']).stdout);
    expect(cli(['discover', '.', '-f', 'text']).stdout).toBe(cli(['discover', '.']).stdout);
  });
});
