#!/usr/bin/env node
// The shipped entry point: compiled JavaScript only, built into dist/ by `npm run build`.
import '../dist/main.js';
