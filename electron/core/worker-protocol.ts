import type { EventName, Result } from '../../shared/contract';

export type WorkerRequest =
  | { type: 'call'; id: number; connectionId: string; method: string; input: unknown }
  /** `backup`: take the automatic backup on exit first (Electron main on quit). */
  | { type: 'close'; backup?: boolean };

export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'fatal'; error: { name: string; message: string; reason?: string; details?: unknown } }
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'event'; connectionId: string | null; event: EventName; payload: unknown }
  | { type: 'log'; level: 'info' | 'warn' | 'error'; message: string }
  | { type: 'closed' };
