import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import type { Log } from 'sarif';
import { describe, expect, it } from 'vitest';
import { getCatalog } from '../../src/catalog/bundled.js';
import { mdText } from '../../src/render/markdown-escape.js';
import { artifactLocation, renderSarif } from '../../src/render/sarif.js';
import { repoRoot } from '../helpers/run-cli.js';
import { assessFiles, examples, plainContext } from './helpers/assess-files.js';
import { smallReport } from './helpers/small-report.js';

// The official schema is draft-04; without its `$schema` and `id`, Ajv's draft-07 validator reads it.
const { $schema: _draft, id: _id, ...sarifSchema } = JSON.parse(readFileSync(`${repoRoot}/test/fixtures/sarif-schema-2.1.0.json`, 'utf8'));
const validate = new Ajv.default({ strict: false, validateFormats: false, allErrors: true }).compile(sarifSchema);
const sarif = (report = smallReport()): Log => JSON.parse(renderSarif(report, plainContext())) as Log;

describe('sarif', () => {
  it('has what GitHub code scanning requires of the log and the tool', () => {
    const log = sarif();
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif-schema-2\.1\.0\.json$/);
    expect(log.runs).toHaveLength(1);
    expect(log.runs[0]!.tool.driver).toMatchObject({ name: 'aithreat', version: '9.9.9', informationUri: expect.stringMatching(/^https:\/\//) });
  });

  it('has one complete rule per control with a gap in each project', () => {
    const rules = sarif().runs[0]!.tool.driver.rules!;
    expect(rules.map((r) => r.id)).toEqual(['DATAQUALITYCONTROL/projects/demo.yaml', 'TRAINDATADISTORTION/projects/demo.yaml']);
    for (const rule of rules) {
      expect(rule.name).toMatch(/^[A-Z][A-Za-z0-9]+Gap$/);
      expect(rule.name!.toLowerCase()).not.toBe(rule.id.toLowerCase());
      expect(rule.shortDescription?.text).toMatch(/ not in place$/);
      expect(rule.fullDescription?.text).toBeTruthy();
      expect(rule.help?.text).toContain('In projects/demo.yaml it counters DATAPOISON (Data poisoning)');
      expect(rule.help?.markdown).toContain(`(${rule.helpUri})`);
      expect(rule.helpUri).toMatch(/^https:\/\/owaspai\.org\/go\/[a-z]+\/$/);
      expect(rule.properties?.tags).toEqual(['security', 'ai', 'owasp-ai-exchange', 'control']);
      expect(['error', 'warning', 'note']).toContain(rule.defaultConfiguration?.level);
    }
    const quality = getCatalog().controls.find((c) => c.id === 'DATAQUALITYCONTROL')!;
    expect(rules[0]!.fullDescription?.text).toBe(quality.summary);
    for (const practice of quality.practices) expect(rules[0]!.help?.markdown).toContain(`- ${mdText(practice.text)}`);
    expect(rules[0]!.help?.text).toBe(`${quality.summary}\n\nPractices and more: ${quality.permalink}\n\nIn projects/demo.yaml it counters DATAPOISON (Data poisoning); the most severe is high.`);
    expect(rules[0]!.properties?.['security-severity']).toBe('8.0');
    expect(rules[1]!.properties?.['security-severity']).toBe('8.0');
  });

  it('reports each required gap as an error and each expired acceptance as a warning', () => {
    const results = sarif().runs[0]!.results!;
    expect(results.map((r) => [r.ruleId, r.level, r.properties?.control])).toEqual([
      ['DATAQUALITYCONTROL/projects/demo.yaml', 'error', 'DATAQUALITYCONTROL'],
      ['TRAINDATADISTORTION/projects/demo.yaml', 'warning', 'TRAINDATADISTORTION'],
    ]);
    expect(results[0]!.message.text).toBe('Required control DATAQUALITYCONTROL (Data quality control) is missing in Demo recommender. It counters DATAPOISON; the most severe is high.');
    expect(results[1]!.message.text).toContain('The risk acceptance of TRAINDATADISTORTION (Train data distortion) expired on 2026-01-31');
    expect(results[0]!.locations![0]!.physicalLocation).toEqual({
      artifactLocation: { uri: 'projects/demo.yaml', uriBaseId: '%SRCROOT%' },
      region: { startLine: 10, startColumn: 3 },
    });
  });

  it('names the rule of every result, with no index that would tie one project to the others', () => {
    const { report } = assessFiles(examples);
    const run = sarif(report).runs[0]!;
    const ids = run.tool.driver.rules!.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const result of run.results!) {
      expect(ids).toContain(result.ruleId);
      expect(result.ruleIndex).toBeUndefined();
      expect(result.ruleId).toBe(`${result.properties!.control}/${result.properties!.project}`);
    }
    const prints = run.results!.map((r) => r.partialFingerprints!['aithreat/v1']);
    expect(prints.every((p) => /^[0-9a-f]{64}$/.test(p!))).toBe(true);
    expect(new Set(prints).size).toBe(prints.length);
    expect(sarif(assessFiles(examples).report).runs[0]!.results!.map((r) => r.partialFingerprints!['aithreat/v1'])).toEqual(prints);
  });

  it('rates each rule by its own project, whatever else the run assessed', () => {
    const { report } = assessFiles(examples);
    const together = sarif(report).runs[0]!.tool.driver.rules!;
    const alone = examples.flatMap((file) => sarif(assessFiles([file]).report).runs[0]!.tool.driver.rules!);
    expect(together).toEqual(alone);
    const scores: Record<string, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0' };
    for (const project of report.projects) {
      for (const gap of project.gaps.filter((g) => g.required)) {
        const rule = together.find((r) => r.id === `${gap.control}/${project.file}`)!;
        expect(rule.properties!['security-severity'], rule.id).toBe(scores[gap.severity]);
      }
    }
    // The same control is rated differently in two examples of one run.
    const byControl = new Map<string, Set<string>>();
    for (const rule of together) {
      const control = rule.id.split('/')[0]!;
      byControl.set(control, new Set([...(byControl.get(control) ?? []), rule.properties!['security-severity'] as string]));
    }
    expect([...byControl.values()].some((s) => s.size > 1)).toBe(true);
  });

  it('makes URIs relative with forward slashes, or file: URIs for absolute paths', () => {
    expect(artifactLocation('examples\\a b.yaml')).toEqual({ uri: 'examples/a%20b.yaml', uriBaseId: '%SRCROOT%' });
    expect(artifactLocation('/tmp/p.yaml')).toEqual({ uri: 'file:///tmp/p.yaml' });
    expect(artifactLocation('C:\\work\\p.yaml')).toEqual({ uri: 'file:///C:/work/p.yaml' });
  });

  it('uses a schema that can fail', () => {
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] })).toBe(false);
  });

  it.each(['small report', ...examples])('validates against the SARIF 2.1.0 schema: %s', (name) => {
    const log = sarif(name === 'small report' ? smallReport() : assessFiles([name]).report);
    const valid = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    for (const result of log.runs[0]!.results!) {
      const location = result.locations![0]!.physicalLocation!;
      expect(location.artifactLocation!.uri).not.toMatch(/\\|^\//);
      expect(location.region!.startLine).toBeGreaterThanOrEqual(1);
    }
  });
});
