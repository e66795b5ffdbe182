const ANSI = /\u001b\[[0-9;]*m/g;

/** Length as the terminal shows it: colour codes take no columns. */
export function visibleLength(text: string): number {
  return text.replace(ANSI, '').length;
}

/** Word-wraps text to `width` columns, every line starting with `indent`; colour codes are not counted. */
export function wrap(text: string, width: number, indent = ''): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && indent.length + visibleLength(line) + 1 + visibleLength(word) > width) {
      lines.push(indent + line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(indent + line);
  return lines;
}
