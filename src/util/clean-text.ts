/**
 * The one text neutraliser. Text from a project file, a file name, a baseline or a flag can hold
 * anything; before it reaches a terminal, a CI log, a document or an XML file it loses what could
 * act instead of being read: escape sequences (colours, OSC 8 links, cursor moves, screen clears),
 * other C0 and C1 control characters, carriage returns that overwrite a line, and bidirectional
 * controls that make text read differently from what it is (CVE-2021-42574). Every message goes
 * through `safeLine` (problem.ts and io.ts), every report format through `cleanText` or `oneLine`.
 */

// OSC (ESC ]) runs to BEL or ST; CSI (ESC [) to a final byte; other ESC sequences are two bytes.
const escapeSequences = /\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b\[[0-?]*[ -/]*[@-~]?|\u001b[\s\S]?/g;
// C0 but tab and line feed, DEL, and C1 (0x80-0x9f: CSI, OSC and NEL as single characters).
const controls = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
const bidi = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const loneSurrogates = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Removes escape sequences, control characters (keeping newlines), bidi controls and broken UTF-16. */
export function cleanText(text: string): string {
  return text
    .replace(escapeSequences, '')
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, ' ')
    .replace(controls, '')
    .replace(bidi, '')
    .replace(loneSurrogates, '');
}

/** `cleanText` on one line: runs of white space, newlines included, become one space. */
export function oneLine(text: string): string {
  // Line and paragraph separators (and NEL) break lines in some terminals and editors too.
  return cleanText(text).replace(/[\u0085\u2028\u2029]/g, '\n').replace(/\s*\n\s*/g, ' ').trim();
}

/** At most `max` characters, with an ellipsis when cut: quoted values must not flood a message. */
export function shorten(text: string, max = 80): string {
  if (text.length <= max) return text;
  // Never keep half of a surrogate pair.
  const end = /[\ud800-\udbff]/.test(text[max - 2] ?? '') ? max - 2 : max - 1;
  return `${text.slice(0, end)}…`;
}

/** The longest message line: a 9 MB field must not become a 9 MB line of a CI log. */
export const maxLineLength = 2000;

/**
 * One line of a message, safe for a terminal or a log: `oneLine`, then cut to `max` characters.
 * A huge input is cut before it is cleaned, so the work stays proportional to what is shown.
 */
export function safeLine(text: string, max = maxLineLength): string {
  const bounded = text.length > max * 4 ? text.slice(0, max * 4) : text;
  return shorten(oneLine(bounded), max);
}

/**
 * Each line of a block of text through `safeLine`, keeping its indentation: for messages that are
 * several lines by design.
 */
export function safeLines(lines: readonly string[], max = maxLineLength): string {
  return lines.map((line) => {
    const indent = /^ */.exec(line)![0];
    return `${indent}${safeLine(line.slice(indent.length), max)}\n`;
  }).join('');
}
