import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { repoRoot, runBuiltCli } from '../helpers/run-cli.js';

// End-to-end: the built CLI on the worked example organisation (examples/org), and on copies of
// it in temporary directories. The example's .aithreatrc.yaml names its catalog, rules and policy.

const example = join(repoRoot, 'examples', 'org');
const asOf = ['--as-of', '2026-06-01'];
const inExample = (...args: string[]) => runBuiltCli(args, { cwd: example });
let dir: string;

beforeAll(() => {
  const built = existsSync(join(repoRoot, 'dist', 'org.cjs'));
  if (!built) throw new Error('dist/org.cjs is missing: run `npm run build` before the end-to-end tests');
});
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'aithreat-org-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const inCopy = (...args: string[]) => runBuiltCli(args, { cwd: dir });
const copyExample = () => cpSync(example, dir, { recursive: true });

const threatLink = 'https://security.acme.example/ai-threats/acmevendortuning';
const auditLink = 'https://security.acme.example/ai-controls/acmelabelaudit';
const reviewLink = 'https://security.acme.example/ai-controls/acmevendorreview';

describe('assess with an organisation catalog, rules and policy', () => {
  it('shows the organisation threat and controls with their own links in the terminal table', () => {
    const result = inExample('assess', 'project.yaml', ...asOf);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/│ ACMEVENDORTUNING\s+│ critical │ yes/);
    expect(result.stdout).toMatch(/│ ACMELABELAUDIT\s+│ planned only │ answers 1 factor of\s+│/);
    expect(result.stdout).toContain('From the organisation catalog (3)');
    for (const link of [threatLink, auditLink, reviewLink]) expect(result.stdout).toContain(link);
    // The open question of the organisation's rule, with what it would move.
    expect(result.stdout).toMatch(/whether access to `vendor-workspace`, where a vendor fine-tunes, is\s+logged is not declared; declare environments\.1\.accessLogging: true\s+\(ACMEVENDORTUNING critical → high if declared so\)/);
  });

  it('links them in the Markdown report, naming the organisation catalog, not the AI Exchange', () => {
    const { code, stdout } = inExample('assess', 'project.yaml', '-f', 'markdown', ...asOf);
    expect(code).toBe(1);
    expect(stdout).toContain(`[Organisation catalog: Customer data in a vendor's fine-tuning service](${threatLink})`);
    expect(stdout).toContain(`[ACMELABELAUDIT](${auditLink}): Label audit | **planned** | **yes** (factor, policy)`);
    expect(stdout).toContain(`[ACMEVENDORREVIEW](${reviewLink}): Vendor data-handling review | implemented`);
    expect(stdout).toContain('labels `triage-labels` come from `label-house` without a record of who labelled what');
  });

  it('gives each threat, recommendation and gap its link in JSON', () => {
    const { code, stdout } = inExample('assess', 'project.yaml', '-f', 'json', ...asOf);
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as { policy: { name: string }; projects: { threats: { threat: string; permalink: string; severity: string; recommendations: { control: string; permalink: string }[] }[]; gaps: { control: string; permalink: string; requiredBy: string[] }[] }[] };
    expect(report.policy.name).toBe('Acme AI security policy');
    const [project] = report.projects;
    expect(project!.threats.find((t) => t.threat === 'ACMEVENDORTUNING')).toMatchObject({ permalink: threatLink, severity: 'critical' });
    expect(project!.threats.find((t) => t.threat === 'DATAPOISON')).toMatchObject({ permalink: 'https://owaspai.org/go/datapoison/' });
    expect(project!.gaps.find((g) => g.control === 'ACMELABELAUDIT')).toMatchObject({ permalink: auditLink, requiredBy: ['factor', 'policy'] });
    const recommended = project!.threats.flatMap((t) => t.recommendations).find((r) => r.control === 'ACMEVENDORREVIEW');
    expect(recommended).toMatchObject({ permalink: reviewLink });
  });

  it("gives the organisation's control a SARIF rule with its own guidance and link, and the gap a result", () => {
    const { code, stdout } = inExample('assess', 'project.yaml', '-f', 'sarif', ...asOf);
    expect(code).toBe(1);
    const log = JSON.parse(stdout) as { runs: { tool: { driver: { rules: { id: string; name: string; helpUri: string; help: { markdown: string }; properties: { tags: string[]; 'security-severity': string } }[] } }; results: { ruleId: string; message: { text: string } }[] }[] };
    const rules = log.runs[0]!.tool.driver.rules;
    const audit = rules.find((r) => r.id === 'ACMELABELAUDIT/project.yaml')!;
    expect(audit).toMatchObject({ name: 'LabelAuditGap', helpUri: auditLink, properties: { tags: ['security', 'ai', 'organisation-catalog', 'control'] } });
    expect(audit.help.markdown).toContain('(organisation catalog ACMELABELAUDIT)');
    expect(audit.help.markdown).toContain(`[Read more in the organisation catalog](${auditLink})`);
    expect(audit.help.markdown).toContain('In project.yaml it counters DATAPOISON (Data poisoning); the most severe is high.');
    // A built-in control's rule names the organisation threat it counters in this project, by its title.
    expect(rules.find((r) => r.id === 'DEVDATAPROTECT/project.yaml')!.help.markdown).toMatch(/it counters ACMEVENDORTUNING \([^)]+\), DATAPOISON/);
    const result = log.runs[0]!.results.find((r) => r.ruleId === audit.id)!;
    expect(result.message.text).toContain('ACMELABELAUDIT (Label audit) is planned');
  });

  it('puts the links in the JUnit report', () => {
    const { code, stdout } = inExample('assess', 'project.yaml', '-f', 'junit', ...asOf);
    expect(code).toBe(1);
    expect(stdout).toContain(`More: ${auditLink}</failure>`);
    expect(stdout).toContain('<testcase classname="project_yaml.controls" name="ACMELABELAUDIT Label audit" time="0">');
    expect(stdout).toContain('<testcase classname="project_yaml.controls" name="ACMEVENDORREVIEW Vendor data-handling review" time="0"/>');
  });

  it('reads the same folders given as flags from anywhere', () => {
    const flags = ['--catalog', 'examples/org/catalog', '--rules', 'examples/org/rules', '--policy', 'examples/org/policy.yaml'];
    const fromRoot = runBuiltCli(['assess', 'examples/org/project.yaml', '-f', 'json', ...flags, ...asOf]);
    expect(fromRoot.code).toBe(1);
    const verdicts = (JSON.parse(fromRoot.stdout) as { projects: { threats: { threat: string; severity: string | null }[] }[] }).projects[0]!.threats.map((t) => `${t.threat} ${t.severity}`);
    expect(verdicts).toContain('ACMEVENDORTUNING critical');
  });

  it('passes once the organisation control the policy requires is in place', () => {
    copyExample();
    const project = join(dir, 'project.yaml');
    writeFileSync(project, readFileSync(project, 'utf8').replace('    status: planned\n    notes: First audit after the next labelling batch.', '    status: implemented'));
    const json = JSON.parse(inCopy('assess', 'project.yaml', '-f', 'json', ...asOf).stdout) as { projects: { gaps: { control: string; required: boolean }[] }[] };
    expect(json.projects[0]!.gaps.filter((g) => g.required).map((g) => g.control)).not.toContain('ACMELABELAUDIT');
  });
});

