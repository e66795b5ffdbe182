/**
 * Text from a project file can hold anything YAML allows. Before it reaches a terminal, a document
 * or an XML file it loses what could act instead of being read: escape sequences (colours, OSC 8
 * links, cursor moves), other control characters, carriage returns that overwrite a line, and
 * bidirectional overrides that make text read differently from what it is (CVE-2021-42574).
 */

// OSC (ESC ]) runs to BEL or ST; CSI (ESC [) to a final byte; other ESC sequences are two bytes.
const escapeSequences = /\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b\[[0-?]*[ -/]*[@-~]?|\u001b[\s\S]?/g;
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
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
