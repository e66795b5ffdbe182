// Build-time stand-in for `tty` inside the bundle (scripts/build.ts `alias`). Requiring Node's tty
// module costs about 4 ms at every start (it brings in net and streams), only to learn that a pipe
// or a file is not a terminal. A pipe or a file is not a character device, which fstat tells at
// once; only a character device (a terminal, or /dev/null) needs the real check.
'use strict';
// A computed name, so that the bundler's alias does not point this require back at the shim.
const realModule = ['node', 'tty'].join(':');
const { fstatSync } = require('node:fs');
let real;
const load = () => (real ??= require(realModule));
const shim = {
  isatty(fd) {
    try {
      if (!fstatSync(fd).isCharacterDevice()) return false;
    } catch {
      return false;
    }
    return load().isatty(fd);
  },
};
module.exports = new Proxy(shim, { get: (target, key) => (key in target ? target[key] : load()[key]) });