describe('validate and catalog with an organisation catalog', () => {
  it('refuses the organisation control ids without the catalog, and accepts them with it', () => {
    const without = runBuiltCli(['validate', 'examples/org/project.yaml']);
    expect(without.code).toBe(2);
    expect(without.stderr).toContain('examples/org/project.yaml:');
    expect(without.stderr).toContain('unknown control id `ACMELABELAUDIT`');
    expect(runBuiltCli(['validate', 'examples/org/project.yaml', '--catalog', 'examples/org/catalog'])).toMatchObject({ code: 0, stdout: 'examples/org/project.yaml: valid\n' });
    expect(inExample('validate', 'project.yaml')).toMatchObject({ code: 0, stdout: 'project.yaml: valid\n' });
  });

  it('reports a catalog folder it cannot read in the format asked for', () => {
    const result = runBuiltCli(['validate', 'examples/org/project.yaml', '--catalog', 'examples/org/no-such-catalog', '--format', 'json']);
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toEqual([{ file: 'examples/org/no-such-catalog', line: 1, column: 1, code: 'file-unreadable', message: 'no such folder' }]);
  });

  it('shows an organisation control, with the built-in threat its catalog adds it to', () => {
    const { code, stdout } = inExample('catalog', 'show', 'acmelabelaudit', '--format', 'json');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ id: 'ACMELABELAUDIT', permalink: auditLink, counters: ['DATAPOISON'] });
    const threats = JSON.parse(inExample('catalog', 'list', '--kind', 'threat', '--format', 'json').stdout) as { threats: { id: string }[] };
    expect(threats.threats.map((t) => t.id)).toContain('ACMEVENDORTUNING');
  });
});

