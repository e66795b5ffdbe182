import type { DataPath } from '../load/locate.js';
import { detachValues } from '../util/detach.js';
import type { Fact, Factor, FactorDefinition, Undeclared } from './api.js';

/**
 * The fact and factor makers of one rule, typed by its meta: a rule can only report codes it
 * defines, and each fact carries the wording and each factor the weight and controls of its
 * definition.
 */
export function makers<F extends Record<string, string>, K extends Record<string, FactorDefinition>>(meta: { threat: string; facts: F; factors: K }) {
  const fact = (code: keyof F & string, path: DataPath, args?: Record<string, string>): Fact => ({
    code,
    message: meta.facts[code]!,
    path,
    args: args ? detachValues(args) : {},
  });
  const factor = (code: keyof K & string, path: DataPath, args?: Record<string, string>, undeclared: readonly Undeclared[] = []): Factor => {
    const definition = meta.factors[code]!;
    if (undeclared.length > 0 && definition.undeclared === undefined) throw new Error(`${meta.threat} factor ${code} has no wording for a field that is not declared`);
    const count = Number(args?.count ?? 1);
    return {
      code,
      message: undeclared.length === 0 ? definition.message : count > 1 ? `${definition.undeclared!}${alikeSuffix}` : definition.undeclared!,
      path,
      args: args ? detachValues(args) : {},
      dimension: definition.dimension,
      weight: definition.weight,
      undeclared,
      controls: definition.controls,
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
 * a project with ten thousand data sets gets one factor, not ten thousand. When any entry declares
 * the weakness, the factor rests on what is declared and the entries left undeclared do not
 * matter; otherwise it rests on every field left out.
 */
export class FactorTally<C extends string> {
  private readonly seen = new Map<C, { path: DataPath; args: Record<string, string>; count: number; undeclared: Undeclared[] | null; fields: Set<string> }>();

  constructor(private readonly make: (code: C, path: DataPath, args: Record<string, string>, undeclared?: readonly Undeclared[]) => Factor) {}

  add(code: C, path: DataPath, args: Record<string, string>, undeclared: readonly Undeclared[] = declared): void {
    const entry = this.seen.get(code);
    const isDeclared = undeclared.length === 0;
    // Each field left out keeps the arguments of its own entry, for the open question it raises.
    if (undeclared.length > 0) undeclared = undeclared.map((u) => ({ ...u, args }));
    if (!entry) {
      this.seen.set(code, { path, args, count: 1, undeclared: isDeclared ? null : [...undeclared], fields: new Set(undeclared.map((u) => u.path.join('.'))) });
    } else if (entry.undeclared === null) {
      if (isDeclared) entry.count++;
    } else if (isDeclared) {
      this.seen.set(code, { path, args, count: 1, undeclared: null, fields: entry.fields });
    } else {
      entry.count++;
      // Two entries kept in one environment leave out the same field of it: it is listed once.
      for (const u of undeclared) {
        const key = u.path.join('.');
        if (!entry.fields.has(key)) entry.undeclared.push(u), entry.fields.add(key);
      }
    }
  }

  factors(): Factor[] {
    return [...this.seen].map(([code, { path, args, count, undeclared }]) => this.make(code, path, { ...args, count: String(count) }, undeclared ?? declared));
  }
}

/** One factor per code: two federated activities do not make a threat twice as likely. */
export function dedupe(factors: Factor[]): Factor[] {
  const seen = new Set<string>();
  return factors.filter((f) => !seen.has(f.code) && seen.add(f.code));
}
