import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeEvent, FakeFrameNavigateEvent } from './support/fake-electron';

const fake = await vi.hoisted(async () => (await import('./support/fake-electron')).createElectronFake());
vi.mock('electron', () => fake.module);

const { createMainWindow } = await import('../../electron/main/window');
const { resolveAppPage } = await import('../../electron/main/app-page');

const mainDir = path.resolve('out', 'main');
const indexFile = path.resolve('out', 'renderer', 'index.html');
const appPage = resolveAppPage({ isPackaged: true, mainDir });
const appUrl = 'app://civicdesk/index.html';

function openWindow(page = appPage) {
  createMainWindow({ page, mainDir });
  const win = fake.windows.at(-1);
  if (!win) throw new Error('no window created');
  return win;
}

function navigate(win: ReturnType<typeof openWindow>, event: 'will-navigate' | 'will-redirect', url: string): boolean {
  const e = new FakeEvent();
  win.webContents.emit(event, e, url);
  return e.defaultPrevented;
}

beforeEach(() => {
  fake.windows.length = 0;
  fake.protocol.handlers.clear();
  fake.protocol.handle.mockClear();
});

describe('main window', () => {
  it('uses exactly the secure webPreferences, with the bundled preload', () => {
    const win = openWindow();
    expect(win.options.webPreferences).toEqual({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webviewTag: false,
      spellcheck: false,
      preload: path.join(mainDir, '..', 'preload', 'index.js'),
    });
  });

  it('stays hidden until ready-to-show, and has a Chinese title', () => {
    const win = openWindow();
    expect(win.options.show).toBe(false);
    expect(win.options.title).toMatch(/民政工作台/);
    expect(win.visible).toBe(false);
    win.emit('ready-to-show');
    expect(win.visible).toBe(true);
  });

  it('loads the built renderer from app://civicdesk/ in production, never from a file', () => {
    const win = openWindow();
    expect(win.webContents.loadURL).toHaveBeenCalledWith(appUrl);
    expect(win.webContents.loadFile).not.toHaveBeenCalled();
  });

  it('serves app:// from out/renderer on the session the window uses, once however many windows open', async () => {
    const win = openWindow();
    openWindow();
    expect(win.webContents.session).toBe(fake.defaultSession);
    expect(fake.protocol.handle).toHaveBeenCalledTimes(1);
    const res = await win.webContents.session.protocol.request(appUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    expect(await res.text()).toBe(fs.readFileSync(indexFile, 'utf8'));
  });

  it('loads the dev server only in an unpackaged run, and serves no app:// then', () => {
    const devPage = resolveAppPage({ isPackaged: false, rendererUrl: 'http://localhost:5173/', mainDir });
    const win = openWindow(devPage);
    expect(win.webContents.loadURL).toHaveBeenCalledWith('http://localhost:5173/');
    expect(fake.protocol.handle).not.toHaveBeenCalled();
    expect(resolveAppPage({ isPackaged: true, rendererUrl: 'http://localhost:5173/', mainDir })).toEqual({
      kind: 'app',
      url: appUrl,
      origin: 'app://civicdesk',
      root: path.dirname(indexFile),
    });
  });

  it('denies every window.open, https links included', () => {
    const win = openWindow();
    for (const url of ['https://example.com/', 'http://example.com/', 'file:///etc/passwd', pathToFileURL(indexFile).href, appUrl]) {
      expect(win.webContents.windowOpenHandler?.({ url })).toEqual({ action: 'deny' });
    }
  });

  it('prevents navigation and redirects away from the app page, allows the app page itself', () => {
    const win = openWindow();
    for (const event of ['will-navigate', 'will-redirect'] as const) {
      expect(navigate(win, event, 'https://example.com/')).toBe(true);
      expect(navigate(win, event, 'file:///etc/passwd')).toBe(true);
      expect(navigate(win, event, pathToFileURL(path.resolve('out', 'renderer', 'other.html')).href)).toBe(true);
      expect(navigate(win, event, 'javascript:alert(1)')).toBe(true);
      // The built page itself over file:// is no longer the app.
      expect(navigate(win, event, pathToFileURL(indexFile).href + '#/residents')).toBe(true);
      expect(navigate(win, event, 'app://evil/index.html')).toBe(true);
      expect(navigate(win, event, appUrl + '#/residents')).toBe(false);
    }
  });

  it('prevents every subframe navigation', () => {
    const win = openWindow();
    const sub = new FakeFrameNavigateEvent(appUrl, false);
    win.webContents.emit('will-frame-navigate', sub);
    expect(sub.defaultPrevented).toBe(true);
    const away = new FakeFrameNavigateEvent('https://example.com/', true);
    win.webContents.emit('will-frame-navigate', away);
    expect(away.defaultPrevented).toBe(true);
    const onFile = new FakeFrameNavigateEvent(pathToFileURL(indexFile).href, true);
    win.webContents.emit('will-frame-navigate', onFile);
    expect(onFile.defaultPrevented).toBe(true);
  });

  it('refuses to attach a <webview>', () => {
    const win = openWindow();
    const e = new FakeEvent();
    win.webContents.emit('will-attach-webview', e, {}, {});
    expect(e.defaultPrevented).toBe(true);
  });

  it('refuses every permission request and check', () => {
    openWindow();
    const s = fake.defaultSession;
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn();
      s.permissionRequestHandler?.({}, permission, callback, {});
      expect(callback).toHaveBeenCalledWith(false);
      expect(s.permissionCheckHandler?.({}, permission, 'app://civicdesk', {})).toBe(false);
    }
    expect(s.devicePermissionHandler?.({})).toBe(false);
    const streams = vi.fn();
    s.displayMediaRequestHandler?.({}, streams);
    expect(streams).toHaveBeenCalledWith(null);
  });
});
