// Development/test entry for the background database check's thread: plain Node cannot load
// TypeScript, so register tsx first. The packaged app uses the bundled out/main/db-check-worker.js.
require('tsx/cjs/api').register();
require('./check-worker.ts');
