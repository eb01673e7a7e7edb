/**
 * Electron main: the shell around the core. It starts the core worker on the office database,
 * opens one hardened window, wires the IPC door, and closes the core cleanly on quit. Everything
 * the app *does* lives in the core; keep this process thin (it is the part tests cannot launch).
 */
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session } from 'electron';
import { startCoreWorker, type CoreClient } from '../core/worker-client';
import { resolveAppPage } from './app-page';
import { registerAppScheme } from './app-protocol';
import { createFileLogger } from './file-logger';
import { registerFileDialogs, type FileDialogDoor } from './file-dialogs';
import { registerIpc, type IpcDoor } from './ipc';
import { mainMessages } from './messages';
import { devNativeBinding, startCore } from './startup';
import { createMainWindow, hardenSession, hardenWebContents } from './window';

const APP_USER_MODEL_ID = 'cn.gov.civicdesk';
/**
 * A stuck job must not keep a closed app alive; WAL keeps the database consistent regardless. The
 * close includes the backup on exit (about 8 s for 20,000 residents on a slow PC): if it runs past
 * this, the app quits anyway and the half-written backup is only a temporary file, removed next time.
 */
const CORE_CLOSE_TIMEOUT_MS = 60_000;

// Every renderer sandboxed, including any we did not create ourselves.
app.enableSandbox();

const page = resolveAppPage({ isPackaged: app.isPackaged, rendererUrl: process.env.ELECTRON_RENDERER_URL, mainDir: __dirname });
// The page's scheme must be privileged before the app is ready; its handler is set on the window's
// session when the window opens (window.ts). A dev-server run has no app:// at all.
if (page.kind === 'app') registerAppScheme(protocol);
const logDir = path.join(app.getPath('userData'), 'logs');
// Echo to the terminal in development runs started from one (electron-vite keeps the TTY).
const logger = createFileLogger({ dir: logDir, base: 'civicdesk', echo: !app.isPackaged && process.stderr.isTTY === true });

let core: CoreClient | null = null;
let door: IpcDoor | null = null;
let dialogs: FileDialogDoor | null = null;
let mainWindow: BrowserWindow | null = null;
let shutdown: 'running' | 'closing' | 'closed' = 'running';

// One app per user: two instances would fight over the one writer connection to the database.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  process.on('uncaughtException', (error) => logger.error(`uncaught exception: ${error.stack ?? error.message}`));
  process.on('unhandledRejection', (reason) => logger.error(`unhandled rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`));

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, page));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', (event) => {
    if (!core || shutdown === 'closed') return;
    event.preventDefault();
    if (shutdown === 'closing') return;
    shutdown = 'closing';
    void closeCore().finally(() => {
      shutdown = 'closed';
      app.quit();
    });
  });

  void run().catch((error: unknown) => {
    logger.error(`startup failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    const m = mainMessages(app.getLocale());
    dialog.showErrorBox(m.startFailedTitle, m.startFailed({ logDir }));
    app.exit(1);
  });
}

async function run(): Promise<void> {
  await app.whenReady();
  if (process.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);
  // The default menu offers reload and developer tools; clerks need neither. macOS keeps it for
  // copy/paste shortcuts, which live in the Edit menu there.
  if (app.isPackaged && process.platform !== 'darwin') Menu.setApplicationMenu(null);
  hardenSession(session.defaultSession);
  // Builds before schema v7 kept resident-form drafts (with ID numbers) in localStorage under the
  // file:// origin the page had then; the page is app:// now and its sign-in cleanup cannot see them.
  void session.defaultSession
    .clearStorageData({ origin: 'file://', storages: ['localstorage'] })
    .catch((error: unknown) => logger.warn(`could not clear the old file:// page storage: ${error instanceof Error ? error.message : String(error)}`));

  const messages = mainMessages(app.getLocale());
  const nativeBinding = devNativeBinding(app.isPackaged, app.getAppPath());
  if (!app.isPackaged && !nativeBinding) {
    logger.warn('no Electron build of the SQLite binding in build/electron-native; run `node scripts/electron-native.cjs` (npm start does)');
  }
  logger.info(`CivicDesk ${app.getVersion()} starting (Electron ${process.versions.electron}, ${process.platform}-${process.arch})`);

  core = await startCore({
    start: startCoreWorker,
    workerEntry: path.join(__dirname, 'core-worker.js'),
    dbPath: path.join(app.getPath('userData'), 'civicdesk.db'),
    appVersion: app.getVersion(),
    nativeBinding,
    log: logger,
    coreLog: logger.child('core'),
    messages,
    logDir,
    showErrorBox: (title, content) => dialog.showErrorBox(title, content),
    askRestore: async (q) => {
      const { response } = await dialog.showMessageBox({ type: 'warning', title: q.title, message: q.message, detail: q.detail, buttons: [q.restore, q.quit], defaultId: 0, cancelId: 1, noLink: true });
      return response === 0;
    },
  });
  if (!core) {
    app.quit();
    return;
  }
  door = registerIpc({ ipcMain, core, page, log: logger.child('ipc') });
  dialogs = registerFileDialogs({
    ipcMain,
    dialog,
    core,
    windowOf: (sender) => BrowserWindow.getAllWindows().find((win) => win.webContents.id === sender.id) ?? null,
    page,
    log: logger.child('dialogs'),
    defaultFolder: documentsFolder(),
  });
  openMainWindow(messages.windowTitle);
  app.on('activate', () => {
    // macOS: clicking the dock icon with no window open brings the window back.
    if (BrowserWindow.getAllWindows().length === 0 && core && shutdown === 'running') openMainWindow(messages.windowTitle);
  });
}

function openMainWindow(title: string): void {
  const win = createMainWindow({
    page,
    mainDir: __dirname,
    title,
    onProtocolError: (error) => logger.error(`serving app:// failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
  });
  mainWindow = win;
  door?.attach(win.webContents);
  win.webContents.on('render-process-gone', (_event, details) => logger.error(`renderer gone: ${details.reason} (exit ${details.exitCode})`));
  win.webContents.on('preload-error', (_event, preload, error) => logger.error(`preload ${preload} failed: ${error.stack ?? error.message}`));
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
}

async function closeCore(): Promise<void> {
  const client = core;
  if (!client) return;
  door?.dispose();
  dialogs?.dispose();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), CORE_CLOSE_TIMEOUT_MS);
  });
  try {
    // The automatic backup on exit runs inside the core's close (rotated in <userData>/backups).
    const outcome = await Promise.race([client.close({ backup: true }).then(() => 'closed' as const), timeout]);
    if (outcome === 'timeout') logger.warn(`core did not close within ${CORE_CLOSE_TIMEOUT_MS} ms; quitting anyway`);
    else logger.info('core closed');
  } catch (error) {
    logger.error(`closing the core failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  } finally {
    clearTimeout(timer);
  }
}

/** Where the first file dialog opens; getPath throws when the system names no such folder. */
function documentsFolder(): string {
  try {
    return app.getPath('documents');
  } catch {
    return app.getPath('home');
  }
}
