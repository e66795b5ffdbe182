import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildReport } from '../../src/assess/report.js';
import type { Report } from '../../src/assess/types.js';
import { applyBaseline } from '../../src/baseline/apply.js';
import { compareReports, type ComparableReport } from '../../src/baseline/compare.js';
import { loadReportFile, parseReport } from '../../src/baseline/load.js';
import { workingDirectoryScope } from '../../src/load/read-scope.js';
import { renderComparisonText } from '../../src/baseline/render.js';
import { getCatalog } from '../../src/catalog/bundled.js';
import { diffCommand } from '../../src/commands/diff.js';
import { memoryIo } from '../../src/io.js';
import { parseProject } from '../../src/validate/load-project.js';

const report = (...projects: [string, { control: string; kind: string; required: boolean }[]][]): ComparableReport => ({
  projects: projects.map(([file, gaps]) => ({ file, gaps: gaps.map((g) => ({ ...g, severity: 'high', threats: ['DATAPOISON'] })) })),
});
const gap = (control: string, kind = 'missing', required = true) => ({ control, kind, required });

describe('compareReports', () => {
  it('keys gaps by project file, control and kind', () => {
    const before = report(['a.yaml', [gap('DEVSECURITY'), gap('SEGREGATEDATA', 'partial')]], ['b.yaml', [gap('DEVSECURITY')]]);
    const after = report(['a.yaml', [gap('DEVSECURITY'), gap('SEGREGATEDATA', 'missing'), gap('DATAMINIMIZE', 'missing', false)]], ['c.yaml', [gap('DEVSECURITY')]]);
    const comparison = compareReports(before, after);
    expect(comparison.gaps.map((g) => [g.change, g.file, g.control, g.kind])).toEqual([
      ['new', 'a.yaml', 'DATAMINIMIZE', 'missing'],
      ['new', 'a.yaml', 'SEGREGATEDATA', 'missing'],
      ['new', 'c.yaml', 'DEVSECURITY', 'missing'],
      ['resolved', 'a.yaml', 'SEGREGATEDATA', 'partial'],
      ['resolved', 'b.yaml', 'DEVSECURITY', 'missing'],
      ['unchanged', 'a.yaml', 'DEVSECURITY', 'missing'],
    ]);
    expect(comparison.counts).toEqual({ new: 3, newRequired: 2, resolved: 2, unchanged: 1 });
  });

  it('matches paths written with either separator', () => {
    const comparison = compareReports(report(['ml\\a.yaml', [gap('DEVSECURITY')]]), report(['ml/a.yaml', [gap('DEVSECURITY')]]));
    expect(comparison.counts).toEqual({ new: 0, newRequired: 0, resolved: 0, unchanged: 1 });
  });

  it('compares a report with itself as all unchanged', () => {
    const r = report(['a.yaml', [gap('A'), gap('B', 'planned', false)]]);
    expect(compareReports(r, r).counts).toEqual({ new: 0, newRequired: 0, resolved: 0, unchanged: 2 });
  });
});

describe('renderComparisonText', () => {
  it('counts everything and lists new and resolved gaps', () => {
    const comparison = compareReports(report(['a.yaml', [gap('OLD'), gap('SAME')]]), report(['a.yaml', [gap('NEW'), gap('SAME')]]));
    expect(renderComparisonText(comparison, 'base.json')).toBe(
      [
        'Compared with baseline base.json: 1 new gap (1 required), 1 resolved, 1 unchanged',
        '  new      a.yaml: NEW (missing) required, high, against DATAPOISON',
        '  resolved a.yaml: OLD (missing) required, high, against DATAPOISON',
        '',
      ].join('\n'),
    );
  });
});

describe('parseReport', () => {
  it.each([
    ['{', '1:2: not valid JSON: the file ends before the object opened at 1:1 is closed'],
    ['[]', '1:1: the file must be a mapping, not a list'],
    ['{"projects": 1}', '1:14: `projects` must be a list, not a number (1)'],
    ['{"projects": [{"gaps": []}]}', '1:15: missing required key `file` in `projects.0`'],
    ['{"projects": [{"file": "a", "gaps": [{"control": "X"}]}]}', '1:38: missing required key `kind` in `projects.0.gaps.0`'],
    ['{"projects": [{"file": "a", "gaps": [{"control": "X", "kind": "missing", "required": true, "threats": "DATAPOISON"}]}]}', '1:103: `projects.0.gaps.0.threats` must be a list, not a string (`DATAPOISON`)'],
  ])('%s', (text, expected) => {
    const parsed = parseReport(text, 'b.json');
    expect(parsed.ok ? 'ok' : `${parsed.problems[0]!.line}:${parsed.problems[0]!.column}: ${parsed.problems[0]!.message}`).toBe(expected);
  });

  it('reads a Report serialized as JSON, as the json format writes it', () => {
    const checked = parseProject('formatVersion: 1\nproject: { name: X }\ndatasets:\n  - { id: d, purpose: training, origin: public-internet }\n', 'x.yaml');
    if (!checked.ok) throw new Error('fixture');
    const full: Report = buildReport([{ source: checked.source, project: checked.value }], { catalog: getCatalog(), asOf: '2025-01-01', failOn: 'high', undeclared: 'count', policy: null });
    const parsed = parseReport(JSON.stringify(full), 'full.json');
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(compareReports(parsed.report, full).counts.new).toBe(0);
    const outcome = applyBaseline(full, { ok: true, report: { projects: [] }, file: 'empty.json' }, { failOnNewOnly: true });
    expect(outcome.exitCode).toBe(full.projects[0]!.counts.requiredGaps > 0 ? 1 : 0);
  });
});

