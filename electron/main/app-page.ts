/**
 * Which page is "the app": the built renderer served as app://civicdesk/index.html (app-protocol.ts),
 * or — only in an unpackaged development run — the electron-vite dev server. Navigation guards and
 * the IPC sender check both ask this module, so the answer to "may this frame talk to the core?" is
 * given in one place. A file:// page is never the app, not even the built index.html opened directly.
 */
import path from 'node:path';
import { APP_INDEX_URL, APP_ORIGIN } from './app-protocol';

export type AppPage =
  /** `root` is the folder app:// serves (out/renderer). */
  | { kind: 'app'; url: string; origin: string; root: string }
  | { kind: 'dev-server'; url: string; origin: string };

export interface AppPageOptions {
  isPackaged: boolean;
  /** `process.env.ELECTRON_RENDERER_URL`, set by `electron-vite dev`. */
  rendererUrl?: string;
  /** The folder of the built main bundle (`out/main`), i.e. the main process's `__dirname`. */
  mainDir: string;
}

/** The built renderer (out/renderer) beside the main bundle. */
export function rendererRoot(mainDir: string): string {
  return path.resolve(mainDir, '..', 'renderer');
}

export function resolveAppPage(options: AppPageOptions): AppPage {
  // A packaged app never honours the variable: otherwise anyone who can set an environment
  // variable could point the window, and its bridge to the database, at another site.
  if (!options.isPackaged && options.rendererUrl) {
    const url = new URL(options.rendererUrl);
    if (!(url.protocol === 'http:' || url.protocol === 'https:') || !isLoopback(url.hostname)) {
      throw new Error(`ELECTRON_RENDERER_URL must be a loopback http(s) URL, got ${options.rendererUrl}`);
    }
    return { kind: 'dev-server', url: url.href, origin: url.origin };
  }
  return { kind: 'app', url: APP_INDEX_URL, origin: APP_ORIGIN, root: rendererRoot(options.mainDir) };
}

/**
 * Is `url` on the app page's origin (any path, hash or query: client-side routing uses the hash)?
 * Everything app:// serves is the built renderer, so its origin is the boundary, as on the web.
 */
export function isAppPageUrl(page: AppPage, url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return originOf(parsed) === page.origin;
}

export interface FrameLike {
  readonly url: string;
  readonly parent: object | null;
  readonly detached?: boolean;
}

/** Only the app page's top frame may call the core: never a subframe, never another page. */
export function isTrustedFrame(page: AppPage, frame: FrameLike | null | undefined): boolean {
  return !!frame && frame.parent === null && frame.detached !== true && isAppPageUrl(page, frame.url);
}

/**
 * `URL.origin` is "null" for schemes Node does not know (app:), so build it the way Chromium does
 * for a standard scheme: scheme, host and port. A URL with credentials is nobody's page.
 */
function originOf(url: URL): string | null {
  if (url.username !== '' || url.password !== '' || url.host === '') return null;
  return `${url.protocol}//${url.host}`;
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]';
}
