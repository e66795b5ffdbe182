/**
 * The threat and control catalog: OWASP AI Exchange development-time threats, the controls that
 * counter them, and the section that introduces them. The YAML files under `catalog/` use these
 * shapes with the same camelCase keys; `schemas/catalog.schema.json` is the authority on what a
 * file may contain.
 */

/** Which security property a threat attacks. */
export type Impact = 'integrity' | 'confidentiality';

/**
 * An edition of the OWASP AI Exchange: `2024` is the reference text of section 3; `2026-08` is
 * the AI Exchange source of August 2026, the current edition.
 */
export type Edition = '2024' | '2026-08';

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
  /** Other ids that resolve to this entry, e.g. TRANSFERLEARNINGATTACK, the 2024 id of SUPPLYMODELPOISON. */
  aliases: string[];
  /** Title in the edition the id comes from, exactly. */
  title: string;
  /** Title in the current AI Exchange edition, where it differs from `title`. */
  currentTitle?: string;
  /** The AI Exchange editions the entry's facts come from; absent for an organisation's own entries. */
  editions?: Edition[];
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
  /** Only where the source states how far the standard covers the control. */
  coverage?: Coverage;
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
  /** The AI Exchange editions the entry's facts come from; absent for an organisation's own entries. */
  editions?: Edition[];
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

/** A control the section introduction names for development-time protection. */
export interface SectionControl {
  id: string;
  /** A short phrase: what the control protects in the development environment. */
  role: string;
}

/** One item of a section: a particularity, or an agentic threat it sketches without an entry of its own. */
export interface SectionItem {
  /** Kebab-case, unique within its list. */
  id: string;
  description: string;
}

/**
 * A section of the AI Exchange that introduces a set of threats, such as DEVELOPMENTTIME. It is
 * no threat: no rule decides it and no report lists it.
 */
export interface SectionEntry {
  kind: 'section';
  id: string;
  title: string;
  editions?: Edition[];
  permalink: string;
  summary: string;
  /** What sets the section's subject apart from ordinary software, in the catalog's words. */
  particularities: SectionItem[];
  /** The group threats the section holds. */
  members: string[];
  /** The controls the section names for protection, beside the general controls. */
  controls: SectionControl[];
  /** Development-time threats to autonomous agents, sketched without entries of their own. */
  agenticThreats: SectionItem[];
  standards: StandardMapping[];
}


/** A catalog file as written: the back-links are derived, never written (see `withBackLinks`). */
export type ThreatFile = Omit<ThreatEntry, 'members'>;
export type ControlFile = Omit<ControlEntry, 'counters'>;

/**
 * Controls an organisation's catalog adds to a threat of the catalog it extends, such as its own
 * control against DATAPOISON. The link is written on the threat's side, as the threat's own
 * `controls` are, so a control's `counters` stay derived; merging appends them to the threat.
 */
export interface ThreatControlsFile {
  kind: 'threat-controls';
  /** The threat, by id or alias. */
  threat: string;
  controls: ThreatControl[];
}

export type CatalogFile = SectionEntry | ThreatFile | ControlFile | ThreatControlsFile;

export type CatalogEntry = SectionEntry | ThreatEntry | ControlEntry;

/** The whole catalog; each list is sorted by id. */
export interface Catalog {
  sections: SectionEntry[];
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
