// Build-time stand-in for the `ansi-regex` package inside the bundle (scripts/build.ts `alias`).
// cli-table3 measures every cell through string-width and strip-ansi, which build a new RegExp on
// each call: 4 of 9 seconds when 1,000 projects are rendered as tables. The pattern is the same
// as ansi-regex 5's; the RegExp is built once, and lastIndex is reset because it is global.
'use strict';
const pattern = [
  '[\\u001B\\u009B][[\\]()#;?]*(?:(?:(?:(?:;[-a-zA-Z\\d\\/#&.:=?%@~_]+)*|[a-zA-Z\\d]+(?:;[-a-zA-Z\\d\\/#&.:=?%@~_]*)*)?\\u0007)',
  '(?:(?:\\d{1,4}(?:;\\d{0,4})*)?[\\dA-PR-TZcf-ntqry=><~]))',
].join('|');
const global = new RegExp(pattern, 'g');
const first = new RegExp(pattern);
module.exports = ({ onlyFirst = false } = {}) => {
  const regex = onlyFirst ? first : global;
  regex.lastIndex = 0;
  return regex;
};
