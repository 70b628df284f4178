#!/usr/bin/env node
'use strict';
// The CLI entry; the compiled TypeScript lives in out/ (built by `npm install` through `prepare`).
const path = require('path');
const fs = require('fs');
const compiled = path.join(__dirname, '..', '..', 'out', 'server', 'src', 'cli', 'main.js');
const bundled = path.join(__dirname, '..', '..', 'dist', 'cli.js');
const entry = fs.existsSync(compiled) ? compiled : bundled;
if (!fs.existsSync(entry)) {
  process.stderr.write('skill-privacy-lint: not built yet; run `npm install` (or `npm run build`) in ' + path.join(__dirname, '..', '..') + '\n');
  process.exit(2);
}
// `skill-privacy-lint | head`: when the reader goes away, stop quietly as other command-line tools do.
process.stdout.on('error', (e) => {
  if (e && e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});
const { run } = require(entry);
process.exitCode = run(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  isTTY: !!process.stdout.isTTY,
});
