/**
 * Long work as a job: start it (the core answers at once with a job id), follow its
 * `job.progress` / `job.finished` events, and cancel it through `jobs.cancel`.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ContractError, EventEnvelope, JobMethodName, MethodInput, MethodOutput } from '../../../../shared/contract';
import { useApi } from './api-context';
import { ApiError } from './client';

/** Progress reports older than this do not count towards the rate, so it follows the job's current pace. */
const RATE_WINDOW_MS = 5_000;

interface ProgressSample {
  at: number;
  done: number;
}

/** Units per second over the samples (oldest to newest); null without two samples apart in time. */
export function rateOf(samples: readonly ProgressSample[]): number | null {
  const first = samples[0];
  const last = samples.at(-1);
  if (!first || !last || last.at <= first.at || last.done < first.done) return null;
  return ((last.done - first.done) * 1000) / (last.at - first.at);
}

export type JobState<M extends JobMethodName> =
  | { status: 'idle' }
  | { status: 'starting' }
  /** `rate`: units done per second over the last few seconds (null until two reports are seen). */
  | { status: 'running'; jobId: string; done: number; total: number; rate: number | null }
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
  const samples = useRef<ProgressSample[]>([]);

  const handle = useCallback(
    (envelope: EventEnvelope) => {
      if (envelope.event === 'session.changed') return;
      const payload = envelope.payload;
      if (!('jobId' in payload) || payload.jobId !== jobId.current) return;
      if (envelope.event === 'job.progress' && 'done' in payload) {
        const at = performance.now();
        const kept = samples.current.filter((s) => at - s.at <= RATE_WINDOW_MS);
        // Keep at least one older report, so a job reporting less often than the window still has a rate.
        const window = kept.length > 0 ? kept : samples.current.slice(-1);
        samples.current = [...window, { at, done: payload.done }];
        setState({ status: 'running', jobId: payload.jobId, done: payload.done, total: payload.total, rate: rateOf(samples.current) });
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
        samples.current = [{ at: performance.now(), done: 0 }];
        setState({ status: 'running', jobId: started.jobId, done: 0, total: 0, rate: null });
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
