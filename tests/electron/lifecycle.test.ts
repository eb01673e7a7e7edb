/**
 * electron/main/index.ts end to end with the `electron` module and the core worker substituted:
 * the single-instance lock, the database path, the window and IPC wiring, the refusal dialog, and
 * closing the core before the app quits.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_DIALOG_CHANNELS, IPC_METHOD_PREFIX, methodNames, type Result } from '../../shared/contract';
import type { CoreClient, CoreEventListener } from '../../electron/core/worker-client';
import { FakeEvent } from './support/fake-electron';

const fake = await vi.hoisted(async () => (await import('./support/fake-electron')).createElectronFake());
vi.mock('electron', () => fake.module);

const core = vi.hoisted(() => ({
  start: vi.fn<(entry: string, options: Record<string, unknown>) => Promise<unknown>>(),
}));
vi.mock('../../electron/core/worker-client', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../electron/core/worker-client')>();
  return { ...original, startCoreWorker: (entry: string, options: Record<string, unknown>) => core.start(entry, options) };
});

const { CoreWorkerError } = await import('../../electron/core/worker-client');
const { writeBackupFile } = await import('../../electron/core/backup/backup-file');

function fakeCoreClient() {
  let release: () => void = () => {};
  const closing = new Promise<void>((resolve) => {
    release = resolve;
  });
  const calls: [string, string, unknown][] = [];
  const client = {
    dispatch: vi.fn(async (connectionId: string, method: string, input: unknown): Promise<Result<unknown>> => {
      calls.push([connectionId, method, input]);
      return { ok: true, value: {} };
    }),
    onEvent: vi.fn((_listener: CoreEventListener) => () => {}),
    grantFile: vi.fn(async () => null),
    close: vi.fn(() => closing),
  } satisfies CoreClient;
  return { client, calls, finishClosing: () => release() };
}

const processListeners = { uncaughtException: process.listeners('uncaughtException'), unhandledRejection: process.listeners('unhandledRejection') };

/** Import index.ts afresh: it starts the app as a side effect, like Electron does. */
async function launch(): Promise<void> {
  vi.resetModules();
  await import('../../electron/main/index');
  // Let run() get past whenReady and the (fake) core start.
  await new Promise((resolve) => setTimeout(resolve, 20));
}

beforeEach(() => {
  fake.windows.length = 0;
  fake.ipcMain.handlers.clear();
  fake.protocol.handlers.clear();
  fake.protocol.privileged.length = 0;
  fake.app.removeAllListeners();
  vi.clearAllMocks();
  // The page is the packaged one (app://) unless a test asks for the dev server.
  vi.stubEnv('ELECTRON_RENDERER_URL', '');
  fake.state.singleInstanceLock = true;
  fake.state.locale = 'zh-CN';
  fs.rmSync(fake.state.userData, { recursive: true, force: true });
});

afterEach(() => {
  vi.unstubAllEnvs();
  // index.ts logs uncaught errors to its file; do not leave that on the test process.
  const added = <T>(now: T[], before: T[]) => now.filter((listener) => !before.includes(listener));
  for (const l of added(process.listeners('uncaughtException'), processListeners.uncaughtException)) process.removeListener('uncaughtException', l);
  for (const l of added(process.listeners('unhandledRejection'), processListeners.unhandledRejection)) process.removeListener('unhandledRejection', l);
  fs.rmSync(fake.state.userData, { recursive: true, force: true });
});

