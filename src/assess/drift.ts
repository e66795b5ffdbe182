import { describeDrift, type DriftFinding } from '../discover/drift.js';
import type { DataPath } from '../load/locate.js';
import { basisOf, describeFact, type FoundAt } from '../rules/api.js';
import type { DriftEffect, DriftEntry, Location, Policy, ThreatFinding } from './types.js';

/**
 * The drift findings of one project as the report lists them: each at its place in the code,
 * with the entry of the description it concerns, what it changed in the threats (read back from
 * the facts and factors the rules made of it) and whether the policy requires that no drift of
 * its kind is found.
 */
export function driftEntries(drift: readonly DriftFinding[], findings: readonly ThreatFinding[], at: (path: DataPath) => Location, policy: Policy | null): DriftEntry[] {
  const effects = new Map<string, DriftEffect[]>();
  const note = (found: readonly FoundAt[] | undefined, effect: DriftEffect) => {
    for (const place of found ?? []) {
      const key = placeKey(place.file, place.line, place.column, place.drift);
      const list = effects.get(key) ?? [];
      if (!list.some((e) => e.threat === effect.threat && e.kind === effect.kind && e.code === effect.code)) list.push(effect);
      effects.set(key, list);
    }
  };
  for (const finding of findings) {
    if (!finding.applies || finding.group === null) continue;
    const onCodeAlone = finding.evidence.every((f) => f.found !== undefined && f.found.length > 0);
    for (const fact of finding.evidence) note(fact.found, { threat: finding.threat, kind: onCodeAlone ? 'applies' : 'evidence', code: fact.code, text: describeFact(fact), counted: false });
    for (const factor of finding.factors) {
      if (basisOf(factor) === 'discovered') note(factor.found, { threat: finding.threat, kind: 'factor', code: factor.code, text: describeFact(factor), counted: factor.counted });
    }
  }
  const required = requiredKinds(policy);
  return drift.map((d) => ({
    code: d.code,
    text: describeDrift(d),
    location: { file: d.file, line: d.line, column: d.column },
    args: d.args,
    threats: d.threats,
    declared: d.declared ? { path: d.declared, location: at(d.declared) } : null,
    effects: effects.get(placeKey(d.file, d.line, d.column, d.code)) ?? [],
    required: required(d.code),
  }));
}

function placeKey(file: string, line: number, column: number, code: string): string {
  return `${file}\u0000${line}\u0000${column}\u0000${code}`;
}

/** Which kinds of drift the policy forbids: `requireNoDrift: true` forbids every kind. */
function requiredKinds(policy: Policy | null): (code: string) => boolean {
  const rule = policy?.requireNoDrift;
  if (rule === true) return () => true;
  const kinds = new Set(Array.isArray(rule) ? rule : []);
  return (code) => kinds.has(code);
}
