import stringWidth from 'string-width';

/**
 * Characters that take one terminal column each on their own and form no emoji together:
 * printable ASCII, Latin, Greek and Cyrillic letters, general punctuation (dashes, quotes),
 * arrows and box drawing. test/render/text-width.test.ts checks every one against string-width.
 */
const oneColumnEach = /^[\x20-\x7e\u00a0-\u02ff\u0370-\u04ff\u2010-\u205e\u2190-\u21ff\u2500-\u259f]*$/;

/**
 * The columns a line of text (without colour codes) takes in a terminal. Text made only of
 * one-column characters is measured by its length; other text by string-width, which knows wide
 * East Asian characters, combining marks and emoji. Its emoji pattern costs milliseconds to
 * compile, which a report in plain text never pays.
 */
export function textWidth(text: string): number {
  return oneColumnEach.test(text) ? text.length : stringWidth(text);
}

export { oneColumnEach };
