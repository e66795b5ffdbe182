// Build-time stand-in for `string-width` inside the bundle (scripts/build.ts `alias`). cli-table3
// measures every cell many times, and string-width runs a very large emoji pattern over each (and
// compiles it on first use: milliseconds of every start). Text made only of characters that are
// one column wide on their own, and that form no emoji together, has one column per character:
// printable ASCII, Latin, Greek and Cyrillic letters, general punctuation (dashes, quotes), arrows
// and box drawing. test/build/shims.test.ts checks every one of them against string-width. Any
// other text goes to the real string-width.
'use strict';
const stringWidth = require('../../node_modules/string-width/index.js');
const oneColumnEach = /^[\x20-\x7e\u00a0-\u02ff\u0370-\u04ff\u2010-\u205e\u2190-\u21ff\u2500-\u259f]*$/;
module.exports = (text) => (typeof text === 'string' && oneColumnEach.test(text) ? text.length : stringWidth(text));
module.exports.default = module.exports;
module.exports.oneColumnEach = oneColumnEach;
