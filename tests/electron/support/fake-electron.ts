/**
 * Small stand-ins for the parts of the `electron` module the shell uses. The Electron binary cannot
 * run on the build machines (TOOLCHAIN.md), so tests substitute the module with `vi.mock` and check
 * the wiring: which options, which handlers, what each handler decides.
 *
 * Use from a test file:
 *   const fake = await vi.hoisted(async () => (await import('./support/fake-electron')).createElectronFake());
 *   vi.mock('electron', () => fake.module);
 */
import { EventEmitter } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { vi } from 'vitest';

export class FakeEvent {
  defaultPrevented = false;
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

/** What `will-frame-navigate` passes: an event carrying the navigation's details. */
export class FakeFrameNavigateEvent extends FakeEvent {
  constructor(
    readonly url: string,
    readonly isMainFrame: boolean,
  ) {
    super();
  }
}

type PermissionRequestHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void;
type PermissionCheckHandler = (contents: unknown, permission: string, origin: string, details: unknown) => boolean;

export type ProtocolHandler = (request: Request) => Response | Promise<Response>;

/**
 * A session's protocol registry. The module's `protocol` is the default session's, as in Electron;
 * `registerSchemesAsPrivileged` lives there too (Electron has it only on the module).
 */
export class FakeProtocol {
  readonly handlers = new Map<string, ProtocolHandler>();
  readonly privileged: { scheme: string; privileges?: Record<string, boolean> }[] = [];
  readonly registerSchemesAsPrivileged = vi.fn((schemes: { scheme: string; privileges?: Record<string, boolean> }[]) => {
    this.privileged.push(...schemes);
  });
  readonly handle = vi.fn((scheme: string, handler: ProtocolHandler) => {
    // Electron refuses a second handler for one scheme on one session; so does the fake.
    if (this.handlers.has(scheme)) throw new Error(`Failed to register protocol: ${scheme}`);
    this.handlers.set(scheme, handler);
  });
  readonly unhandle = vi.fn((scheme: string) => {
    this.handlers.delete(scheme);
  });
  isProtocolHandled(scheme: string): boolean {
    return this.handlers.has(scheme);
  }
  /** What the page's request for `url` gets (as Chromium would route it to the scheme's handler). */
  async request(url: string, init?: RequestInit): Promise<Response> {
    const handler = this.handlers.get(new URL(url).protocol.slice(0, -1));
    if (!handler) throw new Error(`no handler for ${url}`);
    return handler(new Request(url, init));
  }
}

export class FakeSession {
  readonly protocol = new FakeProtocol();
  readonly clearedStorage: unknown[] = [];
  clearStorageData(options: unknown): Promise<void> {
    this.clearedStorage.push(options);
    return Promise.resolve();
  }
  permissionRequestHandler: PermissionRequestHandler | null = null;
  permissionCheckHandler: PermissionCheckHandler | null = null;
  devicePermissionHandler: ((details: unknown) => boolean) | null = null;
  displayMediaRequestHandler: ((request: unknown, callback: (streams: unknown) => void) => void) | null = null;
  setPermissionRequestHandler(handler: PermissionRequestHandler | null): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: PermissionCheckHandler | null): void {
    this.permissionCheckHandler = handler;
  }
  setDevicePermissionHandler(handler: ((details: unknown) => boolean) | null): void {
    this.devicePermissionHandler = handler;
  }
  setDisplayMediaRequestHandler(handler: ((request: unknown, callback: (streams: unknown) => void) => void) | null): void {
    this.displayMediaRequestHandler = handler;
  }
}

let nextWebContentsId = 1;

export class FakeWebContents extends EventEmitter {
  readonly id = nextWebContentsId++;
  url = '';
  destroyed = false;
  windowOpenHandler: ((details: { url: string }) => unknown) | null = null;
  readonly sent: unknown[][] = [];
  readonly loadFile = vi.fn(async (file: string) => {
    this.url = pathToFileURL(file).href;
  });
  readonly loadURL = vi.fn(async (url: string) => {
    this.url = url;
  });