describe('applyBaseline', () => {
  const current = (verdict: 'pass' | 'fail', gaps: ReturnType<typeof gap>[], requiredDrift = 0) => ({ verdict, projects: [{ file: 'a.yaml', gaps, counts: { requiredDrift } }] }) as unknown as Report;
  const baseline = { ok: true as const, report: report(['a.yaml', [gap('OLD')]]), file: 'b.json' };

  it('without --fail-on-new-only, the verdict decides', () => {
    expect(applyBaseline(current('fail', [gap('OLD')]), baseline, {}).exitCode).toBe(1);
    expect(applyBaseline(current('pass', [gap('NEW', 'missing', false)]), baseline, {}).exitCode).toBe(0);
  });

  it('with --fail-on-new-only, only a new required gap fails', () => {
    expect(applyBaseline(current('fail', [gap('OLD')]), baseline, { failOnNewOnly: true }).exitCode).toBe(0);
    expect(applyBaseline(current('fail', [gap('OLD'), gap('NEW', 'missing', false)]), baseline, { failOnNewOnly: true }).exitCode).toBe(0);
    expect(applyBaseline(current('fail', [gap('OLD'), gap('NEW')]), baseline, { failOnNewOnly: true }).exitCode).toBe(1);
  });

  it('with --fail-on-new-only, drift the policy forbids still fails: a baseline has no drift to accept', () => {
    expect(applyBaseline(current('fail', [gap('OLD')], 1), baseline, { failOnNewOnly: true }).exitCode).toBe(1);
  });
});

describe('diffCommand and loadReportFile', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'aithreat-diff-'));
    writeFileSync(join(dir, 'old.json'), JSON.stringify(report(['a.yaml', [gap('OLD'), gap('SAME')]])));
    writeFileSync(join(dir, 'new.json'), JSON.stringify(report(['a.yaml', [gap('SAME'), gap('ADVISORY', 'missing', false)]])));
    writeFileSync(join(dir, 'worse.json'), JSON.stringify(report(['a.yaml', [gap('SAME'), gap('NEW')]])));
    writeFileSync(join(dir, 'bad.json'), '{"projects": [');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 0 when no required gap is new, 1 when one is', () => {
    const io = memoryIo({ cwd: dir });
    expect(diffCommand('old.json', 'new.json', {}, io)).toBe(0);
    expect(io.out()).toMatch(/^Compared with baseline old\.json: 1 new gap \(0 required\), 1 resolved, 1 unchanged\n/);
    expect(diffCommand('old.json', 'worse.json', {}, memoryIo({ cwd: dir }))).toBe(1);
  });

  it('writes JSON with every gap', () => {
    const io = memoryIo({ cwd: dir });
    expect(diffCommand('old.json', 'worse.json', { format: 'json' }, io)).toBe(1);
    const json = JSON.parse(io.out());
    expect(json).toMatchObject({ baseline: 'old.json', current: 'worse.json', counts: { new: 1, newRequired: 1, resolved: 1, unchanged: 1 } });
    expect(json.gaps).toHaveLength(3);
  });

  it('exits 2 with one line per bad file', () => {
    const io = memoryIo({ cwd: dir });
    expect(diffCommand('bad.json', 'missing.json', {}, io)).toBe(2);
    expect(io.err().split('\n')).toEqual(['bad.json:1:15: not valid JSON: the file ends before the list opened at 1:14 is closed', 'missing.json:1:1: no such file', '']);
    expect(io.out()).toBe('');
    expect(diffCommand('old.json', 'new.json', { format: 'xml' }, memoryIo({ cwd: dir }))).toBe(2);
  });

  it('loadReportFile names the file in its problems', () => {
    expect(loadReportFile('bad.json', dir, workingDirectoryScope(dir))).toMatchObject({ ok: false, problems: [{ file: 'bad.json', line: 1, column: 15, code: 'json-syntax' }] });
  });
});
