/**
 * Long work as a job: start it (the core answers at once with a job id), follow its
 * `job.progress` / `job.finished` events, and cancel it through `jobs.cancel`.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ContractError, EventEnvelope, JobMethodName, MethodInput, MethodOutput } from '../../../../shared/contract';
import { useApi } from './api-context';
import { ApiError } from './client';

export type JobState<M extends JobMethodName> =
  | { status: 'idle' }
  | { status: 'starting' }
  | { status: 'running'; jobId: string; done: number; total: number }
  | { status: 'succeeded'; output: MethodOutput<M> }
  /** Includes CANCELLED, which the UI shows as a calm "stopped" rather than an error. */
  | { status: 'failed'; error: ContractError };

export interface JobHandle<M extends JobMethodName> {
  state: JobState<M>;
  start(input: MethodInput<M>): Promise<void>;
  cancel(): Promise<void>;
  reset(): void;
}

export function useJob<M extends JobMethodName>(method: M): JobHandle<M> {
  const api = useApi();
  const [state, setState] = useState<JobState<M>>({ status: 'idle' });
  const jobId = useRef<string | null>(null);
  // Over HTTP an event can overtake the answer that names the job: hold events until we know it.
  const early = useRef<EventEnvelope[] | null>(null);

  const handle = useCallback(
    (envelope: EventEnvelope) => {
      if (envelope.event === 'session.changed') return;
      const payload = envelope.payload;
      if (!('jobId' in payload) || payload.jobId !== jobId.current) return;
      if (envelope.event === 'job.progress' && 'done' in payload) {
        setState({ status: 'running', jobId: payload.jobId, done: payload.done, total: payload.total });
      } else if ('result' in payload) {
        jobId.current = null;
        const result = payload.result;
        if (!result.ok) {
          setState({ status: 'failed', error: result.error });
          return;
        }
        try {
          setState({ status: 'succeeded', output: api.parseJobOutput(method, result.value) });
        } catch (error) {
          if (error instanceof ApiError) setState({ status: 'failed', error: error.error });
          else throw error;
        }
      }
    },
    [api, method],
  );

  useEffect(
    () =>
      api.subscribe((envelope) => {
        if (early.current) early.current.push(envelope);
        else handle(envelope);
      }),
    [api, handle],
  );

  const start = useCallback(
    async (input: MethodInput<M>) => {
      setState({ status: 'starting' });
      early.current = [];
      try {
        const started = await api.startJob(method, input);
        jobId.current = started.jobId;
        setState({ status: 'running', jobId: started.jobId, done: 0, total: 0 });
        const held = early.current;
        early.current = null;
        for (const envelope of held) handle(envelope);
      } catch (error) {
        early.current = null;
        if (error instanceof ApiError) setState({ status: 'failed', error: error.error });
        else throw error;
      }
    },
    [api, method, handle],
  );

  const cancel = useCallback(async () => {
    const id = jobId.current;
    if (!id) return;
    // The outcome arrives as job.finished with CANCELLED; a failure here means it already ended.
    await api.call('jobs.cancel', { jobId: id }).catch(() => undefined);
  }, [api]);

  const reset = useCallback(() => {
    jobId.current = null;
    setState({ status: 'idle' });
  }, []);

  return { state, start, cancel, reset };
}
