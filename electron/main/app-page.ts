/**
 * Which page is "the app": the built renderer's index.html (file://), or — only in an unpackaged
 * development run — the electron-vite dev server. Navigation guards and the IPC sender check both
 * ask this module, so the answer to "may this frame talk to the core?" is given in one place.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type AppPage = { kind: 'file'; file: string } | { kind: 'dev-server'; url: string; origin: string };

export interface AppPageOptions {
  isPackaged: boolean;
  /** `process.env.ELECTRON_RENDERER_URL`, set by `electron-vite dev`. */
  rendererUrl?: string;
  /** The folder of the built main bundle (`out/main`), i.e. the main process's `__dirname`. */
  mainDir: string;
}

export function rendererIndexFile(mainDir: string): string {
  return path.join(mainDir, '..', 'renderer', 'index.html');
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
  return { kind: 'file', file: path.resolve(rendererIndexFile(options.mainDir)) };
}

/** Is `url` the app's own page (any hash or query, which client-side routing may use)? */
export function isAppPageUrl(page: AppPage, url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (page.kind === 'dev-server') return parsed.origin === page.origin;
  if (parsed.protocol !== 'file:' || (parsed.host !== '' && parsed.host !== 'localhost')) return false;
  let file: string;
  try {
    // Compare paths, not URL strings: Chromium and Node percent-encode differently (spaces in
    // "Program Files", Chinese user names) and Windows drive letters vary in case.
    file = fileURLToPath(parsed);
  } catch {
    return false;
  }
  return samePath(file, page.file);
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

function samePath(a: string, b: string): boolean {
  const na = path.resolve(a);
  const nb = path.resolve(b);
  return process.platform === 'win32' ? na.toLowerCase() === nb.toLowerCase() : na === nb;
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]';
}
