import { basisOf, describeFact } from '../rules/api.js';
import { catalogIndex, type CatalogIndex } from './catalog-index.js';
import { driftJson, foundJson } from './drift-json.js';
import type { RunFacts } from './renderer.js';
import type { Acceptance, AssessedFactor, Fact, Gap, Location, OpenQuestion, ProjectAssessment, Recommendation, Report, ThreatFinding } from '../assess/types.js';

/** The `$id` of schemas/report.schema.json; a report names the schema it follows. */
export const reportSchemaId = 'https://aithreat.dev/schemas/report/v1.json';

/**
 * The report as plain JSON data. Every object is built key by key, so the key order is part of
 * the code rather than of how the assessment happened to create its objects; optional values are
 * `null` rather than absent, so every report has the same shape.
 */
export function reportToJson(report: Report): object {
  const index = catalogIndex(report.catalog);
  return { ...runJson(report, report.verdict), projects: report.projects.map((p) => projectJson(p, index)) };
}

/** What the report says of the whole run, in its order: everything before `projects`. */
export function runJson(run: RunFacts, verdict: 'pass' | 'fail'): object {
  return {
    $schema: reportSchemaId,
    reportVersion: 1,
    tool: { name: run.tool.name, version: run.tool.version },
    asOf: run.asOf,
    failOn: run.failOn,
    undeclared: run.undeclared,
    policy: run.policy ? { name: run.policy.name, file: run.policy.file } : null,
    discover: run.discover ? { root: run.discover.root } : null,
    verdict,
  };
}

export function projectJson(p: ProjectAssessment, index: CatalogIndex): object {
  const s = p.counts.bySeverity;
  return {
    file: p.file,
    name: p.name,
    owner: p.owner,
    verdict: p.verdict,
    counts: {
      applicable: p.counts.applicable,
      bySeverity: { critical: s.critical, high: s.high, medium: s.medium, low: s.low },
      requiredGaps: p.counts.requiredGaps,
      advisoryGaps: p.counts.advisoryGaps,
      requiredDrift: p.counts.requiredDrift,
    },
    threats: p.threats.map((t) => threatJson(t, index)),
    gaps: p.gaps.map((g) => gapJson(g, index)),
    acceptances: p.acceptances.map(acceptanceJson),
    drift: p.drift.map(driftJson),
    openQuestions: p.openQuestions.map(openQuestionJson),
  };
}

function threatJson(t: ThreatFinding, index: CatalogIndex): object {
  return {
    threat: t.threat,
    title: t.title,
    permalink: index.threats.get(t.threat)?.permalink ?? null,
    group: t.group,
    impactKind: t.impactKind,
    applies: t.applies,
    severity: t.severity,
    impact: t.impact,
    likelihood: t.likelihood,
    evidence: t.evidence.map((f) => ({ ...factJson(f), location: locationJson(f.location) })),
    factors: t.factors.map(factorJson),
    recommendations: t.recommendations.map((r) => recommendationJson(r, index)),
    notRecommended: t.notRecommended.map((n) => ({ control: n.control, fact: factJson(n.fact), location: locationJson(n.location) })),
    notRequired: t.notRequired.map((n) => ({ control: n.control, fact: factJson(n.fact), location: locationJson(n.location) })),
    undeclared: t.undeclared ? { ifSafe: t.undeclared.ifSafe, ifUnsafe: t.undeclared.ifUnsafe } : null,
  };
}

/** A fact with its wording, so consumers need not know the fact codes. */
function factJson(f: Fact): { code: string; text: string; args: Record<string, string>; path: (string | number)[]; found: object[] } {
  const args = Object.fromEntries(Object.entries(f.args ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { code: f.code, text: describeFact(f), args, path: [...f.path], found: foundJson(f.found) };
}

function factorJson(f: AssessedFactor): object {
  const { code, text, args, path, found } = factJson(f);
  return {
    code,
    text,
    dimension: f.dimension,
    weight: f.weight,
    basis: basisOf(f),
    counted: f.counted,
    undeclared: f.undeclared.map((u) => ({ path: [...u.path], safe: u.safe })),
    controls: [...f.controls],
    args,
    path,
    found,
    location: locationJson(f.location),
  };
}

function recommendationJson(r: Recommendation, index: CatalogIndex): object {
  return {
    control: r.control,
    title: r.title,
    permalink: index.controls.get(r.control)?.permalink ?? null,
    primary: r.primary,
    role: r.role,
    status: r.status,
    required: r.required,
    requiredBy: [...r.requiredBy],
    gap: r.gap,
    answers: [...r.answers],
    evidence: [...r.evidence],
  };
}

function gapJson(g: Gap, index: CatalogIndex): object {
  return {
    control: g.control,
    title: g.title,
    permalink: index.controls.get(g.control)?.permalink ?? null,
    kind: g.kind,
    required: g.required,
    requiredBy: [...g.requiredBy],
    severity: g.severity,
    threats: [...g.threats],
    answers: g.answers.map((a) => ({ threat: a.threat, factor: a.factor, text: a.text })),
    primaryFor: [...g.primaryFor],
    group: g.group,
    location: locationJson(g.location),
    expires: g.expires ?? null,
    reason: g.reason ?? null,
  };
}

function acceptanceJson(a: Acceptance): object {
  return {
    control: a.control,
    status: a.status,
    owner: a.owner,
    justification: a.justification,
    expires: a.expires,
    state: a.state,
    location: locationJson(a.location),
  };
}

function openQuestionJson(q: OpenQuestion): object {
  return {
    path: [...q.path],
    safe: q.safe,
    text: q.text,
    location: locationJson(q.location),
    threats: q.threats.map((t) => ({ threat: t.threat, severity: t.severity, ifSafe: t.ifSafe, ifUnsafe: t.ifUnsafe })),
  };
}

function locationJson(l: Location): object {
  return { file: l.file, line: l.line, column: l.column };
}
