import type { DataPath } from '../load/locate.js';
import type { Problem } from '../problem.js';
import type { ProjectView } from '../project/view.js';

/**
 * The rule interface. A rule is a module that decides one catalog threat: its `meta` names the
 * threat, words every fact and factor it can report, gives each factor its weight and the catalog
 * controls that answer it, and points at its documentation; `evaluate` reads the project and
 * returns data (codes, paths and arguments), never prose or colour. A rule written as data (a
 * catalog of an organisation) fills the same shapes, so the assessment and the renderers cannot
 * tell the two apart.
 */
export interface Rule {
  meta: RuleMeta;
  evaluate(view: ProjectView): RuleResult;
}

export interface RuleMeta {
  /** The catalog id of the threat this rule decides. */
  threat: string;
  /** When the threat applies, in one sentence, for the docs and `catalog show`. */
  description: string;
  /** Its documentation page, relative to the repository: `docs/rules/<ID>.md`. */
  docs: string;
  /** The fields of the project description it reads, as `datasets[].origin`; the docs list them. */
  reads: readonly string[];
  /** A small project description (YAML) the docs assess as the rule's example. */
  example: string;
  /** The wording of each fact that says why the threat applies or not, with `{{arg}}` placeholders. */
  facts: Readonly<Record<string, string>>;
  factors: Readonly<Record<string, FactorDefinition>>;
  /**
   * The drift findings it reads when the assessment is run with `--discover` (codes of
   * docs/discover.md), each with what it makes of them, for the docs. A rule that reads none
   * leaves it out.
   */
  drift?: Readonly<Record<string, string>>;
}

/** One way a project can make a threat more (or less) likely or harmful. */
export interface FactorDefinition {
  /** Impact factors set a level (1-3); likelihood factors add points (negative for a protective fact). */
  dimension: 'impact' | 'likelihood';
  weight: number;
  /** The wording when the file declares what the factor rests on. */
  message: string;
  /**
   * The wording when it fires because the file leaves a field out (see `Undeclared`), for one
   * entry: an open question reads it with that entry's arguments.
   */
  undeclared?: string;
  /**
   * The wording when it fires on what the repository's code shows (`--discover`), for the
   * example entry; a factor that only the code can show words it in `message` alone.
   */
  discovered?: string;
  /** Catalog control ids that answer this factor: required when it fires for a threat at the threshold. */
  controls: readonly string[];
  /** When it fires, for the docs. */
  when: string;
}

/** A field the file leaves out, which the rule reads the unsafe way until it is declared. */
export interface Undeclared {
  /** Where to declare it, such as `['environments', 2, 'accessLogging']`. */
  path: DataPath;
  /** What declares it the safe way: a YAML value such as `true`, or a few words. */
  safe: string;
  /** The arguments of the entry it belongs to, when a factor sums up several entries. */
  args?: Readonly<Record<string, string>>;
}

/** A fact of the project that a rule relied on, with where it stands in the file. */
export interface Fact {
  /** The code of its definition in the rule's meta. */
  code: string;
  /** The wording, with `{{arg}}` placeholders filled from `args` by `describeFact`. */
  message: string;
  /** Path into the project data; the locator turns it into a line and column. */
  path: DataPath;
  /** Values the wording needs, such as an id or a count. Strings only, so output stays stable. */
  args: Readonly<Record<string, string>>;
  /**
   * The places in the repository's code that it rests on, when it comes from `--discover` rather
   * than from the file (absent or empty otherwise). Its location is then the first of them.
   */
  found?: readonly FoundAt[];
}

/** A place in the code where discover found what a fact rests on: a drift finding of docs/discover.md. */
export interface FoundAt {
  /** The code file, as messages show it (relative to the working directory when inside it). */
  file: string;
  line: number;
  column: number;
  /** The drift finding's code, such as `undeclared-model`. */
  drift: string;
}

/**
 * What a fact or factor rests on: what the file declares, a field it leaves out (read the unsafe
 * way), or what the repository's code shows (`--discover`). A factor with declared entries rests
 * on them; else one found in the code rests on the code; else it rests on the fields left out.
 */
export type Basis = 'declared' | 'not-declared' | 'discovered';

export function basisOf(fact: Pick<Fact, 'found'> & { undeclared?: readonly Undeclared[] }): Basis {
  if (fact.found !== undefined && fact.found.length > 0) return 'discovered';
  return fact.undeclared !== undefined && fact.undeclared.length > 0 ? 'not-declared' : 'declared';
}

/** A fact that moved the severity. */
export interface Factor extends Fact {
  dimension: 'impact' | 'likelihood';
  weight: number;
  /** Empty when the file declares the weakness; otherwise the fields whose absence made it fire. */
  undeclared: readonly Undeclared[];
  /** Catalog control ids that answer it. */
  controls: readonly string[];
}

/** What a rule decides about its threat: data only. */
export interface RuleResult {
  applies: boolean;
  /** Why the threat applies, or why it does not. */
  evidence: Fact[];
  factors: Factor[];
  /**
   * Primary controls of the threat that the facts show cannot reach this project's exposure, each
   * with the fact that shows it: they stay advice, and are not required by severity.
   */
  outOfReach?: { control: string; fact: Fact }[];
}

/** A fact's wording with its arguments filled in. */
export function describeFact(fact: Pick<Fact, 'message' | 'args'>): string {
  return fact.message.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => fact.args[name] ?? whole);
}

/** The `{{arg}}` names a message uses. */
export function placeholders(message: string): string[] {
  return [...message.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!);
}

/**
 * A rule that cannot decide on this project: an organisation's rule whose expression fails on it,
 * or would cost more than its limit. The assessment stops, and the command prints the problems
 * (positioned in the rule's file) and exits 2, as for any input it cannot read.
 */
export class RuleError extends Error {
  constructor(readonly problems: Problem[]) {
    super(problems.map((p) => p.message).join('; '));
    this.name = 'RuleError';
  }
}

/** Whether an error is a RuleError, whichever bundle made it (the organisation's rules load apart). */
export function isRuleError(error: unknown): error is RuleError {
  return error instanceof Error && error.name === 'RuleError' && Array.isArray((error as { problems?: unknown }).problems);
}
