import { tmpdir } from 'node:os';
import { dirname, relative } from 'node:path';
import { rmdirSync } from 'node:fs';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { GapReport, ProjectAssessment } from '../assess/types.js';
import { printError, type Io } from '../io.js';
import { colorLevel } from '../render/color.js';
import { formats, type Format } from '../render/index.js';
import type { ProjectGraph } from '../render/project-graph.js';
import type { RunPlaces } from '../render/link-base.js';
import type { DocumentWriter, RenderContext, Renderer, RunFacts } from '../render/renderer.js';
import type { PlannedOutput } from './path-policy.js';
import { Spool, spoolUnits } from './spool.js';
import { TemporaryFile, writeErrorReason, writeStream } from './write-file.js';

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

/** One requested report of a run: written project by project, or rendered at the end from the kept gaps. */
type OpenReport = { output: PlannedOutput; failure: unknown } & (
  | { writes: 'per-project'; writer: DocumentWriter<ProjectAssessment>; spools: Spool[] }
  | { writes: 'at-end'; render: Renderer<GapReport>; context: RenderContext }
);

/**
 * A report ready to go out, as its parts in order: its head (unless the first spool holds it
 * already), each section's spool and the text after it, its foot; or the whole text of a format
 * rendered at the end.
 */
interface Finished {
  report: OpenReport;
  parts: (string | Spool)[];
  /** Whether the first spool starts with the head, so that its file can become the report. */
  headFirst: boolean;
  /** The temporary file of a file report, once it is whole. */
  file?: TemporaryFile;
}

/**
 * The reports of one `assess` run, written as the projects are assessed. Each project's part of
 * each format goes to that report's spool (in memory, then a temporary file beside the report, or
 * in the system's temporary folder for a stream); nothing reaches a report's place until the run
 * has assessed every project without a problem (`finish`): then every file is completed and
 * renamed into place, then devices and FIFOs are written, then the standard streams. A run that
 * stops (`discard`: bad input in a later project, or an error) leaves no report, new or partial.
 */
export class ReportRun {
  private projects = 0;
  private failing = false;

  private constructor(private readonly reports: OpenReport[], private readonly io: Io) {}

  /** Loads the renderers of the outputs and starts each document; `spoolUnits` is for tests, to spill sooner or never. */
  static async open(outputs: readonly PlannedOutput[], run: RunFacts, io: Io, places: RunPlaces = { repositoryFolder: '' }, spoolUnits?: number): Promise<ReportRun> {
    const reports: OpenReport[] = [];
    const markdownReport = markdownReportOf(outputs, io.cwd);
    for (const output of outputs) {
      // Widened to every kind of format, so that a format added later is handled whatever its kind.
      const format = formats[output.format] as Format;
      const context = contextFor(output, io, places, markdownReport);
      if (format.writes === 'at-end') {
        reports.push({ output, failure: null, writes: 'at-end', render: await format.load(), context });
        continue;
      }
      // A format that reads only gaps is given the whole assessment, of which gaps are a part.
      const writer = (await format.load())(run, context) as DocumentWriter<ProjectAssessment>;
      const spools = Array.from({ length: writer.sections ?? 1 }, () => new Spool(spillFor(output), spoolUnits));
      reports.push({ output, failure: null, writes: 'per-project', writer, spools });
    }
    const opened = new ReportRun(reports, io);
    for (const report of opened.streamed()) {
      if (report.writer.head !== null) await opened.guarded(report, () => report.spools[0]!.append(report.writer.head!));
    }
    return opened;
  }

  /** Whether a format is rendered at the end from the gaps the run kept of each project. */
  get needsGaps(): boolean {
    return this.reports.some((r) => r.writes === 'at-end');
  }

  /** Adds a project's part to every report written project by project. */
  async add(project: ProjectAssessment, graph?: ProjectGraph): Promise<void> {
    const index = this.projects++;
    if (project.verdict === 'fail') this.failing = true;
    let spilled = false;
    for (const report of this.streamed()) {
      if (report.failure !== null) continue;
      await this.guarded(report, async () => {
        const pieces = report.writer.project(project, index, graph);
        if (typeof pieces === 'string') await report.spools[0]!.append(pieces);
        else for (const [k, piece] of pieces.entries()) await report.spools[k]!.append(piece);
      });
      spilled ||= report.spools.some((spool) => spool.inFile);
    }
    // Once a temporary file exists a signal is handled by temporaries.ts, in a turn of the event loop.
    if (spilled) await nextTurn();
  }

