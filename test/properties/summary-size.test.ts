import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Gap, GapKind, GapReport, ProjectGaps, Severity } from '../../src/assess/types.js';
import { gapsOf } from '../../src/assess/report.js';
import { compareReports } from '../../src/baseline/compare.js';
import { annotationsShown, renderGithub } from '../../src/render/github.js';
import type { RenderContext } from '../../src/render/renderer.js';
import { renderSummary, summaryLimit } from '../../src/render/summary.js';
import { parseWorkflowCommands } from '../helpers/workflow-commands.js';
import { hostileText } from '../render/helpers/hostile-text.js';
import { smallReport } from '../render/helpers/small-report.js';

// The pull-request formats are bounded whatever the run: generated runs with many projects, huge
// names, long gap lists, a baseline that differs everywhere and long link bases. The summary stays
// within `summaryLimit` UTF-16 code units; the annotations stay a bounded number of commands that
// a reader of GitHub's grammar reads back one per line.

const runs = Number(process.env.AITHREAT_FUZZ_RUNS ?? 60);
const base = smallReport();
const template = gapsOf(base.projects[0]!);
const controls = base.catalog.controls.map((c) => c.id);

/** Text up to a size, from hostile pieces repeated: what an escaper expands most (`$`, `@`, `&`, `<`). */
const bigText = fc.tuple(hostileText, fc.constantFrom('', '$@&<|]`', 'x', '\u{1F600}'), fc.integer({ min: 0, max: 3000 })).map(([text, unit, times]) => `${text}${unit.repeat(times)}`);
/** As a path from the file system or the command line is: a lone surrogate becomes U+FFFD. */
const wellFormed = (text: string) => Buffer.from(text).toString();
const severity = fc.constantFrom<Severity>('critical', 'high', 'medium', 'low');
const kind = fc.constantFrom<GapKind>('missing', 'planned', 'partial', 'acceptance-expired', 'acceptance-incomplete', 'acceptance-forbidden');

const gap = fc.record({
  control: fc.oneof(fc.constantFrom(...controls), bigText),
  kind,
  required: fc.boolean(),
  severity,
  threats: fc.array(fc.oneof(fc.constantFrom('DATAPOISON', 'DEVDATALEAK'), bigText), { maxLength: 30 }),
  line: fc.integer({ min: 1, max: 1_000_000 }),
  reason: fc.option(bigText, { nil: undefined }),
}).map(({ line, reason, ...g }): Gap => ({ ...template.gaps[0]!, ...g, ...(reason === undefined ? {} : { reason }), location: { file: 'p.yaml', line, column: 1 } }));

// A file's name comes from the file system, which gives well-formed text (no lone surrogate).
const project = fc.record({ name: bigText, owner: fc.option(bigText, { nil: null }), file: bigText.map((t) => wellFormed(t)), gaps: fc.array(gap, { maxLength: 20 }), copies: fc.integer({ min: 1, max: 150 }) });

const run = fc.record({
  projects: fc.array(project, { minLength: 0, maxLength: 8 }),
  policy: fc.option(bigText, { nil: null }),
  version: bigText,
  linkBase: fc.option(bigText.map((t) => `https://example.com/${encodeURIComponent(wellFormed(t))}/`), { nil: undefined }),
  markdownReport: fc.option(bigText.map(wellFormed), { nil: undefined }),
  runUrl: fc.option(fc.constant('https://github.com/a/b/actions/runs/1'), { nil: undefined }),
  baseline: fc.option(fc.record({ file: bigText, gaps: fc.array(gap, { maxLength: 60 }) }), { nil: undefined }),
  folder: fc.option(bigText.map((t) => `${t}/`), { nil: undefined }),
});

type Generated = typeof run extends fc.Arbitrary<infer T> ? T : never;

function build(g: Generated): { report: GapReport; context: RenderContext } {
  // Each generated project is repeated (up to 150 times, files kept apart), so a run reaches thousands of projects.
  const projects: ProjectGaps[] = g.projects.flatMap((p, i) => Array.from({ length: p.copies }, (_, k) => {
    const file = `${p.file}-${i}-${k}.yaml`;
    const gaps = p.gaps.map((x) => ({ ...x, location: { ...x.location, file } }));
    const requiredGaps = gaps.filter((x) => x.required).length;
    return { ...template, file, name: p.name, owner: p.owner, gaps, verdict: requiredGaps > 0 ? 'fail' : 'pass', counts: { ...template.counts, requiredGaps, advisoryGaps: gaps.length - requiredGaps } } satisfies ProjectGaps;
  }));
  const report: GapReport = {
    ...base,
    tool: { name: 'aithreat', version: g.version },
    policy: g.policy === null ? null : { name: g.policy, file: g.policy },
    verdict: projects.some((p) => p.verdict === 'fail') ? 'fail' : 'pass',
    projects,
  };
  const context: RenderContext = { colorLevel: 0, width: 80 };
  if (g.linkBase) context.linkBase = g.linkBase;
  if (g.markdownReport !== undefined) context.markdownReport = g.markdownReport;
  if (g.runUrl) context.runUrl = g.runUrl;
  if (g.folder !== undefined) context.repositoryFolder = g.folder;
  if (g.baseline) {
    const earlier = { projects: [{ file: projects[0]?.file ?? 'p.yaml', gaps: g.baseline.gaps.map((x) => ({ control: x.control, kind: x.kind, required: x.required, severity: x.severity })) }] };
    context.baseline = { file: g.baseline.file, comparison: compareReports(earlier, report) };
  }
  return { report, context };
}

