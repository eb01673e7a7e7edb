/**
 * The main window and the guards every web page in the app gets: no new windows, no navigation
 * away from the app page, no <webview>, no permissions (camera, notifications, …). The renderer
 * holds residents' personal data; it must never become a browser.
 */
import path from 'node:path';
import { BrowserWindow, type Session, type WebContents, type WebPreferences } from 'electron';
import { isAppPageUrl, type AppPage } from './app-page';
import { APP_SCHEME, serveAppScheme } from './app-protocol';

export const WINDOW_TITLE = '民政工作台 CivicDesk';

export function preloadPath(mainDir: string): string {
  return path.join(mainDir, '..', 'preload', 'index.js');
}

export function secureWebPreferences(preload: string): WebPreferences {
  return {
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    webviewTag: false,
    spellcheck: false,
    preload,
  };
}

export interface MainWindowOptions {
  page: AppPage;
  /** Folder of the built main bundle (`__dirname` in out/main). */
  mainDir: string;
  title?: string;
  /** Told about an unexpected failure while serving app:// (the page gets a 500). */
  onProtocolError?: (error: unknown) => void;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    title: options.title ?? WINDOW_TITLE,
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 640,
    // Shown once the first paint is ready, so clerks never see a white flash or a half-drawn form.
    show: false,
    backgroundColor: '#ffffff',
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(preloadPath(options.mainDir)),
  });
  win.once('ready-to-show', () => win.show());
  hardenWebContents(win.webContents, options.page);
  hardenSession(win.webContents.session);
  // app:// is served on the session this window uses (the default one), once per session: a
  // second window (macOS reopening from the dock) finds it already there.
  const { page } = options;
  if (page.kind === 'app' && !win.webContents.session.protocol.isProtocolHandled(APP_SCHEME)) {
    serveAppScheme(win.webContents.session.protocol, page.root, options.onProtocolError);
  }

  void win.loadURL(page.url);
  return win;
}

/** Applied to the main window and, from index.ts, to any other web contents that appears. */
export function hardenWebContents(contents: WebContents, page: AppPage): void {
  // Deny every window.open / target=_blank: nothing in the app needs a second browser window,
  // and handing links to the system browser would let page content choose what to open.
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event, url) => {
    if (!isAppPageUrl(page, url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppPageUrl(page, url)) event.preventDefault();
  });
  // Subframes have no business in the app (CSP frame-src 'none' already blocks them).
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame || !isAppPageUrl(page, event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Refuse every permission request and check: the app needs no camera, location or notifications. */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.setDisplayMediaRequestHandler((_request, callback) => callback(null));
}
