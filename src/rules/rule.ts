import type { DataPath } from '../load/locate.js';
import { detachValues } from '../util/detach.js';
import type { ProjectView } from '../assess/project-view.js';
import type { FactCode } from '../assess/facts.js';
import type { Fact, Factor, RuleResult } from '../assess/types.js';

/** A rule decides whether one catalog threat applies to a project, and how strongly. */
export interface Rule {
  /** The catalog id of the threat this rule decides. */
  threat: string;
  /** What the rule looks at, for the README and `catalog show`. */
  description: string;
  evaluate(view: ProjectView): RuleResult;
}

/** A group threat applies when any member does, at the highest member severity. */
export interface GroupRule {
  threat: string;
  members: readonly string[];
  description: string;
}

export function fact(code: FactCode, path: DataPath, args?: Record<string, string>): Fact {
  return { code, path, args: args ? detachValues(args) : {} };
}

export function likelihood(code: FactCode, path: DataPath, points: number, args?: Record<string, string>): Factor {
  return factor(code, path, args, 'likelihood', points);
}

export function impact(code: FactCode, path: DataPath, level: 1 | 2 | 3, args?: Record<string, string>): Factor {
  return factor(code, path, args, 'impact', level);
}

function factor(code: FactCode, path: DataPath, args: Record<string, string> | undefined, dimension: Factor['dimension'], weight: number): Factor {
  return { code, path, args: args ? detachValues(args) : {}, dimension, weight };
}

/**
 * Collects a factor that many entries can trigger once, with a count and the first entry as its
 * example: a project with ten thousand data sets gets one factor, not ten thousand.
 */
export class FactorTally {
  private readonly seen = new Map<FactCode, { first: Factor; count: number }>();

  add(code: FactCode, path: DataPath, points: number, args: Record<string, string>): void {
    const entry = this.seen.get(code);
    if (entry) entry.count++;
    else this.seen.set(code, { first: likelihood(code, path, points, args), count: 1 });
  }

  factors(): Factor[] {
    return [...this.seen.values()].map(({ first, count }) => ({ ...first, args: { ...first.args, count: String(count) } }));
  }
}

/** One factor per code: two federated activities do not make a threat twice as likely. */
export function dedupe(factors: Factor[]): Factor[] {
  const seen = new Set<string>();
  return factors.filter((f) => !seen.has(f.code) && seen.add(f.code));
}
