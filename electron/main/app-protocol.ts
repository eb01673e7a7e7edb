/**
 * The window's page comes from `app://civicdesk/`, a privileged custom scheme that serves the files
 * of the built renderer (out/renderer) and nothing else — the pattern Electron's security checklist
 * recommends over file://. With it the `grantFileProtocolExtraPrivileges` fuse is off: no page in
 * the app needs file:// at all, so a page that ends up on file:// gets none of its old powers.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { CustomScheme, Protocol } from 'electron';
import { RENDERER_CSP, rendererContentType } from '../../shared/renderer-serving';

export const APP_SCHEME = 'app';
export const APP_HOST = 'civicdesk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/**
 * standard: relative URLs, a real origin ('self' in the CSP) and localStorage work as on https;
 * secure: a secure context; supportFetchAPI: the module loader fetches scripts; codeCache: V8 keeps
 * compiled scripts between starts. Not corsEnabled: that would let another origin read these files,
 * and the page's own module scripts are same-origin, which a standard scheme allows without it.
 */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
} as const satisfies CustomScheme;

/** Electron allows this only before the app is ready, and only once. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
}

/** Serve `root` (out/renderer) as app://civicdesk/ on the session whose protocol this is. */
export function serveAppScheme(protocol: Pick<Protocol, 'handle'>, root: string, onError?: (error: unknown) => void): void {
  protocol.handle(APP_SCHEME, appSchemeHandler(root, onError));
}

/**
 * Answers a request for a file inside `root`. The URL the page asks for is untrusted input: it is
 * decoded once (malformed → 400), may not hold a NUL byte (400) or a `..` segment (403), must stay
 * inside the root after resolving (403) and after following symlinks (403), and must be a file (404).
 */
export function appSchemeHandler(root: string, onError?: (error: unknown) => void): (request: Request) => Promise<Response> {
  const base = path.resolve(root);
  return async (request) => {
    try {
      return await answer(base, request);
    } catch (error) {
      // Never throw into Electron's protocol machinery: an unexpected failure is a plain 500.
      onError?.(error);
      return plain(500, 'internal error');
    }
  };
}

async function answer(base: string, request: Request): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'GET only');
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return plain(400, 'bad request');
  }
  // One host only: app://other/ would be a second origin serving the same files.
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST || url.username !== '' || url.password !== '') return plain(404, 'not found');

  let relative: string;
  try {
    relative = decodeURIComponent(url.pathname);
  } catch {
    return plain(400, 'bad request');
  }
  if (relative.includes('\0')) return plain(400, 'bad request');
  // `..` arrives here only percent-encoded (the URL parser already resolved plain ones); a
  // backslash is a separator on Windows, so split on both.
  if (relative.split(/[/\\]/).includes('..')) return plain(403, 'forbidden');
  if (relative === '/' || relative === '') relative = '/index.html';

  const file = path.resolve(base, '.' + relative);
  if (!inside(file, base)) return plain(403, 'forbidden');

  let real: string;
  let realBase: string;
  try {
    [real, realBase] = await Promise.all([fs.realpath(file), fs.realpath(base)]);
  } catch {
    return plain(404, 'not found');
  }
  // A symlink inside the folder must not lead out of it.
  if (!inside(real, realBase)) return plain(403, 'forbidden');
  const stat = await fs.stat(real);
  if (!stat.isFile()) return plain(404, 'not found');

  const type = rendererContentType(file);
  const headers: Record<string, string> = { 'Content-Type': type, 'X-Content-Type-Options': 'nosniff' };
  if (type.startsWith('text/html')) headers['Content-Security-Policy'] = RENDERER_CSP;
  if (request.method === 'HEAD') return new Response(null, { status: 200, headers: { ...headers, 'Content-Length': String(stat.size) } });
  const body = await fs.readFile(real);
  return new Response(new Uint8Array(body.buffer, body.byteOffset, body.byteLength), { status: 200, headers });
}

/** Strictly below `folder` (path.relative compares case-insensitively on Windows). */
function inside(file: string, folder: string): boolean {
  const relative = path.relative(folder, file);
  return relative !== '' && relative !== '..' && !relative.startsWith('..' + path.sep) && !path.isAbsolute(relative);
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' } });
}
