import { threatById } from '../catalog/lookup.js';
import type { ThreatEntry } from '../catalog/types.js';
import { offsetOf, type DataPath } from '../load/locate.js';
import type { SourceFile } from '../load/source.js';
import type { Project } from '../project/types.js';
import { ProjectView } from '../project/view.js';
import type { Fact, Factor, FoundAt, RuleResult } from '../rules/api.js';
import { ruledOutControls } from '../rules/control-reach.js';
import { rules } from '../rules/index.js';
import { detach } from '../util/detach.js';
import { findDrift } from '../discover/drift.js';
import { evaluateControls, policyRequirements } from './controls.js';
import { driftEntries } from './drift.js';
import { groupFinding } from './groups.js';
import { openQuestions } from './open-questions.js';
import { severityFrom } from './severity.js';
import type { AssessedFactor, AssessOptions, Located, Location, ProjectAssessment, Severity, ThreatFinding, UndeclaredMode } from './types.js';

/** Turns a validated project into findings, recommendations, gaps, open questions and a verdict. */
export function assessProject(source: SourceFile, project: Project, options: AssessOptions): ProjectAssessment {
  // Drift is worked out per project from the one reading of the repository (--discover).
  // The description names files as the repository lays them out; reports show them from here.
  const drift = options.discovered ? findDrift(project, options.discovered.discovery).map((d) => ({ ...d, file: `${options.discovered!.base}${d.file}` })) : [];
  const view = new ProjectView(project, drift);
  const at = locator(source);
  const threats = threatById(options.catalog);
  const leaves = new Map<string, ThreatFinding>();
  for (const rule of options.rules ?? rules) leaves.set(rule.meta.threat, leafFinding(entry(threats, rule.meta.threat), rule.evaluate(view), at, options.undeclared));
  const ordered = inReportOrder([...leaves.values()], threats);
  const ruledOut = ruledOutControls(view);
  for (const finding of ordered) {
    if (!finding.applies || finding.group === null) continue;
    for (const control of entry(threats, finding.threat).controls) {
      const fact = ruledOut.get(control.id);
      if (fact) finding.notRecommended.push({ control: control.id, fact, location: at(fact.path) });
    }
  }
  const controls = evaluateControls({ project, catalog: options.catalog, findings: ordered, ruledOut, requiredWhen: policyRequirements(options.policy), options, at });
  const bySeverity: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0 };
  for (const f of ordered) if (f.applies && f.severity && f.group !== null) bySeverity[f.severity]++;
  const requiredGaps = controls.gaps.filter((g) => g.required).length;
  const driftList = driftEntries(drift, ordered, at, options.policy);
  const requiredDrift = driftList.filter((d) => d.required).length;
  return {
    file: source.file,
    name: detach(project.project.name),
    owner: project.project.owner === undefined ? null : detach(project.project.owner),
    verdict: requiredGaps > 0 || requiredDrift > 0 ? 'fail' : 'pass',
    threats: ordered,
    gaps: controls.gaps,
    acceptances: controls.acceptances,
    drift: driftList,
    openQuestions: openQuestions(ordered, at, options.undeclared),
    counts: {
      applicable: ordered.filter((f) => f.applies && f.group !== null).length,
      bySeverity,
      requiredGaps,
      advisoryGaps: controls.gaps.length - requiredGaps,
      requiredDrift,
    },
  };
}

function entry(threats: ReadonlyMap<string, ThreatEntry>, id: string): ThreatEntry {
  const found = threats.get(id);
  if (!found) throw new Error(`the catalog has no threat ${id}, which a rule decides`);
  return found;
}

/** Findings in the order of the rule registry, each group just before its first member. */
function inReportOrder(leaves: ThreatFinding[], threats: ReadonlyMap<string, ThreatEntry>): ThreatFinding[] {
  const ordered: ThreatFinding[] = [];
  const done = new Set<string>();
  for (const leaf of leaves) {
    if (done.has(leaf.threat)) continue;
    if (leaf.group === null || !threats.has(leaf.group)) {
      ordered.push(leaf);
      done.add(leaf.threat);
      continue;
    }
    const members = leaves.filter((l) => l.group === leaf.group);
    ordered.push(groupFinding(threats.get(leaf.group)!, members), ...members);
    for (const m of members) done.add(m.threat);
  }
  return ordered;
}

/**
 * Facts in large projects point at the same places again and again: each place gets one location,
 * found by its offset in the file.
 */
function locator(source: SourceFile): (path: DataPath) => Location {
  const cache = new Map<number, Location>();
  return (path) => {
    const offset = offsetOf(source, path);
    let found = cache.get(offset);
    if (!found) {
      const { line, column } = source.lines.position(offset);
      found = { file: source.file, line, column };
      cache.set(offset, found);
    }
    return found;
  };
}

function leafFinding(threat: ThreatEntry, result: RuleResult, at: (path: DataPath) => Location, mode: UndeclaredMode): ThreatFinding {
  // Each fact was made for this finding alone, so it takes its location in place: the place in
  // the code for one that rests on what the code shows, else its place in the file.
  const locateAll = <T extends Fact>(facts: T[]): Located<T>[] => {
    for (const f of facts) (f as Located<T>).location = f.found?.[0] ? codeLocation(f.found[0]) : at(f.path);
    return facts as Located<T>[];
  };
  const evidence = locateAll(result.evidence);
  const factors = locateAll(result.factors) as AssessedFactor[];
  for (const f of factors) f.counted = mode === 'count' || f.undeclared.length === 0;
  const rated = result.applies ? severityFrom(factors.filter((f) => f.counted)) : null;
  const notRequired = (result.outOfReach ?? []).map(({ control, fact }) => ({ control, fact, location: at(fact.path) }));
  return {
    threat: threat.id,
    title: threat.title,
    group: threat.group,
    impactKind: threat.impact,
    applies: result.applies,
    severity: rated?.severity ?? null,
    impact: rated?.impact ?? null,
    likelihood: rated?.likelihood ?? null,
    evidence,
    factors,
    // Filled in by evaluateControls once every threat is decided.
    recommendations: [],
    notRecommended: [],
    notRequired: result.applies ? notRequired : [],
    undeclared: result.applies ? whatIfDeclared(factors) : null,
  };
}

function codeLocation(found: FoundAt): Location {
  return { file: found.file, line: found.line, column: found.column };
}

/** The severity with every field not declared read the safe way, and the unsafe way; null when they agree. */
function whatIfDeclared(factors: readonly Factor[]): ThreatFinding['undeclared'] {
  if (!factors.some((f) => f.undeclared.length > 0)) return null;
  const ifSafe = severityFrom(factors.filter((f) => f.undeclared.length === 0)).severity;
  const ifUnsafe = severityFrom(factors).severity;
  return ifSafe === ifUnsafe ? null : { ifSafe, ifUnsafe };
}
