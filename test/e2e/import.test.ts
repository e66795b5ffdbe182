import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { repoRoot, runBuiltCli } from '../helpers/run-cli.js';

// End-to-end: `aithreat import` of the built CLI on the fixtures, then validate and assess of what it wrote.

const fixtures = join(repoRoot, 'test/fixtures');
let dir: string;

beforeAll(() => {
  if (!existsSync(join(repoRoot, 'dist/authoring.cjs'))) throw new Error('dist/ is missing: run `npm run build` before the end-to-end tests');
});
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'aithreat-e2e-import-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const cli = (...args: string[]) => runBuiltCli(args, { cwd: dir });

describe('aithreat import', () => {
  it.each([
    ['cyclonedx', 'cyclonedx/spec-machine-learning-1.7.cdx.json', /^wrote project\.yaml: 1 model\(s\), 0 data set\(s\), 1 supplier\(s\) from CycloneDX 1\.7; \d+ TODO\(s\) to resolve\n$/],
    ['spdx', 'spdx/simplehtr.spdx3.json', /^wrote project\.yaml: 2 model\(s\), 1 data set\(s\), 1 supplier\(s\) from SPDX 3\.0\.1; \d+ TODO\(s\) to resolve\n$/],
    [null, 'cyclonedx/cdxgen-hosted-services.cdx.json', /^wrote project\.yaml: 2 model\(s\), 0 data set\(s\), 2 supplier\(s\) from CycloneDX 1\.7;/],
    [null, 'spdx/generator-quirks.spdx3.json', /^wrote project\.yaml: 2 model\(s\), 2 data set\(s\), 1 supplier\(s\) from SPDX 3\.0\.1;/],
  ])('import %s %s writes a description that validates and assesses', (standard, file, wrote) => {
    const result = cli('import', ...(standard ? [standard] : []), join(fixtures, file), '-o', 'project.yaml');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(wrote);
    expect(cli('validate', 'project.yaml')).toMatchObject({ code: 0, stdout: 'project.yaml: valid\n' });
    const assess = cli('assess', 'project.yaml', '--format', 'json', '--as-of', '2026-01-01');
    expect([0, 1]).toContain(assess.code);
    expect(assess.stderr).toBe('');
    expect(readFileSync(join(dir, 'project.yaml'), 'utf8')).toMatch(/^# yaml-language-server: \$schema=/);
  });

  it('prints the description to stdout without -o, and the same bytes every time', () => {
    const first = cli('import', join(fixtures, 'spdx/sentiment-demo.spdx3.json'));
    const second = cli('import', join(fixtures, 'spdx/sentiment-demo.spdx3.json'));
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('formatVersion: 1');
    expect(first.stderr).toMatch(/^aithreat: imported 1 model\(s\), 1 data set\(s\), 0 supplier\(s\) from SPDX 3\.0\.1;/);
    expect(second.stdout).toBe(first.stdout);
  });

  it.each([
    [['import', 'cyclonedx'], 'cyclonedx/trailing-comma.cdx.json', /^.*trailing-comma\.cdx\.json:5:36: not valid JSON: a comma before `\}`: JSON allows no comma after the last entry\n$/],
    [['import'], 'cyclonedx/wrong-shape.cdx.json', /^.*wrong-shape\.cdx\.json:12:15: `components\.1\.name` must be a string, not a whole number\n$/],
    [['import', 'spdx'], 'cyclonedx/fine-tuned-llm.cdx.json', /^.*fine-tuned-llm\.cdx\.json:1:1: this is a CycloneDX BOM, not SPDX: use `aithreat import cyclonedx`/],
    [['import'], 'cyclonedx/bom.cdx.xml', /^.*bom\.cdx\.xml:1:1: this is XML/],
  ])('%j %s: one positioned line, exit 2, nothing written', (args, file, message) => {
    const result = cli(...args, join(fixtures, file), '-o', 'project.yaml');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('lists both standards in its help', () => {
    const help = cli('import', '--help');
    expect(help.stdout).toMatch(/^ {2}cyclonedx\b/m);
    expect(help.stdout).toMatch(/^ {2}spdx\b/m);
  });
});
