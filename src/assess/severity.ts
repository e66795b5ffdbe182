import type { Factor } from '../rules/api.js';
import type { Level, Severity } from './types.js';

/**
 * The one severity scheme every rule shares: severity = impact x likelihood on a 3x3 matrix.
 * Impact is the highest level any impact factor implies (moderate when none does). Likelihood
 * starts at zero points; each factor adds its points (a protective fact subtracts): 0 or fewer
 * points is low, 1-2 medium, 3 or more high.
 */
export const defaultImpact: Level = 2;

export function impactLevel(factors: readonly Factor[]): Level {
  const levels = factors.filter((f) => f.dimension === 'impact').map((f) => f.weight);
  return (levels.length > 0 ? Math.max(1, Math.min(3, Math.max(...levels))) : defaultImpact) as Level;
}

export function likelihoodLevel(factors: readonly Factor[]): Level {
  const points = factors.filter((f) => f.dimension === 'likelihood').reduce((sum, f) => sum + f.weight, 0);
  return points <= 0 ? 1 : points <= 2 ? 2 : 3;
}

const matrix: Record<Level, Record<Level, Severity>> = {
  1: { 1: 'low', 2: 'low', 3: 'medium' },
  2: { 1: 'low', 2: 'medium', 3: 'high' },
  3: { 1: 'medium', 2: 'high', 3: 'critical' },
};

export function severityOf(impact: Level, likelihood: Level): Severity {
  return matrix[impact][likelihood];
}

/** Impact, likelihood and severity from the factors that count. */
export function severityFrom(factors: readonly Factor[]): { impact: Level; likelihood: Level; severity: Severity } {
  const impact = impactLevel(factors);
  const likelihood = likelihoodLevel(factors);
  return { impact, likelihood, severity: severityOf(impact, likelihood) };
}

const rank: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1 };

export function severityRank(severity: Severity | null): number {
  return severity ? rank[severity] : 0;
}

/** Whether a severity reaches a threshold such as `high` (so critical and high do). */
export function meetsThreshold(severity: Severity | null, threshold: Severity | 'none'): boolean {
  return threshold !== 'none' && severity !== null && rank[severity] >= rank[threshold];
}
