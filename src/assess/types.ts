import type { Catalog } from '../catalog/types.js';
import type { ControlState } from '../project/types.js';
import type { Discovery } from '../discover/types.js';
import type { DataPath } from '../load/locate.js';
import type { Fact, Factor, Rule } from '../rules/api.js';

export type Severity = 'critical' | 'high' | 'medium' | 'low';
/** Ordered from most to least severe; `none` as a threshold requires nothing by severity. */
export const severities: readonly Severity[] = ['critical', 'high', 'medium', 'low'];
export type Threshold = Severity | 'none';
export type Level = 1 | 2 | 3;

export type { Fact, Factor, RuleResult, Undeclared } from '../rules/api.js';

/** How "not declared" counts: as the unsafe value (the default, for a conservative gate), or not at all. */
export type UndeclaredMode = 'count' | 'ignore';

/** An organisation's policy file, as schemas/policy.schema.json defines it. */
export interface Policy {
  policyVersion: 1;
  name?: string;
  failOn?: Threshold;
  /** How fields a project does not declare count; the --undeclared flag overrides it. */
  undeclared?: UndeclaredMode;
  require?: { control: string; when?: string; reason?: string }[];
  forbidRiskAcceptance?: string[];
  /**
   * Drift between the description and the code (`--discover`) that fails the run like a
   * required control gap: `true` for every kind, or the kinds of docs/discover.md.
   */
  requireNoDrift?: boolean | string[];
}

/** What an assessment is run with. */
export interface AssessOptions {
  catalog: Catalog;
  /**
   * The rules that decide the catalog's threats: the built-in ones unless given. An organisation's
   * catalog comes with rules of its own; `loadAssessmentContext` (assess/context.ts) loads both.
   */
  rules?: readonly Rule[];
  /** "Today" for expiry checks, as YYYY-MM-DD. */
  asOf: string;
  failOn: Threshold;
  policy: Policy | null;
  undeclared: UndeclaredMode;
  /** The repository read by `--discover`, read once for every project of the run; null or absent without it. */
  discovered?: DiscoveredRepository | null;
}

/** What `aithreat discover` read of a repository, for drift (src/discover/drift.ts). */
export interface DiscoveredRepository {
  /** The repository's folder as reports show it (relative to the working directory when inside it). */
  root: string;
  /**
   * What goes before a file of the repository to show it as project files are shown (relative to
   * the working directory when inside it): `''` for the working directory, else the folder and `/`.
   */
  base: string;
  /** Its findings, each `file` relative to the repository, as the description names them. */
  discovery: Discovery;
}

/**
 * What a drift finding changed in one threat: `applies` when its fact is among the evidence and
 * the threat applies only on what the code shows; `evidence` when its fact adds to the evidence of
 * a threat the file already makes apply; `factor` when it fires a factor that rates it.
 */
export interface DriftEffect {
  threat: string;
  kind: 'applies' | 'evidence' | 'factor';
  code: string;
  text: string;
  /** For a factor: whether it counts toward the severity (one that counts rests on the code). */
  counted: boolean;
}

/**
 * A place where the repository's code disagrees with the description: a drift finding of
 * docs/discover.md, located in the code file, with what it changed in the threats.
 */
export interface DriftEntry {
  code: string;
  text: string;
  /** The place in the code (a .py or .ipynb line, or a model file at 1:1). */
  location: Location;
  args: Readonly<Record<string, string>>;
  /** The threats it bears on. */
  threats: readonly string[];
  /** The entry of the description it concerns, and where that entry is; null when it concerns none. */
  declared: { path: DataPath; location: Location } | null;
  /**
   * The facts and factors it made, per threat. Empty when none of its threats applies, or when
   * what the file declares already says as much (a declared factor is not counted twice).
   */
  effects: DriftEffect[];
  /** Whether the policy requires no drift of this kind (`requireNoDrift`): it then fails the run. */
  required: boolean;
}

export interface Location {
  file: string;
  line: number;
  column: number;
}

