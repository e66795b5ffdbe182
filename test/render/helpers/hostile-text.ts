import fc from 'fast-check';

/** Pieces that mean something to Markdown, HTML, Mermaid, XML or a terminal. */
const pieces = [
  '|', '\\', '<', '>', '&', '"', "'", '`', '```', '[', ']', '(', ')', '](javascript:alert(1))', '#', '-', '+', '=', '*', '_', '~',
  '1.', '\n', '\r', '\t', ' ', '\u001b[31m', '\u001b]8;;https://x.example\u0007', '\u0007', '\u0001', '\u0000', '\u009b', '\u202e',
  '\u2066', '\ud800', '\ufffe', '<script>', '<img src=x onerror=alert(1)>', '#quot;', '%%', 'end', 'é', '😀',
];

/** Strings made of those pieces and ordinary text, to throw at the escaping functions. */
export const hostileText = fc
  .array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 3 })), { maxLength: 12 })
  .map((parts) => parts.join(''));
