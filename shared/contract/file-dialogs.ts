/**
 * The system's file dialogs (打开 / 另存为 / 选择文件夹), for the contract methods that take a file
 * (`imports.*`, `exports.residents`, `backup.*`, `sync.*`, `bureau.*`). They are not contract
 * methods: the core has no windows. The Electron preload exposes them beside `invoke`; main shows them on the sender's window.
 * The browser preview has no such dialogs; the renderer asks for a typed path there instead, and the
 * preview server turns it into a handle the same way (only under the folder it was started with).
 *
 * What a dialog answers is a **handle** the core issued for the chosen path: a contract call names
 * the file by it, never by a path the page made up. A handle works only for the window (connection)
 * it was issued to, only for its use (read a file, write a file, a folder), for 30 minutes after its
 * last use; a write handle works once.
 *
 * Main parses every request with these schemas (page script could send anything). The renderer
 * passes the texts already translated, so the dialog speaks the language on screen.
 */
import { z } from 'zod';

/** What the file is; main turns it into extension filters (and the extension a saved file gets). */
export const OPEN_FILE_KINDS = ['spreadsheet', 'backup', 'geojson', 'enrollment', 'bundle', 'receipt', 'json'] as const;
export const SAVE_FILE_KINDS = ['xlsx', 'csv', 'cdenroll'] as const;
export type OpenFileKind = (typeof OPEN_FILE_KINDS)[number];
export type SaveFileKind = (typeof SAVE_FILE_KINDS)[number];

/** Extensions per kind, without the dot. */
export const FILE_KIND_EXTENSIONS: Record<OpenFileKind | SaveFileKind, readonly string[]> = {
  spreadsheet: ['xlsx', 'csv'],
  backup: ['cdbak'],
  geojson: ['geojson', 'json'],
  // 数据报送: the bureau's enrollment file, an office's bundle, the bureau's receipt (electron/core/sync/format.ts).
  enrollment: ['cdenroll'],
  bundle: ['cdbundle'],
  receipt: ['cdreceipt'],
  // A standard or code table the bureau publishes (bureau.publish).
  json: ['json'],
  cdenroll: ['cdenroll'],
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

/** Every handle starts with this; anything else in a file field is a path (accepted from the CLI only). */
export const FILE_HANDLE_PREFIX = 'fh_';
export const FILE_USES = ['read', 'write', 'folder'] as const;
/** What a handle allows: read a file, write (create or — confirmed — replace) a file, list and create in a folder. */
export type FileUse = (typeof FILE_USES)[number];

/** A file or folder the clerk chose: the handle to pass in calls, and its name and path to show. */
export interface ChosenFile {
  handle: string;
  name: string;
  path: string;
}

/** The preview server's stand-in for a dialog: a typed path, for one use. */
export const grantRequestSchema = z.object({
  path: z.string().min(1).max(4096),
  use: z.enum(FILE_USES),
  /** The clerk ticked "replace it if it exists" (a save dialog's overwrite confirmation). */
  overwrite: z.boolean().default(false),
});
export type GrantRequest = z.infer<typeof grantRequestSchema>;

/** Each answers the chosen file, or null when the clerk cancelled. */
export interface FileDialogs {
  openFile(request: OpenFileRequest): Promise<ChosenFile | null>;
  saveFile(request: SaveFileRequest): Promise<ChosenFile | null>;
  chooseFolder(request: ChooseFolderRequest): Promise<ChosenFile | null>;
}

// Their IPC channels (IPC_DIALOG_CHANNELS) are in bridge.ts: the preload needs them, and this file's zod must not follow.
