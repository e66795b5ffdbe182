import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { summaryLimit } from '../../src/render/summary.js';
import { fixtureCopy } from '../discover/fixture-repo.js';
import { repoRoot, runBuiltCli } from '../helpers/run-cli.js';
import { parseWorkflowCommands } from '../helpers/workflow-commands.js';
import { examples } from '../render/helpers/assess-files.js';

// End-to-end: the built CLI writes the pull-request formats, `summary` and `github`, as a
// workflow would ask for them: with GitHub Actions' variables, a baseline, --discover, an
// organisation's catalog, and project text that tries to forge a workflow command.

const asOf = ['--as-of', '2026-11-25'];
const sha = '0123456789abcdef0123456789abcdef01234567';
const actions = (workspace: string) => ({ GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'acme/models', GITHUB_SHA: sha, GITHUB_RUN_ID: '4242', GITHUB_WORKSPACE: workspace });
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'aithreat-pr-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('--format summary', () => {
  it('sums up every example in one run, linked to the commit in GitHub Actions, under its limit', () => {
    const result = runBuiltCli(['assess', ...examples, ...asOf, '--format', 'summary', '--format', `markdown=${join(dir, 'report.md')}`], { env: actions(repoRoot) });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
    const text = result.stdout;
    expect(text.length).toBeLessThan(summaryLimit);
    expect(text).toMatch(/^### ❌ aithreat: FAIL\n\n5 of 6 projects fail: 24 required controls missing, 119 advisory gaps \(1 risk acceptance expired\)\./);
    expect(text).toContain(`[IT helpdesk agent](https://github.com/acme/models/blob/${sha}/examples/helpdesk-agent.yaml#L`);
    // The Markdown report is not in the commit: it is named, and the run's page is the link.
    expect(text).toMatch(/\*\*Full report\*\*: `[^`]*\/report\.md`, written by \[the workflow run\]\(https:\/\/github\.com\/acme\/models\/actions\/runs\/4242\)/);
    expect(text.split('\n').filter((line) => line.startsWith('| [')).length).toBe(24);
  });

  it('links the Markdown report beside it when both are files and no link base is set', () => {
    const result = runBuiltCli(['assess', 'examples/keyboard-federated.yaml', ...asOf, '--format', `summary=${join(dir, 'out/summary.md')}`, '--format', `markdown=${join(dir, 'out/report.md')}`]);
    expect(result.code).toBe(1);
    expect(readFileSync(join(dir, 'out/summary.md'), 'utf8')).toContain('**Full report**: [');
    expect(readFileSync(join(dir, 'out/summary.md'), 'utf8')).toMatch(/\*\*Full report\*\*: \[[^\]]*report\.md\]\(report\.md\)/);
  });

  it('shows new and fixed required gaps against a baseline, as stderr says them', () => {
    const project = join(dir, 'churn.aithreat.yaml');
    cpSync(join(repoRoot, 'test/fixtures/assess/missing-required.yaml'), project);
    const cli = (...args: string[]) => runBuiltCli([...args, ...asOf], { cwd: dir });
    expect(cli('assess', '.', '--format', 'json=baseline.json').code).toBe(1);
    // DATAQUALITYCONTROL goes in, DEVDATAPROTECT goes out.
    writeFileSync(project, readFileSync(project, 'utf8').replace('DEVDATAPROTECT: { status: implemented }', 'DATAQUALITYCONTROL: { status: implemented }'));
    const result = cli('assess', '.', '--baseline', 'baseline.json', '--format', 'summary', '--format', 'github=annotations.txt');
    expect(result.stderr).toMatch(/^Compared with baseline baseline\.json: 1 new gap \(1 required\), 1 resolved, \d+ unchanged\n  new      churn\.aithreat\.yaml: DEVDATAPROTECT \(missing\) required/);
    expect(result.stdout).toContain('**Against the baseline** baseline.json: 1 new required gap, 1 fixed, 0 unchanged.');
    expect(result.stdout).toMatch(/#### New required gaps \(1\)\n\n\| Project \| Control \| Gap \| Severity \|\n\| --- \| --- \| --- \| --- \|\n\| \[churn\.aithreat\.yaml\]\(churn\.aithreat\.yaml#L\d+\) \| \[DEVDATAPROTECT\]/);
    expect(result.stdout).toMatch(/#### Fixed since the baseline \(1\)\n\n.*\n.*\n\| churn\.aithreat\.yaml \| \[DATAQUALITYCONTROL\]/);
    const { commands } = parseWorkflowCommands(readFileSync(join(dir, 'annotations.txt'), 'utf8'));
    expect(commands[0]).toMatchObject({ command: 'error', properties: { title: 'aithreat DEVDATAPROTECT: Development data protect' } });
  });

  it('counts drift the policy forbids with --discover', () => {
    const repo = fixtureCopy();
    try {
      cpSync(join(repoRoot, 'test/fixtures/discover/drift/aithreat.yaml'), join(repo, 'aithreat.yaml'));
      writeFileSync(join(repo, 'policy.yaml'), 'policyVersion: 1\nrequireNoDrift: [trust-remote-code]\n');
      const cli = (format: string) => runBuiltCli(['assess', 'aithreat.yaml', '--discover', '.', '--policy', 'policy.yaml', '--as-of', '2026-06-01', '--format', format], { cwd: repo, env: actions(repo) });
      const json = JSON.parse(cli('json').stdout) as { projects: { drift: { code: string; required: boolean; location: { file: string; line: number } }[] }[] };
      const drift = json.projects[0]!.drift;
      const forbidden = drift.filter((d) => d.required);
      expect(forbidden.length).toBeGreaterThan(0);
      const summary = cli('summary');
      expect(summary.stdout).toContain(`${forbidden.length === 1 ? '1 drift finding' : `${forbidden.length} drift findings`} the policy forbids (of ${drift.length} found in the code)`);
      const { commands } = parseWorkflowCommands(cli('github').stdout);
      const annotated = commands.filter((c) => c.properties.title === 'aithreat drift: Remote code trusted');
      expect(annotated.map((c) => [c.command, c.properties.file, c.properties.line])).toEqual(forbidden.slice(0, annotated.length).map((d) => ['error', d.location.file, String(d.location.line)]));
      expect(annotated.length).toBeGreaterThan(0);
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });

  it('takes titles and links from an organisation\'s catalog', () => {
    const result = runBuiltCli(['assess', 'project.yaml', '--as-of', '2026-06-01', '--format', 'summary'], { cwd: join(repoRoot, 'examples/org') });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('[ACMELABELAUDIT](https://security.acme.example/ai-controls/acmelabelaudit) Label audit | planned only |');
    expect(result.stdout).toMatch(/policy /);
  });
});

describe('--format github', () => {
  it('marks the lines of required gaps, from the repository root when assess runs in a folder of it', () => {
    mkdirSync(join(dir, 'ml/fraud'), { recursive: true });
    cpSync(join(repoRoot, 'examples/fraud-detection.yaml'), join(dir, 'ml/fraud/aithreat.yaml'));
    cpSync(join(repoRoot, 'test/fixtures/assess/missing-required.yaml'), join(dir, 'ml/fraud/churn.aithreat.yaml'));
    const result = runBuiltCli(['assess', '.', ...asOf, '--format', 'github'], { cwd: join(dir, 'ml/fraud'), env: actions(dir) });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
    const { commands, otherLines } = parseWorkflowCommands(result.stdout);
    expect(otherLines).toEqual([]);
    expect(commands.map((c) => [c.command, c.properties.file, c.properties.title])).toEqual([
      ['error', 'ml/fraud/churn.aithreat.yaml', 'aithreat DATAQUALITYCONTROL: Data quality control'],
      ['warning', 'ml/fraud/aithreat.yaml', 'aithreat TRAINDATADISTORTION: Train data distortion'],
    ]);
    expect(commands[0]!.properties.line).toMatch(/^\d+$/);
    expect(commands[0]!.message).toBe('Required control DATAQUALITYCONTROL (Data quality control) is missing in Churn prediction (owner Retention analytics). It counters DATAPOISON; the most severe is high.');
  });

  it('lets no project text forge a workflow command or ping anyone', () => {
    const fixture = 'test/fixtures/hostile/workflow-commands.yaml';
    const github = runBuiltCli(['assess', fixture, ...asOf, '--format', 'github']);
    expect(github.code).toBe(1);
    const { commands, otherLines } = parseWorkflowCommands(github.stdout);
    expect(otherLines).toEqual([]);
    expect(commands.map((c) => [c.command, c.properties.file])).toEqual([['error', fixture], ['warning', fixture]]);
    expect(commands[0]!.message).toContain('Churn ::error file=forged.yaml,line=1::forged annotation ::warning::also forged %0A::error::encoded');
    expect(github.stdout.split('\n').filter((line) => line.trimStart().startsWith('::'))).toHaveLength(2);

    const summary = runBuiltCli(['assess', fixture, ...asOf, '--format', 'summary']).stdout;
    expect(summary).not.toMatch(/@(?!&#8203;)/);
    expect(summary).not.toContain('<img');
    expect(summary).not.toMatch(/(?<!\\)\]\(javascript:/);
    expect(summary).toContain('@&#8203;acme/security-team');
  });
});
