import { describe, expect, it } from 'vitest';
import { impactLevel, likelihoodLevel, meetsThreshold, severityOf, severityRank } from '../../src/assess/severity.js';
import type { Factor, Level, Severity, Threshold } from '../../src/assess/types.js';

const impactOf = (weight: number): Factor => ({ code: 'an-impact', message: '', path: [], args: {}, dimension: 'impact', weight, undeclared: [], controls: [] });
const points = (weight: number): Factor => ({ code: 'some-points', message: '', path: [], args: {}, dimension: 'likelihood', weight, undeclared: [], controls: [] });

describe('the 3x3 severity matrix', () => {
  const cells: [Level, Level, Severity][] = [
    [1, 1, 'low'], [1, 2, 'low'], [1, 3, 'medium'],
    [2, 1, 'low'], [2, 2, 'medium'], [2, 3, 'high'],
    [3, 1, 'medium'], [3, 2, 'high'], [3, 3, 'critical'],
  ];
  it.each(cells)('impact %i x likelihood %i is %s', (impact, likelihood, severity) => {
    expect(severityOf(impact, likelihood)).toBe(severity);
  });
});

describe('impact level', () => {
  const cases: [string, Factor[], Level][] = [
    ['no impact factor: moderate', [], 2],
    ['one low factor', [impactOf(1)], 1],
    ['the highest factor wins', [impactOf(1), impactOf(3), impactOf(2)], 3],
    ['likelihood factors do not count', [points(5)], 2],
    ['clamped at 3', [impactOf(7)], 3],
    ['clamped at 1', [impactOf(0)], 1],
  ];
  it.each(cases)('%s', (_name, factors, level) => expect(impactLevel(factors)).toBe(level));
});

describe('likelihood level', () => {
  const cases: [string, Factor[], Level][] = [
    ['no factor: low', [], 1],
    ['net negative: low', [points(-1)], 1],
    ['1 point: medium', [points(1)], 2],
    ['2 points: medium', [points(1), points(1)], 2],
    ['3 points: high', [points(2), points(1)], 3],
    ['a protective fact takes 3 points back to medium', [points(2), points(1), points(-1)], 2],
    ['impact factors do not count', [impactOf(3)], 1],
  ];
  it.each(cases)('%s', (_name, factors, level) => expect(likelihoodLevel(factors)).toBe(level));
});

describe('thresholds', () => {
  const severities: (Severity | null)[] = ['critical', 'high', 'medium', 'low', null];
  const reaches: Record<Threshold, (Severity | null)[]> = {
    critical: ['critical'],
    high: ['critical', 'high'],
    medium: ['critical', 'high', 'medium'],
    low: ['critical', 'high', 'medium', 'low'],
    none: [],
  };
  for (const [threshold, reached] of Object.entries(reaches) as [Threshold, (Severity | null)[]][]) {
    it.each(severities)(`%s against --fail-on ${threshold}`, (severity) => {
      expect(meetsThreshold(severity, threshold)).toBe(reached.includes(severity));
    });
  }

  it('ranks severities, not-applicable lowest', () => {
    expect(['low', 'critical', null, 'medium', 'high'].sort((a, b) => severityRank(b as Severity | null) - severityRank(a as Severity | null))).toEqual(['critical', 'high', 'medium', 'low', null]);
  });
});
