/**
 * The system's file dialogs for the window: 打开 (a roster, a backup), 另存为 (an export, an error
 * report) and 选择文件夹 (a backup target). A clerk never types a path in the app. Shown modal on the
 * window that asked, and only for the app page's top frame (the same check as the IPC door).
 * Requests are parsed, never trusted: a bad one answers null (as if cancelled) and is logged.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Dialog, FileFilter, OpenDialogOptions, SaveDialogOptions } from 'electron';
import {
  chooseFolderRequestSchema,
  FILE_KIND_EXTENSIONS,
  IPC_DIALOG_CHANNELS,
  openFileRequestSchema,
  saveFileRequestSchema,
  type ChosenFile,
  type FileDialogs,
  type FileUse,
} from '../../shared/contract';
import type { Logger } from '../core/log';
import type { CoreClient } from '../core/worker-client';
import { connectionIdFor } from './ipc';
import { isTrustedFrame, type AppPage } from './app-page';
import type { InvokeEventLike, IpcMainLike } from './ipc';

/** The window a dialog belongs to (`BrowserWindow.fromWebContents`); the real one fits. */
export type WindowOf<W> = (sender: InvokeEventLike['sender']) => W | null;

export interface FileDialogDeps<W> {
  ipcMain: Pick<IpcMainLike, 'removeHandler'> & { handle(channel: string, listener: (event: InvokeEventLike, request: unknown) => Promise<ChosenFile | null>): void };
  /** The core issues the handle the window passes in calls (bound to this window's connection). */
  core: Pick<CoreClient, 'grantFile'>;
  dialog: {
    showOpenDialog(window: W, options: OpenDialogOptions): ReturnType<Dialog['showOpenDialog']>;
    showSaveDialog(window: W, options: SaveDialogOptions): ReturnType<Dialog['showSaveDialog']>;
  };
  windowOf: WindowOf<W>;
  page: AppPage;
  log: Logger;
  /** Where the first dialog opens (the user's Documents folder); later ones open where the last one ended. */
  defaultFolder: string;
}

/** Characters Windows refuses in a file name (and control characters, which no name needs). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point here
const UNSAFE = /[<>:"/\\|?*\u0000-\u001f\u007f]/g;
/** Names Windows reserves whatever the extension (CON.xlsx cannot be created). */
const RESERVED = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])$/i;
/** Leave room for the folder within Windows' 260-character path limit. */
const MAX_NAME_CHARS = 120;

/**
 * A file name the dialog can propose on any system: no folder part (either separator), nothing
 * Windows refuses, no trailing dot or space, not a reserved device name, the kind's extension.
 * Chinese characters are kept as they are (NTFS, ext4 and FAT32 long names all take them); cut by
 * code points so a character is never split.
 */
export function safeFileName(name: string, extension: string, fallback = 'civicdesk'): string {
  const base = path.win32.basename(path.posix.basename(name.normalize('NFC')));
  const ext = `.${extension}`;
  let stem = base.toLowerCase().endsWith(ext) ? base.slice(0, -ext.length) : base;
  stem = stem.replace(UNSAFE, '_').replace(/\s+/g, ' ').trim().replace(/[. ]+$/, '');
  stem = [...stem].slice(0, MAX_NAME_CHARS).join('').replace(/[. ]+$/, '');
  if (stem === '' || /^\.+$/.test(stem)) stem = fallback;
  if (RESERVED.test(stem)) stem = `_${stem}`;
  return stem + ext;
}

/** A saved path keeps the extension its kind needs (Linux dialogs do not add it). */
export function withExtension(file: string, extensions: readonly string[]): string {
  const ext = path.extname(file).slice(1).toLowerCase();
  return extensions.includes(ext) ? file : `${file}.${extensions[0]}`;
}

function filtersFor(extensions: readonly string[], name: string): FileFilter[] {
  return [{ name: name.trim() || extensions.map((e) => `*.${e}`).join(' '), extensions: [...extensions] }];
}

export interface FileDialogDoor {
  readonly channels: readonly string[];
  dispose(): void;
}

