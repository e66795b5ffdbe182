import { describe, expect, it } from 'vitest';
import { gapsOf } from '../../src/assess/report.js';
import type { GapReport } from '../../src/assess/types.js';
import { emitReports, keepsWholeAssessments } from '../../src/output/emit-reports.js';
import { formatNames, formats } from '../../src/render/index.js';
import { renderSarif } from '../../src/render/sarif.js';
import { memoryIo } from '../../src/io.js';
import { assessFiles, examples, plainContext } from './helpers/assess-files.js';

// A run whose formats read only gaps keeps `gapsOf` each assessment, not the assessment itself.
describe('reports of gaps only', () => {
  const { report } = assessFiles(examples);
  const gapsOnly: GapReport = { ...report, projects: report.projects.map(gapsOf) };

  it('keeps whole assessments exactly when some format asked for reads them', () => {
    expect(formatNames.filter((name) => formats[name].reads === 'gaps')).toEqual(['sarif']);
    expect(keepsWholeAssessments(['sarif'])).toBe(false);
    expect(keepsWholeAssessments([])).toBe(false);
    for (const name of formatNames.filter((n) => n !== 'sarif')) {
      expect(keepsWholeAssessments([name])).toBe(true);
      expect(keepsWholeAssessments(['sarif', name])).toBe(true);
    }
  });

  it('keeps the gaps, acceptances, counts and verdicts, and of each threat its verdict alone', () => {
    for (const [i, project] of report.projects.entries()) {
      const kept = gapsOnly.projects[i]!;
      expect(kept.gaps).toBe(project.gaps);
      expect(kept.acceptances).toBe(project.acceptances);
      expect(kept.counts).toBe(project.counts);
      expect([kept.file, kept.name, kept.owner, kept.verdict]).toEqual([project.file, project.name, project.owner, project.verdict]);
      expect(kept.threats.map((t) => ({ ...t }))).toEqual(project.threats.map(({ threat, applies, severity }) => ({ threat, applies, severity })));
    }
  });

  it('gives the same SARIF as the whole report, for every example', () => {
    expect(gapsOnly.projects.some((p) => p.gaps.length > 0)).toBe(true);
    expect(renderSarif(gapsOnly, plainContext())).toBe(renderSarif(report, plainContext()));
  });

  it('refuses to render a format that reads whole assessments from gaps only', async () => {
    const io = memoryIo();
    await expect(emitReports({ gapsOnly }, [{ format: 'json', shown: null, destination: { kind: 'stdout' } }], io, new Map())).rejects.toThrow(/json report reads whole assessments, but only gaps were kept/);
    expect(io.out()).toBe('');
  });
});