/** 10,000 projects times `per` gaps, as the summary counts them. */
const n = (per: number) => (per * 10_000).toLocaleString('en-US');

describe('the pull-request formats are bounded for any run', () => {
  it('a summary is at most summaryLimit UTF-16 code units', () => {
    fc.assert(fc.property(run, (g) => {
      const { report, context } = build(g);
      const text = renderSummary(report, context);
      expect(text.length).toBeLessThanOrEqual(summaryLimit);
      expect(text).toMatch(/^### (❌ aithreat: FAIL|✅ aithreat: PASS)\n/);
      expect(text).toContain('**Full report**: ');
    }), { numRuns: runs });
  }, 300_000);

  it('annotations are at most the ones GitHub shows and a notice, each one command on one line', () => {
    fc.assert(fc.property(run, (g) => {
      const { report, context } = build(g);
      const text = renderGithub(report, context);
      const { commands, otherLines } = parseWorkflowCommands(text);
      expect(otherLines).toEqual([]);
      expect(commands.length).toBeLessThanOrEqual(annotationsShown.error + annotationsShown.warning + 1);
      expect(text.split('\n').filter(Boolean)).toHaveLength(commands.length);
      for (const c of commands) expect(['error', 'warning', 'notice']).toContain(c.command);
    }), { numRuns: runs });
  }, 300_000);

  it('stays within the limit when rows of every length fill it to the last few characters', () => {
    // Short rows of varied length end the table within a few characters of the limit, where an
    // off-by-one in what the budget charges would show.
    fc.assert(fc.property(fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 600, maxLength: 900 }), fc.boolean(), (lengths, withBaseline) => {
      const projects: ProjectGaps[] = lengths.map((n, i) => ({ ...template, file: `p${i}.yaml`, name: 'n'.repeat(n), owner: null, gaps: [{ ...template.gaps[0]!, location: { file: `p${i}.yaml`, line: 1, column: 1 } }] }));
      const report: GapReport = { ...base, projects };
      const context: RenderContext = { colorLevel: 0, width: 80 };
      if (withBaseline) context.baseline = { file: 'b.json', comparison: compareReports({ projects: [] }, report) };
      const text = renderSummary(report, context);
      expect(text.length).toBeLessThanOrEqual(summaryLimit);
      expect(text.length).toBeGreaterThan(summaryLimit - 400);
    }), { numRuns: runs });
  }, 300_000);

  it('holds for 10,000 projects with huge names and long gap lists', () => {
    const name = '$@&<|'.repeat(4000);
    const gaps = controls.slice(0, 50).map((control, i): Gap => ({ ...template.gaps[0]!, control, required: i % 2 === 0, threats: Array.from({ length: 50 }, (_, k) => `T${k}`) }));
    const required = gaps.filter((g) => g.required).length;
    const projects: ProjectGaps[] = Array.from({ length: 10_000 }, (_, i) => ({ ...template, file: `p/${i}/${name.slice(0, 200)}.yaml`, name, owner: name, gaps, verdict: 'fail', counts: { ...template.counts, requiredGaps: required, advisoryGaps: gaps.length - required } }));
    const report: GapReport = { ...base, projects };
    const earlier = { projects: projects.slice(0, 5000).map((p) => ({ file: p.file, gaps: [{ control: 'OLD', kind: 'missing', required: true }] })) };
    const context: RenderContext = { colorLevel: 0, width: 80, linkBase: `https://example.com/${'a'.repeat(2000)}/`, markdownReport: name, baseline: { file: name, comparison: compareReports(earlier, report) } };
    const text = renderSummary(report, context);
    expect(text.length).toBeLessThanOrEqual(summaryLimit);
    expect(text.split('\n')[2]).toMatch(new RegExp(`^10,000 of 10,000 projects fail: ${n(required)} required controls missing, ${n(gaps.length - required)} advisory gaps\\.`));
    expect(text.split('\n').find((l) => l.startsWith('**Against'))?.slice(-60)).toMatch(new RegExp(`: ${n(required)} new required gaps, 5,000 fixed, 0 unchanged\\.$`));
    expect(text).toMatch(/_… and [\d,]+ more required gaps: see the full report\._/);
    expect(parseWorkflowCommands(renderGithub(report, context)).commands).toHaveLength(annotationsShown.error + 1);
  }, 120_000);
});
