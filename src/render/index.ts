import type { GapReport, ProjectGaps } from '../assess/types.js';
import type { DocumentRenderer, Renderer } from './renderer.js';

/**
 * An output format: what it reads of each project, how it is written, its renderer (loaded only
 * when asked for, so a run that prints a table never parses the SARIF or Markdown code), its usual
 * file extension and what it is for. This registry is the one list of formats: `--format` and the
 * help text read it, and scripts/update-docs.ts writes the config schema's pattern and the
 * README's table from it (test/render/formats.test.ts fails while they differ).
 * - `reads: 'assessment'`: findings with their facts and recommendations, as well as gaps;
 *   `reads: 'gaps'`: gaps, acceptances and each threat's verdict (see `gapsOf`).
 * - `writes: 'per-project'`: a document renderer, whose part of each project is written as soon as
 *   the project is assessed, so a run holds no project's findings for longer than that
 *   (src/output/streamed-reports.ts); the report may grow with the projects.
 * - `writes: 'at-end'`: a renderer of the whole report, given the gaps the run kept of every
 *   project, for a format whose size is bounded whatever the number of projects.
 * `summary` and `github` are written at the end: both are bounded whatever the number of projects.
 */
export type Format = {
  extension: string;
  /** Who or what reads it, for the README's table of formats. */
  for: string;
  /** What it holds, for the same table (Markdown). */
  notes: string;
} & (
  | { writes: 'per-project'; reads: 'assessment'; load: () => Promise<DocumentRenderer> }
  | { writes: 'per-project'; reads: 'gaps'; load: () => Promise<DocumentRenderer<ProjectGaps>> }
  | { writes: 'at-end'; reads: 'gaps'; load: () => Promise<Renderer<GapReport>> }
);

export const formats = {
  table: {
    writes: 'per-project', reads: 'assessment', extension: 'txt', for: 'the terminal and CI logs',
    notes: 'verdict, threats, missing required controls with why each is required, risk acceptances that need attention, open questions, drift from the code (`--discover`) at each `file:line:column`, advice folded per catalog group; as wide as the terminal (60 to 200 columns; `COLUMNS` wins when set), 80 in a file or a pipe; colour by severity',
    load: async () => (await import('./table.js')).tableDocument,
  },
  markdown: {
    writes: 'per-project', reads: 'assessment', extension: 'md', for: 'a security review in a pull request',
    notes: 'the verdict, the required controls missing and the advice (each control listed once), a three-column threat table, open questions, drift from the code (`--discover`: each place linked to its line, what it changed, whether the policy forbids it), risk acceptances, a Mermaid map of the project (environments as boxes, every line labelled, one colour for what raises a threat at the fail threshold, a legend), a section per applicable threat (why, severity factors declared, found in the code and not declared folded in `<details>`, the controls that count), each required control\'s catalog checklist (ticked only when the control is implemented and the file records `evidence`), and a mapping to ISO/IEC, MITRE ATLAS and OWASP ids; links to project lines are absolute under `--link-base` or in GitHub Actions, else relative to the report; [details](docs/markdown-report.md)',
    load: async () => (await import('./markdown.js')).markdownDocument,
  },
  json: {
    writes: 'per-project', reads: 'assessment', extension: 'json', for: 'scripts and baselines',
    notes: 'the whole assessment, documented by [`schemas/report.schema.json`](schemas/report.schema.json) (`aithreat schema report`): each fact carries its wording in `text`, each factor its `basis` (`declared`, `discovered`, `not-declared`) and the controls that answer it, each gap what it answers, each threat, recommendation and gap the `permalink` of its catalog entry, and each project its `openQuestions` and `drift`',
    load: async () => (await import('./json.js')).jsonDocument,
  },
  sarif: {
    writes: 'per-project', reads: 'gaps', extension: 'sarif', for: 'GitHub code scanning',
    notes: 'SARIF 2.1.0 in one run: a rule per control with a gap in each project (`CONTROL/project-file`, the catalog\'s guidance as `help.markdown`, `security-severity` from that project: critical 9.5, high 8.0, medium 5.5, low 3.0), a result per missing required control and per expired acceptance, at its line and column, and with `--discover` a rule per kind of drift and a result per drift finding at the line of the code (the description\'s entry as a related location); rule id and `partialFingerprints` depend only on the project, the control and the kind of gap; passes the SARIF multitool with GitHub\'s rules; [details](docs/ci-reports.md#sarif)',
    load: async () => (await import('./sarif.js')).sarifDocument,
  },
  junit: {
    writes: 'per-project', reads: 'assessment', extension: 'xml', for: 'CI test tabs',
    notes: 'a test suite per project, a test per required control (once, however many threats require it) with `classname` from the project file, a failure per gap, skipped for an accepted risk, `time` 0; with `--discover`, a suite of drift checks per project, failing the kinds the policy forbids; valid against the Jenkins xUnit JUnit schema and read as GitLab documents; [details](docs/ci-reports.md#junit)',
    load: async () => (await import('./junit.js')).junitDocument,
  },
  summary: {
    writes: 'at-end', reads: 'gaps', extension: 'md', for: 'a pull-request comment or `$GITHUB_STEP_SUMMARY`',
    notes: 'the verdict with its counts (drift the policy forbids, with `--discover`), the required gaps new and fixed against `--baseline`, a row per required gap (project linked to its line, control linked to its catalog entry, most severe first) and a link to the full report; at most 60,000 characters whatever the run: rows that do not fit are counted on one line; [details](docs/ci-reports.md#summary)',
    load: async () => (await import('./summary.js')).renderSummary,
  },
  github: {
    writes: 'at-end', reads: 'gaps', extension: 'txt', for: 'GitHub Actions annotations',
    notes: 'workflow commands: an `::error` at the line of each missing required control and of each drift finding the policy forbids, a `::warning` per expired risk acceptance, titled with the control; files from the repository root (`GITHUB_WORKSPACE`); the 10 of each that GitHub shows (new against `--baseline` first, then most severe), then a `::notice` counting the rest; [details](docs/ci-reports.md#github-annotations)',
    load: async () => (await import('./github.js')).renderGithub,
  },
} as const satisfies Record<string, Format>;

/** The output formats `aithreat assess --format` accepts. */
export type FormatName = keyof typeof formats;

export const formatNames = Object.keys(formats) as FormatName[];

/**
 * Other names `--format` takes: `text`, as `validate`, `diff` and `catalog show` call their
 * human-readable output, is the table (cli-help.ts `readableFormat` does the same for them).
 */
export const formatAliases: Readonly<Record<string, FormatName>> = { text: 'table' };

export function isFormatName(name: string): name is FormatName {
  return Object.hasOwn(formats, name);
}

/** A format by its name or an alias of it; null when it is neither. */
export function formatByName(name: string): FormatName | null {
  return isFormatName(name) ? name : Object.hasOwn(formatAliases, name) ? formatAliases[name]! : null;
}

export type { DocumentRenderer, DocumentWriter, RenderContext, Renderer, RunEnd, RunFacts } from './renderer.js';
