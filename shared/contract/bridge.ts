import type { EventEnvelope } from './events';
import type { ChosenFile, FileDialogs, GrantRequest } from './file-dialogs';
import type { Result } from './result';

/**
 * What the preload exposes as `window.civicdesk`, and what the HTTP transport imitates in the
 * browser preview: one `invoke` for every contract method and one event subscription.
 */
export interface CivicDeskBridge {
  invoke(method: string, input: unknown): Promise<Result<unknown>>;
  /** Subscribe to core events for this window; returns the unsubscribe function. */
  subscribe(listener: (envelope: EventEnvelope) => void): () => void;
  /**
   * The system's open/save/folder dialogs: Electron only. Absent in the browser preview (and the
   * renderer tests' in-process bridge), where the renderer asks for a typed path instead.
   */
  dialogs?: FileDialogs;
  /**
   * The browser preview's stand-in for the dialogs: a typed path, made a handle by the preview server
   * (only inside the folder the preview was started with). Absent in Electron.
   */
  choosePath?(request: GrantRequest): Promise<PathChoice>;
}

/** What the preview answers a typed path: its handle, or why not (outside its folder; not usable). */
export type PathChoice = { ok: true; file: ChosenFile } | { ok: false; reason: 'outside' | 'refused'; root?: string };

/** The loopback HTTP door: paths and headers, shared by the server and the renderer's client. */
export const HTTP_API_PREFIX = '/api/';
export const HTTP_EVENTS_PATH = '/api-events';
/** The preview's path prompt: POST a GrantRequest, get a PathChoice. */
export const HTTP_FILES_PATH = '/api-files';
export const HTTP_TOKEN_HEADER = 'x-civicdesk-token';
export const HTTP_CLIENT_HEADER = 'x-civicdesk-client';
/** IPC channel names: one per method is `contract:<method>`; events arrive on this one. */
export const IPC_EVENT_CHANNEL = 'civicdesk:event';
export const IPC_METHOD_PREFIX = 'contract:';
/** IPC channels, one per file dialog (not `contract:` channels: the core never sees these). */
export const IPC_DIALOG_CHANNELS = {
  openFile: 'civicdesk:dialog:open-file',
  saveFile: 'civicdesk:dialog:save-file',
  chooseFolder: 'civicdesk:dialog:choose-folder',
} as const satisfies Record<keyof FileDialogs, string>;
