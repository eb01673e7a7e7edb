/**
 * The preload: exposes `window.civicdesk` (a `CivicDeskBridge`) and nothing else. The renderer
 * gets no ipcRenderer, no Electron event objects, no Node — only `invoke` for contract methods,
 * a subscription to core events, and the three file dialogs (which answer a path or null). Main checks the sender and the core checks everything else;
 * refusing unknown names here just keeps arbitrary channels out of reach of page script.
 *
 * Bundled into one CommonJS file (sandboxed preloads cannot require node_modules). Values come only
 * from the zod-free bridge.ts and from ./method-names.ts, whose list the build derives from the
 * contract: importing the contract's index would bundle zod and every schema (~230 KB) just to know
 * the method names. Types may come from anywhere.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { ChosenFile, CivicDeskBridge, EventEnvelope, FileDialogs, Result } from '../../shared/contract';
import { IPC_DIALOG_CHANNELS, IPC_EVENT_CHANNEL, IPC_METHOD_PREFIX } from '../../shared/contract/bridge';
import { isMethodName } from './method-names';

type Listener = (envelope: EventEnvelope) => void;

const listeners = new Set<Listener>();

// One ipcRenderer listener fanned out to every subscriber: many React hooks may subscribe, and
// Node warns past ten listeners on one channel.
function onEvent(_event: IpcRendererEvent, envelope: EventEnvelope): void {
  for (const listener of [...listeners]) {
    try {
      listener(envelope);
    } catch (error) {
      // One faulty subscriber must not starve the others of job results.
      console.error('civicdesk event listener failed', error);
    }
  }
}

/** Main parses the request and answers the chosen file (its handle, name and path) or null; anything else is treated as cancelled. */
async function showDialog(channel: string, request: unknown): Promise<ChosenFile | null> {
  const answer: unknown = await ipcRenderer.invoke(channel, request);
  if (typeof answer !== 'object' || answer === null) return null;
  const { handle, name, path } = answer as Record<string, unknown>;
  return typeof handle === 'string' && typeof name === 'string' && typeof path === 'string' ? { handle, name, path } : null;
}

const dialogs: FileDialogs = {
  openFile: (request) => showDialog(IPC_DIALOG_CHANNELS.openFile, request),
  saveFile: (request) => showDialog(IPC_DIALOG_CHANNELS.saveFile, request),
  chooseFolder: (request) => showDialog(IPC_DIALOG_CHANNELS.chooseFolder, request),
};

const bridge: CivicDeskBridge = {
  invoke(method: string, input: unknown): Promise<Result<unknown>> {
    if (!isMethodName(method)) {
      // Never call String() on page-supplied objects: a hostile toString could throw or lie.
      const name = typeof method === 'string' ? method : `(${typeof method})`;
      return Promise.resolve({ ok: false, error: { code: 'UNKNOWN_METHOD', message: `Unknown method ${name}`, params: { method: name } } });
    }
    return ipcRenderer.invoke(IPC_METHOD_PREFIX + method, input);
  },
  subscribe(listener: Listener): () => void {
    if (typeof listener !== 'function') throw new TypeError('subscribe needs a function');
    // Each call gets its own entry even for the same function, so each unsubscribe removes one.
    const entry: Listener = (envelope) => listener(envelope);
    if (listeners.size === 0) ipcRenderer.on(IPC_EVENT_CHANNEL, onEvent);
    listeners.add(entry);
    return () => {
      if (!listeners.delete(entry)) return;
      if (listeners.size === 0) ipcRenderer.removeListener(IPC_EVENT_CHANNEL, onEvent);
    };
  },
  dialogs,
};

contextBridge.exposeInMainWorld('civicdesk', bridge);
