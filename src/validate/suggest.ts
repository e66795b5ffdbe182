import { compareText } from '../util/compare.js';
import { distance } from 'fastest-levenshtein';

/** The closest candidates to a misspelt word, nearest first; none when nothing is close. */
export function nearest(word: string, candidates: readonly string[], max = 3): string[] {
  const lower = word.toLowerCase();
  const limit = Math.max(2, Math.floor(word.length / 3));
  return candidates
    .map((candidate) => ({ candidate, d: distance(lower, candidate.toLowerCase()) }))
    .filter(({ candidate, d }) => d <= limit || candidate.toLowerCase().startsWith(lower) || lower.startsWith(candidate.toLowerCase()))
    .sort((a, b) => a.d - b.d || compareText(a.candidate, b.candidate))
    .slice(0, max)
    .map(({ candidate }) => candidate);
}

/** " did you mean `a` or `b`?" or nothing. */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const found = nearest(word, candidates);
  if (found.length === 0) return '';
  const quoted = found.map((c) => `\`${c}\``);
  return `; did you mean ${quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}`}?`;
}
