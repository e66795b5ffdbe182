// Build-time stand-in for `string-width` inside the bundle (scripts/build.ts `alias`). cli-table3
// measures every cell many times, and string-width runs a very large emoji pattern over each. Text
// of printable ASCII and nothing else has one column per character, which needs no pattern; any
// other text goes to the real string-width.
'use strict';
const stringWidth = require('../../node_modules/string-width/index.js');
const printableAscii = /^[\x20-\x7e]*$/;
module.exports = (text) => (typeof text === 'string' && printableAscii.test(text) ? text.length : stringWidth(text));
module.exports.default = module.exports;
