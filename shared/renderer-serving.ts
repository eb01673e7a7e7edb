/**
 * How the built renderer (out/renderer) is served, whichever door serves it: Electron's app://
 * protocol (electron/main/app-protocol.ts) and the browser preview's HTTP server
 * (electron/core/transport/http-server.ts). One table and one policy, so the window and the preview
 * cannot drift apart.
 */

/**
 * The Content-Security-Policy sent with every HTML page. renderer/index.html carries the same
 * directives in a meta tag (tests/electron/static-security.test.ts keeps them equal) except
 * frame-ancestors, which a meta tag cannot carry. Mantine sets inline style attributes, hence
 * 'unsafe-inline' for styles only; the bundled Noto Sans SC slices are files, so font-src is 'self'.
 */
export const RENDERER_CSP_DIRECTIVES: readonly string[] = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "worker-src 'self'",
  "frame-ancestors 'none'",
];

export const RENDERER_CSP = RENDERER_CSP_DIRECTIVES.join('; ');

/** By lower-case extension; anything else is served as application/octet-stream. */
export const RENDERER_CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};

/** The Content-Type for a file name (its extension, case-insensitive). */
export function rendererContentType(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  const slash = Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\'));
  const ext = dot > slash ? fileName.slice(dot).toLowerCase() : '';
  return Object.hasOwn(RENDERER_CONTENT_TYPES, ext) ? RENDERER_CONTENT_TYPES[ext] : 'application/octet-stream';
}
