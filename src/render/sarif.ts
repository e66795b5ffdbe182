import { hash } from 'node:crypto';
import type { ArtifactLocation, Log, ReportingDescriptor, Result, Run } from 'sarif';
import type { Gap, GapReport, ProjectGaps } from '../assess/types.js';
import { catalogIndex, type CatalogIndex } from './catalog-index.js';
import { oneLine } from '../util/clean-text.js';
import { renderWhole, type DocumentWriter, type RenderContext, type RunFacts } from './renderer.js';
import { jsonAtDepth } from './json-at-depth.js';
import { controlRuleId, controlRulesOf, shownGaps, shownPath } from './sarif-rules.js';
import { driftSarifResults, driftSarifRules } from './drift-sarif.js';
import { gapWords } from './wording.js';

const sarifSchema = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/**
 * SARIF 2.1.0 for GitHub code scanning, in one run (one category, so that a new upload replaces
 * the alerts of the last): a rule per control with a gap in each project (sarif-rules.ts says
 * why per project), a result per required control that is missing (error) and per expired risk
 * acceptance (warning), at the line of the project file where the control is, or would be,
 * declared; with `--discover`, a rule per kind of drift and a result per drift finding.
 *
 * A project's rules and results are a function of that project and the catalog alone
 * (`sarifProjectOf`): results name their rule by `ruleId` only, so that no index into the run's
 * rules ties one project's part to the others, and a writer may emit them project by project.
 */
export function renderSarif(report: GapReport, context: RenderContext): string {
  return renderWhole(sarifDocument, report, context);
}

/** Stand-ins for the lists a run's projects fill, in a log stringified without them; no text of a project is in that log. */
const rulesMark = '\u0001aithreat rules';
const resultsMark = '\u0001aithreat results';

/**
 * The log a project at a time, byte for byte what `JSON.stringify(log, null, 2)` gives, in two
 * sections: the run's rules (the drift rules, then each project's), then its results. The log is
 * stringified once with a mark in each list, and split around the marks; each project's rules and
 * results are stringified at their depth. The head depends on nothing the projects decide, so it
 * is written first; the results are copied behind the rules at the end.
 */
export function sarifDocument(run: RunFacts, _context: RenderContext): DocumentWriter<ProjectGaps> {
  const index = catalogIndex(run.catalog);
  const driftRules = driftSarifRules(run);
  const log: Log = { $schema: sarifSchema, version: '2.1.0', runs: [sarifRun(run, [...driftRules, rulesMark as never], [resultsMark as never])] };
  const text = JSON.stringify(log, null, 2);
  const rules = new JsonList(text, JSON.stringify(rulesMark), driftRules.length);
  const results = new JsonList(text, JSON.stringify(resultsMark), 0);
  return {
    head: text.slice(0, rules.start),
    sections: 2,
    project(p) {
      const part = sarifProjectOf(p, index);
      return [part.rules.map((rule) => rules.item(rule)).join(''), part.results.map((result) => results.item(result)).join('')];
    },
    end() {
      return { between: [`${rules.close()}${text.slice(rules.end, results.start)}`], foot: `${results.close()}${text.slice(results.end)}\n` };
    },
  };
}

/**
 * A list of a stringified document that is filled item by item: where it opens (`start`, just
 * after the items already in it or its `[`), where it closes (`end`, at its `]`), and its items
 * as `JSON.stringify` would lay them out there.
 */
class JsonList {
  readonly start: number;
  readonly end: number;
  private readonly indent: string;
  private readonly closeIndent: string;

  constructor(text: string, mark: string, private count: number) {
    const at = text.indexOf(mark);
    const lineStart = text.lastIndexOf('\n', at);
    this.indent = text.slice(lineStart + 1, at);
    // Before the mark: a comma after the items already there, or nothing after `[`.
    this.start = count > 0 ? lineStart - 1 : lineStart;
    const after = at + mark.length;
    this.end = text.indexOf(']', after);
    this.closeIndent = text.slice(after + 1, this.end);
  }

  item(value: unknown): string {
    return `${this.count++ === 0 ? '' : ','}\n${this.indent}${jsonAtDepth(value, this.indent.length / 2)}`;
  }

