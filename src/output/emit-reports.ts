import { dirname, relative } from 'node:path';
import type { GapReport, Report } from '../assess/types.js';
import { printError, type Io } from '../io.js';
import { colorLevel } from '../render/color.js';
import { formats, type FormatName } from '../render/index.js';
import type { ProjectGraph } from '../render/project-graph.js';
import type { RenderContext } from '../render/renderer.js';
import type { RunPlaces } from '../render/link-base.js';
import type { Comparison } from '../baseline/compare.js';
import type { PlannedOutput } from './path-policy.js';
import { writeErrorReason, writeFileAtomic, writeStream } from './write-file.js';

/** Columns of a report in a file or a pipe, or on a terminal that does not say its width. */
const defaultWidth = 80;
/** The narrowest and widest a report is drawn on a terminal: below 60 a table has no room for its words, past 200 lines are too long to read. */
export const terminalWidths = { least: 60, most: 200 } as const;

/**
 * The width of a report drawn on a terminal: `COLUMNS` when it is set (a user's word wins), else
 * what the terminal says, else 80; kept within 60 to 200.
 */
export function terminalWidth(io: Pick<Io, 'env' | 'terminalColumns'>): number {
  const fromEnv = Number(io.env.COLUMNS);
  const columns = io.env.COLUMNS && Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : io.terminalColumns?.();
  if (columns === undefined || !Number.isInteger(columns) || columns <= 0) return defaultWidth;
  return Math.min(terminalWidths.most, Math.max(terminalWidths.least, columns));
}

/** The report as a run kept it: whole, or only gaps when every requested format reads no more. */
export type KeptReport = { whole: Report } | { gapsOnly: GapReport };

/** The report as far as a format that reads only gaps needs it, whichever way it was kept. */
export function gapReportOf(kept: KeptReport): GapReport {
  return 'whole' in kept ? kept.whole : kept.gapsOnly;
}

/** Whether the formats asked for read each project's whole assessment, or only its gaps. */
export function keepsWholeAssessments(asked: readonly FormatName[]): boolean {
  return asked.some((format) => formats[format].reads === 'assessment');
}

/**
 * Renders the report once per output and writes it where the path policy decided. Everything is
 * rendered before anything is written, so a rendering bug cannot leave some files new and others
 * old; files and devices are written before the standard streams. Returns false when an output
 * could not be written (each failure is reported on stderr in one line).
 */
export async function emitReports(kept: KeptReport, outputs: readonly PlannedOutput[], io: Io, projectGraphs: ReadonlyMap<string, ProjectGraph>, run: RunOfReports = { places: { repositoryFolder: '' } }): Promise<boolean> {
  const rendered: { output: PlannedOutput; text: string }[] = [];
  const markdownReport = markdownReportOf(outputs, io.cwd);
  for (const output of outputs) {
    const format = formats[output.format];
    const context = contextFor(output, io, projectGraphs, run, markdownReport);
    let text: string;
    if (format.reads === 'gaps') text = (await format.load())(gapReportOf(kept), context);
    else if ('whole' in kept) text = (await format.load())(kept.whole, context);
    else throw new Error(`the ${output.format} report reads whole assessments, but only gaps were kept`);
    rendered.push({ output, text });
  }
  let ok = true;
  const streams = (kind: string) => kind === 'stdout' || kind === 'stderr';
  for (const { output, text } of [...rendered.filter((r) => !streams(r.output.destination.kind)), ...rendered.filter((r) => streams(r.output.destination.kind))]) {
    const { destination } = output;
    try {
      if (destination.kind === 'file') await writeFileAtomic(destination.path, text, destination.mode);
      else if (destination.kind === 'stream') await writeStream(destination.path, text);
      else if (destination.kind === 'stdout') io.stdout(text);
      else io.stderr(text);
    } catch (error) {
      printError(io, `cannot write ${output.shown ?? 'to stdout'}: ${writeErrorReason(error)}`);
      ok = false;
    }
  }
  return ok;
}

/** What every report of a run is rendered with: where links point, and the baseline comparison. */
export interface RunOfReports {
  places: RunPlaces;
  baseline?: { file: string; comparison: Comparison };
}

/** The first Markdown report the run writes to a file, relative to the working directory: the full report a summary names. */
export function markdownReportOf(outputs: readonly PlannedOutput[], cwd: string): string | undefined {
  const found = outputs.find((o) => o.format === 'markdown' && o.destination.kind === 'file');
  return found && found.destination.kind === 'file' ? relative(cwd, found.destination.path).replace(/\\/g, '/') : undefined;
}

function contextFor(output: PlannedOutput, io: Io, projectGraphs: ReadonlyMap<string, ProjectGraph>, run: RunOfReports, markdownReport: string | undefined): RenderContext {
  const { destination } = output;
  const toFile = destination.kind !== 'stdout';
  const width = !toFile && io.stdoutIsTTY ? terminalWidth(io) : defaultWidth;
  const documentDir = destination.kind === 'file' ? relative(io.cwd, dirname(destination.path)).replace(/\\/g, '/') : '';
  const context: RenderContext = { colorLevel: colorLevel({ env: io.env, isTTY: io.stdoutIsTTY, toFile }), width, projectGraphs, documentDir, repositoryFolder: run.places.repositoryFolder };
  if (run.places.linkBase) context.linkBase = run.places.linkBase;
  if (run.places.runUrl) context.runUrl = run.places.runUrl;
  if (run.baseline) context.baseline = run.baseline;
  if (markdownReport !== undefined) context.markdownReport = markdownReport;
  return context;
}
