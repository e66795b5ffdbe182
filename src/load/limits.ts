/** Limits on what aithreat reads: documented in the README and SECURITY.md. */
export const limits = {
  /** Larger files are refused before they are read. */
  maxFileBytes: 10 * 1024 * 1024,
  /** Aliases per document, and the nodes they may expand to in all: stops "billion laughs" bombs. */
  maxAliasCount: 100,
  maxAliasExpansion: 10_000,
  /** Nesting of mappings and sequences; a project description needs fewer than ten. */
  maxDepth: 64,
  /** Entries of one list or keys of one mapping; the schema's lists allow as many. */
  maxCollectionItems: 100_000,
  /** Problems reported per file; one more line says how many were left out. */
  maxProblemsPerFile: 1000,
} as const;

/** Keys that could reach an object's prototype if a later consumer assigned them carelessly. */
export const reservedKeys: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
