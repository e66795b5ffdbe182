import { compareText } from '../util/compare.js';
import { controlById, threatById } from '../catalog/lookup.js';
import { detach } from '../util/detach.js';
import type { Catalog, ThreatControl } from '../catalog/types.js';
import type { DataPath } from '../load/locate.js';
import type { ControlStatus, Project } from '../project/types.js';
import type { AssessOptions } from './assess.js';
import { meetsThreshold, severityRank } from './severity.js';
import type { Acceptance, ControlStatusName, Fact, Gap, GapKind, Location, Recommendation, Severity, ThreatFinding } from './types.js';

interface ControlInput {
  project: Project;
  catalog: Catalog;
  findings: ThreatFinding[];
  ruledOut: Map<string, Fact>;
  requiredWhen: Map<string, { control: string; reason?: string }[]>;
  options: AssessOptions;
  at: (path: DataPath) => Location;
}

interface GapDraft {
  required: boolean;
  threats: ThreatFinding[];
  reason?: string;
}

const noPolicyRules: ReadonlyMap<string, string | undefined> = new Map();

/**
 * Fills each applicable threat's recommendations and collects one gap per control that is not in
 * place: missing, planned, partial, or accepted with an acceptance that is expired, incomplete
 * or forbidden by policy.
 */
export function evaluateControls(input: ControlInput): { gaps: Gap[]; acceptances: Acceptance[] } {
  const { project, catalog, options } = input;
  const controls = controlById(catalog);
  const forbidden = new Set(options.policy?.forbidRiskAcceptance ?? []);
  // Each control is looked at once per threat that lists it: its status and gap are worked out
  // the first time and remembered for the rest of this project.
  const states = new Map<string, ControlInProject>();
  const stateOf = (id: string) => {
    let state = states.get(id);
    if (!state) states.set(id, (state = controlInProject(project.controls?.[id], forbidden.has(id), options.asOf)));
    return state;
  };
  const gapOf = (id: string) => stateOf(id).gap;
  const drafts = new Map<string, GapDraft>();
  const note = (id: string, finding: ThreatFinding | null, required: boolean, reason?: string) => {
    if (gapOf(id) === null) return;
    const draft = drafts.get(id) ?? { required: false, threats: [] };
    draft.required ||= required;
    if (finding && !draft.threats.includes(finding)) draft.threats.push(finding);
    if (reason && required) draft.reason ??= reason;
    drafts.set(id, draft);
  };
  const threatEntries = threatById(catalog);
  for (const finding of input.findings) {
    if (!finding.applies) continue;
    const policyRules = input.requiredWhen.get(finding.threat);
    const byPolicy = policyRules ? new Map(policyRules.map((r) => [r.control, r.reason])) : noPolicyRules;
    const listed = threatEntries.get(finding.threat)?.controls ?? [];
    const candidates = byPolicy.size === 0 ? listed : [...listed, ...[...byPolicy.keys()].filter((id) => !listed.some((c) => c.id === id)).map((id) => ({ id, role: 'required by policy', primary: false }))];
    for (const control of candidates) {
      if (input.ruledOut.has(control.id) && !byPolicy.has(control.id)) continue;
      const requiredBy = reasonsRequired(control.primary && meetsThreshold(finding.severity, options.failOn), byPolicy.has(control.id));
      finding.recommendations.push(recommendation(control, controls.get(control.id)?.title ?? control.id, stateOf(control.id), requiredBy));
      if (finding.group !== null || requiredBy.length > 0) note(control.id, finding, requiredBy.length > 0, byPolicy.get(control.id));
    }
  }
  for (const rule of input.requiredWhen.get('*') ?? []) note(rule.control, null, true, rule.reason);
  const gaps: Gap[] = [];
  drafts.forEach((draft, id) => gaps.push(toGap(id, draft, input, controls.get(id)?.title ?? id, gapOf(id)!)));
  gaps.sort((a, b) => Number(b.required) - Number(a.required) || severityRank(b.severity) - severityRank(a.severity) || compareText(a.control, b.control));
  return { gaps, acceptances: acceptances(input, forbidden) };
}

// Shared and frozen: a run over a thousand projects makes over a hundred thousand recommendations,
// and each would otherwise carry an array of its own.
const requiredByNothing = Object.freeze([] as const);
const requiredBySeverity = Object.freeze(['severity'] as const);
const requiredByPolicy = Object.freeze(['policy'] as const);
const requiredByBoth = Object.freeze(['severity', 'policy'] as const);

const requiredByLists: readonly Recommendation['requiredBy'][] = [requiredByNothing, requiredBySeverity, requiredByPolicy, requiredByBoth];

function reasonsRequired(bySeverity: boolean, byPolicy: boolean): Recommendation['requiredBy'] {
  if (bySeverity) return byPolicy ? requiredByBoth : requiredBySeverity;
  return byPolicy ? requiredByPolicy : requiredByNothing;
}

/** A control's status in one project, the gap it leaves, and a key for both. */
interface ControlInProject {
  status: ControlStatusName;
  gap: GapKind | null;
  key: string;
}

