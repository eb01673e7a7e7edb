// Development/test entry for the core worker: plain Node cannot load TypeScript, so register tsx
// first. The packaged app uses the bundled out/main/core-worker.js instead.
require('tsx/cjs/api').register();
require('./worker.ts');
