import type { GapReport, Report } from '../assess/types.js';
import type { Comparison } from '../baseline/compare.js';
import type { ProjectGraph } from './project-graph.js';

/** What a renderer needs to know about where its text goes. */
export interface RenderContext {
  /** 0 plain, 1 basic 16 colours, 2 256 colours, 3 truecolor; see `colorLevel`. */
  colorLevel: 0 | 1 | 2 | 3;
  /** Columns the text should fit in. */
  width: number;
  /**
   * The structure of each project, by project file, for diagrams. The Report holds findings, not
   * the project itself; without a graph the Markdown report leaves its diagram out.
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
