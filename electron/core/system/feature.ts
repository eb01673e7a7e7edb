/** 系统 system: version and counts, the change log, integrity checks (and the background one after each open), and cancelling jobs. */
import { defineFeature } from '../feature';
import { systemHandlers } from './service';

export const systemFeature = defineFeature({
  folder: 'system',
  handlers: (host) => ({
    ...systemHandlers,
    'jobs.cancel': (input, ctx) => ({ cancelled: host.cancelJob(ctx.connectionId, input.jobId) }),
    'system.databaseCheck': () => host.databaseCheck(),
  }),
  // The background check after each open (./database-check.ts): passed, or damage found.
  auditActions: ['database.check'],
});
