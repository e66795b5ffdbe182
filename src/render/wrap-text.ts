/** Breaks plain text into lines of at most `width` characters at spaces; longer words stay whole. */
export function wrapText(text: string, width: number, indent = ''): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ').filter((w) => w !== '')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = indent + word;
    } else {
      line = line === '' ? (lines.length > 0 ? indent : '') + word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}