describe('aithreat rules test', () => {
  it('runs the example fixtures: every expectation met, exit 0', () => {
    const result = inExample('rules', 'test', 'rules');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('rules/tests/vendor-tuning-customer-data.yaml: 5 expectations met\n');
    expect(result.stdout).toMatch(/^5 fixtures, 15 expectations: 15 met, 0 failed$/m);
  });

  it('exits 1 and says which expectation failed, at its line', () => {
    copyExample();
    const fixture = join(dir, 'rules', 'tests', 'vendor-tuning-assessed.yaml');
    writeFileSync(fixture, readFileSync(fixture, 'utf8').replace('# expect: ACMEVENDORTUNING low', '# expect: ACMEVENDORTUNING high'));
    const result = inCopy('rules', 'test', 'rules');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('rules/tests/vendor-tuning-assessed.yaml:3:1: expected ACMEVENDORTUNING high, found low\n');
    expect(result.stdout).toMatch(/^5 fixtures, 15 expectations: 14 met, 1 failed$/m);
  });

  it('exits 2 for a rule it cannot load, at the character of its expression', () => {
    copyExample();
    const rule = join(dir, 'rules', 'acmevendortuning.yaml');
    writeFileSync(rule, readFileSync(rule, 'utf8').replace('when: activity.mode == "hosted-fine-tuning"', 'when: activity.mdoe == "hosted-fine-tuning"'));
    const result = inCopy('rules', 'test', 'rules');
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('rules/acmevendortuning.yaml:11:18: `applies.when`: `training[]` has no field `mdoe`; did you mean `mode`?\n');
  });

  it('exits 2 when there is nothing to test', () => {
    copyExample();
    rmSync(join(dir, 'rules', 'tests'), { recursive: true });
    const result = inCopy('rules', 'test', 'rules');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^aithreat: rules\/tests: no fixtures/);
  });
});

describe('organisation folders are untrusted input', () => {
  it('refuses a configuration that names a folder outside the working directory', () => {
    const work = join(dir, 'work');
    mkdirSync(work);
    writeFileSync(join(work, '.aithreatrc.yaml'), 'catalogs: [../org/catalog]\nrules: [/etc]\n');
    writeFileSync(join(work, 'p.yaml'), 'formatVersion: 1\nproject: { name: P }\n');
    const result = runBuiltCli(['assess', 'p.yaml'], { cwd: work });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe([
      '.aithreatrc.yaml:1:12: `catalogs.0` names `../org/catalog`, outside the working directory; a configuration may only name folders inside the working directory (a flag typed on the command line may name any path)',
      '.aithreatrc.yaml:2:9: `rules.0` names `/etc`, an absolute path; a configuration may only name folders inside the working directory (a flag typed on the command line may name any path)',
      '',
    ].join('\n'));
  });

  it('refuses a configured folder that leads out of the tree through a symbolic link, without reading it', () => {
    const work = join(dir, 'work');
    mkdirSync(work);
    cpSync(join(example, 'catalog'), join(dir, 'elsewhere'), { recursive: true });
    symlinkSync(join(dir, 'elsewhere'), join(work, 'catalog'));
    writeFileSync(join(work, '.aithreatrc.yaml'), 'catalogs: [catalog]\n');
    writeFileSync(join(work, 'p.yaml'), 'formatVersion: 1\nproject: { name: P }\n');
    const result = runBuiltCli(['validate', 'p.yaml'], { cwd: work });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^catalog:1:1: leads through a symbolic link to .*elsewhere, outside the working directory; aithreat follows such links only with --follow-symlinks\n$/);
  });

  it('refuses an organisation threat that no rule decides, at its file', () => {
    copyExample();
    rmSync(join(dir, '.aithreatrc.yaml'));
    // Browsing and validating need no rules.
    expect(inCopy('validate', 'project.yaml', '--catalog', 'catalog').code).toBe(0);
    const undecided = inCopy('assess', 'project.yaml', '--catalog', 'catalog', ...asOf);
    expect(undecided.code).toBe(2);
    expect(undecided.stderr).toBe('catalog/threats/acmevendortuning.yaml:7:5: no rule decides threat ACMEVENDORTUNING: give a rules folder with a rule for it (--rules <dir>, or `rules:` in .aithreatrc.yaml)\n');
  });

  it('keeps the texts of an organisation catalog and rule as text in the terminal and in Markdown', () => {
    copyExample();
    const control = join(dir, 'catalog', 'controls', 'acmelabelaudit.yaml');
    writeFileSync(control, readFileSync(control, 'utf8').replace('title: Label audit', 'title: "Label \\e[31maudit\\e]8;;https://evil.example\\a"'));
    const rule = join(dir, 'rules', 'outside-labels.yaml');
    writeFileSync(rule, readFileSync(rule, 'utf8').replace(/^    message: labels .*$/m, '    message: "\\u202Elabels `{{dataset}}` come from outside\\e[2J"'));
    for (const format of ['table', 'markdown']) {
      const result = inCopy('assess', 'project.yaml', '-f', format, ...asOf);
      expect(result.code).toBe(1);
      expect(result.stdout).not.toMatch(/[\u001b\u0007\u202e]/);
      expect(result.stdout).toContain('Label');
    }
  });

  it('never lets a report overwrite a rule or catalog file it read', () => {
    copyExample();
    const result = inCopy('assess', 'project.yaml', '-f', 'json=rules/outside-labels.yaml', ...asOf);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/rules\/outside-labels\.yaml/);
    expect(readFileSync(join(dir, 'rules', 'outside-labels.yaml'), 'utf8')).toBe(readFileSync(join(example, 'rules', 'outside-labels.yaml'), 'utf8'));
    expect(readdirSync(join(dir, 'rules')).sort()).toEqual(['acmevendortuning.yaml', 'outside-labels.yaml', 'tests']);
  });
});
