/**
 * The parent side of the core worker: a promise per call, events fanned out to listeners.
 * Used by Electron main (IPC door) and the browser preview (HTTP door).
 */
import { Worker } from 'node:worker_threads';
import type { ContractEvents, EventName, Result } from '../../shared/contract';
import { MAX_INPUT_DEPTH, nestedDeeperThan } from '../../shared/contract/nesting';
import type { HostOptions } from './host';
import type { Logger } from './log';
import type { ChosenFile, FileUse } from '../../shared/contract/file-dialogs';
import type { WorkerMessage, WorkerRequest } from './worker-protocol';

export type CoreEventListener = (connectionId: string | null, event: EventName, payload: ContractEvents[EventName]) => void;

export class CoreWorkerError extends Error {
  constructor(
    message: string,
    readonly reason?: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'CoreWorkerError';
  }
}

export interface CoreClient {
  dispatch(connectionId: string, method: string, input: unknown): Promise<Result<unknown>>;
  onEvent(listener: CoreEventListener): () => void;
  /** A handle for a file the clerk chose, for one connection (null: the core refused the path). */
  grantFile(connectionId: string, chosen: { path: string; use: FileUse; overwrite?: boolean }): Promise<ChosenFile | null>;
  /** Close the core; `backup`: take the automatic backup on exit first (when the host has them on). */
  close(options?: { backup?: boolean }): Promise<void>;
}

/** Start the worker at `entry` (built `core-worker.js`, or the tsx bootstrap in development). */
export async function startCoreWorker(entry: string, options: Omit<HostOptions, 'log' | 'clock' | 'handlerOverrides'>, log: Logger): Promise<CoreClient> {
  const worker = new Worker(entry, { workerData: options });
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const grants = new Map<number, (file: ChosenFile | null) => void>();
  const listeners = new Set<CoreEventListener>();
  let nextId = 1;
  let closed: (() => void) | undefined;

  await new Promise<void>((resolve, reject) => {
    const onMessage = (message: WorkerMessage) => {
      if (message.type === 'ready') resolve();
      else if (message.type === 'fatal') {
        reject(new CoreWorkerError(message.error.message, message.error.reason, message.error.details));
        void worker.terminate();
      }
    };
    worker.once('message', onMessage);
    worker.once('error', reject);
  });

  worker.on('message', (message: WorkerMessage) => {
    switch (message.type) {
      case 'result':
        pending.get(message.id)?.(message.result);
        pending.delete(message.id);
        break;
      case 'granted':
        grants.get(message.id)?.(message.file);
        grants.delete(message.id);
        break;
      case 'event':
        for (const l of listeners) l(message.connectionId, message.event, message.payload as ContractEvents[EventName]);
        break;
      case 'log':
        log[message.level](message.message);
        break;
      case 'closed':
        closed?.();
        break;
    }
  });
  worker.on('error', (error) => log.error(`core worker crashed: ${error.stack ?? error.message}`));
  worker.on('exit', (code) => {
    for (const resolve of pending.values()) {
      resolve({ ok: false, error: { code: 'INTERNAL', message: `core stopped (exit ${code})`, params: { ref: 'CORE-EXIT' }, ref: 'CORE-EXIT' } });
    }
    pending.clear();
    for (const resolve of grants.values()) resolve(null);
    grants.clear();
  });

  const send = (request: WorkerRequest) => worker.postMessage(request);
  return {
    dispatch(connectionId, method, input) {
      // Refused here too: copying a thousands-deep body to the worker overflows the stack first.
      if (nestedDeeperThan(input)) {
        return Promise.resolve({ ok: false, error: { code: 'INVALID_INPUT', message: 'input nested too deeply', issues: [{ path: [], code: 'too_deep', message: '', params: { maximum: MAX_INPUT_DEPTH } }] } });
      }
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        send({ type: 'call', id, connectionId, method, input });
      });
    },
    grantFile(connectionId, chosen) {
      const id = nextId++;
      return new Promise((resolve) => {
        grants.set(id, resolve);
        send({ type: 'grant', id, connectionId, path: chosen.path, use: chosen.use, overwrite: chosen.overwrite === true });
      });
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close(options = {}) {
      await new Promise<void>((resolve) => {
        closed = resolve;
        send({ type: 'close', backup: options.backup });
      });
      await worker.terminate();
    },
  };
}
