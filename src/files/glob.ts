/**
 * A small glob matcher for the patterns users quote on the command line: `*` and `?` match within
 * one path segment, `**` as a whole segment matches any number of directories (none included).
 * Node 20 has no `fs.globSync` (it arrived in 22), and three wildcards do not justify a dependency.
 * Paths use `/` as the separator; every other character, `[` included, matches itself.
 */

/** Whether a path or pattern contains a wildcard this matcher understands. */
export function hasGlobMagic(pattern: string): boolean {
  return /[*?]/.test(pattern);
}

/**
 * Whether a name matches one path segment (`*.aithreat.yaml`, `ml-?`): `*` is any run of
 * characters, `?` one character (a code point), anything else itself. The classic two-pointer
 * match: on a mismatch it only goes back to the last `*`, so it takes at most about
 * |segment| x |name| steps. (A regular expression of `*-*-*-*-*` backtracks exponentially
 * against a long name of dashes: minutes for one name.)
 */
export function matchesSegment(segment: string, name: string): boolean {
  const pattern = [...segment];
  const text = [...name];
  let p = 0;
  let t = 0;
  let star = -1;
  let resume = 0;
  while (t < text.length) {
    if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      resume = t;
    } else if (p < pattern.length && (pattern[p] === '?' || pattern[p] === text[t])) {
      p++;
      t++;
    } else if (star >= 0) {
      // Let the last star take one more character, and try the rest again from there.
      p = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (pattern[p] === '*') p++;
  return p === pattern.length;
}

/** A compiled pattern: the literal directory to start from and the segments to match below it. */
export interface GlobPattern {
  base: string;
  segments: string[];
}

/**
 * Splits a pattern into its literal base directory and the segments from the first wildcard on:
 * `ml/**\/*.yaml` becomes `{ base: 'ml', segments: ['**', '*.yaml'] }`.
 */
export function splitPattern(pattern: string): GlobPattern {
  const normalized = pattern.replace(/\/{2,}/g, '/');
  const absolute = normalized.startsWith('/');
  const parts = normalized.split('/').filter((part, i) => part !== '' && !(part === '.' && i > 0));
  const firstMagic = parts.findIndex(hasGlobMagic);
  const literal = firstMagic < 0 ? parts : parts.slice(0, firstMagic);
  const segments = firstMagic < 0 ? [] : parts.slice(firstMagic).map((s) => (/^\*\*+$/.test(s) ? '**' : s));
  const base = (absolute ? '/' : '') + literal.join('/');
  return { base: base === '' ? '.' : base, segments };
}

/**
 * The matcher is a small automaton: a state is the index of the next segment to match. Walking a
 * directory tree advances the states one name at a time, so whole subtrees that cannot match are
 * never read.
 */
export type GlobStates = ReadonlySet<number>;

export function initialStates(): GlobStates {
  return new Set([0]);
}

/** Adds the states reachable without consuming a name: `**` may match no directory at all. */
function closure(segments: readonly string[], states: GlobStates): Set<number> {
  const result = new Set(states);
  for (const state of [...result].sort((a, b) => a - b)) {
    let s = state;
    while (segments[s] === '**') result.add(++s);
  }
  return result;
}

/** The states after one more path segment named `name`. Empty when nothing below can match. */
export function advance(segments: readonly string[], states: GlobStates, name: string): GlobStates {
  const next = new Set<number>();
  for (const s of closure(segments, states)) {
    const segment = segments[s];
    if (segment === undefined) continue;
    if (segment === '**') {
      if (!name.startsWith('.')) next.add(s);
    } else if (segmentMatches(segment, name)) {
      next.add(s + 1);
    }
  }
  return next;
}

/** Whether the names consumed so far form a complete match. */
export function accepts(segments: readonly string[], states: GlobStates): boolean {
  return closure(segments, states).has(segments.length);
}

/** Whether a `/`-separated path, relative to the pattern's base, matches the segments. */
export function matchSegments(segments: readonly string[], path: readonly string[]): boolean {
  let states = initialStates();
  for (const name of path) {
    states = advance(segments, states, name);
    if (states.size === 0) return false;
  }
  return accepts(segments, states);
}

/** Wildcards never match a name that starts with a dot unless the segment itself does (as in shells). */
function segmentMatches(segment: string, name: string): boolean {
  if (name.startsWith('.') && !segment.startsWith('.')) return false;
  return hasGlobMagic(segment) ? matchesSegment(segment, name) : segment === name;
}
