/**
 * The system's file dialogs (打开 / 另存为 / 选择文件夹), for the contract methods that take a path
 * (`imports.*`, `exports.residents`, `backup.*`). They are not contract methods: the core has no
 * windows. The Electron preload exposes them beside `invoke`; main shows them on the sender's window.
 * The browser preview has no such dialogs; the renderer asks for a typed path there instead.
 *
 * Main parses every request with these schemas (page script could send anything). The renderer
 * passes the texts already translated, so the dialog speaks the language on screen.
 */
import { z } from 'zod';

/** What the file is; main turns it into extension filters (and the extension a saved file gets). */
export const OPEN_FILE_KINDS = ['spreadsheet', 'backup'] as const;
export const SAVE_FILE_KINDS = ['xlsx', 'csv'] as const;
export type OpenFileKind = (typeof OPEN_FILE_KINDS)[number];
export type SaveFileKind = (typeof SAVE_FILE_KINDS)[number];

/** Extensions per kind, without the dot. */
export const FILE_KIND_EXTENSIONS: Record<OpenFileKind | SaveFileKind, readonly string[]> = {
  spreadsheet: ['xlsx', 'csv'],
  backup: ['cdbak'],
  xlsx: ['xlsx'],
  csv: ['csv'],
};

const label = z.string().max(200);

export const openFileRequestSchema = z.object({
  kind: z.enum(OPEN_FILE_KINDS),
  title: label,
  /** The filter's name in the dialog ("Excel 或 CSV 表格"). */
  filterName: label,
});
export type OpenFileRequest = z.infer<typeof openFileRequestSchema>;

export const saveFileRequestSchema = z.object({
  kind: z.enum(SAVE_FILE_KINDS),
  title: label,
  filterName: label,
  /** A file name only (any folder part is dropped); main makes it safe for Windows and adds the extension. */
  defaultName: z.string().max(255),
});
export type SaveFileRequest = z.infer<typeof saveFileRequestSchema>;

export const chooseFolderRequestSchema = z.object({ title: label });
export type ChooseFolderRequest = z.infer<typeof chooseFolderRequestSchema>;

/** Each answers the chosen path, or null when the clerk cancelled. */
export interface FileDialogs {
  openFile(request: OpenFileRequest): Promise<string | null>;
  saveFile(request: SaveFileRequest): Promise<string | null>;
  chooseFolder(request: ChooseFolderRequest): Promise<string | null>;
}

// Their IPC channels (IPC_DIALOG_CHANNELS) are in bridge.ts: the preload needs them, and this file's zod must not follow.
