// Preloaded (node --require) into the built CLI by signals.test.ts: every write to a file other
// than stdout and stderr takes 10 ms longer, like a slow network disk, so that a signal can be
// sent while a report's temporary file exists. The CLI reads `fs.writeSync` when it calls it, so
// replacing the property here is enough; nothing else changes.
const fs = require('node:fs');
const writeSync = fs.writeSync;
const pause = new Int32Array(new SharedArrayBuffer(4));
fs.writeSync = function slowWriteSync(fd, ...rest) {
  if (fd > 2) Atomics.wait(pause, 0, 0, 10);
  return writeSync.call(this, fd, ...rest);
};
