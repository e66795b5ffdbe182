import { dirname, relative, resolve } from 'node:path';
import type { Report } from '../assess/types.js';
import type { Io } from '../io.js';
import { colorLevel } from '../render/color.js';
import { renderers } from '../render/index.js';
import type { ProjectGraph } from '../render/project-graph.js';
import type { RenderContext } from '../render/renderer.js';
import type { OutputTarget } from './output-plan.js';
import { writeErrorReason, writeFileAtomic } from './write-file.js';

/** Columns of a report in a file or a pipe; a terminal may say it has more through COLUMNS. */
const defaultWidth = 80;

/**
 * Renders the report once per target and writes it. Everything is rendered before anything is
 * written, so a rendering bug cannot leave some files new and others old. Returns false when a
 * file could not be written (each failure is reported on stderr in one line).
 */
export async function emitReports(report: Report, targets: OutputTarget[], io: Io, projectGraphs: ReadonlyMap<string, ProjectGraph>): Promise<boolean> {
  const rendered: { target: OutputTarget; text: string }[] = [];
  for (const target of targets) {
    const render = await renderers[target.format]();
    rendered.push({ target, text: render(report, contextFor(target, io, projectGraphs)) });
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