function controlInProject(control: ControlStatus | undefined, forbidden: boolean, asOf: string): ControlInProject {
  const status = statusName(control);
  const gap = gapKind(control, forbidden, asOf);
  return { status, gap, key: gap === null ? status : `${status} ${gap}` };
}

/**
 * Recommendations made from one entry of a threat's control list, by the control's state and by
 * why it is required. Almost every project repeats the same few, and a run keeps every assessment
 * until its report is written: sharing them took a third of the objects each assessment kept, and
 * the garbage collector copied each of those objects as the run went on.
 */
const madeFrom = new WeakMap<ThreatControl, Map<string, Recommendation[]>>();

function recommendation(control: ThreatControl, title: string, state: ControlInProject, requiredBy: Recommendation['requiredBy']): Recommendation {
  let byState = madeFrom.get(control);
  if (!byState) madeFrom.set(control, (byState = new Map()));
  let byReasons = byState.get(state.key);
  if (!byReasons) byState.set(state.key, (byReasons = []));
  const reasons = requiredByLists.indexOf(requiredBy);
  let found = byReasons[reasons];
  if (!found) {
    const { status, gap } = state;
    found = Object.freeze({ control: control.id, title, primary: control.primary, role: control.role, status, required: requiredBy.length > 0, requiredBy, gap });
    byReasons[reasons] = found;
  }
  return found;
}

/** The status as a string of its own, never the slice of the project file it was read from. */
function statusName(control: ControlStatus | undefined): ControlStatusName {
  return control ? (detach(control.status) as ControlStatusName) : 'missing';
}

export function gapKind(control: ControlStatus | undefined, forbidden: boolean, asOf: string): GapKind | null {
  switch (control?.status) {
    case undefined:
      return 'missing';
    case 'planned':
    case 'partial':
      return control.status;
    case 'risk-accepted':
      if (forbidden) return 'acceptance-forbidden';
      if (control.expires !== undefined && control.expires < asOf) return 'acceptance-expired';
      if (!control.owner || !control.justification || !control.expires) return 'acceptance-incomplete';
      return null;
    case 'not-applicable':
      // Declaring a control not applicable is accepting its risk too: a policy may forbid both.
      return forbidden ? 'acceptance-forbidden' : null;
    default:
      return null;
  }
}

function toGap(id: string, draft: GapDraft, input: ControlInput, title: string, kind: GapKind): Gap {
  // A group repeats what its members say: name it only when it is more severe than every member
  // named, since then it is the reason the gap is rated (and perhaps required) as it is.
  let worstLeaf = 0;
  for (const t of draft.threats) if (t.group !== null) worstLeaf = Math.max(worstLeaf, severityRank(t.severity));
  const threats = draft.threats.filter((t) => t.group !== null || severityRank(t.severity) > worstLeaf);
  if (threats.length > 1) threats.sort(bySeverityThenId);
  const severity: Severity = threats[0]?.severity ?? 'medium';
  const entry = input.project.controls?.[id];
  const location = entry ? input.at(['controls', id]) : threats[0]?.evidence[0]?.location ?? input.at(input.project.controls ? ['controls'] : ['project']);
  const expires = entry?.expires ? detach(entry.expires) : undefined;
  return { control: id, title, kind, required: draft.required, threats: sharedThreatList(threats), severity, location, expires, reason: draft.reason };
}

/** Gaps name the same few threat lists again and again; like recommendations, they are shared. */
const threatLists = new Map<string, readonly string[]>();

function sharedThreatList(threats: ThreatFinding[]): readonly string[] {
  const ids = threats.map((t) => t.threat);
  const key = ids.join(' ');
  let found = threatLists.get(key);
  if (!found) threatLists.set(key, (found = Object.freeze(ids)));
  return found;
}

function bySeverityThenId(a: ThreatFinding, b: ThreatFinding): number {
  return severityRank(b.severity) - severityRank(a.severity) || compareText(a.threat, b.threat);
}

function acceptances(input: ControlInput, forbidden: Set<string>): Acceptance[] {
  const list: Acceptance[] = [];
  for (const [id, control] of Object.entries(input.project.controls ?? {}).sort(([a], [b]) => compareText(a, b))) {
    if (control.status !== 'risk-accepted' && control.status !== 'not-applicable') continue;
    const kind = gapKind(control, forbidden.has(id), input.options.asOf);
    const state: Acceptance['state'] = kind === null && control.status === 'not-applicable' ? 'declared'
      : kind === 'acceptance-forbidden' ? 'forbidden' : kind === 'acceptance-expired' ? 'expired' : kind === 'acceptance-incomplete' ? 'incomplete' : 'valid';
    list.push({
      control: id,
      status: statusName(control) as Acceptance['status'],
      owner: control.owner === undefined ? null : detach(control.owner),
      justification: control.justification === undefined ? null : detach(control.justification),
      expires: control.expires === undefined ? null : detach(control.expires),
      state,
      location: input.at(['controls', id]),
    });
  }
  return list;
}
