import type { DataPath } from '../load/locate.js';
import type { ControlState } from '../project/types.js';
import type { FactCode } from './facts.js';

export type Severity = 'critical' | 'high' | 'medium' | 'low';
/** Ordered from most to least severe; `none` as a threshold requires nothing by severity. */
export const severities: readonly Severity[] = ['critical', 'high', 'medium', 'low'];
export type Threshold = Severity | 'none';
export type Level = 1 | 2 | 3;

/** A fact of the project that a rule relied on, with where it stands in the file. */
export interface Fact {
  code: FactCode;
  /** Path into the project data; the locator turns it into a line and column. */
  path: DataPath;
  /** Values the wording needs, such as an id or a count. Strings only, so output stays stable. */
  args: Readonly<Record<string, string>>;
}

/** A fact that moved the severity: impact facts set a level, likelihood facts add or remove points. */
export interface Factor extends Fact {
  dimension: 'impact' | 'likelihood';
  /** Impact: the level (1-3) this fact implies. Likelihood: points added (negative lowers). */
  weight: number;
}

/** What a rule decides about its threat: data only, never prose or colour. */
export interface RuleResult {
  applies: boolean;
  /** Why the threat applies, or why it does not. */
  evidence: Fact[];
  factors: Factor[];
}

export interface Location {
  file: string;
  line: number;
  column: number;
}

export type Located<T> = T & { location: Location };

export type ControlStatusName = ControlState | 'missing';

export type GapKind = 'missing' | 'planned' | 'partial' | 'acceptance-expired' | 'acceptance-incomplete' | 'acceptance-forbidden';

/** Shared between findings and projects that say the same (see controls.ts), so never changed. */
export interface Recommendation {
  readonly control: string;
  readonly title: string;
  readonly primary: boolean;
  readonly role: string;
  readonly status: ControlStatusName;
  readonly required: boolean;
  /** Why it is required: the threat's severity reached the threshold, or the policy says so. */
  readonly requiredBy: readonly ('severity' | 'policy')[];
  readonly gap: GapKind | null;
}

export interface ThreatFinding {
  threat: string;
  title: string;
  group: string | null;
  impactKind: 'integrity' | 'confidentiality';
  applies: boolean;
  severity: Severity | null;
  impact: Level | null;
  likelihood: Level | null;
  evidence: Located<Fact>[];
  factors: Located<Factor>[];
  recommendations: Recommendation[];
  /** Controls of the catalog left out because the facts show they cannot help here. */
  notRecommended: Located<{ control: string; fact: Fact }>[];
}

export interface Gap {
  control: string;
  title: string;
  kind: GapKind;
  required: boolean;
  /** Threats this control counters in this project, most severe first. */
  readonly threats: readonly string[];
  severity: Severity;
  /** Where the gap is best shown: the control's entry when the file has one, else the facts behind the threat. */
  location: Location;
  expires?: string;
  reason?: string;
}

export interface Acceptance {
  control: string;
  status: 'risk-accepted' | 'not-applicable';
  owner: string | null;
  justification: string | null;
  expires: string | null;
  state: 'valid' | 'expired' | 'incomplete' | 'forbidden' | 'declared';
  location: Location;
}

/** What an assessment says of one threat, without the facts behind it or the controls it names. */
export type ThreatVerdict = Pick<ThreatFinding, 'threat' | 'applies' | 'severity'>;

/**
 * A project's assessment without its findings' facts and recommendations: all that a report of
 * gaps (SARIF) and a baseline comparison read.
 */
export interface ProjectGaps {
  file: string;
  name: string;
  owner: string | null;
  verdict: 'pass' | 'fail';
  threats: readonly ThreatVerdict[];
  gaps: Gap[];
  acceptances: Acceptance[];
  counts: { applicable: number; bySeverity: Record<Severity, number>; requiredGaps: number; advisoryGaps: number };
}

export interface ProjectAssessment extends ProjectGaps {
  threats: ThreatFinding[];
}

export interface ReportOf<P extends ProjectGaps> {
  tool: { name: 'aithreat'; version: string };
  asOf: string;
  failOn: Threshold;
  policy: { name: string | null; file: string } | null;
  verdict: 'pass' | 'fail';
  projects: P[];
}

/** The report every renderer can print. */
export type Report = ReportOf<ProjectAssessment>;

/** A report that kept only each project's gaps and threat verdicts: see `formats` in render/index.ts. */
export type GapReport = ReportOf<ProjectGaps>;
