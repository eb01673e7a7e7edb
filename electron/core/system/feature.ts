/** 系统 system: version and counts, the change log, integrity checks, and cancelling jobs. */
import { defineFeature } from '../feature';
import { systemHandlers } from './service';

export const systemFeature = defineFeature({
  folder: 'system',
  handlers: (host) => ({ ...systemHandlers, 'jobs.cancel': (input, ctx) => ({ cancelled: host.cancelJob(ctx.connectionId, input.jobId) }) }),
});
