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
    const fields = new Map<string, { path: DataPath; safe: string; factor: AssessedFactor; u: Undeclared }>();
    for (const factor of finding.factors) {
      for (const u of factor.undeclared) {
        const key = u.path.join('\u0000');
        if (!fields.has(key)) fields.set(key, { path: u.path, safe: u.safe, factor, u });
      }
    }
    for (const [key, { path, safe, factor, u }] of fields) {
      let question = byField.get(key);
      if (!question) byField.set(key, (question = { path, safe, text: describeFact({ message: fieldWording(factor), args: { ...factor.args, ...u.args } }), location: at(path), threats: [] }));
      question.threats.push({ threat: finding.threat, severity: finding.severity, ...declaredEitherWay(finding.factors, key, mode) });
    }
  }
  return [...byField.values()].sort((a, b) => a.location.line - b.location.line || a.location.column - b.location.column || compareText(a.path.join('.'), b.path.join('.')));
}

/** The factor's wording for one field: without the count of entries it sums up. */
function fieldWording(factor: AssessedFactor): string {
  return factor.message.endsWith(alikeSuffix) ? factor.message.slice(0, -alikeSuffix.length) : factor.message;
}

/** A threat's severity with one field declared the safe way and the unsafe way, the rest as counted now. */
function declaredEitherWay(factors: readonly AssessedFactor[], key: string, mode: UndeclaredMode): { ifSafe: OpenQuestion['threats'][number]['severity']; ifUnsafe: OpenQuestion['threats'][number]['severity'] } {
  const names = (f: AssessedFactor) => f.undeclared.map((u) => u.path.join('\u0000'));
  // Declared safe, a factor that rests on this field alone stops firing.
  const safe = factors.filter((f) => f.counted && !(f.undeclared.length > 0 && names(f).every((n) => n === key)));
  // Declared unsafe, a factor that reads it fires on what is declared, whatever else is left out.
  const unsafe = factors.filter((f) => f.counted || (mode === 'ignore' && names(f).includes(key)));
  return { ifSafe: severityFrom(safe).severity, ifUnsafe: severityFrom(unsafe).severity };
}
