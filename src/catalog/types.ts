/**
 * The threat and control catalog: OWASP AI Exchange development-time threats and the controls
 * that counter them. The YAML files under `catalog/` use these shapes with the same camelCase keys;
 * `schemas/catalog.schema.json` is the authority on what a file may contain.
 */

/** Which security property a threat attacks. */
export type Impact = 'integrity' | 'confidentiality';

/** An entry in an outside list, such as MITRE ATLAS or an OWASP Top 10. */
export interface Reference {
  id: string;
  name: string;
}

/** One control a threat names, and what it does against that threat. */
export interface ThreatControl {
  id: string;
  /** A short phrase: what this control does against this threat. */
  role: string;
  /** Whether a reviewer would require this control first for this threat. */
  primary: boolean;
}

/** A way in for an attacker, e.g. changing training data while it is in storage. */
export interface AttackVector {
  /** Kebab-case, unique within the threat, e.g. `in-storage`. */
  id: string;
  description: string;
}

/** Where a threat is listed in outside frameworks. */
export interface ThreatReferences {
  atlas: Reference[];
  owaspLlm2025: Reference[];
  owaspMl2023: Reference[];
  nistAi1002: Reference[];
}

export interface ThreatEntry {
  kind: 'threat';
  /** Upper-case AI Exchange id, e.g. DATAPOISON. */
  id: string;
  /** Other ids that resolve to this entry, e.g. the current edition's SUPPLYMODELPOISON. */
  aliases: string[];
  /** Title in the reference text, exactly. */
  title: string;
  /** Title in the current AI Exchange edition, where it changed. */
  currentTitle?: string;
  /** Parent group id; null for the groups themselves. */
  group: string | null;
  /** Member threat ids for a group (the threats whose `group` names it), by id; empty for a leaf threat. Derived when the catalog loads. */
  members: string[];
  /** `https://owaspai.org/go/<lowercase id>/`. */
  permalink: string;
  summary: string;
  impact: Impact;
  attackVectors: AttackVector[];
  examples: string[];
  controls: ThreatControl[];
  references: ThreatReferences;
}

/** A checklist item a team can tick. */
export interface Practice {
  id: string;
  text: string;
}

export type Coverage = 'full' | 'partial' | 'minimal' | 'none';

/** How far a control in a standard covers a catalog control, with the gap in words. */
export interface StandardMapping {
  standard: string;
  ref: string;
  title: string;
  coverage: Coverage;
  note: string;
}

export type ControlCategory =
  | 'development-time information security'
  | 'development-time data science'
  | 'general'
  | 'runtime';

export type ControlDefinedIn = 'development-time' | 'general' | 'runtime';

export type ControlGroup = 'governancecontrols' | 'datalimit' | 'limitunwanted';

export type ControlPhase = 'pre-training' | 'post-training' | 'training' | 'development-and-runtime';

export interface ControlEntry {
  kind: 'control';
  id: string;
  title: string;
  category: ControlCategory;
  /** The AI Exchange section that defines the control. */
  definedIn: ControlDefinedIn;
  /** The general-controls group, for controls defined there. */
  group?: ControlGroup;
  /** When in the lifecycle the control applies, only where the source says. */
  phase?: ControlPhase;
  permalink: string;
  summary: string;
  practices: Practice[];
  limitations: string[];
  standards: StandardMapping[];
  /** MITRE ATLAS mitigations that fit this control. */
  atlasMitigations: Reference[];
  /** Ids of the threats whose `controls` name this control, by id. Derived when the catalog loads. */
  counters: string[];
}

/** A catalog file as written: the back-links are derived, never written (see `withBackLinks`). */
export type ThreatFile = Omit<ThreatEntry, 'members'>;
export type ControlFile = Omit<ControlEntry, 'counters'>;
export type CatalogFile = ThreatFile | ControlFile;

export type CatalogEntry = ThreatEntry | ControlEntry;

/** The whole catalog; each list is sorted by id. */
export interface Catalog {
  threats: ThreatEntry[];
  controls: ControlEntry[];
}

/** A problem found in a catalog file; line and column are 1-based. */
export interface CatalogProblem {
  file: string;
  line: number;
  column: number;
  message: string;
}
