#!/usr/bin/env node
// `npm run preview:browser -- --db FILE [--port N]`: the real UI in a browser against the real core.
require('tsx/cjs/api').register();
const { main } = require('../electron/cli/main.ts');

main(['preview', ...process.argv.slice(2)]).then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`civicdesk preview: ${error && error.stack ? error.stack : String(error)}\n`);
    process.exit(3);
  },
);
