import { z } from 'zod';
import type { Result } from './result';
import type { DatabaseCheck } from './system';

/** Events pushed from the core to a connection (IPC: the window; HTTP: server-sent events). */
export interface ContractEvents {
  'job.progress': { jobId: string; method: string; done: number; total: number };
  'job.finished': { jobId: string; method: string; result: Result<unknown> };
  /** The core locked or ended the session (idle time, logout elsewhere). */
  'session.changed': { state: 'locked' | 'ended' | 'active' };
  /** The background database check moved on (started, progressed, passed, found damage): to every connection. */
  'database.check': DatabaseCheck;
}
export type EventName = keyof ContractEvents;

export interface EventEnvelope<E extends EventName = EventName> {
  event: E;
  payload: ContractEvents[E];
}

/** A job's immediate answer; the output arrives later in `job.finished`. */
export const jobStartedSchema = z.object({ jobId: z.string() });
export type JobStarted = z.infer<typeof jobStartedSchema>;
