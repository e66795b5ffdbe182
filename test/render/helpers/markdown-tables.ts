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

/**
 * GitHub lays a table out as wide as its content, up to the comment's width, wrapping cells at
 * spaces and `<br>`; past that width it scrolls sideways. What cannot wrap is each column's longest
 * word, so the narrowest a table can be drawn is the sum of those plus each cell's padding (13 px
 * each side). Widths are estimated in pixels of GitHub's 14 px sans-serif: a capital or a digit
 * about 9.5 px, any other character 7.5 px, a code span's character 8 px.
 */
export function minimumTableWidth(rows: string[][]): number {
  const columns = rows[0]!.length;
  let total = 0;
  for (let x = 0; x < columns; x++) {
    const words = rows.flatMap((row) => visibleText(row[x] ?? '').split(/\s+|<br>/));
    total += 26 + Math.max(0, ...words.map(wordWidth));
  }
  return total;
}

/** A cell as it reads: link targets, emphasis and entities gone. */
function visibleText(cell: string): string {
  return cell
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\[[^\]]*\]/g, '$1')
    .replace(/\*\*/g, '')
    .replace(/&#?[A-Za-z0-9]+;/g, 'x')
    .replace(/\\(.)/g, '$1');
}

function wordWidth(word: string): number {
  let width = 0;
  let code = false;
  for (const c of word) {
    if (c === '`') code = !code;
    else width += code ? 8 : /[A-Z0-9]/.test(c) ? 9.5 : 7.5;
  }
  return width;
}

/**
 * The width of a pull request's comment column on github.com at its usual desktop layout (and of
 * a job summary, which is wider): a table wider than this at its narrowest scrolls sideways.
 */
export const githubCommentWidth = 760;
