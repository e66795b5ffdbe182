import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Report } from '../../src/assess/types.js';
import { gapsOf } from '../../src/assess/report.js';
import { memoryIo } from '../../src/io.js';
import type { PlannedOutput } from '../../src/output/path-policy.js';
import { ReportRun } from '../../src/output/streamed-reports.js';
import { formatNames, formats, type Format, type FormatName } from '../../src/render/index.js';
import { renderWhole, type DocumentRenderer } from '../../src/render/renderer.js';
import type { ProjectGraph } from '../../src/render/project-graph.js';
import { assessFiles, examples, plainContext } from '../render/helpers/assess-files.js';

// Every example twice: twelve projects, so that each format has several parts and a head of totals.
const { report, graphs } = assessFiles([...examples, ...examples]);
const { projects, verdict, ...run } = report;

/** The report as one string, as a renderer of the whole report gives it. */
async function whole(format: FormatName, documentDir = '', markdownReport?: string): Promise<string> {
  const chosen = formats[format] as Format;
  const context = plainContext({ projectGraphs: graphs, documentDir, repositoryFolder: '', ...(markdownReport ? { markdownReport } : {}) });
  // A format written at the end is given the gaps the run kept.
  if (chosen.writes === 'at-end') return (await chosen.load())(kept, context);
  return renderWhole((await chosen.load()) as DocumentRenderer, report, context);
}

/** The gaps a run keeps of each project, for the formats written at the end. */
const kept = { ...report, projects: projects.map(gapsOf) };
/** A file per format, named for the format: `summary` and `markdown` are both `.md`. */
const fileOf = (format: FormatName) => `report.${format}.${formats[format].extension}`;

const toFile = (format: FormatName, path: string, mode: number | null = null): PlannedOutput => ({ format, shown: path, destination: { kind: 'file', path, mode } });

/** Runs the outputs over every project; `stopAfter` discards the run after that many projects, as bad input does. */
async function writeAll(outputs: PlannedOutput[], options: { spoolUnits?: number; stopAfter?: number; cwd: string; kept?: Report }) {
  const io = memoryIo({ cwd: options.cwd });
  const reports = await ReportRun.open(outputs, run, io, undefined, options.spoolUnits);
  for (const [i, project] of projects.entries()) {
    if (i === options.stopAfter) {
      reports.discard();
      return { io, ok: null };
    }
    await reports.add(project, graphs.get(project.file) as ProjectGraph);
  }
  const ok = await reports.finish(reports.needsGaps ? kept : null);
  return { io, ok };
}

describe('reports written project by project', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'aithreat-stream-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('holds several projects in one head, one part each and one foot', () => {
    expect(projects.length).toBe(examples.length * 2);
    expect(verdict).toBe('fail');
  });

  // Spools of one code unit move to a file at the first part; of a billion, never.
  for (const [label, spoolUnits] of [['in memory', 1e9], ['through temporary files', 1], ['at the usual size', undefined]] as const) {
    it(`writes every format to a file byte for byte as the whole report, ${label}, and leaves no temporary file`, async () => {
      const outputs = formatNames.map((format) => toFile(format, join(dir, fileOf(format))));
      const { io, ok } = await writeAll(outputs, { spoolUnits, cwd: dir });
      expect(io.err()).toBe('');
      expect(ok).toBe(true);
      for (const format of formatNames) expect(readFileSync(join(dir, fileOf(format)), 'utf8')).toBe(await whole(format, '', fileOf('markdown')));
      expect(readdirSync(dir).sort()).toEqual(formatNames.map(fileOf).sort());
    });

    it(`writes a format to stdout byte for byte as the whole report, ${label}, and leaves nothing in the temporary folder`, async () => {
      const spill = join(dir, 'tmp');
      mkdirSync(spill);
      const before = process.env.TMPDIR;
      process.env.TMPDIR = spill;
      try {
        for (const format of ['json', 'markdown'] as const) {
          const { io, ok } = await writeAll([{ format, shown: null, destination: { kind: 'stdout' } }], { spoolUnits, cwd: dir });
          expect(ok).toBe(true);
          expect(io.out()).toBe(await whole(format));
        }
        expect(readdirSync(spill)).toEqual([]);
      } finally {
        if (before === undefined) delete process.env.TMPDIR;
        else process.env.TMPDIR = before;
      }
    });
  }

  it('lays out a JSON or SARIF report of no projects as JSON.stringify does', async () => {
    const empty = { ...report, projects: [] };
    for (const format of ['json', 'sarif'] as const) {
      const start = (await formats[format].load()) as DocumentRenderer;
      const text = renderWhole(start, empty, plainContext());
      expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
    }
  });

  it('keeps a replaced file\'s permission bits', async () => {
    const path = join(dir, 'r.json');
    writeFileSync(path, 'old', { mode: 0o640 });
    const { ok } = await writeAll([toFile('json', path, 0o640)], { spoolUnits: 1, cwd: dir });
    expect(ok).toBe(true);
    expect(statSync(path).mode & 0o777).toBe(0o640);
  });

  it('writes nothing when the run stops half way: an earlier report stays, temporary files and new folders go', async () => {
    writeFileSync(join(dir, 'r.json'), 'old');
    const outputs = [toFile('json', join(dir, 'r.json')), toFile('markdown', join(dir, 'new', 'deep', 'r.md')), { format: 'table', shown: null, destination: { kind: 'stdout' } } as PlannedOutput];
    const { io, ok } = await writeAll(outputs, { spoolUnits: 1, stopAfter: 5, cwd: dir });
    expect(ok).toBeNull();
    expect(readdirSync(dir)).toEqual(['r.json']);
    expect(readFileSync(join(dir, 'r.json'), 'utf8')).toBe('old');
    expect(io.out()).toBe('');
    expect(io.err()).toBe('');
  });

  it('fails one report whose temporary file cannot be made, says why, and writes the others whole', async () => {
    writeFileSync(join(dir, 'file'), 'x');
    const outputs = [toFile('json', join(dir, 'file', 'r.json')), toFile('sarif', join(dir, 'r.sarif'))];
    const { io, ok } = await writeAll(outputs, { spoolUnits: 1, cwd: dir });
    expect(ok).toBe(false);
    expect(io.err()).toBe(`aithreat: cannot write ${join(dir, 'file', 'r.json')}: part of the path is a file, not a folder\n`);
    expect(readdirSync(dir).sort()).toEqual(['file', 'r.sarif']);
    expect(readFileSync(join(dir, 'r.sarif'), 'utf8')).toBe(await whole('sarif'));
  });

  it('fails a device that is full, and still writes the files', async () => {
    const outputs = [{ format: 'json', shown: '/dev/full', destination: { kind: 'stream', path: '/dev/full' } } as PlannedOutput, toFile('junit', join(dir, 'r.xml'))];
    const { io, ok } = await writeAll(outputs, { spoolUnits: 1, cwd: dir });
    expect(ok).toBe(false);
    expect(io.err()).toBe('aithreat: cannot write /dev/full: no space left on the device\n');
    expect(readFileSync(join(dir, 'r.xml'), 'utf8')).toBe(await whole('junit'));
  });
});
