/**
 * The file-dialog door in main (electron/main/file-dialogs.ts) with the `electron` module
 * substituted: which window the dialog belongs to, which options it gets (filters, a safe default
 * name, the folder the last dialog ended in), and what it refuses (another page, a subframe, a
 * malformed request) — answering null, as a cancelled dialog does, without showing anything. What
 * it answers is a real core's handle for the chosen path, bound to the asking window.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_DIALOG_CHANNELS } from '../../shared/contract';
import type { FrameLike } from '../../electron/main/app-page';
import { createTestHost, type TestHost } from '../support/test-host';
import { disposeTestResources } from '../support/temp-dir';

const fake = await vi.hoisted(async () => (await import('./support/fake-electron')).createElectronFake());
vi.mock('electron', () => fake.module);

const { BrowserWindow, dialog, ipcMain } = await import('electron');
const { registerFileDialogs, safeFileName, withExtension } = await import('../../electron/main/file-dialogs');
const { resolveAppPage } = await import('../../electron/main/app-page');

const page = resolveAppPage({ isPackaged: true, mainDir: path.resolve('out', 'main') });
const appUrl = 'app://civicdesk/index.html#/residents/import';
const topFrame: FrameLike = { url: appUrl, parent: null };
const documents = path.join(path.sep, 'home', '王芳', 'Documents');

let core: TestHost;

function setup() {
  fake.ipcMain.handlers.clear();
  const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
  core = createTestHost({ extra: { filePaths: 'handles' } });
  const door = registerFileDialogs({
    ipcMain,
    dialog,
    core: { grantFile: async (connectionId, chosen) => core.host.grantFile(connectionId, chosen) },
    windowOf: (sender) => BrowserWindow.getAllWindows().find((w) => w.webContents.id === sender.id) ?? null,
    page,
    log,
    defaultFolder: documents,
  });
  const win = new BrowserWindow({});
  const call = (channel: string, request: unknown, frame: FrameLike | null = topFrame, senderId = win.webContents.id) => {
    const handler = fake.ipcMain.handlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    return handler({ sender: { id: senderId }, senderFrame: frame }, request);
  };
  return { door, log, win, call };
}

beforeEach(() => {
  fake.windows.length = 0;
  vi.clearAllMocks();
});
afterEach(async () => {
  await core?.close();
  await disposeTestResources();
});

describe('file dialogs in main', () => {
  it('registers one handler per dialog and removes them on dispose', () => {
    const { door } = setup();
    expect([...fake.ipcMain.handlers.keys()].sort()).toEqual(Object.values(IPC_DIALOG_CHANNELS).sort());
    door.dispose();
    expect(fake.ipcMain.handlers.size).toBe(0);
  });

  it('opens a spreadsheet on the sender’s window with an xlsx/csv filter, and answers the chosen file', async () => {
    const { win, call } = setup();
    const chosen = path.join(documents, '花名册', '朝阳街 2025.xlsx');
    fake.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [chosen] });
    const answer = await call(IPC_DIALOG_CHANNELS.openFile, { kind: 'spreadsheet', title: '选择花名册', filterName: 'Excel 或 CSV 表格' });
    // A handle for this window's connection and for reading; the path only to show.
    expect(answer).toEqual({ handle: expect.stringMatching(/^fh_[A-Za-z0-9_-]{32}$/), name: '朝阳街 2025.xlsx', path: chosen });
    const { handle } = answer as { handle: string };
    const files = core.host.services.files;
    expect(files.resolve(`ipc:${win.webContents.id}`, handle, 'read', ['file']).path).toBe(chosen);
    expect(() => files.resolve(`ipc:${win.webContents.id + 1}`, handle, 'read', ['file'])).toThrow();
    expect(() => files.resolve(`ipc:${win.webContents.id}`, handle, 'write', ['file'])).toThrow();
    const [owner, options] = fake.dialog.showOpenDialog.mock.calls[0];
    expect(owner).toBe(win);
    expect(options).toMatchObject({
      title: '选择花名册',
      defaultPath: documents,
      properties: expect.arrayContaining(['openFile']),
      filters: [{ name: 'Excel 或 CSV 表格', extensions: ['xlsx', 'csv'] }],
    });
    // The next dialog opens where this one ended.
    await call(IPC_DIALOG_CHANNELS.chooseFolder, { title: '备份到' });
    expect(fake.dialog.showOpenDialog.mock.calls[1][1]).toMatchObject({ defaultPath: path.dirname(chosen), properties: expect.arrayContaining(['openDirectory']) });
  });

  it('proposes a safe Chinese file name in the last folder, and adds the extension a Linux dialog leaves off', async () => {
    const { call } = setup();
    const typed = path.join(documents, '居民名单');
    fake.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: typed });
    const answer = await call(IPC_DIALOG_CHANNELS.saveFile, { kind: 'csv', title: '导出', filterName: 'CSV', defaultName: '..\\..\\居民:朝阳街/2025?.csv' });
    expect(answer).toMatchObject({ name: '居民名单.csv', path: `${typed}.csv` });
    const options = fake.dialog.showSaveDialog.mock.calls[0][1];
    expect(options).toMatchObject({ filters: [{ name: 'CSV', extensions: ['csv'] }], properties: expect.arrayContaining(['showOverwriteConfirmation']) });
    // Only the last name part survives, with nothing Windows refuses.
    expect(options.defaultPath).toBe(path.join(documents, '2025_.csv'));
  });

  it('answers null for a cancelled dialog', async () => {
    const { call } = setup();
    expect(await call(IPC_DIALOG_CHANNELS.openFile, { kind: 'backup', title: '', filterName: '' })).toBeNull();
    expect(fake.dialog.showOpenDialog.mock.calls[0][1]).toMatchObject({ filters: [{ name: '*.cdbak', extensions: ['cdbak'] }] });
    expect(await call(IPC_DIALOG_CHANNELS.saveFile, { kind: 'xlsx', title: '', filterName: '', defaultName: '错误报告' })).toBeNull();
  });

  it.each([
    ['another page', { url: 'https://example.com/', parent: null }],
    ['the built index.html over file://', { url: pathToFileURL(path.resolve('out', 'renderer', 'index.html')).href + '#/residents/import', parent: null }],
    ['a subframe of the app page', { url: appUrl, parent: { url: appUrl } }],
    ['a frame that is gone', null],
  ] satisfies [string, FrameLike | null][])('shows nothing to %s', async (_name, frame) => {
    const { call, log } = setup();
    fake.dialog.showOpenDialog.mockResolvedValue({ canceled: false, filePaths: ['/etc/passwd'] });
    expect(await call(IPC_DIALOG_CHANNELS.openFile, { kind: 'spreadsheet', title: 't', filterName: 'f' }, frame)).toBeNull();
    expect(await call(IPC_DIALOG_CHANNELS.chooseFolder, { title: 't' }, frame)).toBeNull();
    expect(fake.dialog.showOpenDialog).not.toHaveBeenCalled();
    expect(log.warn).toHaveBeenCalled();
    fake.dialog.showOpenDialog.mockReset();
  });

  it.each([
    ['no request', undefined],
    ['an unknown kind', { kind: 'exe', title: 't', filterName: 'f' }],
    ['a title that is not text', { kind: 'spreadsheet', title: ['x'], filterName: 'f' }],
  ])('refuses %s without showing a dialog', async (_name, request) => {
    const { call, log } = setup();
    expect(await call(IPC_DIALOG_CHANNELS.openFile, request)).toBeNull();
    expect(await call(IPC_DIALOG_CHANNELS.saveFile, request)).toBeNull();
    expect(fake.dialog.showOpenDialog).not.toHaveBeenCalled();
    expect(fake.dialog.showSaveDialog).not.toHaveBeenCalled();
    expect(log.warn).toHaveBeenCalled();
  });

  it('a dialog that fails to open answers null and logs why', async () => {
    const { call, log } = setup();
    fake.dialog.showSaveDialog.mockRejectedValueOnce(new Error('no display'));
    expect(await call(IPC_DIALOG_CHANNELS.saveFile, { kind: 'xlsx', title: 't', filterName: 'f', defaultName: 'a' })).toBeNull();
    expect(log.error.mock.calls[0][0]).toMatch(/no display/);
  });
});

describe('safe default file names', () => {
  it.each([
    ['居民-2025-03-10', 'xlsx', '居民-2025-03-10.xlsx'],
    ['居民.XLSX', 'xlsx', '居民.xlsx'],
    ['C:\\Users\\王芳\\花名册.csv', 'csv', '花名册.csv'],
    ['a<b>c:d"e|f?g*h', 'csv', 'a_b_c_d_e_f_g_h.csv'],
    ['报告. . ', 'xlsx', '报告.xlsx'],
    ['CON', 'csv', '_CON.csv'],
    ['', 'xlsx', 'civicdesk.xlsx'],
    ['...', 'xlsx', 'civicdesk.xlsx'],
    ['名'.repeat(300), 'xlsx', `${'名'.repeat(120)}.xlsx`],
    ['𠀀字'.repeat(100), 'csv', `${'𠀀字'.repeat(60)}.csv`],
  ])('%j as %s → %j', (name, ext, expected) => {
    expect(safeFileName(name, ext)).toBe(expected);
  });

  it('keeps a saved path whose extension fits, adds the first one otherwise', () => {
    expect(withExtension('/tmp/a.CSV', ['csv'])).toBe('/tmp/a.CSV');
    expect(withExtension('/tmp/a', ['xlsx'])).toBe('/tmp/a.xlsx');
    expect(withExtension('/tmp/a.txt', ['csv'])).toBe('/tmp/a.txt.csv');
  });
});
