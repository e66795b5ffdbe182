import { controlById, threatById } from '../catalog/lookup.js';
import type { Catalog } from '../catalog/types.js';
import type { DataPath } from '../load/locate.js';
import type { ControlStatus, Project } from '../project/types.js';
import { describeFact, type Fact } from '../rules/api.js';
import { compareText } from '../util/compare.js';
import { detach } from '../util/detach.js';
import { canonicalThreatId } from './policy.js';
import { meetsThreshold, severityRank } from './severity.js';
import type { Acceptance, Answer, AssessedFactor, AssessOptions, ControlStatusName, Gap, GapKind, Location, Policy, Recommendation, RequiredBy, Severity, ThreatFinding } from './types.js';

interface ControlInput {
  project: Project;
  catalog: Catalog;
  findings: ThreatFinding[];
  ruledOut: Map<string, Fact>;
  requiredWhen: Map<string, { control: string; reason?: string }[]>;
  options: AssessOptions;
  at: (path: DataPath) => Location;
}

const noPolicyRules: ReadonlyMap<string, string | undefined> = new Map();

/** What one control is doing in one project, gathered over the threats. */
interface GapDraft {
  requiredBy: RequiredBy[];
  /** Leaf threats that list it or whose factors it answers. */
  threats: ThreatFinding[];
  /** Leaf threats for which it answers a fired factor or is required: they rate the gap. */
  rating: ThreatFinding[];
  answers: Answer[];
  primaryFor: string[];
  reason?: string;
}

/**
 * Fills each applicable threat's recommendations and collects one gap per control that is not in
 * place. For a leaf threat at or above the fail threshold, a control is required when it answers
 * one of the threat's fired factors, or is one of the catalog's primary controls for it that the
 * facts do not show out of reach; the policy can require more. Group threats require nothing and
 * rate nothing: a gap takes the severity of the leaf threats behind it.
 */
export function evaluateControls(input: ControlInput): { gaps: Gap[]; acceptances: Acceptance[] } {
  const { project, catalog, options } = input;
  const controls = controlById(catalog);
  const forbidden = new Set(options.policy?.forbidRiskAcceptance ?? []);
  const states = new Map<string, ControlInProject>();
  const stateOf = (id: string) => {
    let state = states.get(id);
    if (!state) states.set(id, (state = controlInProject(project.controls?.[id], forbidden.has(id), options.asOf)));
    return state;
  };
  const drafts = new Map<string, GapDraft>();
  const draftOf = (id: string) => {
    let draft = drafts.get(id);
    if (!draft) drafts.set(id, (draft = { requiredBy: [], threats: [], rating: [], answers: [], primaryFor: [] }));
    return draft;
  };
  const threatEntries = threatById(catalog);
  for (const finding of input.findings) {
    if (!finding.applies) continue;
    const policyRules = input.requiredWhen.get(finding.threat);
    const byPolicy: ReadonlyMap<string, string | undefined> = policyRules ? new Map(policyRules.map((r) => [r.control, r.reason])) : noPolicyRules;
    if (finding.group === null) {
      for (const [id, reason] of byPolicy) noteByPolicy(draftOf, stateOf(id).gap, id, finding, reason);
      continue;
    }
    const atThreshold = meetsThreshold(finding.severity, options.failOn);
    const answered = answeredControls(finding, input.ruledOut, byPolicy);
    const outOfReach = (id: string) => finding.notRequired.some((n) => n.control === id);
    const listed = threatEntries.get(finding.threat)?.controls ?? [];
    // The threat's own list first, in the catalog's order, then the controls only its factors or the policy name.
    const candidates = listed.filter((c) => !input.ruledOut.has(c.id) || byPolicy.has(c.id));
    for (const id of [...answered.keys(), ...byPolicy.keys()]) {
      if (!candidates.some((c) => c.id === id) && !listed.some((c) => c.id === id)) candidates.push({ id, role: '', primary: false });
    }
    for (const control of candidates) {
      const answers = answered.get(control.id) ?? [];
      const requiredBy: RequiredBy[] = [];
      if (atThreshold && answers.length > 0) requiredBy.push('factor');
      if (atThreshold && control.primary && !outOfReach(control.id)) requiredBy.push('primary');
      if (byPolicy.has(control.id)) requiredBy.push('policy');
      const state = stateOf(control.id);
      const role = control.role || (answers.length > 0 ? `answers: ${describeFact(answers[0]!)}` : 'required by policy');
      finding.recommendations.push({
        control: control.id,
        title: controls.get(control.id)?.title ?? control.id,
        primary: control.primary,
        role,
        status: state.status,
        required: requiredBy.length > 0,
        requiredBy,
        gap: state.gap,
        answers: answers.map((f) => f.code),
      });
      if (state.gap === null) continue;
      const draft = draftOf(control.id);
      for (const reason of requiredBy) if (!draft.requiredBy.includes(reason)) draft.requiredBy.push(reason);
      if (!draft.threats.includes(finding)) draft.threats.push(finding);
      if ((answers.length > 0 || requiredBy.length > 0) && !draft.rating.includes(finding)) draft.rating.push(finding);
      for (const f of answers) draft.answers.push({ threat: finding.threat, factor: f.code, text: describeFact(f) });
      if (requiredBy.includes('primary')) draft.primaryFor.push(finding.threat);
      if (byPolicy.has(control.id)) draft.reason ??= byPolicy.get(control.id);
    }
  }
  for (const rule of input.requiredWhen.get('*') ?? []) noteByPolicy(draftOf, stateOf(rule.control).gap, rule.control, null, rule.reason);
  const gaps: Gap[] = [];
  drafts.forEach((draft, id) => {
    const kind = stateOf(id).gap;
    if (kind !== null) gaps.push(toGap(id, draft, input, kind));
  });
  gaps.sort(byWeight);
  return { gaps, acceptances: acceptances(input, forbidden) };
}

