import { describe, expect, it } from 'vitest';
import type { Gap, ProjectGaps, Report } from '../../src/assess/types.js';
import { gapsOf } from '../../src/assess/report.js';
import { compareReports } from '../../src/baseline/compare.js';
import { renderSummary, summaryLimit } from '../../src/render/summary.js';
import { assessFiles, examples, plainContext } from './helpers/assess-files.js';
import { smallReport } from './helpers/small-report.js';

const gapReport = (report: Report = smallReport()) => ({ ...report, projects: report.projects.map(gapsOf) });

describe('summary', () => {
  it('says the verdict, the counts, a row per required gap and where the full report is', () => {
    const text = renderSummary(gapReport(), plainContext());
    expect(text).toBe([
      '### ❌ aithreat: FAIL',
      '',
      'The project fails: 1 required control missing, 1 advisory gap (1 risk acceptance expired). Required from **high** severity; as of 2026-11-25.',
      '',
      '#### Required controls missing (1)',
      '',
      '| Project | Control | Gap | Severity | Counters |',
      '| --- | --- | --- | --- | --- |',
      '| [Demo recommender](projects/demo.yaml#L10) · ML team | [DATAQUALITYCONTROL](https://owaspai.org/go/dataqualitycontrol/) Data quality control | missing | high | DATAPOISON |',
      '',
      '**Full report**: `aithreat assess --format markdown` writes it.',
      '',
      '<sub>aithreat 9.9.9: the same input gives the same summary.</sub>',
      '',
    ].join('\n'));
  });

  it('passes with no table when nothing required is missing', () => {
    const report = gapReport();
    const project = { ...report.projects[0]!, verdict: 'pass' as const, gaps: report.projects[0]!.gaps.filter((g) => !g.required), counts: { ...report.projects[0]!.counts, requiredGaps: 0 } };
    const text = renderSummary({ ...report, verdict: 'pass', projects: [project] }, plainContext());
    expect(text).toMatch(/^### ✅ aithreat: PASS\n\nThe project passes: 0 required controls missing, 1 advisory gap \(1 risk acceptance expired\)\./);
    expect(text).not.toContain('| Project |');
  });

  it('links project lines under the link base and the full report to the Markdown file or the run', () => {
    const base = 'https://github.com/acme/models/blob/0123456789abcdef0123456789abcdef01234567/';
    const run = 'https://github.com/acme/models/actions/runs/42';
    const inActions = renderSummary(gapReport(), plainContext({ linkBase: base, runUrl: run, markdownReport: 'reports/aithreat.md' }));
    expect(inActions).toContain(`[Demo recommender](${base}projects/demo.yaml#L10)`);
    expect(inActions).toContain(`**Full report**: \`reports/aithreat.md\`, written by [the workflow run](${run})`);
    expect(renderSummary(gapReport(), plainContext({ runUrl: run }))).toContain(`**Full report**: [the workflow run](${run})`);
    // Read where both were written: the report is linked from the summary's own folder.
    expect(renderSummary(gapReport(), plainContext({ markdownReport: 'reports/aithreat.md', documentDir: 'reports' }))).toContain('**Full report**: [reports/aithreat.md](aithreat.md)');
  });

  it('shows the new and fixed required gaps against a baseline', () => {
    const report = gapReport();
    const baseline = { projects: [{ file: 'projects/demo.yaml', gaps: [{ control: 'SEGREGATEDATA', kind: 'missing', required: true, severity: 'high' }] }] };
    const text = renderSummary(report, plainContext({ baseline: { file: 'base.json', comparison: compareReports(baseline, report) } }));
    expect(text).toContain('**Against the baseline** base.json: 1 new required gap, 1 fixed, 0 unchanged.');
    expect(text).toContain([
      '#### New required gaps (1)',
      '',
      '| Project | Control | Gap | Severity |',
      '| --- | --- | --- | --- |',
      '| [projects/demo.yaml](projects/demo.yaml#L10) | [DATAQUALITYCONTROL](https://owaspai.org/go/dataqualitycontrol/) Data quality control | missing | high |',
    ].join('\n'));
    expect(text).toContain('#### Fixed since the baseline (1)');
    expect(text).toContain('| projects/demo.yaml | [SEGREGATEDATA](https://owaspai.org/go/segregatedata/) Segregate data | missing | high |');
  });

  it('counts drift the policy forbids with --discover', () => {
    const report = gapReport();
    const project = report.projects[0]!;
    const drift = { code: 'unpinned-revision', text: 'x', location: { file: 'train.py', line: 3, column: 1 }, args: {}, threats: [], declared: null, effects: [], required: true };
    const text = renderSummary({ ...report, discover: { root: '.' }, projects: [{ ...project, drift: [drift, { ...drift, required: false }], counts: { ...project.counts, requiredDrift: 1 } }] }, plainContext());
    expect(text).toContain('1 required control missing, 1 drift finding the policy forbids (of 2 found in the code), 1 advisory gap (1 risk acceptance expired).');
  });

  it('takes control titles and links from the catalog assessed, and no link that is not http(s)', () => {
    const report = gapReport();
    const catalog = { ...report.catalog, controls: report.catalog.controls.map((c) => (c.id === 'DATAQUALITYCONTROL' ? { ...c, title: 'Org data check', permalink: 'javascript:alert(1)' } : c)) };
    const text = renderSummary({ ...report, catalog }, plainContext());
    expect(text).toContain('| DATAQUALITYCONTROL Org data check |');
    expect(text).not.toContain('javascript:');
  });

  it('lets no project text ping anyone, inject HTML or make a link', () => {
    const report = gapReport();
    const hostile: ProjectGaps = { ...report.projects[0]!, name: '@octocat <img src=x onerror=alert(1)> [x](javascript:alert(1)) #1', owner: '@acme/security-team' };
    const text = renderSummary({ ...report, projects: [hostile] }, plainContext());
    expect(text).not.toMatch(/@(?!&#8203;)/);
    expect(text).not.toContain('<img');
    expect(text).not.toMatch(/(?<!\\)\]\(javascript:/);
    expect(text).toContain('@&#8203;acme/security-team');
  });

  it('stays under its limit for 10,000 projects, counting the rows it leaves out', () => {
    const report = gapReport();
    const one = report.projects[0]!;
    const projects = Array.from({ length: 10_000 }, (_, i) => ({ ...one, file: `projects/p${i}.yaml`, name: `Project ${i} ${'$@<'.repeat(20)}`, gaps: one.gaps.map((g) => ({ ...g, location: { ...g.location, file: `projects/p${i}.yaml` } })) }));
    const text = renderSummary({ ...report, projects }, plainContext());
    expect(text.length).toBeLessThanOrEqual(summaryLimit);
    expect(text.split('\n')[2]).toMatch(/^10,000 of 10,000 projects fail: 10,000 required controls missing/);
    const shown = text.split('\n').filter((line) => line.startsWith('| [Project')).length;
    expect(shown).toBeGreaterThan(10);
    expect(text).toContain(`_… and ${(10_000 - shown).toLocaleString('en-US')} more required gaps: see the full report._`);
  });

  it('is the same for the same examples, and each example is well under the limit', () => {
    const { report } = assessFiles(examples);
    const first = renderSummary(gapReport(report), plainContext());
    expect(renderSummary(gapReport(report), plainContext())).toBe(first);
    expect(first.length).toBeLessThan(summaryLimit / 4);
    const required = report.projects.reduce((n, p) => n + p.gaps.filter((g: Gap) => g.required).length, 0);
    expect(first.split('\n').filter((line) => line.startsWith('| [')).length).toBe(required);
  });
});
