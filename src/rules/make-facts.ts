import type { DataPath } from '../load/locate.js';
import { detachValues } from '../util/detach.js';
import { basisOf, type Fact, type Factor, type FactorDefinition, type FoundAt, type Undeclared } from './api.js';

/**
 * The fact and factor makers of one rule, typed by its meta: a rule can only report codes it
 * defines, and each fact carries the wording and each factor the weight and controls of its
 * definition.
 */
export function makers<F extends Record<string, string>, K extends Record<string, FactorDefinition>>(meta: { threat: string; facts: F; factors: K }) {
  const fact = (code: keyof F & string, path: DataPath, args?: Record<string, string>, found?: readonly FoundAt[]): Fact => ({
    code,
    message: meta.facts[code]!,
    path,
    args: args ? detachValues(args) : {},
    ...(found && found.length > 0 ? { found } : {}),
  });
  const factor = (code: keyof K & string, path: DataPath, args?: Record<string, string>, undeclared: readonly Undeclared[] = [], found: readonly FoundAt[] = []): Factor => {
    const definition = meta.factors[code]!;
    if (undeclared.length > 0 && definition.undeclared === undefined) throw new Error(`${meta.threat} factor ${code} has no wording for a field that is not declared`);
    const count = Number(args?.count ?? 1);
    const message = found.length > 0 ? (definition.discovered ?? definition.message) : undeclared.length === 0 ? definition.message : count > 1 ? `${definition.undeclared!}${alikeSuffix}` : definition.undeclared!;
    return {
      code,
      message,
      path,
      args: args ? detachValues(args) : {},
      dimension: definition.dimension,
      weight: definition.weight,
      undeclared: found.length > 0 ? declared : undeclared,
      controls: definition.controls,
      ...(found.length > 0 ? { found } : {}),
    };
  };
  return { fact, factor, tally: () => new FactorTally<keyof K & string>(factor) };
}

/**
 * Reads a field whose safe value is known: `null` when the file declares it safe, no fields when
 * it declares it unsafe, and the field itself when the file leaves it out (the rule then counts it
 * the unsafe way, worded as not declared). The field is `field` (dotted for a nested key, such as
 * `protection.integrityHashes`) in the entry at `entry`.
 */
export function riskOf(value: unknown, isSafe: boolean, entry: DataPath, field: string, safe: string): readonly Undeclared[] | null {
  if (value === undefined) return [{ path: [...entry, ...field.split('.')], safe }];
  return isSafe ? null : declared;
}

/** How a factor that sums up several entries with a field left out says how many there are. */
export const alikeSuffix = ' ({{count}} alike)';

/** No field left out: the file declares the weakness. Shared, so never changed. */
export const declared: readonly Undeclared[] = Object.freeze([]);

/** Several reads of which any one fires a factor: `null` when every one is declared safe. */
export function anyRisk(...risks: (readonly Undeclared[] | null)[]): readonly Undeclared[] | null {
  const found = risks.filter((r): r is readonly Undeclared[] => r !== null);
  if (found.length === 0) return null;
  // A weakness the file declares fires the factor whatever the other fields say.
  if (found.some((r) => r.length === 0)) return declared;
  return found.flat();
}

/**
 * Collects a factor that many entries can trigger once, with a count and one entry as its example:
 * a project with ten thousand data sets gets one factor, not ten thousand. What an entry rests on
 * decides which entries count, strongest first: what the file declares, then what the code shows
 * (`found`, from --discover), then fields left out. Once an entry of a stronger basis is added,
 * those of weaker ones no longer matter; entries of the same basis are counted together (and the
 * fields left out, or the places in the code, are all kept).
 */
export class FactorTally<C extends string> {
  private readonly seen = new Map<C, TallyEntry>();

  constructor(private readonly make: (code: C, path: DataPath, args: Record<string, string>, undeclared?: readonly Undeclared[], found?: readonly FoundAt[]) => Factor) {}

  add(code: C, path: DataPath, args: Record<string, string>, undeclared: readonly Undeclared[] = declared): void {
    const rank = undeclared.length === 0 ? 3 : 1;
    // Each field left out keeps the arguments of its own entry, for the open question it raises.
    if (undeclared.length > 0) undeclared = undeclared.map((u) => ({ ...u, args }));
    const entry = this.entry(code, rank, path, args);
    if (!entry) return;
    // Two entries kept in one environment leave out the same field of it: it is listed once.
    for (const u of undeclared) {
      const key = u.path.join('.');
      if (!entry.fields.has(key)) entry.undeclared.push(u), entry.fields.add(key);
    }
  }

  /** An entry the repository's code shows (a drift finding), at its place in the code. */
  found(code: C, path: DataPath, args: Record<string, string>, at: FoundAt): void {
    this.entry(code, 2, path, args)?.found.push(at);
  }

  factors(): Factor[] {
    return [...this.seen].map(([code, { path, args, count, undeclared, found }]) => this.make(code, path, { ...args, count: String(count) }, undeclared, found));
  }

  /** The entry an addition of this rank joins, or null when a stronger basis is already there. */
  private entry(code: C, rank: number, path: DataPath, args: Record<string, string>): TallyEntry | null {
    const entry = this.seen.get(code);
    if (entry && entry.rank > rank) return null;
    if (entry && entry.rank === rank) {
      entry.count++;
      return entry;
    }
    const fresh: TallyEntry = { rank, path, args, count: 1, undeclared: [], fields: new Set(), found: [] };
    this.seen.set(code, fresh);
    return fresh;
  }
}

interface TallyEntry {
  /** 3 declared, 2 found in the code, 1 a field left out. */
  rank: number;
  path: DataPath;
  args: Record<string, string>;
  count: number;
  undeclared: Undeclared[];
  fields: Set<string>;
  found: FoundAt[];
}

/** How much a fact rests on, for choosing one example among several: 3 declared, 2 found in the code, 1 a field left out. */
export function basisRank(fact: Pick<Factor, 'found' | 'undeclared'>): number {
  const basis = basisOf(fact);
  return basis === 'declared' ? 3 : basis === 'discovered' ? 2 : 1;
}

/** One factor per code: two federated activities do not make a threat twice as likely. */
export function dedupe(factors: Factor[]): Factor[] {
  const seen = new Set<string>();
  return factors.filter((f) => !seen.has(f.code) && seen.add(f.code));
}