/** The controls that answer a threat's fired factors, with the factors each answers. */
function answeredControls(finding: ThreatFinding, ruledOut: Map<string, Fact>, byPolicy: ReadonlyMap<string, unknown>): Map<string, AssessedFactor[]> {
  const answered = new Map<string, AssessedFactor[]>();
  for (const factor of finding.factors) {
    if (!fired(factor)) continue;
    for (const id of factor.controls) {
      if (ruledOut.has(id) && !byPolicy.has(id)) continue;
      const list = answered.get(id) ?? [];
      if (!list.some((f) => f.code === factor.code)) list.push(factor);
      answered.set(id, list);
    }
  }
  return answered;
}

/** A factor that raises the threat: counted, and adding likelihood or setting an impact above low. */
function fired(factor: AssessedFactor): boolean {
  return factor.counted && (factor.dimension === 'likelihood' ? factor.weight > 0 : factor.weight >= 2);
}

function noteByPolicy(draftOf: (id: string) => GapDraft, gap: GapKind | null, id: string, finding: ThreatFinding | null, reason: string | undefined): void {
  if (gap === null) return;
  const draft = draftOf(id);
  if (!draft.requiredBy.includes('policy')) draft.requiredBy.push('policy');
  if (finding && !draft.threats.includes(finding)) draft.threats.push(finding);
  if (finding && !draft.rating.includes(finding)) draft.rating.push(finding);
  draft.reason ??= reason;
}

/** Required first, then advice that answers fired factors, then other specific advice, then general controls. */
function byWeight(a: Gap, b: Gap): number {
  return tier(a) - tier(b) || severityRank(b.severity) - severityRank(a.severity) || compareText(a.control, b.control);
}

function tier(gap: Gap): number {
  return gap.required ? 0 : gap.answers.length > 0 ? 1 : gap.group === null ? 2 : 3;
}

/** A control's status in one project and the gap it leaves. */
interface ControlInProject {
  status: ControlStatusName;
  gap: GapKind | null;
}

function controlInProject(control: ControlStatus | undefined, forbidden: boolean, asOf: string): ControlInProject {
  return { status: statusName(control), gap: gapKind(control, forbidden, asOf) };
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

function toGap(id: string, draft: GapDraft, input: ControlInput, kind: GapKind): Gap {
  const threats = [...draft.threats].sort(bySeverityThenId);
  const rating = draft.rating.length > 0 ? draft.rating : draft.threats;
  const severity: Severity = rating.reduce<Severity | null>((worst, t) => (severityRank(t.severity) > severityRank(worst) ? t.severity : worst), null) ?? 'medium';
  const entry = input.project.controls?.[id];
  // A gap is mended in the project file: facts found in the code (--discover) are not where to declare it.
  const inFile = threats[0]?.evidence.find((f) => !f.found || f.found.length === 0);
  const location = entry ? input.at(['controls', id]) : inFile?.location ?? input.at(input.project.controls ? ['controls'] : ['project']);
  const requiredBy = (['factor', 'primary', 'policy'] as const).filter((r) => draft.requiredBy.includes(r));
  return {
    control: id,
    title: controlById(input.catalog).get(id)?.title ?? id,
    kind,
    required: requiredBy.length > 0,
    requiredBy,
    threats: threats.map((t) => t.threat),
    answers: draft.answers,
    primaryFor: draft.primaryFor,
    group: controlById(input.catalog).get(id)?.group ?? null,
    severity,
    location,
    expires: entry?.expires ? detach(entry.expires) : undefined,
    reason: requiredBy.includes('policy') ? draft.reason : undefined,
  };
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

/** Policy requirements by threat id (`*` for always). */
export function policyRequirements(policy: Policy | null): Map<string, { control: string; reason?: string }[]> {
  const byThreat = new Map<string, { control: string; reason?: string }[]>();
  for (const rule of policy?.require ?? []) {
    const key = rule.when ? canonicalThreatId(rule.when) : '*';
    const list = byThreat.get(key) ?? [];
    list.push({ control: rule.control, reason: rule.reason ?? (rule.when ? `required by policy when ${key} applies` : 'required by policy') });
    byThreat.set(key, list);
  }
  return byThreat;
}
