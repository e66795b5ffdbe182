import { threatById } from '../catalog/lookup.js';
import { detach } from '../util/detach.js';
import type { Catalog, ThreatEntry } from '../catalog/types.js';
import { offsetOf, type DataPath } from '../load/locate.js';
import type { SourceFile } from '../load/source.js';
import type { Project } from '../project/types.js';
import { groupRules, rules } from '../rules/index.js';
import { fact } from '../rules/rule.js';
import { evaluateControls } from './controls.js';
import { ruledOutControls } from './narrowing.js';
import { canonicalThreatId, type Policy } from './policy.js';
import { ProjectView } from './project-view.js';
import { impactLevel, likelihoodLevel, severityOf, severityRank } from './severity.js';
import type { Fact, Factor, Level, Located, Location, ProjectAssessment, Recommendation, RuleResult, Severity, ThreatFinding, Threshold } from './types.js';

/** The order of the AI Exchange section: each group, then its members. */
const threatOrder = groupRules.flatMap((group) => [group.threat, ...group.members]);

export interface AssessOptions {
  catalog: Catalog;
  /** "Today" for expiry checks, as YYYY-MM-DD. */
  asOf: string;
  failOn: Threshold;
  policy: Policy | null;
}

/** Turns a validated project into findings, recommendations, gaps and a verdict. */
export function assessProject(source: SourceFile, project: Project, options: AssessOptions): ProjectAssessment {
  const view = new ProjectView(project);
  const at = locator(source);
  const threatsById = threatById(options.catalog);
  const ruledOut = ruledOutControls(view);
  const findings = new Map<string, ThreatFinding>();
  for (const rule of rules) {
    findings.set(rule.threat, leafFinding(entry(threatsById, rule.threat), rule.evaluate(view), at));
  }
  for (const group of groupRules) {
    findings.set(group.threat, groupFinding(entry(threatsById, group.threat), group.members.map((id) => findings.get(id)!)));
  }
  const ordered = threatOrder.map((id) => findings.get(id)).filter((f): f is ThreatFinding => f !== undefined);
  for (const finding of ordered) {
    if (!finding.applies) continue;
    for (const control of entry(threatsById, finding.threat).controls) {
      const fact = ruledOut.get(control.id);
      if (fact) finding.notRecommended.push({ control: control.id, fact, location: at(fact.path) });
    }
  }
  const requiredWhen = policyRequirements(options.policy);
  const controls = evaluateControls({ project, catalog: options.catalog, findings: ordered, ruledOut, requiredWhen, options, at });
  const bySeverity: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0 };
  for (const f of ordered) if (f.applies && f.severity && f.group !== null) bySeverity[f.severity]++;
  const requiredGaps = controls.gaps.filter((g) => g.required).length;
  return {
    file: source.file,
    name: detach(project.project.name),
    owner: project.project.owner === undefined ? null : detach(project.project.owner),
    verdict: requiredGaps > 0 ? 'fail' : 'pass',
    threats: ordered,
    gaps: controls.gaps,
    acceptances: controls.acceptances,
    counts: {
      applicable: ordered.filter((f) => f.applies && f.group !== null).length,
      bySeverity,
      requiredGaps,
      advisoryGaps: controls.gaps.length - requiredGaps,
    },
  };
}

function entry(threats: ReadonlyMap<string, ThreatEntry>, id: string): ThreatEntry {
  const found = threats.get(id);
  if (!found) throw new Error(`the catalog has no threat ${id}, which a rule decides`);
  return found;
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

function leafFinding(threat: ThreatEntry, result: RuleResult, at: (path: DataPath) => Location): ThreatFinding {
  // Each fact was made for this finding alone, so it takes its location in place.
  const locateAll = <T extends Fact>(facts: T[]): Located<T>[] => {
    for (const f of facts) (f as Located<T>).location = at(f.path);
    return facts as Located<T>[];
  };
  const impact = result.applies ? impactLevel(result.factors) : null;
  const likelihood = result.applies ? likelihoodLevel(result.factors) : null;
  const severity = impact && likelihood ? severityOf(impact, likelihood) : null;
  return finding(threat, threat.group, result.applies, severity, impact, likelihood, locateAll(result.evidence), locateAll(result.factors));
}

function finding(threat: ThreatEntry, group: string | null, applies: boolean, severity: Severity | null, impact: Level | null, likelihood: Level | null, evidence: Located<Fact>[], factors: Located<Factor>[]): ThreatFinding {
  // Recommendations are filled in by evaluateControls and assessProject once every threat is decided.
  return { threat: threat.id, title: threat.title, group, impactKind: threat.impact, applies, severity, impact, likelihood, evidence, factors, recommendations: [], notRecommended: [] };
}

function groupFinding(threat: ThreatEntry, members: ThreatFinding[]): ThreatFinding {
  const applying = members.filter((m) => m.applies);
  const worst = applying.reduce<ThreatFinding | undefined>((w, m) => (severityRank(m.severity) > severityRank(w?.severity ?? null) ? m : w), undefined);
  const evidence = applying.length > 0
    ? applying.map((m) => ({ ...fact('member-applies', m.evidence[0]?.path ?? [], { threat: m.threat, severity: m.severity ?? 'low' }), location: m.evidence[0]!.location }))
    : [{ ...fact('no-member-applies', []), location: members[0]!.evidence[0]!.location }];
  return finding(threat, null, applying.length > 0, worst?.severity ?? null, worst?.impact ?? null, worst?.likelihood ?? null, evidence, []);
}

/** Policy requirements by threat id (`*` for always). */
function policyRequirements(policy: Policy | null): Map<string, { control: string; reason?: string }[]> {
  const byThreat = new Map<string, { control: string; reason?: string }[]>();
  for (const rule of policy?.require ?? []) {
    const key = rule.when ? canonicalThreatId(rule.when) : '*';
    const list = byThreat.get(key) ?? [];
    list.push({ control: rule.control, reason: rule.reason ?? (rule.when ? `required by policy when ${key} applies` : 'required by policy') });
    byThreat.set(key, list);
  }
  return byThreat;
}

