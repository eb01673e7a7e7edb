/**
 * Starting the core from main: the clerk is told, in their language, why a database cannot be
 * opened — and the file is left byte for byte as it was. The real core runs in a real worker here
 * (the Node-ABI SQLite build); only the dialog is a fake.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it, vi, type Mock } from 'vitest';
import { CoreWorkerError, startCoreWorker, type CoreClient } from '../../electron/core/worker-client';
import { silentLogger } from '../../electron/core/log';
import { mainLanguage, mainMessages } from '../../electron/main/messages';
import { devNativeBinding, ELECTRON_NATIVE_BINDING, startCore, type StartCoreDeps } from '../../electron/main/startup';
import { disposeTestResources, makeTempDir, onDispose, sha256 } from '../support/temp-dir';

afterEach(disposeTestResources);

const workerEntry = path.resolve('electron', 'core', 'worker-dev-entry.cjs');

type ShowErrorBox = (title: string, content: string) => void;

function deps(dbPath: string, overrides: Partial<StartCoreDeps> = {}): StartCoreDeps & { showErrorBox: Mock<ShowErrorBox> } {
  return {
    start: startCoreWorker,
    workerEntry,
    dbPath,
    appVersion: '0.1.0',
    log: silentLogger,
    coreLog: silentLogger,
    messages: mainMessages('zh-CN'),
    logDir: path.join(path.dirname(dbPath), 'logs'),
    ...overrides,
    showErrorBox: vi.fn<ShowErrorBox>(),
  };
}

function keep(core: CoreClient | null): CoreClient | null {
  if (core) onDispose(() => core.close());
  return core;
}

describe('starting the core from main', () => {
  it('opens (creating) the database and answers calls', async () => {
    const file = path.join(makeTempDir(), 'civicdesk.db');
    const d = deps(file);
    const core = keep(await startCore(d));
    expect(core).not.toBeNull();
    await expect(core?.dispatch('ipc:1', 'accounts.session', {})).resolves.toEqual({ ok: true, value: { session: null } });
    expect(d.showErrorBox).not.toHaveBeenCalled();
    // A new office database is encrypted from its first byte, so it is created by setup, not at start (vault.ts).
    expect(fs.existsSync(file)).toBe(false);
  });

  it('refuses a file that is not a database: Chinese dialog naming the file, file unchanged', async () => {
    const file = path.join(makeTempDir(), 'civicdesk.db');
    fs.writeFileSync(file, '这是一份会议纪要，不是数据库。\n'.repeat(200));
    const before = sha256(file);
    const d = deps(file);
    expect(keep(await startCore(d))).toBeNull();
    expect(d.showErrorBox).toHaveBeenCalledTimes(1);
    const [title, body] = d.showErrorBox.mock.calls[0];
    expect(title).toBe('无法打开数据库');
    expect(body).toContain(file);
    expect(body).toMatch(/没有修改/);
    expect(sha256(file)).toBe(before);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['civicdesk.db']);
  });

  it('refuses a database from a newer app: English dialog with both versions, file unchanged', async () => {
    const file = path.join(makeTempDir(), 'civicdesk.db');
    const db = new Database(file);
    db.exec('CREATE TABLE t (x)');
    db.pragma('user_version = 999');
    db.close();
    const before = sha256(file);
    const d = deps(file, { messages: mainMessages('en-US') });
    expect(keep(await startCore(d))).toBeNull();
    const [title, body] = d.showErrorBox.mock.calls[0];
    expect(title).toBe('Database is from a newer version');
    expect(body).toContain(file);
    expect(body).toContain('999');
    expect(body).toContain('0.1.0');
    expect(body).toMatch(/supports up to \d+/);
    expect(sha256(file)).toBe(before);
  });

  it('shows a generic message pointing at the log folder for anything else, and logs the stack', async () => {
    const file = path.join(makeTempDir(), 'civicdesk.db');
    const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
    const d = deps(file, { log, start: () => Promise.reject(new Error('NODE_MODULE_VERSION mismatch')) });
    expect(await startCore(d)).toBeNull();
    const [title, body] = d.showErrorBox.mock.calls[0];
    expect(title).toBe('民政工作台无法启动');
    expect(body).toContain(d.logDir);
    expect(log.error.mock.calls[0][0]).toMatch(/NODE_MODULE_VERSION mismatch/);
  });

  it('recognises the refusal also as the worker’s own cloned error (its uncaught error can beat the fatal message)', async () => {
    const cloned = Object.assign(new Error('x is not a CivicDesk database'), { name: 'DatabaseOpenError', reason: 'not_a_database', details: {} });
    const d = deps('/x/civicdesk.db', { start: () => Promise.reject(cloned) });
    await startCore(d);
    expect(d.showErrorBox.mock.calls[0][0]).toBe('无法打开数据库');
    const future = Object.assign(new Error('too new'), { reason: 'too_new', details: { dbVersion: 7, appVersion: 3 } });
    const e = deps('/x/civicdesk.db', { messages: mainMessages('en'), start: () => Promise.reject(future) });
    await startCore(e);
    expect(e.showErrorBox.mock.calls[0][1]).toContain('database version 7');
  });

  it('reads versions from the worker error defensively', async () => {
    const file = path.join(makeTempDir(), 'civicdesk.db');
    const d = deps(file, { messages: mainMessages('en'), start: () => Promise.reject(new CoreWorkerError('too new', 'too_new', 'garbage')) });
    await startCore(d);
    expect(d.showErrorBox.mock.calls[0][1]).toContain('database version ?');
  });

  it('passes create, the app version, automatic backups and — only when given — the native binding', async () => {
    const start = vi.fn(() => Promise.reject(new Error('stop')));
    await startCore(deps('/x/civicdesk.db', { start }));
    expect(start).toHaveBeenCalledWith(workerEntry, { dbPath: '/x/civicdesk.db', create: true, appVersion: '0.1.0', automaticBackups: true, databaseCheck: true }, silentLogger);
    await startCore(deps('/x/civicdesk.db', { start, nativeBinding: '/b/better_sqlite3.node' }));
    expect(start).toHaveBeenLastCalledWith(
      workerEntry,
      { dbPath: '/x/civicdesk.db', create: true, appVersion: '0.1.0', automaticBackups: true, databaseCheck: true, nativeBinding: '/b/better_sqlite3.node' },
      silentLogger,
    );
  });
});

describe('the Electron-ABI native binding', () => {
  it('is used only unpackaged, and only when scripts/electron-native.cjs has built it', () => {
    const root = path.resolve('some', 'checkout');
    const expected = path.join(root, 'build', 'electron-native', 'better-sqlite3-multiple-ciphers', 'build', 'Release', 'better_sqlite3.node');
    expect(path.join(root, ...ELECTRON_NATIVE_BINDING)).toBe(expected);
    expect(devNativeBinding(false, root, (f) => f === expected)).toBe(expected);
    expect(devNativeBinding(false, root, () => false)).toBeUndefined();
    expect(devNativeBinding(true, root, () => true)).toBeUndefined();
  });

  it('is where the build script puts it', () => {
    const script = fs.readFileSync(path.resolve('scripts', 'electron-native.cjs'), 'utf8');
    expect(script).toContain("path.join(root, 'build', 'electron-native')");
    expect(script).toContain("path.join(dir, 'build', 'Release', 'better_sqlite3.node')");
    expect(ELECTRON_NATIVE_BINDING).toEqual(['build', 'electron-native', 'better-sqlite3-multiple-ciphers', 'build', 'Release', 'better_sqlite3.node']);
  });
});

describe('main-process messages', () => {
  it('are Chinese for Chinese locales and English otherwise', () => {
    expect(['zh-CN', 'zh', 'zh-TW', 'ZH-cn', ''].map(mainLanguage)).toEqual(['zh-CN', 'zh-CN', 'zh-CN', 'zh-CN', 'zh-CN']);
    expect(['en-US', 'en', 'de', 'zhx'].map(mainLanguage)).toEqual(['en', 'en', 'en', 'en']);
  });

  it('have the same keys in both languages', () => {
    expect(Object.keys(mainMessages('zh-CN')).sort()).toEqual(Object.keys(mainMessages('en')).sort());
  });
});
