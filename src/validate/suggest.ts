import { distance } from 'fastest-levenshtein';
import { compareText } from '../util/compare.js';

/**
 * Did-you-mean, the one implementation: unknown keys and enum values, dangling references,
 * unknown catalog ids and catalog cross-references all ask `nearest`. A candidate is offered when
 * it is within an edit distance that still looks like a typo (at least 2, or a third of the
 * word's length), or when one word starts the other; case is ignored.
 *
 * The cost is bounded twice over: a word longer than any id or key is never compared (a 9 MB
 * value would cost seconds per candidate), and a `SuggestionBudget` shared by the problems of one
 * file stops suggesting once a fixed number of comparisons is spent.
 */

/** Longer words are not typos of an id, key or value name. */
const longestWord = 128;

/** Comparisons left for the suggestions of one file; shared by every `nearest` call given it. */
export class SuggestionBudget {
  constructor(public left = 1_000_000) {}
}

export interface NearestOptions {
  max?: number;
  budget?: SuggestionBudget;
}

/** The closest candidates to a misspelt word, nearest first; none when nothing is close. */
export function nearest(word: string, candidates: readonly string[], options: NearestOptions = {}): string[] {
  const { max = 3, budget } = options;
  if (word.length > longestWord || word.length === 0) return [];
  if (budget) {
    if (budget.left < candidates.length) return [];
    budget.left -= candidates.length;
  }
  const lower = word.toLowerCase();
  const limit = Math.max(2, Math.ceil(word.length / 3));
  const found: { candidate: string; d: number }[] = [];
  for (const candidate of candidates) {
    const other = candidate.toLowerCase();
    const prefix = other.startsWith(lower) || lower.startsWith(other);
    // A length difference beyond the limit is a distance beyond it: no need to work it out.
    if (!prefix && Math.abs(other.length - lower.length) > limit) continue;
    const d = distance(lower, other);
    if (d <= limit || prefix) found.push({ candidate, d });
  }
  return found
    .sort((a, b) => a.d - b.d || compareText(a.candidate, b.candidate))
    .slice(0, max)
    .map(({ candidate }) => candidate);
}

/** "; did you mean `a`, `b` or `c`?" for the suggestions given, or nothing for none. */
export function phraseSuggestions(found: readonly string[]): string {
  if (found.length === 0) return '';
  const quoted = found.map((c) => `\`${c}\``);
  return `; did you mean ${quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}`}?`;
}

/**
 * The suggestions a message offers, read back from the words `phraseSuggestions` wrote: for an
 * editor's quick fix, which replaces the misspelt word with one of them.
 */
export function suggestionsIn(message: string): string[] {
  const phrase = /; did you mean ((?:`[^`]*`(?:, | or )?)+)\?/.exec(message);
  return phrase ? [...phrase[1]!.matchAll(/`([^`]*)`/g)].map((m) => m[1]!) : [];
}

/** `phraseSuggestions(nearest(...))`. */
export function didYouMean(word: string, candidates: readonly string[], options: NearestOptions = {}): string {
  return phraseSuggestions(nearest(word, candidates, options));
}
