/**
 * The loopback HTTP door: the same dispatcher as IPC, for the browser preview and end-to-end tests.
 * 127.0.0.1 only, a random per-run token, Host and Origin checked (no DNS rebinding, no other site
 * driving it). Electron main never imports this file, and it refuses to start inside Electron, so a
 * packaged build cannot serve it.
 */
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import {
  grantRequestSchema,
  HTTP_API_PREFIX,
  HTTP_CLIENT_HEADER,
  HTTP_EVENTS_PATH,
  HTTP_FILES_PATH,
  HTTP_TOKEN_HEADER,
  type PathChoice,
  type Result,
} from '../../../shared/contract';
// The window's app:// protocol serves the renderer with the same table and policy.
import { RENDERER_CONTENT_TYPES as CONTENT_TYPES, RENDERER_CSP as CSP } from '../../../shared/renderer-serving';
import type { CoreClient } from '../worker-client';
import { isInside, realPath } from '../files';
import type { Logger } from '../log';

export interface HttpTransportOptions {
  core: CoreClient;
  /** The built renderer (out/renderer). */
  staticDir: string;
  /** 0 picks a free port. */
  port: number;
  /**
   * The preview's path prompt hands out handles only for files inside this folder (the person who
   * started the preview chose it; `--files`, by default the database's folder).
   */
  filesRoot: string;
  log: Logger;
}

