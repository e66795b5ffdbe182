import type { DataPath } from '../load/locate.js';
import { describeFact } from '../rules/api.js';
import { alikeSuffix } from '../rules/make-facts.js';
import { compareText } from '../util/compare.js';
import { severityFrom } from './severity.js';
import type { AssessedFactor, Location, OpenQuestion, ThreatFinding, Undeclared, UndeclaredMode } from './types.js';

/**
 * The fields a project does not declare that move a severity: for each, where to declare it, what
 * the safe declaration is, and each threat's severity now and with the field declared either way.
 * A field is listed for a threat when declaring every field it left out the safe way would give
 * that threat another severity than declaring them the unsafe way; the same fields are listed
 * whether "not declared" counts or not.
 */
export function openQuestions(findings: readonly ThreatFinding[], at: (path: DataPath) => Location, mode: UndeclaredMode): OpenQuestion[] {
  const byField = new Map<string, OpenQuestion>();
  for (const finding of findings) {
    if (!finding.applies || finding.group === null || finding.undeclared === null || finding.severity === null) continue;
    // Each field left out, with the factors that read it; a factor that sums up many entries reads many.
    const fields = new Map<string, { undeclared: Undeclared; factors: AssessedFactor[] }>();
    /** How many different fields each factor rests on. */
    const restsOn = new Map<AssessedFactor, number>();
    for (const factor of finding.factors) {
      for (const u of factor.undeclared) {
        const key = u.path.join('\u0000');
        const field = fields.get(key);
        if (!field) fields.set(key, { undeclared: u, factors: [factor] });
        else if (!field.factors.includes(factor)) field.factors.push(factor);
        else continue;
        restsOn.set(factor, (restsOn.get(factor) ?? 0) + 1);
      }
    }
    const counted = finding.factors.filter((f) => f.counted);
    for (const [key, { undeclared: u, factors }] of fields) {
      let question = byField.get(key);
      if (!question) {
        const first = factors[0]!;
        const text = describeFact({ message: fieldWording(first), args: { ...first.args, ...u.args } });
        byField.set(key, (question = { path: u.path, safe: u.safe, text, location: at(u.path), threats: [] }));
      }
      // Declared safe, a factor that rests on this field alone stops firing; declared unsafe, every
      // factor that reads it fires on what is declared, whatever else is left out.
      const alone = factors.filter((f) => restsOn.get(f) === 1);
      const ifSafe = alone.length === 0 ? finding.severity : severityFrom(counted.filter((f) => !alone.includes(f))).severity;
      const ifUnsafe = mode === 'count' ? finding.severity : severityFrom([...counted, ...factors]).severity;
      question.threats.push({ threat: finding.threat, severity: finding.severity, ifSafe, ifUnsafe });
    }
  }
  return [...byField.values()].sort((a, b) => a.location.line - b.location.line || a.location.column - b.location.column || compareText(a.path.join('.'), b.path.join('.')));
}

/** The factor's wording for one field: without the count of entries it sums up. */
function fieldWording(factor: AssessedFactor): string {
  return factor.message.endsWith(alikeSuffix) ? factor.message.slice(0, -alikeSuffix.length) : factor.message;
}
