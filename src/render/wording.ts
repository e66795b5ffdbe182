import type { Acceptance, Gap, GapKind, Level, Severity, ThreatFinding } from '../assess/types.js';

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

/** The catalog's general-controls groups, and "other" for advice that answers no fired factor. */
export const groupWords: Record<string, string> = {
  governancecontrols: 'general governance controls',
  datalimit: 'controls that limit data',
  limitunwanted: 'controls that limit unwanted model behaviour',
  other: 'other controls the threats list',
};

/**
 * Advice that answers no fired factor, one list per catalog group (specific controls as `other`),
 * in the order the report folds them into one line each.
 */
export function foldedAdvice(advisory: readonly Gap[]): [string, Gap[]][] {
  const byGroup = new Map<string, Gap[]>();
  for (const gap of advisory) {
    if (gap.answers.length > 0) continue;
    const key = gap.group ?? 'other';
    byGroup.set(key, [...(byGroup.get(key) ?? []), gap]);
  }
  const order = ['other', 'governancecontrols', 'datalimit', 'limitunwanted'];
  return [...byGroup].sort(([a], [b]) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99) || (a < b ? -1 : 1));
}