  /** Drops every report: temporary files go, and the folders made for them. */
  discard(): void {
    const folders = this.streamed().flatMap(madeFolders);
    for (const report of this.streamed()) discardSpools(report);
    removeFolders(folders);
  }

  /**
   * Ends every document and puts each report in its place: everything is rendered first, so a
   * rendering bug cannot leave some files new and others old; then files are completed and
   * renamed, then devices and FIFOs are written, then the standard streams. `kept` is the report
   * of the gaps the run kept, for a format rendered at the end, and `baseline` its comparison with
   * `--baseline`, which such a format shows. Returns false when a report could not be written (each
   * failure is said on stderr in one line).
   */
  async finish(kept: GapReport | null, baseline?: RenderContext['baseline']): Promise<boolean> {
    let finished: Finished[];
    try {
      finished = this.reports.map((report) => this.ended(report, kept, baseline));
    } catch (error) {
      this.discard();
      throw error;
    }
    const isStream = (f: Finished) => f.report.output.destination.kind !== 'file';
    const files = finished.filter((f) => !isStream(f));
    for (const each of files) await this.completeFile(each);
    for (const each of files) this.guardedSync(each.report, () => each.file?.commit(pathOf(each.report.output)));
    const streams = finished.filter(isStream);
    for (const each of [...streams.filter((f) => f.report.output.destination.kind === 'stream'), ...streams.filter((f) => f.report.output.destination.kind !== 'stream')]) {
      await this.guarded(each.report, () => this.writeStream(each));
    }
    const failed = this.reports.filter((r) => r.failure !== null);
    for (const report of failed) printError(this.io, `cannot write ${report.output.shown ?? 'to stdout'}: ${writeErrorReason(report.failure)}`);
    removeFolders(failed.flatMap((r) => (r.writes === 'per-project' ? madeFolders(r) : [])));
    return failed.length === 0;
  }

  private streamed(): Extract<OpenReport, { writes: 'per-project' }>[] {
    return this.reports.filter((r) => r.writes === 'per-project');
  }

  /** Each report's parts in order. */
  private ended(report: OpenReport, kept: GapReport | null, baseline: RenderContext['baseline']): Finished {
    if (report.writes === 'at-end') {
      if (!kept) throw new Error(`the ${report.output.format} report is rendered from the kept gaps, but none were kept`);
      return { report, parts: [report.render(kept, baseline ? { ...report.context, baseline } : report.context)], headFirst: false };
    }
    const end = report.writer.end({ verdict: this.failing ? 'fail' : 'pass', projects: this.projects });
    const sections = report.spools.flatMap((spool, k) => (k < report.spools.length - 1 ? [spool, end.between?.[k] ?? ''] : [spool]));
    const { head } = report.writer;
    if (head === null) return { report, parts: [end.head ?? '', ...sections, end.foot], headFirst: false };
    // A head known at the start is in the first spool already, as it is or as a draft.
    if (end.head !== undefined) {
      if (Buffer.byteLength(end.head) !== Buffer.byteLength(head)) throw new Error(`the ${report.output.format} head is not as long as its draft`);
      this.guardedSync(report, () => report.spools[0]!.replaceStart(head, end.head!));
    }
    return { report, parts: [...sections, end.foot], headFirst: true };
  }

  /** Makes a file report's temporary file whole. */
  private async completeFile(finished: Finished): Promise<void> {
    const { report, parts } = finished;
    const destination = report.output.destination;
    if (report.failure !== null || destination.kind !== 'file') return;
    await this.guarded(report, async () => {
      const first = parts[0];
      let rest = parts;
      if (finished.headFirst && first instanceof Spool && first.inFile) {
        // The head went first, so the first spool's file becomes the report, and the rest is added to it.
        finished.file = await first.flush();
        rest = parts.slice(1);
      } else {
        finished.file = TemporaryFile.beside(destination.path, destination.mode);
      }
      const file = finished.file;
      // Text is gathered into slices, and a spool that went to a file is copied whole.
      await writeParts(rest, (text) => file.write(text), async (spooled) => file.append(spooled));
      for (const part of parts) if (part instanceof Spool && part !== first) part.discard();
    });
    if (report.failure !== null) finished.file?.discard();
  }

