import type { GapReport, ProjectAssessment, ProjectGaps, Report, ReportOf } from '../assess/types.js';
import type { Comparison } from '../baseline/compare.js';
import type { ProjectGraph } from './project-graph.js';

/** What a renderer needs to know about where its text goes. */
export interface RenderContext {
  /** 0 plain, 1 basic 16 colours, 2 256 colours, 3 truecolor; see `colorLevel`. */
  colorLevel: 0 | 1 | 2 | 3;
  /** Columns the text should fit in. */
  width: number;
  /**
   * The structure of each project, by project file, for diagrams, when a whole report is rendered
   * at once (`renderWhole`); a run hands each project's graph to `DocumentWriter.project` instead.
   * The Report holds findings, not the project itself; without a graph the Markdown report leaves
   * its diagram out.
   */
  projectGraphs?: ReadonlyMap<string, ProjectGraph>;
  /**
   * The folder the document is written to, relative to the working directory ('' or absent for
   * stdout). Links to project files are made relative to it so they work where the file lands.
   */
  documentDir?: string;
  /**
   * Where links to project files point instead, for a document read away from the repository
   * (a pull-request comment, `$GITHUB_STEP_SUMMARY`): a URL ending in `/` that a file's path, as
   * the report shows it, is appended to. Decided once for every Markdown format by
   * `resolveLinkBase` (link-base.ts): `--link-base`, else GitHub Actions' variables.
   */
  linkBase?: string;
  /** The page of the GitHub Actions run, when the run is one (link-base.ts `githubRunUrl`). */
  runUrl?: string;
  /**
   * The working directory's folder in the repository, `''` or ending in `/` (link-base.ts
   * `repositoryFolder`): workflow annotations name files from the repository's root.
   */
  repositoryFolder?: string;
  /**
   * The comparison with `--baseline`, when the run has one: made once, before any report is
   * rendered, from the gaps the run kept; the same one `assess` prints on stderr.
   */
  baseline?: { file: string; comparison: Comparison };
  /**
   * The Markdown report the same run writes to a file (`--format markdown=path`), its path
   * relative to the working directory: the full report a summary points to.
   */
  markdownReport?: string;
}

/** Turns a report into the full text of one format; pure, so the same report gives the same bytes. */
export type Renderer<R extends GapReport = Report> = (report: R, context: RenderContext) => string;

/** What a run knows before its first project: all of the report but its projects and its verdict. */
export type RunFacts = Omit<Report, 'projects' | 'verdict'>;

/** What a run knows once its last project is assessed. */
export interface RunEnd {
  verdict: 'pass' | 'fail';
  /** How many projects the run assessed. */
  projects: number;
}

/**
 * One document being written project by project: its head, each project's part in order, then its
 * foot. A format whose head says what only the whole run knows (JSON's `verdict`, JUnit's totals)
 * gives its head at the end, and the writer of the file puts it in front (streamed-reports.ts).
 * A writer may keep what its head or foot needs (a row per project for Markdown's overview), never
 * the projects themselves.
 */
export interface DocumentWriter<P extends ProjectGaps = ProjectAssessment> {
  /**
   * The text before the first project when nothing the projects decide is in it; else null, and
   * `end` gives it. A head that `end` gives again is a draft of the same length in UTF-8, written
   * first and overwritten in place (JSON's verdict, `pass` or `fail`), so that a large report is
   * not copied behind its head.
   */
  readonly head: string | null;
  /**
   * The part of the project numbered `index` (from 0), with what separates it from the one before;
   * `graph` is its map, for a format that draws one. A document of several `sections` (SARIF's
   * rules, then its results) gives a piece for each section, in order.
   */
  project(project: P, index: number, graph?: ProjectGraph): string | readonly string[];
  /** The foot, the head when it was not known at the start or only as a draft, and for several sections the text after each but the last. */
  end(run: RunEnd): { head?: string; between?: readonly string[]; foot: string };
  /** How many sections each project has a piece in; one unless said. */
  readonly sections?: number;
}

/** Starts one document; pure like `Renderer`: the same projects in the same order give the same bytes. */
export type DocumentRenderer<P extends ProjectGaps = ProjectAssessment> = (run: RunFacts, context: RenderContext) => DocumentWriter<P>;

/** A whole report at once through its document renderer: what a run writes piece by piece, as one string. */
export function renderWhole<P extends ProjectGaps>(start: DocumentRenderer<P>, report: ReportOf<P>, context: RenderContext): string {
  const { projects, verdict, ...run } = report;
  const writer = start(run, context);
  const sections: string[][] = Array.from({ length: writer.sections ?? 1 }, () => []);
  for (const [index, project] of projects.entries()) {
    const pieces = writer.project(project, index, context.projectGraphs?.get(project.file));
    (typeof pieces === 'string' ? [pieces] : pieces).forEach((piece, k) => sections[k]!.push(piece));
  }
  const end = writer.end({ verdict, projects: projects.length });
  const body = sections.map((pieces, k) => `${pieces.join('')}${k < sections.length - 1 ? (end.between?.[k] ?? '') : ''}`).join('');
  return `${end.head ?? writer.head ?? ''}${body}${end.foot}`;
}
