import { cleanText, oneLine } from '../util/clean-text.js';

// Characters XML 1.0 does not allow at all, not even as character references.
const notXmlChar = /[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

function escape(text: string): string {
  return text.replace(notXmlChar, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Text content: special characters escaped, characters XML 1.0 forbids removed. */
export function xmlText(text: string): string {
  return escape(cleanText(text));
}

/** An attribute value in double quotes, on one line: CI tools show names and messages as titles. */
export function xmlAttr(text: string): string {
  return escape(oneLine(text)).replace(/"/g, '&quot;');
}
