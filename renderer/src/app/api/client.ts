/**
 * The typed contract client: the only way the renderer reaches data. Method names, inputs and
 * outputs come from `shared/contract`; failures become a typed `ApiError` carrying the
 * ContractError, and session problems are announced so the app can show login or the lock screen.
 * The record tables a call or a finished job wrote (its result's `changed`) are announced too, so
 * the queries showing them are refetched (queries.ts `invalidateOnChange`).
 */
import type { z } from 'zod';
import {
  contract,
  type CivicDeskBridge,
  type ContractError,
  type EventEnvelope,
  type JobMethodName,
  type JobStarted,
  type MethodInput,
  type MethodName,
  type MethodOutput,
  type Result,
  jobStartedSchema,
} from '../../../../shared/contract';

/** Queries and mutations answer at once; jobs answer with a job id (see `startJob`). */
export type CallableMethod = Exclude<MethodName, JobMethodName>;

export class ApiError extends Error {
  constructor(
    readonly method: MethodName,
    readonly error: ContractError,
  ) {
    super(`${method}: ${error.code}`);
    this.name = 'ApiError';
  }

  get code(): ContractError['code'] {
    return this.error.code;
  }
}

export type SessionProblem = 'UNAUTHENTICATED' | 'SESSION_LOCKED';

export interface ApiClient {
  call<M extends CallableMethod>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  startJob<M extends JobMethodName>(method: M, input: MethodInput<M>): Promise<JobStarted>;
  /** Parse a finished job's value with the method's output schema. */
  parseJobOutput<M extends JobMethodName>(method: M, value: unknown): MethodOutput<M>;
  subscribe(listener: (envelope: EventEnvelope) => void): () => void;
  /** Any call that found no session, or a locked one. */
  onSessionProblem(listener: (problem: SessionProblem, method: MethodName) => void): () => void;
  /**
   * Any call, or any job of this window when it finishes, that wrote records: `changed` names their
   * tables (entities). Failures count too — a cancelled import keeps the batches it committed.
   */
  onChanged(listener: (changed: readonly string[]) => void): () => void;
  /** How this window chooses files: the system's dialogs (Electron) or the preview's path prompt. */
  readonly files: Pick<CivicDeskBridge, 'dialogs' | 'choosePath'>;
}

/**
 * The contract seen through a mapped type, so that indexing with a generic method name keeps the
 * link between the name and its output type (plain `contract[method]` loses it to a union).
 */
const outputSchemas: { [K in MethodName]: { output: z.ZodType<MethodOutput<K>> } } = contract;

function outputMismatch(method: MethodName): ApiError {
  // The core parses its own outputs, so this means the two sides are different versions.
  return new ApiError(method, { code: 'INTERNAL', message: 'Unexpected answer shape.', params: { ref: 'SHAPE' }, ref: 'SHAPE' });
}

export function createApiClient(bridge: CivicDeskBridge): ApiClient {
  const problemListeners = new Set<(problem: SessionProblem, method: MethodName) => void>();
  const changeListeners = new Set<(changed: readonly string[]) => void>();
  let stopWatchingJobs: (() => void) | null = null;

  function announceChanged(result: Result<unknown>): void {
    const changed = result.changed;
    if (!changed || changed.length === 0) return;
    for (const listener of changeListeners) listener(changed);
  }

  async function invoke(method: MethodName, input: unknown): Promise<unknown> {
    let result;
    try {
      result = await bridge.invoke(method, input);
    } catch {
      // A bridge must answer with a Result; if one throws anyway, treat it as the calm INTERNAL.
      throw new ApiError(method, { code: 'INTERNAL', message: 'The bridge failed.', params: { ref: 'BRIDGE' }, ref: 'BRIDGE' });
    }
    announceChanged(result);
    if (result.ok) return result.value;
    const code = result.error.code;
    if (code === 'UNAUTHENTICATED' || code === 'SESSION_LOCKED') {
      for (const listener of problemListeners) listener(code, method);
    }
    throw new ApiError(method, result.error);
  }

  function parseOutput<M extends MethodName>(method: M, value: unknown): MethodOutput<M> {
    const schema = outputSchemas[method].output;
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw outputMismatch(method);
    return parsed.data;
  }

  return {
    get files() {
      return { dialogs: bridge.dialogs, choosePath: bridge.choosePath?.bind(bridge) };
    },
    async call(method, input) {
      return parseOutput(method, await invoke(method, input));
    },
    async startJob(method, input) {
      const parsed = jobStartedSchema.safeParse(await invoke(method, input));
      if (!parsed.success) throw outputMismatch(method);
      return parsed.data;
    },
    parseJobOutput(method, value) {
      return parseOutput(method, value);
    },
    subscribe(listener) {
      return bridge.subscribe(listener);
    },
    onSessionProblem(listener) {
      problemListeners.add(listener);
      return () => problemListeners.delete(listener);
    },
    onChanged(listener) {
      changeListeners.add(listener);
      // A job's writes arrive with its job.finished event, whichever screen started it.
      stopWatchingJobs ??= bridge.subscribe((envelope) => {
        if (envelope.event === 'job.finished' && 'result' in envelope.payload) announceChanged(envelope.payload.result);
      });
      return () => {
        changeListeners.delete(listener);
        if (changeListeners.size === 0 && stopWatchingJobs) {
          stopWatchingJobs();
          stopWatchingJobs = null;
        }
      };
    },
  };
}