  private async writeStream(finished: Finished): Promise<void> {
    const { report, parts } = finished;
    if (report.failure !== null) return;
    const destination = report.output.destination;
    // A device is opened for each slice, as the shell's `>>` would; stdout and stderr are open already.
    const out = destination.kind === 'stream'
      ? (text: string) => writeStream(destination.path, text)
      : destination.kind === 'stderr' ? (text: string) => this.io.stderr(text) : (text: string) => this.io.stdout(text);
    await writeParts(parts, out, (spooled) => spooled.replay(out));
    for (const part of parts) if (part instanceof Spool) part.discard();
  }

  /** Runs a write of one report; a failure is kept for the end and stops that report only. */
  private async guarded(report: OpenReport, write: () => Promise<void> | void): Promise<void> {
    if (report.failure !== null) return;
    try {
      await write();
    } catch (error) {
      report.failure = error;
      if (report.writes === 'per-project') discardSpools(report);
    }
  }

  private guardedSync(report: OpenReport, write: () => void): void {
    if (report.failure !== null) return;
    try {
      write();
    } catch (error) {
      report.failure = error;
      if (report.writes === 'per-project') discardSpools(report);
    }
  }
}

/**
 * Writes the parts in order: text and spools still in memory are joined up to a slice, and a spool
 * in a temporary file goes through `spooled` whole, so that nothing large is held at once.
 */
async function writeParts(parts: readonly (string | Spool)[], write: (text: string) => Promise<void> | void, spooled: (file: TemporaryFile) => Promise<void>): Promise<void> {
  let pending = '';
  for (const part of parts) {
    if (typeof part === 'string' || !part.inFile) {
      pending += typeof part === 'string' ? part : part.text();
      if (pending.length < spoolUnits) continue;
    }
    if (pending !== '') await write(pending);
    pending = '';
    if (part instanceof Spool && part.inFile) await spooled(await part.flush());
  }
  if (pending !== '') await write(pending);
}

function madeFolders(report: Extract<OpenReport, { writes: 'per-project' }>): readonly string[] {
  return report.spools.flatMap((spool) => spool.madeFolders());
}

function discardSpools(report: Extract<OpenReport, { writes: 'per-project' }>): void {
  for (const spool of report.spools) spool.discard();
}

function pathOf(output: PlannedOutput): string {
  if (output.destination.kind !== 'file') throw new Error('only a file is renamed into place');
  return output.destination.path;
}

/** Where a report's spool goes once it is large: beside its file, or for a stream in the system's temporary folder. */
function spillFor(output: PlannedOutput): () => TemporaryFile {
  const { destination } = output;
  if (destination.kind === 'file') return () => TemporaryFile.beside(destination.path, destination.mode);
  return () => TemporaryFile.private(tmpdir());
}

/** Removes folders made for temporary files, innermost first, when nothing else is in them. */
function removeFolders(folders: readonly string[]): void {
  for (const folder of [...folders].sort((a, b) => b.length - a.length)) {
    try {
      rmdirSync(folder);
    } catch {
      // Not empty (another report is there) or gone: left as it is.
    }
  }
}

/** The first Markdown report the run writes to a file, relative to the working directory: the full report a summary names. */
export function markdownReportOf(outputs: readonly PlannedOutput[], cwd: string): string | undefined {
  const found = outputs.find((o) => o.format === 'markdown' && o.destination.kind === 'file');
  return found && found.destination.kind === 'file' ? relative(cwd, found.destination.path).replace(/\\/g, '/') : undefined;
}

function contextFor(output: PlannedOutput, io: Io, places: RunPlaces, markdownReport: string | undefined): RenderContext {
  const { destination } = output;
  const toFile = destination.kind !== 'stdout';
  const width = !toFile && io.stdoutIsTTY ? terminalWidth(io) : defaultWidth;
  const documentDir = destination.kind === 'file' ? relative(io.cwd, dirname(destination.path)).replace(/\\/g, '/') : '';
  const context: RenderContext = { colorLevel: colorLevel({ env: io.env, isTTY: io.stdoutIsTTY, toFile }), width, documentDir, repositoryFolder: places.repositoryFolder };
  if (places.linkBase) context.linkBase = places.linkBase;
  if (places.runUrl) context.runUrl = places.runUrl;
  if (markdownReport !== undefined) context.markdownReport = markdownReport;
  return context;
}