  constructor(readonly session: FakeSession) {
    super();
  }
  setWindowOpenHandler(handler: (details: { url: string }) => unknown): void {
    this.windowOpenHandler = handler;
  }
  getURL(): string {
    return this.url;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push([channel, ...args]);
  }
  destroy(): void {
    this.destroyed = true;
    this.emit('destroyed');
  }
}

export type Invoke = (event: unknown, ...args: unknown[]) => unknown;

export function createElectronFake() {
  const defaultSession = new FakeSession();
  const windows: FakeBrowserWindow[] = [];

  class FakeBrowserWindow extends EventEmitter {
    readonly webContents = new FakeWebContents(defaultSession);
    visible = false;
    constructor(readonly options: Record<string, unknown>) {
      super();
      windows.push(this);
    }
    static getAllWindows(): FakeBrowserWindow[] {
      return windows.filter((w) => !w.webContents.destroyed);
    }
    show(): void {
      this.visible = true;
    }
    loadFile(file: string): Promise<void> {
      return this.webContents.loadFile(file);
    }
    loadURL(url: string): Promise<void> {
      return this.webContents.loadURL(url);
    }
    isMinimized(): boolean {
      return false;
    }
    restore(): void {}
    focus(): void {}
    /** What closing the window does to its contents, in the order Electron does it. */
    close(): void {
      this.webContents.destroy();
      this.emit('closed');
    }
  }

  const handlers = new Map<string, Invoke>();
  const ipcMain = {
    handlers,
    handle: vi.fn((channel: string, listener: Invoke) => {
      // Electron throws on a second handler for one channel; so does the fake.
      if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      handlers.set(channel, listener);
    }),
    removeHandler: vi.fn((channel: string) => {
      handlers.delete(channel);
    }),
  };

  const state = {
    singleInstanceLock: true,
    userData: path.join(os.tmpdir(), `civicdesk-electron-test-${process.pid}`),
    appPath: path.join(os.tmpdir(), `civicdesk-electron-app-${process.pid}`),
    locale: 'zh-CN',
    isPackaged: false,
  };

  class FakeApp extends EventEmitter {
    get isPackaged() {
      return state.isPackaged;
    }
    enableSandbox = vi.fn();
    requestSingleInstanceLock = vi.fn(() => state.singleInstanceLock);
    whenReady = vi.fn(() => Promise.resolve());
    quit = vi.fn();
    exit = vi.fn();
    setAppUserModelId = vi.fn();
    getPath = vi.fn((name: string) => (name === 'userData' ? state.userData : path.join(state.userData, name)));
    getAppPath = vi.fn(() => state.appPath);
    getVersion = vi.fn(() => '0.1.0');
    getLocale = vi.fn(() => state.locale);
  }
  const app = new FakeApp();

  const exposed = new Map<string, unknown>();
  const contextBridge = {
    exposed,
    exposeInMainWorld: vi.fn((key: string, api: unknown) => {
      exposed.set(key, api);
    }),
  };

  class FakeIpcRenderer extends EventEmitter {
    invoke = vi.fn(async (_channel: string, ..._args: unknown[]): Promise<unknown> => ({ ok: true, value: null }));
    send = vi.fn();
    sendSync = vi.fn();
  }
  const ipcRenderer = new FakeIpcRenderer();

  const dialog = {
    showErrorBox: vi.fn(),
    showMessageBox: vi.fn(),
    // Cancelled unless a test says otherwise (mockResolvedValueOnce).
    showOpenDialog: vi.fn(async (_window: unknown, _options: Record<string, unknown>) => ({ canceled: true, filePaths: [] as string[] })),
    showSaveDialog: vi.fn(async (_window: unknown, _options: Record<string, unknown>) => ({ canceled: true, filePath: '' })),
  };
  const Menu = { setApplicationMenu: vi.fn() };
  const session = { defaultSession };
  const protocol = defaultSession.protocol;

  const module = { app, BrowserWindow: FakeBrowserWindow, ipcMain, ipcRenderer, contextBridge, dialog, Menu, session, protocol };
  return { module, state, app, windows, ipcMain, ipcRenderer, contextBridge, dialog, Menu, defaultSession, protocol };
}

export type ElectronFake = ReturnType<typeof createElectronFake>;