describe('app lifecycle', () => {
  it('a second instance quits at once and never opens the database', async () => {
    fake.state.singleInstanceLock = false;
    await launch();
    expect(fake.app.quit).toHaveBeenCalled();
    expect(core.start).not.toHaveBeenCalled();
    expect(fake.windows).toHaveLength(0);
  });

  it('starts the core on userData/civicdesk.db, opens one hardened window and one handler per method', async () => {
    const { client } = fakeCoreClient();
    core.start.mockResolvedValue(client);
    await launch();
    expect(fake.app.enableSandbox).toHaveBeenCalled();
    expect(core.start).toHaveBeenCalledTimes(1);
    const [entry, options] = core.start.mock.calls[0];
    expect(path.basename(entry)).toBe('core-worker.js');
    // No Electron-ABI build in the fake app path: the default binding is used.
    expect(options).toEqual({ dbPath: path.join(fake.state.userData, 'civicdesk.db'), create: true, appVersion: '0.1.0', automaticBackups: true, databaseCheck: true });
    expect(fake.windows).toHaveLength(1);
    expect(fake.windows[0].options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false });
    expect(fake.defaultSession.permissionCheckHandler?.({}, 'media', '', {})).toBe(false);
    expect([...fake.ipcMain.handlers.keys()].sort()).toEqual([...methodNames.map((m) => IPC_METHOD_PREFIX + m), ...Object.values(IPC_DIALOG_CHANNELS)].sort());
    expect(fs.readFileSync(path.join(fake.state.userData, 'logs', 'civicdesk.log'), 'utf8')).toMatch(/core started/);
  });

  it('serves the window from app://civicdesk/: the scheme made privileged before the app is ready, its handler on the window’s session', async () => {
    core.start.mockResolvedValue(fakeCoreClient().client);
    await launch();
    expect(fake.protocol.privileged).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);
    expect(fake.protocol.registerSchemesAsPrivileged.mock.invocationCallOrder[0]).toBeLessThan(fake.app.whenReady.mock.invocationCallOrder[0]);
    const win = fake.windows[0];
    expect(win.webContents.loadURL).toHaveBeenCalledWith('app://civicdesk/index.html');
    expect(win.webContents.loadFile).not.toHaveBeenCalled();
    expect(win.webContents.session.protocol.isProtocolHandled('app')).toBe(true);
    // What the old file:// page left in localStorage (drafts with ID numbers) is cleared.
    expect(fake.defaultSession.clearedStorage).toContainEqual({ origin: 'file://', storages: ['localstorage'] });
  });

  it('a development run on the dev server registers no app:// scheme', async () => {
    vi.stubEnv('ELECTRON_RENDERER_URL', 'http://localhost:5173/');
    core.start.mockResolvedValue(fakeCoreClient().client);
    await launch();
    expect(fake.protocol.registerSchemesAsPrivileged).not.toHaveBeenCalled();
    expect(fake.protocol.handle).not.toHaveBeenCalled();
    expect(fake.windows[0].webContents.loadURL).toHaveBeenCalledWith('http://localhost:5173/');
  });

  it('passes the Electron-ABI binding when scripts/electron-native.cjs has built it', async () => {
    const binding = path.join(fake.state.appPath, 'build', 'electron-native', 'better-sqlite3-multiple-ciphers', 'build', 'Release', 'better_sqlite3.node');
    fs.mkdirSync(path.dirname(binding), { recursive: true });
    fs.writeFileSync(binding, '');
    try {
      core.start.mockResolvedValue(fakeCoreClient().client);
      await launch();
      expect(core.start.mock.calls[0][1]).toMatchObject({ nativeBinding: binding });
    } finally {
      fs.rmSync(fake.state.appPath, { recursive: true, force: true });
    }
  });

  it('logs the window’s session out when it closes, and quits when all windows are closed (not on macOS)', async () => {
    const { client, calls } = fakeCoreClient();
    core.start.mockResolvedValue(client);
    await launch();
    const win = fake.windows[0];
    win.close();
    expect(calls).toContainEqual([`ipc:${win.webContents.id}`, 'accounts.logout', {}]);
    fake.app.emit('window-all-closed');
    expect(fake.app.quit).toHaveBeenCalledTimes(process.platform === 'darwin' ? 0 : 1);
  });

  it('holds the quit until the core has closed, then quits', async () => {
    const { client, finishClosing } = fakeCoreClient();
    core.start.mockResolvedValue(client);
    await launch();
    const first = new FakeEvent();
    fake.app.emit('will-quit', first);
    expect(first.defaultPrevented).toBe(true);
    expect(client.close).toHaveBeenCalledTimes(1);
    // The core takes its automatic backup on exit before it closes.
    expect(client.close).toHaveBeenCalledWith({ backup: true });
    const again = new FakeEvent();
    fake.app.emit('will-quit', again);
    expect(again.defaultPrevented).toBe(true);
    expect(client.close).toHaveBeenCalledTimes(1);
    expect(fake.app.quit).not.toHaveBeenCalled();
    finishClosing();
    await vi.waitFor(() => expect(fake.app.quit).toHaveBeenCalledTimes(1));
    const last = new FakeEvent();
    fake.app.emit('will-quit', last);
    expect(last.defaultPrevented).toBe(false);
    expect(fake.ipcMain.handlers.size).toBe(0);
  });

  it('a file that is not a database: dialog naming the file, no window, quit', async () => {
    core.start.mockRejectedValue(new CoreWorkerError('not ours', 'not_a_database'));
    await launch();
    expect(fake.dialog.showErrorBox).toHaveBeenCalledTimes(1);
    const [title, body] = fake.dialog.showErrorBox.mock.calls[0];
    expect(title).toBe('无法打开数据库');
    expect(body).toContain(path.join(fake.state.userData, 'civicdesk.db'));
    expect(fake.windows).toHaveLength(0);
    expect(fake.ipcMain.handlers.size).toBe(0);
    expect(fake.app.quit).toHaveBeenCalled();
    // Nothing to close: the quit goes through.
    const e = new FakeEvent();
    fake.app.emit('will-quit', e);
    expect(e.defaultPrevented).toBe(false);
  });

  it('a damaged database: a message box offers the latest backup; "quit" leaves everything as it is and quits', async () => {
    const backups = path.join(fake.state.userData, 'backups');
    fs.mkdirSync(backups, { recursive: true });
    const payload = path.join(fake.state.userData, 'payload.bin');
    fs.writeFileSync(payload, 'not a real database: only the header is read before the clerk decides');
    const backup = path.join(backups, 'civicdesk-DWK-CYJ-2025-03-10_163005.cdbak');
    await writeBackupFile(
      backup,
      {
        createdAt: '2025-03-10T08:30:05.000Z',
        local: '2025-03-10T16:30:05',
        kind: 'daily',
        office: { code: 'DWK-CYJ', name: '朝阳街社区居委会', divisionCode: '640202' },
        appVersion: '0.1.0',
        schemaVersion: 5,
        counts: { residents: 1234, households: 456 },
        changeSeq: 9,
        encrypted: true,
        keys: null,
      },
      payload,
      null,
    );
    // The office's key slot file names the same office, and the core found the backup verified by the damage marker.
    fs.writeFileSync(path.join(fake.state.userData, 'civicdesk.db.keys'), JSON.stringify({ format: 1, office: { code: 'DWK-CYJ', name: '朝阳街社区居委会', divisionCode: '640202' }, slots: [] }));
    core.start.mockRejectedValue(
      new CoreWorkerError('damaged', 'damaged', { problems: ['Tree 3 page 7: btreeInitPage() returns error code 11'], backup, backupVerified: true }),
    );
    fake.dialog.showMessageBox.mockResolvedValue({ response: 1 });
    await launch();
    expect(fake.dialog.showMessageBox).toHaveBeenCalledTimes(1);
    const [options] = fake.dialog.showMessageBox.mock.calls[0] as [{ type: string; buttons: string[]; defaultId: number; cancelId: number; detail: string }];
    expect(options).toMatchObject({ type: 'warning', buttons: ['用备份恢复', '退出'], defaultId: 0, cancelId: 1 });
    expect(options.detail).toContain(backup);
    expect(options.detail).toContain('居民 1234 人，456 户');
    expect(fake.dialog.showErrorBox).not.toHaveBeenCalled();
    expect(core.start).toHaveBeenCalledTimes(1);
    expect(fake.windows).toHaveLength(0);
    expect(fake.app.quit).toHaveBeenCalled();
    expect(fs.readdirSync(backups)).toEqual([path.basename(backup)]);
  });

  it('a database from a newer app, English locale: dialog with both versions', async () => {
    fake.state.locale = 'en-GB';
    core.start.mockRejectedValue(new CoreWorkerError('too new', 'too_new', { dbVersion: 9, appVersion: 3 }));
    await launch();
    const [title, body] = fake.dialog.showErrorBox.mock.calls[0];
    expect(title).toBe('Database is from a newer version');
    expect(body).toContain('database version 9');
    expect(body).toContain('supports up to 3');
    expect(fake.windows).toHaveLength(0);
  });
});
