#!/usr/bin/env node
// `npm run bench [-- --scale N] [--json]`: speed figures as JSON, separate from `npm test`.
require('tsx/cjs/api').register();
require('../tests/bench/run.ts')
  .run(process.argv.slice(2))
  .catch((error) => {
    process.stderr.write(`bench failed: ${error && error.stack ? error.stack : String(error)}\n`);
    process.exit(1);
  });
