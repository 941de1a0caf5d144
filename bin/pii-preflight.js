#!/usr/bin/env node
'use strict';
require('../dist/cjs/cli.js').main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => { process.stderr.write(`pii-preflight: ${err && err.message ? err.message : String(err)}\n`); process.exitCode = 2; },
);
