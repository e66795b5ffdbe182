/**
 * The GitHub-flavoured Markdown tables of a document as rows of cells. GFM splits a row at every
 * `|` not escaped with a backslash, also inside code spans, which is what an injected `|` would
 * exploit; so this counts the cells the way GitHub does.
 */
export function markdownTables(markdown: string): string[][][] {
  const tables: string[][][] = [];
  let current: string[][] | null = null;
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) fenced = !fenced;
    if (!fenced && line.startsWith('|')) {
      const cells = line.trim().replace(/^\|/, '').replace(/(?<!\\)\|$/, '').split(/(?<!\\)\|/).map((c) => c.trim());
      if (!current) tables.push((current = []));
      current.push(cells);
    } else {
      current = null;
    }
  }
  return tables;
}

/** Tables whose rows do not all have the header's number of cells. */
export function brokenTables(markdown: string): string[][][] {
  return markdownTables(markdown).filter((rows) => rows.some((row) => row.length !== rows[0]!.length));
}