export type Located<T> = T & { location: Location };

/** A factor as the assessment weighed it: `counted` is false for a field not declared under `undeclared: ignore`. */
export type AssessedFactor = Located<Factor> & { counted: boolean };

/** Why a control is required: it answers a fired factor, it is a primary control of the threat, or the policy says so. */
export type RequiredBy = 'factor' | 'primary' | 'policy';

/** A fired factor a control answers, in one threat. */
export interface Answer {
  threat: string;
  factor: string;
  text: string;
}

export type ControlStatusName = ControlState | 'missing';

export type GapKind = 'missing' | 'planned' | 'partial' | 'acceptance-expired' | 'acceptance-incomplete' | 'acceptance-forbidden';

export interface Recommendation {
  control: string;
  title: string;
  /** Whether the catalog names it first for this threat. */
  primary: boolean;
  role: string;
  status: ControlStatusName;
  required: boolean;
  requiredBy: RequiredBy[];
  gap: GapKind | null;
  /** Codes of this threat's fired factors that the control answers. */
  answers: string[];
  /** Where a reviewer can see it working, as the project records it (the control's `evidence`). */
  evidence: string[];
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
  factors: AssessedFactor[];
  recommendations: Recommendation[];
  /** Controls of the catalog left out because the facts show they cannot help here. */
  notRecommended: Located<{ control: string; fact: Fact }>[];
  /** Primary controls that stay advice because the facts show they cannot reach this threat here. */
  notRequired: Located<{ control: string; fact: Fact }>[];
  /**
   * The severity if every field the rule found not declared were declared the safe way, and the
   * unsafe way; null when no such field moves it.
   */
  undeclared: { ifSafe: Severity; ifUnsafe: Severity } | null;
}

/** A field the file does not declare, which moves the severity of at least one threat. */
export interface OpenQuestion {
  /** Where to declare it. */
  path: DataPath;
  /** What declares it the safe way. */
  safe: string;
  /** The wording of the factor that rests on it. */
  text: string;
  /** The closest place in the file (the entry the field belongs in). */
  location: Location;
  /** Each threat it moves: its severity now, and with this field declared safe or unsafe. */
  threats: { threat: string; severity: Severity; ifSafe: Severity; ifUnsafe: Severity }[];
}

export interface Gap {
  control: string;
  title: string;
  kind: GapKind;
  required: boolean;
  requiredBy: RequiredBy[];
  /** Leaf threats this control counters in this project, most severe first. */
  threats: string[];
  /** The fired factors it answers. */
  answers: Answer[];
  /** Leaf threats at or above the threshold for which it is a primary control in reach. */
  primaryFor: string[];
  /** The catalog's general-controls group (governancecontrols, datalimit, limitunwanted), or null. */
  group: string | null;
  /** That of the most severe leaf threat whose factors it answers or that requires it; else of those that list it. */
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
  /** Where the code disagrees with the description, in the order of places in the code; empty without `--discover`. */
  drift: DriftEntry[];
  counts: { applicable: number; bySeverity: Record<Severity, number>; requiredGaps: number; advisoryGaps: number; requiredDrift: number };
}

export interface ProjectAssessment extends ProjectGaps {
  threats: ThreatFinding[];
  openQuestions: OpenQuestion[];
}

export interface ReportOf<P extends ProjectGaps> {
  tool: { name: 'aithreat'; version: string };
  /** The catalog the projects were assessed against: renderers take titles and links from it. */
  catalog: Catalog;
  asOf: string;
  failOn: Threshold;
  undeclared: UndeclaredMode;
  policy: { name: string | null; file: string } | null;
  /** The repository `--discover` read, as shown; null without it. */
  discover: { root: string } | null;
  verdict: 'pass' | 'fail';
  projects: P[];
}

/** The report every renderer can print. */
export type Report = ReportOf<ProjectAssessment>;

/** A report that kept only each project's gaps and threat verdicts: see `formats` in render/index.ts. */
export type GapReport = ReportOf<ProjectGaps>;
