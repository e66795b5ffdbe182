import { textWidth } from './text-width.js';

/**
 * Boxed tables for the terminal, drawn as cli-table3 0.6 drew them with the options aithreat used
 * (a head row, fixed column widths, word wrap, one space of padding, no colours of its own), so that
 * every report stays byte for byte what it was: cells wrap at white space, a word wider than its
 * column is cut with an ellipsis, colour codes take no columns and a colour that runs over a line
 * break is closed at the end of the line and reopened on the next.
 */
export class TextTable {
  private readonly rows: string[][] = [];

  constructor(private readonly options: { head: string[]; colWidths: number[]; colAligns?: ('left' | 'right')[] }) {}

  push(...rows: string[][]): void {
    for (const row of rows) {
      if (row.length !== this.options.colWidths.length) throw new Error(`a table row has ${row.length} cells for ${this.options.colWidths.length} columns`);
      this.rows.push(row);
    }
  }

  toString(): string {
    const { head, colWidths, colAligns = [] } = this.options;
    const rows = head.length > 0 ? [head, ...this.rows] : this.rows;
    const out: string[] = [];
    rows.forEach((row, y) => {
      const cells = row.map((content, x) => wrapCell(content, colWidths[x]! - 2));
      const height = Math.max(1, ...cells.map((lines) => lines.length));
      out.push(border(colWidths, y === 0 ? ['┌', '┬', '┐'] : ['├', '┼', '┤']));
      for (let line = 0; line < height; line++) {
        const drawn = cells.map((lines, x) => {
          const width = colWidths[x]! - 2;
          const text = lines[line];
          return ` ${text === undefined ? ' '.repeat(width) : pad(truncate(text, width), width, colAligns[x] ?? 'left')} `;
        });
        out.push(`│${drawn.join('│')}│`);
      }
    });
    if (rows.length > 0) out.push(border(colWidths, ['└', '┴', '┘']));
    return out.join('\n');
  }
}

function border(widths: number[], [left, middle, right]: string[]): string {
  return `${left}${widths.map((w) => '─'.repeat(w)).join(middle)}${right}`;
}

