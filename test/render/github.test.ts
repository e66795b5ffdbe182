import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Gap, ProjectGaps, Report } from '../../src/assess/types.js';
import { gapsOf } from '../../src/assess/report.js';
import { compareReports } from '../../src/baseline/compare.js';
import { annotationsShown, renderGithub } from '../../src/render/github.js';
import { annotationCommand, escapeData, escapeProperty } from '../../src/render/workflow-commands.js';
import { parseWorkflowCommands } from '../helpers/workflow-commands.js';
import { plainContext } from './helpers/assess-files.js';
import { hostileText } from './helpers/hostile-text.js';
import { smallReport } from './helpers/small-report.js';

const gapReport = (report: Report = smallReport()) => ({ ...report, projects: report.projects.map(gapsOf) });

describe('github annotations', () => {
  it('is an error per required gap and a warning per expired acceptance, titled with the control', () => {
    const text = renderGithub(gapReport(), plainContext());
    expect(text).toBe([
      '::error file=projects/demo.yaml,line=10,col=3,title=aithreat DATAQUALITYCONTROL%3A Data quality control::Required control DATAQUALITYCONTROL (Data quality control) is missing in Demo recommender (owner ML team). It counters DATAPOISON; the most severe is high.',
      '::warning file=projects/demo.yaml,line=40,col=3,title=aithreat TRAINDATADISTORTION%3A Train data distortion::The risk acceptance of TRAINDATADISTORTION (Train data distortion) expired on 2026-01-31 in Demo recommender (owner ML team). It counters DATAPOISON; the most severe is high.',
      '',
    ].join('\n'));
    const { commands } = parseWorkflowCommands(text);
    expect(commands.map((c) => [c.command, c.properties.file, c.properties.line, c.properties.title])).toEqual([
      ['error', 'projects/demo.yaml', '10', 'aithreat DATAQUALITYCONTROL: Data quality control'],
      ['warning', 'projects/demo.yaml', '40', 'aithreat TRAINDATADISTORTION: Train data distortion'],
    ]);
  });

  it('names files from the repository root when assess runs in a folder of it', () => {
    const { commands } = parseWorkflowCommands(renderGithub(gapReport(), plainContext({ repositoryFolder: 'ml/fraud/' })));
    expect(commands[0]!.properties.file).toBe('ml/fraud/projects/demo.yaml');
  });

  it('annotates drift the policy forbids at the line of the code', () => {
    const report = gapReport();
    const drift = { code: 'trust-remote-code', text: 'the code loads `m` with trust_remote_code=True', location: { file: 'src/train.py', line: 7, column: 5 }, args: {}, threats: [], declared: null, effects: [], required: true };
    const project = { ...report.projects[0]!, drift: [drift, { ...drift, required: false, location: { ...drift.location, line: 9 } }] };
    const { commands } = parseWorkflowCommands(renderGithub({ ...report, discover: { root: '.' }, projects: [project] }, plainContext()));
    const drifts = commands.filter((c) => c.properties.title?.startsWith('aithreat drift'));
    expect(drifts).toHaveLength(1);
    expect(drifts[0]).toMatchObject({ command: 'error', properties: { file: 'src/train.py', line: '7', col: '5' } });
    expect(drifts[0]!.message).toBe('The code loads `m` with trust_remote_code=True, in Demo recommender (projects/demo.yaml). The policy requires that no such drift is found.');
  });

  it('writes the ten of each GitHub shows, new gaps first, then most severe, and counts the rest', () => {
    const report = gapReport();
    const one = report.projects[0]!;
    const gap = one.gaps[0]!;
    const gaps: Gap[] = Array.from({ length: 30 }, (_, i) => ({ ...gap, control: `C${i}`, severity: i % 3 === 0 ? 'critical' : 'medium', location: { ...gap.location, line: i + 1 } }));
    const current = { ...report, projects: [{ ...one, gaps }] };
    const baseline = { projects: [{ file: one.file, gaps: gaps.filter((g) => g.control !== 'C29').map((g) => ({ control: g.control, kind: g.kind, required: true })) }] };
    const text = renderGithub(current, plainContext({ baseline: { file: 'b.json', comparison: compareReports(baseline, current) } }));
    const { commands } = parseWorkflowCommands(text);
    const errors = commands.filter((c) => c.command === 'error');
    expect(errors).toHaveLength(annotationsShown.error);
    expect(errors.map((c) => c.properties.line)).toEqual(['30', '1', '4', '7', '10', '13', '16', '19', '22', '25']);
    expect(commands.at(-1)).toMatchObject({ command: 'notice', message: expect.stringMatching(/^30 errors and 0 warnings in all; 20 more are not annotated/) });
  });

  it('lets no project name forge a command, whatever it holds', () => {
    const report = gapReport();
    const forged = [
      'x\n::error file=evil.yaml,line=1::forged',
      'x\r::add-mask::secret',
      'x::error::forged',
      'a%0A::error::b',
      '  \n  ::stop-commands::token',
      'x\u2028::error::y',
    ];
    for (const name of forged) {
      const project: ProjectGaps = { ...report.projects[0]!, name, owner: name, file: `dir,with:colons/${name}.yaml`, gaps: report.projects[0]!.gaps.map((g) => ({ ...g, location: { ...g.location, file: `dir,with:colons/${name}.yaml` } })) };
      const text = renderGithub({ ...report, projects: [project] }, plainContext());
      const { commands, otherLines } = parseWorkflowCommands(text);
      expect(otherLines, name).toEqual([]);
      expect(commands.map((c) => c.command), name).toEqual(['error', 'warning']);
      expect(commands[0]!.message, name).toContain(' is missing in ');
      expect(commands[0]!.properties.file!.startsWith('dir,with:colons/'), name).toBe(true);
      expect(commands[0]!.properties.line, name).toBe('10');
    }
  });

  it('escapes any text so that the reader gets it back as it was', () => {
    fc.assert(fc.property(hostileText, hostileText, (title, message) => {
      const line = annotationCommand({ level: 'error', file: `${title}.yaml`, line: 3, title, message });
      const { commands, otherLines } = parseWorkflowCommands(line);
      expect(otherLines).toEqual([]);
      // The runner trims the properties, so white space at the end of the last one goes.
      const shownTitle = title.replace(/[^\S\r\n]+$/, '');
      expect(commands).toEqual([{ command: 'error', properties: { file: `${title}.yaml`, line: '3', ...(shownTitle === '' ? {} : { title: shownTitle }) }, message }]);
    }), { numRuns: Number(process.env.AITHREAT_FUZZ_RUNS ?? 200) });
  });

  it('escapes as GitHub documents', () => {
    expect(escapeData('100% done\r\nnext')).toBe('100%25 done%0D%0Anext');
    expect(escapeProperty('a:b,c%')).toBe('a%3Ab%2Cc%25');
  });

  it('writes nothing for a clean run', () => {
    const report = gapReport();
    const project = { ...report.projects[0]!, gaps: [], verdict: 'pass' as const };
    expect(renderGithub({ ...report, verdict: 'pass', projects: [project] }, plainContext())).toBe('');
  });
});
