/**
 * The IPC door: one `ipcMain.handle` per contract method, registered in one loop. Main checks only
 * *who* is calling (the app page's top frame); *what* is asked — input shape, session, permission —
 * is the core's job, so main forwards the input untouched as `unknown`.
 */
import { randomUUID } from 'node:crypto';
import {
  IPC_EVENT_CHANNEL,
  IPC_METHOD_PREFIX,
  methodNames,
  type EventEnvelope,
  type MethodName,
  type Result,
} from '../../shared/contract';
import type { CoreClient } from '../core/worker-client';
import type { Logger } from '../core/log';
import { isAppPageUrl, isTrustedFrame, type AppPage, type FrameLike } from './app-page';

/** What main needs from the core worker client (a fake in tests). */
export type CoreDispatcher = Pick<CoreClient, 'dispatch' | 'onEvent'>;

export interface InvokeEventLike {
  readonly sender: { readonly id: number };
  readonly senderFrame: FrameLike | null;
}

export type InvokeHandler = (event: InvokeEventLike, ...args: unknown[]) => Promise<Result<unknown>>;

/** The part of `ipcMain` used here; the real one fits. */
export interface IpcMainLike {
  handle(channel: string, listener: InvokeHandler): void;
  removeHandler(channel: string): void;
}

/** The part of a window's `webContents` used here. */
export interface AppWebContents {
  readonly id: number;
  isDestroyed(): boolean;
  getURL(): string;
  send(channel: string, envelope: EventEnvelope): void;
  once(event: 'destroyed', listener: () => void): unknown;
}

export interface IpcDeps {
  ipcMain: IpcMainLike;
  core: CoreDispatcher;
  page: AppPage;
  log: Logger;
}

export interface IpcDoor {
  readonly channels: readonly string[];
  /** Route events to this window and end its session when it is destroyed. */
  attach(contents: AppWebContents): void;
  dispose(): void;
}

/** One channel per contract method, `contract:<method>`. */
export function ipcChannels(): string[] {
  return methodNames.map((method) => IPC_METHOD_PREFIX + method);
}

/** Each window is its own connection to the core: its own session, its own events. */
export function connectionIdFor(webContentsId: number): string {
  return `ipc:${webContentsId}`;
}

export function registerIpc(deps: IpcDeps): IpcDoor {
  const { ipcMain, core, page, log } = deps;
  const windows = new Map<number, AppWebContents>();
  const channels: string[] = [];

  for (const method of methodNames) {
    const channel = IPC_METHOD_PREFIX + method;
    ipcMain.handle(channel, (event, input) => handleCall(deps, method, event, input));
    channels.push(channel);
  }

  const offEvents = core.onEvent((connectionId, event, payload) => {
    const envelope: EventEnvelope = { event, payload };
    const targets = connectionId === null ? [...windows.values()] : [windows.get(webContentsIdOf(connectionId) ?? -1)];
    for (const contents of targets) {
      // Events can carry job results; only deliver them to a window still showing the app page.
      if (contents && !contents.isDestroyed() && isAppPageUrl(page, contents.getURL())) {
        contents.send(IPC_EVENT_CHANNEL, envelope);
      }
    }
  });

  return {
    channels,
    attach(contents) {
      const id = contents.id;
      windows.set(id, contents);
      contents.once('destroyed', () => {
        windows.delete(id);
        // A closed window must not leave a signed-in session behind in the core.
        void core.dispatch(connectionIdFor(id), 'accounts.logout', {}).catch((error: unknown) => {
          log.error(`logout of closed window ${id} failed: ${stackOf(error)}`);
        });
      });
    },
    dispose() {
      offEvents();
      for (const channel of channels) ipcMain.removeHandler(channel);
      windows.clear();
    },
  };
}

async function handleCall(deps: IpcDeps, method: MethodName, event: InvokeEventLike, input: unknown): Promise<Result<unknown>> {
  if (!isTrustedFrame(deps.page, event.senderFrame)) {
    const where = event.senderFrame ? `${event.senderFrame.parent === null ? 'top' : 'sub'} frame ${event.senderFrame.url}` : 'a gone frame';
    deps.log.warn(`refused ${method} from ${where} of webContents ${event.sender.id}`);
    return { ok: false, error: { code: 'FORBIDDEN', message: 'This call did not come from the CivicDesk window.' } };
  }
  try {
    return await deps.core.dispatch(connectionIdFor(event.sender.id), method, input);
  } catch (error) {
    // The client never rejects by design; if it does, the clerk gets a reference, the log the stack.
    const ref = randomUUID().slice(0, 8).toUpperCase();
    deps.log.error(`INTERNAL ${ref} in ${method}: ${stackOf(error)}`);
    return { ok: false, error: { code: 'INTERNAL', message: 'Unexpected error in the main process.', ref, params: { ref } } };
  }
}

function webContentsIdOf(connectionId: string): number | undefined {
  const match = /^ipc:(\d+)$/.exec(connectionId);
  return match ? Number(match[1]) : undefined;
}

function stackOf(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
