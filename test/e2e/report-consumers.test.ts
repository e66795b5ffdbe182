import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Log } from 'sarif';
import { afterAll, describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { repoRoot, runBuiltCli } from '../helpers/run-cli.js';
import { fixtureCopy } from '../discover/fixture-repo.js';
import { examples } from '../render/helpers/assess-files.js';
import { gitlabTestCases } from '../helpers/gitlab-junit.js';

// The SARIF and JUnit reports read by the clients that consume them: Microsoft's SARIF multitool
// with GitHub's rules, the Jenkins xUnit plugin's JUnit schema, and GitLab's JUnit reader.

const asOf = ['--as-of', '2026-11-25'];
const work = mkdtempSync(join(tmpdir(), 'aithreat-consumers-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Every report a user might upload: each example, all examples in one run, an organisation's catalog, drift. */
function reports(format: 'sarif' | 'junit'): { name: string; text: string }[] {
  const run = (args: string[], cwd = repoRoot) => {
    const result = runBuiltCli([...args, '--format', format], { cwd });
    expect(result.stderr, args.join(' ')).toBe('');
    expect(result.code).toBeLessThan(2);
    return result.stdout;
  };
  const repo = fixtureCopy();
  cpSync(join(repoRoot, 'test/fixtures/discover/drift/aithreat.yaml'), join(repo, 'aithreat.yaml'));
  writeFileSync(join(repo, 'policy.yaml'), 'policyVersion: 1\nrequireNoDrift: [trust-remote-code, dangerous-model-file]\n');
  return [
    ...examples.map((file) => ({ name: file.replace(/^examples\//, ''), text: run(['assess', file, ...asOf]) })),
    { name: 'all-examples', text: run(['assess', ...examples, ...asOf]) },
    { name: 'org', text: run(['assess', 'project.yaml', ...asOf], join(repoRoot, 'examples', 'org')) },
    { name: 'discover', text: run(['assess', 'aithreat.yaml', '--discover', '.', '--policy', 'policy.yaml', ...asOf], repo) },
  ];
}

const multitool: string = createRequire(import.meta.url)('@microsoft/sarif-multitool');

/** The multitool's findings on SARIF files: each with its level (a result without one is a warning), rule and file. */
function multitoolFindings(files: string[]): string[] {
  const out = join(work, `validation-${files.length}.sarif`);
  // Invariant globalisation: the .NET build then needs no ICU library on the machine.
  const env = { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1' };
  const run = spawnSync(multitool, ['validate', '--rule-kind', 'Gh;Sarif', '--log', 'ForceOverwrite', '-o', out, ...files], { encoding: 'utf8', env });
  expect(run.status, run.stdout + run.stderr).toBe(0);
  const log = JSON.parse(readFileSync(out, 'utf8')) as Log;
  return log.runs.flatMap((r) => (r.results ?? []).map((res) => `${res.level ?? 'warning'} ${res.ruleId} ${res.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? ''}: ${JSON.stringify(res.message.arguments ?? res.message.text)}`));
}

describe('SARIF in the SARIF multitool, with GitHub rules', () => {
  it('finds no error and no warning in any report', () => {
    const dir = join(work, 'sarif');
    mkdirSync(dir, { recursive: true });
    const files = reports('sarif').map(({ name, text }) => {
      const file = join(dir, `${name}.sarif`);
      writeFileSync(file, text);
      return file;
    });
    expect(files.length).toBe(examples.length + 3);
    expect(multitoolFindings(files)).toEqual([]);
  }, 120_000);

  it('would find a rule whose name is its id, and a rule without help', () => {
    const log = JSON.parse(runBuiltCli(['assess', 'examples/research-image-classifier.yaml', ...asOf, '--format', 'sarif']).stdout) as Log;
    const rules = log.runs[0]!.tool.driver.rules!;
    rules[0]!.name = rules[0]!.id.toLowerCase();
    delete rules[1]!.help;
    const file = join(work, 'broken.sarif');
    writeFileSync(file, JSON.stringify(log));
    const found = multitoolFindings([file]).map((f) => f.split(' ').slice(0, 2).join(' '));
    expect(found).toContain('warning SARIF1001');
    expect(found.some((f) => f.startsWith('error GH'))).toBe(true);
  }, 60_000);
});

const jenkinsSchema = { fileName: 'junit-10.xsd', contents: readFileSync(join(repoRoot, 'test/fixtures/junit/junit-10.xsd'), 'utf8') };

describe('JUnit in the Jenkins xUnit plugin schema', () => {
  it('validates every report', async () => {
    for (const { name, text } of reports('junit')) {
      const result = await validateXML({ xml: [{ fileName: `${name}.xml`, contents: text }], schema: [jenkinsSchema] });
      expect(result.errors.map((e) => e.rawMessage), name).toEqual([]);
      expect(result.valid).toBe(true);
    }
  }, 120_000);

  it('rejects what the schema forbids: a file on a test case, skipped on the document', async () => {
    const xml = '<testsuites skipped="0"><testsuite name="s" tests="1" failures="0" errors="0"><testcase name="c" file="a.yaml"/></testsuite></testsuites>';
    const result = await validateXML({ xml: [{ fileName: 'bad.xml', contents: xml }], schema: [jenkinsSchema] });
    expect(result.valid).toBe(false);
    expect(result.errors.map((e) => e.message)).toEqual([
      "Schemas validity error : Element 'testsuites', attribute 'skipped': The attribute 'skipped' is not allowed.",
      "Schemas validity error : Element 'testcase', attribute 'file': The attribute 'file' is not allowed.",
    ]);
  });
});

describe("JUnit as GitLab's test report shows it", () => {
  const run = runBuiltCli(['assess', ...examples, ...asOf, '--format', 'junit']);
  const cases = gitlabTestCases(run.stdout);

  it('shows each control of each project once, under a suite naming the project', () => {
    expect(run.code).toBe(1);
    const keys = cases.map((c) => `${c.classname}\u0000${c.name}`);
    // GitLab keeps only the first of test cases with the same class name and name.
    expect(new Set(keys).size).toBe(keys.length);
    const research = cases.filter((c) => c.classname === 'examples/research-image-classifier_yaml.controls');
    expect(research.map((c) => [c.name, c.status])).toEqual([
      ['DEVDATAPROTECT Development data protect', 'skipped'],
      ['SEGREGATEDATA Segregate data', 'failed'],
      ['SUPPLYCHAINMANAGE Supply chain management', 'failed'],
      ['DATAQUALITYCONTROL Data quality control', 'failed'],
      ['DEVSECURITY Development security', 'failed'],
      ['POISONROBUSTMODEL Poison robust model', 'failed'],
    ]);
    expect(research[0]!.systemOutput).toBe('DEVDATAPROTECT (Development data protect) is not in place: it is declared not applicable.\nSee examples/research-image-classifier.yaml:63:14.');
  });

  it('shows the time as 0 and the whole finding, with its place, as the output of a failed test', () => {
    for (const c of cases) expect(c.executionTime).toBe('0');
    const failed = cases.find((c) => c.classname === 'examples/research-image-classifier_yaml.controls' && c.name.startsWith('SUPPLYCHAINMANAGE'))!;
    expect(failed.status).toBe('failed');
    // GitLab shows the failure's text, not its message attribute: the text begins with what is wrong.
    expect(failed.systemOutput!.split('\n')[0]).toBe('SUPPLYCHAINMANAGE (Supply chain management) is planned only in Bird species classifier (research).');
    expect(failed.systemOutput).toMatch(/^See examples\/research-image-classifier\.yaml:\d+:\d+\.$/m);
    expect(failed.systemOutput).toContain('More: https://owaspai.org/go/supplychainmanage/');
    expect(cases.filter((c) => c.status === 'success').every((c) => c.systemOutput === null)).toBe(true);
  });
});
