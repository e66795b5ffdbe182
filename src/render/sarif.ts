import { hash } from 'node:crypto';
import type { ArtifactLocation, Log, ReportingDescriptor, Result } from 'sarif';
import type { Gap, GapReport, ProjectGaps, Severity } from '../assess/types.js';
import { severities } from '../assess/types.js';
import { catalogIndex, type CatalogIndex } from './catalog-index.js';
import { oneLine } from '../util/clean-text.js';
import { renderWhole, type DocumentWriter, type RenderContext, type RunFacts } from './renderer.js';
import { defaultSeverity, ruleFor, WorstSeverities } from './sarif-rules.js';
import { driftSarifResults, driftSarifRules } from './drift-sarif.js';
import { gapWords } from './wording.js';
import { jsonAtDepth } from './json-at-depth.js';

const sarifSchema = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/**
 * SARIF 2.1.0 for GitHub code scanning: a rule per catalog threat, and a result per required
 * control that is missing (error) and per expired risk acceptance (warning), at the line of the
 * project file where the control is, or would be, declared.
 */
export function renderSarif(report: GapReport, context: RenderContext): string {
  return renderWhole(sarifDocument, report, context);
}

/** Where a result's object starts: inside `runs[0].results`, four levels in. */
const resultIndent = '        ';

/**
 * The log a project at a time, byte for byte what `JSON.stringify(log, null, 2)` gives: each
 * project's results are stringified on their own, at their depth. The rules come
 * before the results and carry each threat's worst severity over every project, so the head is
 * made at the end from the severities the writer kept; a result's `ruleIndex` depends only on
 * the catalog and whether the run read a repository, so it is known from the start.
 */
export function sarifDocument(run: RunFacts, _context: RenderContext): DocumentWriter<ProjectGaps> {
  const index = catalogIndex(run.catalog);
  const ruleIds = [...index.catalog.threats.map((t) => t.id), ...driftSarifRules(run).map((r) => r.id)];
  const ruleIndex = new Map(ruleIds.map((id, i) => [id, i]));
  const worst = new WorstSeverities();
  let written = 0;
  return {
    head: null,
    project(p) {
      worst.add(p);
      // A run over many projects has tens of thousands of results: what is the same for every result
      // of a project (its name, its file's URI) is worked out once.
      const shown: ShownProject = { project: p, name: oneLine(p.name), artifacts: new Map() };
      const gaps = p.gaps.filter((g) => g.required || g.kind === 'acceptance-expired').map((g) => resultFor(g, shown, index, ruleIndex));
      const results = [...gaps, ...driftSarifResults(p, shown.name, (id) => ruleIndex.get(id) ?? 0)];
      return results.map((result) => `${written++ === 0 ? '' : ','}\n${resultIndent}${jsonAtDepth(result, 4)}`).join('');
    },
    end() {
      const rules = [...index.catalog.threats.map((t) => ruleFor(t, worst.of(t.id) ?? defaultSeverity, index)), ...driftSarifRules(run)];
      const text = JSON.stringify(logOf(run, rules), null, 2);
      // `results` is the run's last key, and the log's last words are its empty list.
      const at = text.lastIndexOf('"results": []') + '"results": ['.length;
      return { head: text.slice(0, at), foot: `${written === 0 ? '' : '\n      '}${text.slice(at)}\n` };
    },
  };
}

function logOf(run: RunFacts, rules: ReportingDescriptor[]): Log {
  return {
    $schema: sarifSchema,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'aithreat',
            version: run.tool.version,
            semanticVersion: run.tool.version,
            informationUri: 'https://aithreat.dev',
            rules,
          },
        },
        // One category, so a new upload replaces the alerts of the last one.
        automationDetails: { id: 'aithreat/' },
        originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The folder aithreat ran in; project files are relative to it.' } } },
        columnKind: 'utf16CodeUnits',
        results: [],
      },
    ],
  };
}

interface ShownProject {
  project: ProjectGaps;
  /** The project's name on one line. */
  name: string;
  /** Artifact locations by file (a gap is always in its project's file, so there is one). */
  artifacts: Map<string, ArtifactLocation>;
}

function resultFor(gap: Gap, shown: ShownProject, index: CatalogIndex, ruleIndex: Map<string, number>): Result {
  const ruleId = mostSevereThreat(gap, shown.project, index);
  const counters = gap.threats.length > 0 ? ` It counters ${gap.threats.join(', ')}; the most severe is ${gap.severity}.` : '';
  const what = gap.kind === 'acceptance-expired'
    ? `The risk acceptance of ${gap.control} (${gap.title}) expired${gap.expires ? ` on ${gap.expires}` : ''}`
    : `${gap.required ? 'Required control' : 'Control'} ${gap.control} (${gap.title}) is ${gapWords[gap.kind]}`;
  const reason = gap.reason ? ` Policy: ${oneLine(gap.reason)}` : '';
  return {
    ruleId,
    ruleIndex: ruleIndex.get(ruleId) ?? 0,
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
    properties: { control: gap.control, gap: gap.kind, threats: [...gap.threats] },
  };
}

/**
 * The rule of a result: the most severe threat the control counters here (the gap lists them most
 * severe first). A control the policy requires regardless of threats falls back to the catalog's
 * threats it counters, the most severe in this project first.
 */
function mostSevereThreat(gap: Gap, project: ProjectGaps, index: CatalogIndex): string {
  if (gap.threats[0]) return gap.threats[0];
  const rank = (id: string): number => {
    const severity: Severity | null | undefined = project.threats.find((t) => t.threat === id)?.severity;
    return severity ? severities.indexOf(severity) : severities.length;
  };
  const counters = [...(index.controls.get(gap.control)?.counters ?? [])].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : 1));
  return counters[0] ?? index.catalog.threats[0]!.id;
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
