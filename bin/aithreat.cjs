#!/usr/bin/env node
// The shipped entry point: compiled JavaScript only, built into dist/ by `npm run build`.
// CommonJS, so that Node.js does not load its ES module loader just to start aithreat.
require('../dist/main.cjs');
