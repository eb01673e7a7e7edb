import type { EventName, Result } from '../../shared/contract';
import type { ChosenFile, FileUse } from '../../shared/contract/file-dialogs';

export type WorkerRequest =
  | { type: 'call'; id: number; connectionId: string; method: string; input: unknown }
  /** A file the clerk chose in a dialog (main) or the preview's prompt: answered with its handle. */
  | { type: 'grant'; id: number; connectionId: string; path: string; use: FileUse; overwrite: boolean }
  /** `backup`: take the automatic backup on exit first (Electron main on quit). */
  | { type: 'close'; backup?: boolean };

export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'fatal'; error: { name: string; message: string; reason?: string; details?: unknown } }
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'granted'; id: number; file: ChosenFile | null }
  | { type: 'event'; connectionId: string | null; event: EventName; payload: unknown }
  | { type: 'log'; level: 'info' | 'warn' | 'error'; message: string }
  | { type: 'closed' };