/** SGR codes (colours and styles), the only escape codes cells hold. */
const sgr = /\u001b\[(?:\d*;){0,5}\d*m/g;

/** The columns of the widest line of a text, colour codes not counted. */
export function strlen(text: string): number {
  if (!text.includes('\n') && !text.includes('\u001b')) return textWidth(text);
  return Math.max(0, ...text.replace(sgr, '').split('\n').map(textWidth));
}

/** A cell's lines: each of its own lines wrapped to the width, colours carried over line breaks. */
function wrapCell(content: string, width: number): string[] {
  return colorizeLines(content.split('\n').flatMap((line) => wrapLine(line, width)));
}

/**
 * Greedy wrapping at white space. A line keeps the white space between its words as it was; a
 * word that does not fit starts the next line, and a word wider than the line stands alone.
 */
function wrapLine(text: string, width: number): string[] {
  const lines: string[] = [];
  const parts = text.split(/(\s+)/);
  let line: string[] = [];
  let lineLength = 0;
  let space: string | undefined;
  for (let i = 0; i < parts.length; i += 2) {
    const word = parts[i]!;
    const length = lineLength + strlen(word) + (lineLength > 0 && space ? space.length : 0);
    if (length > width) {
      if (lineLength !== 0) lines.push(line.join(''));
      line = [word];
      lineLength = strlen(word);
    } else {
      line.push(space ?? '', word);
      lineLength = length;
    }
    space = parts[i + 1];
  }
  if (lineLength) lines.push(line.join(''));
  return lines;
}

/** A line cut to `width` columns, ending in an ellipsis, when it is wider. */
function truncate(text: string, width: number): string {
  if (strlen(text) <= width) return text;
  const cut = width - 1;
  // Walk the text between its colour codes, keeping the codes, until `cut` columns are filled.
  const codes = new RegExp(sgr.source, 'g');
  const pieces = text.split(sgr);
  const state: StyleState = {};
  let out = '';
  let length = 0;
  for (let i = 0; length < cut; i++) {
    const code = codes.exec(text);
    let piece = pieces[i]!;
    if (length + strlen(piece) > cut) piece = cutToWidth(piece, cut - length);
    out += piece;
    length += strlen(piece);
    if (length < cut) {
      if (!code) break;
      out += code[0];
      updateState(state, code);
    }
  }
  return `${closeStyles(state, out)}…`;
}

function cutToWidth(text: string, width: number): string {
  if (text.length === strlen(text)) return text.slice(0, width);
  let cut = text;
  while (strlen(cut) > width) cut = cut.slice(0, -1);
  return cut;
}

function pad(text: string, width: number, align: 'left' | 'right'): string {
  const length = strlen(text);
  if (width + 1 < length) return text;
  const padding = ' '.repeat(Math.max(0, width - length));
  return align === 'right' ? padding + text : text + padding;
}

/**
 * Which styles are open after a line: the last foreground and background colour codes, and for
 * bold, italics, underline, inverse and strikethrough whether they are on (in the order first met).
 */
interface StyleState {
  foreground?: string;
  background?: string;
  styles?: Map<string, boolean>;
}

const styleCodes: Record<string, { style: string; on: boolean }> = {};
const styleOnOff: Record<string, [on: string, off: string]> = {};
for (const [style, on, off] of [['bold', 1, 22], ['italics', 3, 23], ['underline', 4, 24], ['inverse', 7, 27], ['strikethrough', 9, 29]] as const) {
  styleCodes[`\u001b[${on}m`] = { style, on: true };
  styleCodes[`\u001b[${off}m`] = { style, on: false };
  styleOnOff[style] = [`\u001b[${on}m`, `\u001b[${off}m`];
}

function updateState(state: StyleState, code: RegExpExecArray): void {
  // The first parameter decides (an empty one counts as 0; one like `;1` as none of these).
  const parameters = code[0].slice(2, -1);
  const first = parameters === '' ? 0 : parseInt(parameters.split(';')[0]!);
  if ((first >= 30 && first <= 39) || (first >= 90 && first <= 97)) state.foreground = code[0];
  else if ((first >= 40 && first <= 49) || (first >= 100 && first <= 107)) state.background = code[0];
  else if (first === 0) {
    delete state.foreground;
    delete state.background;
    delete state.styles;
  } else {
    const style = styleCodes[code[0]];
    if (style) (state.styles ??= new Map()).set(style.style, style.on);
  }
}

function readState(line: string): StyleState {
  const state: StyleState = {};
  const codes = new RegExp(sgr.source, 'g');
  for (let code = codes.exec(line); code !== null; code = codes.exec(line)) updateState(state, code);
  return state;
}

/** The line with every style still open closed at its end. */
function closeStyles(state: StyleState, line: string): string {
  let out = line;
  for (const [style, on] of state.styles ?? []) if (on) out += styleOnOff[style]![1];
  if (state.background && state.background !== '\u001b[49m') out += '\u001b[49m';
  if (state.foreground && state.foreground !== '\u001b[39m') out += '\u001b[39m';
  return out;
}

/** The line with the styles open at the end of the line before reopened at its start. */
function reopenStyles(state: StyleState, line: string): string {
  let out = line;
  for (const [style, on] of state.styles ?? []) if (on) out = styleOnOff[style]![0] + out;
  if (state.background && state.background !== '\u001b[49m') out = state.background + out;
  if (state.foreground && state.foreground !== '\u001b[39m') out = state.foreground + out;
  return out;
}

function colorizeLines(lines: string[]): string[] {
  let state: StyleState = {};
  return lines.map((text) => {
    const line = reopenStyles(state, text);
    state = readState(line);
    return closeStyles(state, line);
  });
}