export interface HttpTransport {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const MAX_BODY = 8 * 1024 * 1024;
/** Far longer than any contract method's name (`imports.mappings.list`). */
const MAX_METHOD_NAME = 200;
const CLIENT_ID = /^[A-Za-z0-9-]{8,64}$/;

export async function createHttpTransport(options: HttpTransportOptions): Promise<HttpTransport> {
  if (process.versions.electron) throw new Error('The HTTP transport is for the browser preview only and never runs inside Electron.');
  const token = randomBytes(24).toString('base64url');
  const tokenBytes = Buffer.from(token);
  const staticRoot = path.resolve(options.staticDir);
  const filesRoot = realPath(options.filesRoot);
  const streams = new Map<string, Set<http.ServerResponse>>();
  let port = options.port;

  const tokenOk = (given: string | undefined) => {
    const b = Buffer.from(given ?? '');
    return b.length === tokenBytes.length && timingSafeEqual(b, tokenBytes);
  };
  const hostOk = (req: http.IncomingMessage) => req.headers.host === `127.0.0.1:${port}` || req.headers.host === `localhost:${port}`;
  const originOk = (req: http.IncomingMessage) => {
    const origin = req.headers.origin;
    return origin === undefined || origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
  };

  const unsubscribe = options.core.onEvent((connectionId, event, payload) => {
    const data = `data: ${JSON.stringify({ event, payload })}\n\n`;
    const targets = connectionId === null ? [...streams.values()].flatMap((s) => [...s]) : [...(streams.get(connectionId) ?? [])];
    for (const res of targets) res.write(data);
  });

  const server = http.createServer((req, res) => {
    // Nothing a request carries may end the process the core runs in: whatever throws here is
    // answered 500 (details only in the log), and an aborted request or response is no error.
    req.on('error', () => undefined);
    res.on('error', () => undefined);
    try {
      route(req, res);
    } catch (error) {
      internalError(res, error);
    }
  });

  function route(req: http.IncomingMessage, res: http.ServerResponse) {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cache-Control', 'no-store');
    if (!hostOk(req) || !originOk(req)) return plain(res, 403, 'forbidden');
    const url = parseTarget(req.url, port);
    // A path that does not decode (`/%ZZ`), or decodes to a NUL byte (`/%00`), names nothing.
    const pathname = url && decodePath(url.pathname);
    if (!url || pathname === null) return plain(res, 400, 'bad request');
    if (url.pathname.startsWith(HTTP_API_PREFIX)) {
      if (req.method !== 'POST') return plain(res, 405, 'POST only');
      if (!tokenOk(header(req, HTTP_TOKEN_HEADER))) return plain(res, 401, 'bad token');
      const client = header(req, HTTP_CLIENT_HEADER) ?? '';
      if (!CLIENT_ID.test(client)) return plain(res, 400, 'bad client id');
      // The prefix is plain ASCII, so the decoded path starts with it too.
      const method = pathname.slice(HTTP_API_PREFIX.length);
      if (method.length > MAX_METHOD_NAME) return plain(res, 400, 'bad method name');
      return void handleCall(req, res, method, `http:${client}`).catch((error: unknown) => internalError(res, error));
    }
    if (url.pathname === HTTP_FILES_PATH) {
      if (req.method !== 'POST') return plain(res, 405, 'POST only');
      if (!tokenOk(header(req, HTTP_TOKEN_HEADER))) return plain(res, 401, 'bad token');
      const client = header(req, HTTP_CLIENT_HEADER) ?? '';
      if (!CLIENT_ID.test(client)) return plain(res, 400, 'bad client id');
      return void handleFileChoice(req, res, `http:${client}`);
    }
    if (url.pathname === HTTP_EVENTS_PATH) {
      const client = url.searchParams.get('client') ?? '';
      if (!tokenOk(url.searchParams.get('token') ?? undefined) || !CLIENT_ID.test(client)) return plain(res, 401, 'bad token');
      return openEventStream(req, res, `http:${client}`);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return plain(res, 405, 'GET only');
    return serveStatic(res, pathname);
  }

  /** Unexpected: logged with a reference, answered without details (or the connection cut if an answer had begun). */
  function internalError(res: http.ServerResponse, error: unknown) {
    const ref = randomBytes(4).toString('hex').toUpperCase();
    options.log.error(`INTERNAL ${ref} in HTTP transport: ${error instanceof Error ? error.stack : String(error)}`);
    if (!res.headersSent) plain(res, 500, `internal error ${ref}`);
    else res.destroy();
  }

  async function handleCall(req: http.IncomingMessage, res: http.ServerResponse, method: string, connectionId: string) {
    let body: Buffer;
    try {
      body = await readBody(req);
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        res.setHeader('Connection', 'close');
        return plain(res, 413, 'request body too large');
      }
      // The client went away mid-body: nobody is left to answer.
      return void res.destroy();
    }
    let result: Result<unknown>;
    let input: unknown;
    try {
      input = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
    } catch {
      input = undefined;
      result = { ok: false, error: { code: 'INVALID_INPUT', message: 'Request body is not valid JSON', issues: [] } };
    }
    try {
      result ??= await options.core.dispatch(connectionId, method, input);
    } catch (error) {
      const ref = randomBytes(4).toString('hex').toUpperCase();
      options.log.error(`INTERNAL ${ref} in HTTP transport: ${error instanceof Error ? error.stack : String(error)}`);
      result = { ok: false, error: { code: 'INTERNAL', message: 'Internal error', params: { ref }, ref } };
    }
    const json = JSON.stringify(result);
    res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(json) });
    res.end(json);
  }

  /** The preview's stand-in for a file dialog: a typed path inside the files root becomes a handle. */
  async function handleFileChoice(req: http.IncomingMessage, res: http.ServerResponse, connectionId: string) {
    let answer: PathChoice = { ok: false, reason: 'refused' };
    try {
      const parsed = grantRequestSchema.safeParse(JSON.parse((await readBody(req)).toString('utf8')));
      if (parsed.success) {
        const { path: typed, use, overwrite } = parsed.data;
        if (!path.isAbsolute(typed) || typed.includes('\0')) answer = { ok: false, reason: 'refused' };
        else if (!isInside(realPath(typed), filesRoot)) answer = { ok: false, reason: 'outside', root: filesRoot };
        else {
          const file = await options.core.grantFile(connectionId, { path: typed, use, overwrite });
          answer = file ? { ok: true, file } : { ok: false, reason: 'refused' };
        }
      }
    } catch {
      answer = { ok: false, reason: 'refused' };
    }
    const json = JSON.stringify(answer);
    res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(json) });
    res.end(json);
  }

  function openEventStream(req: http.IncomingMessage, res: http.ServerResponse, connectionId: string) {
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', Connection: 'keep-alive' });
    res.write(': connected\n\n');
    let set = streams.get(connectionId);
    if (!set) streams.set(connectionId, (set = new Set()));
    set.add(res);
    const keepAlive = setInterval(() => res.write(': ping\n\n'), 25_000);
    req.on('close', () => {
      clearInterval(keepAlive);
      set.delete(res);
      if (set.size === 0) streams.delete(connectionId);
    });
  }

  /** `pathname` is already decoded (and free of NUL bytes). */
  function serveStatic(res: http.ServerResponse, pathname: string) {
    const relative = pathname === '/' ? '/index.html' : pathname;
    const file = path.resolve(staticRoot, '.' + relative);
    if (file !== staticRoot && !file.startsWith(staticRoot + path.sep)) return plain(res, 403, 'forbidden');
    fs.readFile(file, (error, data) => {
      try {
        if (error) return plain(res, 404, 'not found');
        const type = CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
        const headers: http.OutgoingHttpHeaders = { 'Content-Type': type, 'Content-Length': data.length };
        if (type.startsWith('text/html')) headers['Content-Security-Policy'] = CSP;
        res.writeHead(200, headers);
        res.end(data);
      } catch (failure) {
        internalError(res, failure);
      }
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : options.port;
  const base = `http://127.0.0.1:${port}/`;

  return {
    url: `${base}?token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        unsubscribe();
        for (const set of streams.values()) for (const res of set) res.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function header(req: http.IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function plain(res: http.ServerResponse, status: number, text: string) {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text);
}

/** The request target as a URL, or null when it cannot be one (`http://127.0.0.1:99999/`, `//[`). */
function parseTarget(target: string | undefined, port: number): URL | null {
  try {
    return new URL(target ?? '/', `http://127.0.0.1:${port}`);
  } catch {
    return null;
  }
}

/** The percent-decoded path, or null when it does not decode or holds a NUL byte (no file name can). */
function decodePath(pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  return decoded.includes('\0') ? null : decoded;
}

class BodyTooLarge extends Error {}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length']) > MAX_BODY) return reject(new BodyTooLarge());
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      if (over) return; // drained and dropped, so the 413 can still reach the client
      size += chunk.length;
      if (size > MAX_BODY) {
        over = true;
        chunks.length = 0;
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
    req.on('close', () => reject(new Error('request closed before its body ended')));
  });
}
