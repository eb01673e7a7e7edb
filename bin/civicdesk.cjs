#!/usr/bin/env node
// The `civicdesk` command: runs the TypeScript CLI through tsx, so it works right after `npm install`.
require('tsx/cjs/api').register();
const { main } = require('../electron/cli/main.ts');

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    // Unexpected: the stack goes to stderr for support; the data was not changed.
    process.stderr.write(`civicdesk: internal error: ${error && error.stack ? error.stack : String(error)}\n`);
    process.exitCode = 3;
  },
);
