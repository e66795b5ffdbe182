import { dirname, relative } from 'node:path';
import type { GapReport, Report } from '../assess/types.js';
import { printError, type Io } from '../io.js';
import { colorLevel } from '../render/color.js';
import { formats, type FormatName } from '../render/index.js';
import type { ProjectGraph } from '../render/project-graph.js';
import type { RenderContext } from '../render/renderer.js';
import type { PlannedOutput } from './path-policy.js';
import { writeErrorReason, writeFileAtomic, writeStream } from './write-file.js';

/** Columns of a report in a file or a pipe; a terminal may say it has more through COLUMNS. */
const defaultWidth = 80;

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
export async function emitReports(kept: KeptReport, outputs: readonly PlannedOutput[], io: Io, projectGraphs: ReadonlyMap<string, ProjectGraph>, linkBase?: string): Promise<boolean> {
  const rendered: { output: PlannedOutput; text: string }[] = [];
  for (const output of outputs) {
    const format = formats[output.format];
    const context = contextFor(output, io, projectGraphs, linkBase);
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

function contextFor(output: PlannedOutput, io: Io, projectGraphs: ReadonlyMap<string, ProjectGraph>, linkBase: string | undefined): RenderContext {
  const { destination } = output;
  const toFile = destination.kind !== 'stdout';
  const columns = Number(io.env.COLUMNS);
  const width = !toFile && io.stdoutIsTTY && Number.isInteger(columns) && columns >= 60 ? Math.min(columns, 200) : defaultWidth;
  const documentDir = destination.kind === 'file' ? relative(io.cwd, dirname(destination.path)).replace(/\\/g, '/') : '';
  const context: RenderContext = { colorLevel: colorLevel({ env: io.env, isTTY: io.stdoutIsTTY, toFile }), width, projectGraphs, documentDir };
  if (linkBase) context.linkBase = linkBase;
  return context;
}
