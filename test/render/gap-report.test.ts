import { describe, expect, it } from 'vitest';
import { gapsOf } from '../../src/assess/report.js';
import type { GapReport } from '../../src/assess/types.js';
import { formatNames, formats, type Format } from '../../src/render/index.js';
import { renderSarif } from '../../src/render/sarif.js';
import { assessFiles, examples, plainContext } from './helpers/assess-files.js';

// A run keeps `gapsOf` each assessment, not the assessment itself, for the baseline and the formats rendered at the end.
describe('reports of gaps only', () => {
  const { report } = assessFiles(examples);
  const gapsOnly: GapReport = { ...report, projects: report.projects.map(gapsOf) };

  it('says of each format what it reads and how it is written; one rendered at the end reads only the kept gaps', () => {
    expect(formatNames.filter((name) => formats[name].reads === 'gaps')).toEqual(['sarif', 'summary', 'github']);
    expect(formatNames.filter((name) => formats[name].writes === 'at-end')).toEqual(['summary', 'github']);
    for (const name of formatNames) {
      const format = formats[name] as Format;
      expect(['per-project', 'at-end']).toContain(format.writes);
      if (format.writes === 'at-end') expect(format.reads).toBe('gaps');
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

});