export function registerFileDialogs<W>(deps: FileDialogDeps<W>): FileDialogDoor {
  const { ipcMain, dialog, windowOf, page, log } = deps;
  // One process, one clerk: the next dialog opens in the folder the last one ended in.
  let lastFolder = deps.defaultFolder;

  /** The window to show the dialog on, or null when the caller is not the app page. */
  const ownerOf = (event: InvokeEventLike, what: string): W | null => {
    if (!isTrustedFrame(page, event.senderFrame)) {
      log.warn(`refused the ${what} dialog to a frame that is not the app page (webContents ${event.sender.id})`);
      return null;
    }
    const owner = windowOf(event.sender);
    if (!owner) log.warn(`no window for the ${what} dialog (webContents ${event.sender.id})`);
    return owner;
  };

  /** The chosen path as a handle for the window that asked; the renderer never holds a path it could invent. */
  const grant = (event: InvokeEventLike, chosen: { path: string; use: FileUse; overwrite?: boolean }) => deps.core.grantFile(connectionIdFor(event.sender.id), chosen);

  const handlers: { [K in keyof FileDialogs]: (event: InvokeEventLike, request: unknown) => Promise<ChosenFile | null> } = {
    async openFile(event, request) {
      const parsed = openFileRequestSchema.safeParse(request);
      if (!parsed.success) return refuse('open-file');
      const owner = ownerOf(event, 'open-file');
      if (owner === null) return null;
      const extensions = FILE_KIND_EXTENSIONS[parsed.data.kind];
      const answer = await dialog.showOpenDialog(owner, {
        title: parsed.data.title,
        defaultPath: lastFolder,
        properties: ['openFile', 'dontAddToRecent'],
        filters: filtersFor(extensions, parsed.data.filterName),
      });
      const file = answer.canceled ? undefined : answer.filePaths[0];
      if (!file) return null;
      lastFolder = path.dirname(file);
      return grant(event, { path: file, use: 'read' });
    },
    async saveFile(event, request) {
      const parsed = saveFileRequestSchema.safeParse(request);
      if (!parsed.success) return refuse('save-file');
      const owner = ownerOf(event, 'save-file');
      if (owner === null) return null;
      const extensions = FILE_KIND_EXTENSIONS[parsed.data.kind];
      const answer = await dialog.showSaveDialog(owner, {
        title: parsed.data.title,
        defaultPath: path.join(lastFolder, safeFileName(parsed.data.defaultName, extensions[0])),
        properties: ['showOverwriteConfirmation', 'createDirectory', 'dontAddToRecent'],
        filters: filtersFor(extensions, parsed.data.filterName),
      });
      if (answer.canceled || !answer.filePath) return null;
      const file = withExtension(answer.filePath, extensions);
      lastFolder = path.dirname(file);
      // The dialog asked before replacing the name it showed; a name it showed without the extension
      // we then added was never asked about, so that file is not replaced.
      return grant(event, { path: file, use: 'write', overwrite: file === answer.filePath && fs.existsSync(file) });
    },
    async chooseFolder(event, request) {
      const parsed = chooseFolderRequestSchema.safeParse(request);
      if (!parsed.success) return refuse('choose-folder');
      const owner = ownerOf(event, 'choose-folder');
      if (owner === null) return null;
      const answer = await dialog.showOpenDialog(owner, {
        title: parsed.data.title,
        defaultPath: lastFolder,
        properties: ['openDirectory', 'createDirectory', 'dontAddToRecent'],
      });
      const folder = answer.canceled ? undefined : answer.filePaths[0];
      if (!folder) return null;
      lastFolder = folder;
      return grant(event, { path: folder, use: 'folder' });
    },
  };

  function refuse(what: string): Promise<null> {
    log.warn(`refused a malformed ${what} dialog request`);
    return Promise.resolve(null);
  }

  const channels: string[] = [];
  for (const name of Object.keys(IPC_DIALOG_CHANNELS) as (keyof FileDialogs)[]) {
    const channel = IPC_DIALOG_CHANNELS[name];
    const handler = handlers[name];
    ipcMain.handle(channel, (event, request) =>
      handler(event, request).catch((error: unknown) => {
        // A dialog that fails to open is a cancelled choice for the clerk; the log keeps the why.
        log.error(`${name} dialog failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        return null;
      }),
    );
    channels.push(channel);
  }
  return {
    channels,
    dispose() {
      for (const channel of channels) ipcMain.removeHandler(channel);
    },
  };
}