  /** What goes before the list's `]`: its indent on a line of its own, unless the list is empty. */
  close(): string {
    return this.count === 0 ? '' : `\n${this.closeIndent}`;
  }
}

/** The run around the rules and results: the same for every report but for the tool's version. */
export function sarifRun(report: Pick<GapReport, 'tool'>, rules: ReportingDescriptor[], results: Result[]): Run {
  return {
    tool: {
      driver: {
        name: 'aithreat',
        version: report.tool.version,
        semanticVersion: report.tool.version,
        informationUri: 'https://aithreat.dev',
        rules,
      },
    },
    // One category for every project, so that alerts keep their identity when projects are added
    // or removed (see docs/ci-reports.md).
    automationDetails: { id: 'aithreat/' },
    originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The folder aithreat ran in; project files are relative to it.' } } },
    columnKind: 'utf16CodeUnits',
    results,
  };
}

/** The rules and results of one project. */
export function sarifProjectOf(project: ProjectGaps, index: CatalogIndex): { rules: ReportingDescriptor[]; results: Result[] } {
  // What is the same for every result of a project (its name, its file's URI) is worked out once.
  const shown: ShownProject = { project, name: oneLine(project.name), artifacts: new Map() };
  const results = [...shownGaps(project).map((g) => resultFor(g, shown)), ...driftSarifResults(project, shown.name)];
  return { rules: controlRulesOf(project, index), results };
}

interface ShownProject {
  project: ProjectGaps;
  /** The project's name on one line. */
  name: string;
  /** Artifact locations by file (a gap is always in its project's file, so there is one). */
  artifacts: Map<string, ArtifactLocation>;
}

function resultFor(gap: Gap, shown: ShownProject): Result {
  const counters = gap.threats.length > 0 ? ` It counters ${gap.threats.join(', ')}; the most severe is ${gap.severity}.` : '';
  const what = gap.kind === 'acceptance-expired'
    ? `The risk acceptance of ${gap.control} (${gap.title}) expired${gap.expires ? ` on ${gap.expires}` : ''}`
    : `${gap.required ? 'Required control' : 'Control'} ${gap.control} (${gap.title}) is ${gapWords[gap.kind]}`;
  const reason = gap.reason ? ` Policy: ${oneLine(gap.reason)}` : '';
  return {
    ruleId: controlRuleId(gap.control, shown.project.file),
    level: gap.required ? 'error' : 'warning',
    message: { text: `${what} in ${shown.name}.${counters}${reason}` },
    locations: [
      {
        physicalLocation: {
          artifactLocation: artifactOf(gap.location.file, shown.artifacts),
          region: { startLine: gap.location.line, startColumn: gap.location.column },
        },
      },
    ],
    partialFingerprints: { 'aithreat/v1': fingerprint(gap.location.file, gap.control, gap.kind) },
    properties: { control: gap.control, gap: gap.kind, project: shownPath(shown.project.file), severity: gap.severity, threats: [...gap.threats] },
  };
}

/** Same project file, control and kind of gap: the same alert, however the file around it changes. */
function fingerprint(file: string, control: string, kind: string): string {
  return sha256Hex(`${file.replace(/\\/g, '/')}\u0000${control}\u0000${kind}`);
}

// crypto.hash hashes a short string about four times as fast as a Hash object (27,000 hashes:
// 17 ms against 64 ms), which counts when a report fingerprints tens of thousands of results.
function sha256Hex(text: string): string {
  return hash('sha256', text, 'hex');
}

function artifactOf(file: string, known: Map<string, ArtifactLocation>): ArtifactLocation {
  let found = known.get(file);
  if (!found) known.set(file, (found = artifactLocation(file)));
  return found;
}

/** A relative path becomes a URI under %SRCROOT% with forward slashes; an absolute one a file: URI. */
export function artifactLocation(file: string): ArtifactLocation {
  const path = file.replace(/\\/g, '/');
  const encoded = path.split('/').map((segment) => encodeURIComponent(segment).replace(/%3A/g, ':')).join('/');
  if (path.startsWith('/')) return { uri: `file://${encoded}` };
  if (/^[A-Za-z]:\//.test(path)) return { uri: `file:///${encoded}` };
  return { uri: encoded, uriBaseId: '%SRCROOT%' };
}
