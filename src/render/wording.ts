import type { Acceptance, GapKind, Level, Severity, ThreatFinding } from '../assess/types.js';

/** Words shared by the human-readable formats, so the table and the Markdown report agree. */

export const gapWords: Record<GapKind, string> = {
  missing: 'missing',
  planned: 'planned only',
  partial: 'partial',
  'acceptance-expired': 'acceptance expired',
  'acceptance-incomplete': 'acceptance incomplete',
  'acceptance-forbidden': 'acceptance forbidden by policy',
};

export const levelWords: Record<Level, string> = { 1: 'low', 2: 'moderate', 3: 'high' };

export const acceptanceStateWords: Record<Acceptance['state'], string> = {
  valid: 'valid',
  expired: 'expired',
  incomplete: 'incomplete',
  forbidden: 'forbidden by policy',
  declared: 'declared',
};

/** Acceptances a reviewer has to act on. */
export function needsAttention(acceptance: Acceptance): boolean {
  return acceptance.state === 'expired' || acceptance.state === 'incomplete' || acceptance.state === 'forbidden';
}

/** Leaf threats that apply: the ones counted and detailed; groups only sum them up. */
export function applicableThreats(threats: ThreatFinding[]): ThreatFinding[] {
  return threats.filter((t) => t.applies && t.group !== null);
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

export function severityOrNone(severity: Severity | null): string {
  return severity ?? '—';
}
