import { dirname, relative, resolve } from 'node:path';
import type { GapReport, Report } from '../assess/types.js';
import type { Io } from '../io.js';
import { colorLevel } from '../render/color.js';
import { formats, type FormatName } from '../render/index.js';
import type { ProjectGraph } from '../render/project-graph.js';
import type { RenderContext } from '../render/renderer.js';
import type { OutputTarget } from './output-plan.js';
import { writeErrorReason, writeFileAtomic } from './write-file.js';

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
 * Renders the report once per target and writes it. Everything is rendered before anything is
 * written, so a rendering bug cannot leave some files new and others old. Returns false when a
 * file could not be written (each failure is reported on stderr in one line).
 */
export async function emitReports(kept: KeptReport, targets: OutputTarget[], io: Io, projectGraphs: ReadonlyMap<string, ProjectGraph>): Promise<boolean> {
  const rendered: { target: OutputTarget; text: string }[] = [];
  for (const target of targets) {
    const format = formats[target.format];
    const context = contextFor(target, io, projectGraphs);
    let text: string;
    if (format.reads === 'gaps') text = (await format.load())(gapReportOf(kept), context);
    else if ('whole' in kept) text = (await format.load())(kept.whole, context);
    else throw new Error(`the ${target.format} report reads whole assessments, but only gaps were kept`);
    rendered.push({ target, text });
  }
  let ok = true;
  for (const { target, text } of rendered) {
    if (target.path === null) continue;
    try {
      writeFileAtomic(resolve(io.cwd, target.path), text);
    } catch (error) {
      io.stderr(`aithreat: cannot write ${target.path}: ${writeErrorReason(error)}\n`);
      ok = false;
    }
  }
  for (const { target, text } of rendered) if (target.path === null) io.stdout(text);
  return ok;
}

function contextFor(target: OutputTarget, io: Io, projectGraphs: ReadonlyMap<string, ProjectGraph>): RenderContext {
  const toFile = target.path !== null;
  const columns = Number(io.env.COLUMNS);
  const width = !toFile && io.stdoutIsTTY && Number.isInteger(columns) && columns >= 60 ? Math.min(columns, 200) : defaultWidth;
  const documentDir = toFile ? relative(io.cwd, dirname(resolve(io.cwd, target.path!))).replace(/\\/g, '/') : '';
  return { colorLevel: colorLevel({ env: io.env, isTTY: io.stdoutIsTTY, toFile }), width, projectGraphs, documentDir };
}
