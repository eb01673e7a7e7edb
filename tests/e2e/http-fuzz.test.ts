/**
 * The preview's HTTP server never dies from a request: the real preview process (core inside), sent
 * the requests that once killed it (`/%00`, `/%ZZ`), then a few hundred seeded-random ones — paths
 * with percent-encodings and control characters, odd methods, bad Host/Origin/token headers, invalid
 * JSON, oversized and aborted bodies — through raw sockets, since `fetch` refuses to send most of
 * them. After each batch the server must still serve the page and answer a contract call.
 */
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTTP_API_PREFIX, HTTP_CLIENT_HEADER, HTTP_EVENTS_PATH, HTTP_TOKEN_HEADER } from '../../shared/contract';
import { startPreview, tempDir, type Preview } from './support/preview';

const CLIENT = 'client-fuzz-0001';
const SEED = Number(process.env.CIVICDESK_FUZZ_SEED ?? 20251203);

interface RawAnswer {
  /** The status line's code; 0 when the connection closed (or was cut) without an answer. */
  status: number;
  text: string;
}

/** One request as bytes on a fresh connection; `abortAfter` sends only that many bytes, then hangs up. */
function raw(port: number, request: Buffer | string, { abortAfter, waitMs = 2000 }: { abortAfter?: number; waitMs?: number } = {}): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      const text = Buffer.concat(chunks).toString('latin1');
      resolve({ status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1] ?? 0), text });
    };
    const timer = setTimeout(finish, waitMs);
    socket.on('data', (d: Buffer) => chunks.push(d));
    socket.on('end', finish);
    socket.on('close', finish);
    socket.on('error', finish);
    socket.on('connect', () => {
      const bytes = Buffer.from(request);
      if (abortAfter === undefined) {
        socket.write(bytes);
        return;
      }
      socket.write(bytes.subarray(0, abortAfter), () => setTimeout(finish, 10));
    });
  });
}

/** A small seeded generator (mulberry32): the same seed sends the same requests. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)];
  return { next, int, pick, chance: (p: number) => next() < p };
}

describe('the preview HTTP server survives any request', () => {
  let preview: Preview;
  let port: number;
  beforeAll(async () => {
    preview = await startPreview(path.join(tempDir(), 'office.db'));
    port = Number(new URL(preview.origin).port);
  });
  afterAll(async () => {
    await preview?.stop();
  });

  const host = () => `127.0.0.1:${port}`;
  const get = (target: string, headers = '') => raw(port, `GET ${target} HTTP/1.1\r\nHost: ${host()}\r\nConnection: close\r\n${headers}\r\n`);
  const apiPost = (target: string, body: string) =>
    raw(
      port,
      `POST ${target} HTTP/1.1\r\nHost: ${host()}\r\nConnection: close\r\n${HTTP_TOKEN_HEADER}: ${preview.token}\r\n${HTTP_CLIENT_HEADER}: ${CLIENT}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );

  /** The page is served and a contract call with the token is answered, by the same running process. */
  async function expectAlive(after: string): Promise<void> {
    const context = `after ${after}; preview output:\n${preview.output().slice(-3000)}`;
    expect(preview.process.exitCode, context).toBeNull();
    const page = await fetch(preview.origin + '/').catch((e: unknown) => e);
    expect(page instanceof Response ? page.status : String(page), context).toBe(200);
    const call = await fetch(`${preview.origin}${HTTP_API_PREFIX}office.status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [HTTP_TOKEN_HEADER]: preview.token, [HTTP_CLIENT_HEADER]: CLIENT },
      body: '{}',
    });
    expect(((await call.json()) as { ok: boolean }).ok, context).toBe(true);
  }

  it('answers malformed paths with 400 (no token needed to try) and keeps serving', async () => {
    for (const target of ['/%00', '/%ZZ', '/%', '/%E4%B8', '/a%00b.js', '/assets/%c0%af']) {
      const answer = await get(target);
      expect(answer.status, target).toBe(400);
      await expectAlive(`GET ${target}`);
    }
    const traversal = await get('/..%2f..%2fetc/passwd');
    expect([400, 403, 404], 'traversal').toContain(traversal.status);
    expect(traversal.text).not.toContain('root:');
    await expectAlive('the traversal');
    // An absolute-form target whose URL cannot be parsed.
    expect((await get('http://127.0.0.1:99999/')).status).toBe(400);
    expect((await get(`${HTTP_EVENTS_PATH}?token=%ZZ&client=${CLIENT}`)).status).toBe(401);
    await expectAlive('the unparsable URLs');
  });

  it('answers a malformed method name as an error, never a crash', async () => {
    for (const method of ['%ZZ', '%00', 'office.status%00', '%E4%B8', 'x'.repeat(5000)]) {
      const answer = await apiPost(HTTP_API_PREFIX + method, '{}');
      expect([200, 400, 404, 414, 431], method.slice(0, 20)).toContain(answer.status);
      if (answer.status === 200) expect(answer.text).toMatch(/"ok":false/);
      expect(answer.text).not.toContain('at ');
    }
    await expectAlive('malformed method names');
  });

  it('survives huge headers, a body past the limit and a connection cut mid-body', async () => {
    const huge = await get('/', `X-Filler: ${'a'.repeat(200_000)}\r\n`);
    expect([0, 431]).toContain(huge.status);
    await expectAlive('huge headers');
    const big = 9 * 1024 * 1024;
    const tooLarge = await raw(
      port,
      Buffer.concat([
        Buffer.from(
          `POST ${HTTP_API_PREFIX}office.status HTTP/1.1\r\nHost: ${host()}\r\nConnection: close\r\n${HTTP_TOKEN_HEADER}: ${preview.token}\r\n${HTTP_CLIENT_HEADER}: ${CLIENT}\r\nContent-Length: ${big}\r\n\r\n`,
        ),
        Buffer.alloc(big, 0x7b),
      ]),
      { waitMs: 10_000 },
    );
    expect([0, 413]).toContain(tooLarge.status);
    await expectAlive('a body past the limit');
    await raw(port, `POST ${HTTP_API_PREFIX}office.status HTTP/1.1\r\nHost: ${host()}\r\n${HTTP_TOKEN_HEADER}: ${preview.token}\r\n${HTTP_CLIENT_HEADER}: ${CLIENT}\r\nContent-Length: 1000\r\n\r\n{"a":`, {
      abortAfter: 200,
    });
    await expectAlive('a connection cut mid-body');
  });

  it(`keeps answering through a few hundred random requests (seed ${SEED})`, async () => {
    const r = random(SEED);
    const pieces = ['%', '%0', '%00', '%ZZ', '%2f', '%2F..', '%5c', '%c0%af', '%E4%B8', '%E4%B8%AD', '%ff', '..', '/', '//', '?', '?token=', '#', '&', '=', ';', 'index.html', 'assets', 'api', 'a', '~', '%20', '%0d%0a', '%e4%b8%ad', '%u4e2d'];
    // Raw bytes a request line may not hold: the HTTP parser turns these away before our handler.
    const rawPieces = ['\\', '中', '\u0001', '\u007f', ' ', '\t'];
    const methods = ['GET', 'POST', 'HEAD', 'PUT', 'DELETE', 'OPTIONS', 'PATCH', 'CONNECT', 'TRACE', 'BREW', 'get', 'P0ST', 'G\u0000T'];
    const apiMethods = ['office.status', 'accounts.login', 'office.setup', 'nope.method', '', '.', 'office.', '__proto__', 'constructor', 'toString', 'office.status/extra'];
    const bodies = [
      () => '{}',
      () => '{not json',
      () => '',
      () => 'null',
      () => '[]',
      () => '"x"',
      () => '{"username":"admin","password":"x"}',
      () => '{"__proto__":{"polluted":1},"constructor":{"prototype":{"x":1}}}',
      () => JSON.stringify({ office: { code: '!'.repeat(r.int(300)) }, admin: null }),
      () => '\u0000\u0001\u0002\ufffd',
      () => '{"a":' + '['.repeat(5000) + ']'.repeat(5000) + '}',
      () => 'x'.repeat(r.int(200_000)),
    ];
    const randomPath = (wild: boolean) => {
      const prefixes = wild ? ['/', HTTP_API_PREFIX, HTTP_EVENTS_PATH, '/assets/', '/index.html', '/..', '*', 'http://127.0.0.1:1/', 'http://[::1', ''] : ['/', HTTP_API_PREFIX, HTTP_API_PREFIX];
      const prefix = r.pick(prefixes);
      let target = prefix === HTTP_API_PREFIX && (!wild || r.chance(0.5)) ? prefix + r.pick(apiMethods) : prefix;
      for (let i = wild || prefix !== HTTP_API_PREFIX ? r.int(6) : 0; i > 0; i--) target += wild && r.chance(0.05) ? r.pick(rawPieces) : r.pick(pieces);
      if (prefix === HTTP_EVENTS_PATH) target += `?token=${r.chance(0.5) ? preview.token : r.pick(['', '%ZZ', 'x'])}&client=${r.pick([CLIENT, '%00', ''])}`;
      return target;
    };
    /**
     * A tame request is well formed, with the right Host, token and client id, random in its path
     * or method name and body, so that it reaches our handlers; a wild one is random throughout.
     */
    const randomRequest = (): { bytes: Buffer; abortAfter?: number } => {
      const wild = r.chance(0.4);
      const target = randomPath(wild);
      const method = !wild ? (target.startsWith(HTTP_API_PREFIX) ? 'POST' : 'GET') : r.chance(0.6) ? r.pick(['GET', 'POST']) : r.pick(methods);
      const lines = [`${method} ${target} HTTP/1.1`];
      const hostHeader = !wild || r.chance(0.7) ? host() : r.pick(['evil.example', `localhost:${port}`, '', `127.0.0.1:${port}\r\nHost: evil`, '%00', `127.0.0.1:${port}.evil`]);
      if (!wild || r.chance(0.97)) lines.push(`Host: ${hostHeader}`);
      if (wild && r.chance(0.3)) lines.push(`Origin: ${r.pick(['http://evil.example', `http://127.0.0.1:${port}`, 'null', '%ZZ', ''])}`);
      if (!wild || r.chance(0.75)) lines.push(`${HTTP_TOKEN_HEADER}: ${!wild || r.chance(0.7) ? preview.token : r.pick(['', 'x', preview.token + 'x', 'é'.repeat(40)])}`);
      if (!wild || r.chance(0.8)) lines.push(`${HTTP_CLIENT_HEADER}: ${!wild || r.chance(0.7) ? CLIENT : r.pick(['', 'short', '%00', 'x'.repeat(100)])}`);
      if (r.chance(0.3)) lines.push(`Content-Type: ${r.pick(['application/json', 'text/plain', 'multipart/form-data; boundary=x', wild ? '\u0001' : 'x'])}`);
      if (r.chance(0.1)) lines.push(`X-Random-${r.int(1000)}: ${r.pick(pieces).repeat(r.int(50))}`);
      lines.push('Connection: close');
      let body = Buffer.from(method === 'GET' && r.chance(0.8) ? '' : r.pick(bodies)(), 'utf8');
      if (r.chance(0.02)) body = Buffer.alloc(8 * 1024 * 1024 + 10, 0x20); // past the body limit
      if (r.chance(0.1)) {
        lines.push('Transfer-Encoding: chunked');
        const ending = wild ? r.pick(['\r\n0\r\n\r\n', '\r\nZZ\r\n', '']) : '\r\n0\r\n\r\n';
        body = Buffer.concat([Buffer.from(`${body.length.toString(16)}\r\n`), body, Buffer.from(ending)]);
      } else if (!wild || r.chance(0.9)) lines.push(`Content-Length: ${!wild || r.chance(0.9) ? body.length : r.pick([0, body.length + 100, -1, 'abc'])}`);
      const bytes = Buffer.concat([Buffer.from(lines.join('\r\n') + '\r\n\r\n', 'utf8'), body]);
      return r.chance(0.1) ? { bytes, abortAfter: r.int(bytes.length) } : { bytes };
    };

    const seen = new Map<number, number>();
    const BATCHES = 10;
    const PER_BATCH = 35;
    for (let batch = 0; batch < BATCHES; batch++) {
      const requests = Array.from({ length: PER_BATCH }, randomRequest);
      const answers = await Promise.all(requests.map((q) => raw(port, q.bytes, { abortAfter: q.abortAfter, waitMs: 1500 })));
      for (const answer of answers) seen.set(answer.status, (seen.get(answer.status) ?? 0) + 1);
      for (const answer of answers) {
        // Never a stack trace or an internal detail in an answer.
        expect(answer.text).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);
        if (answer.status >= 500) expect(answer.text).not.toMatch(/Error:/);
      }
      await expectAlive(`random batch ${batch + 1} of ${BATCHES} (seed ${SEED})`);
    }
    // The fuzz reached the handlers (contract answers) and the refusals alike, not only the HTTP parser.
    expect(seen.get(200) ?? 0, JSON.stringify([...seen])).toBeGreaterThan(50);
    expect(seen.get(400) ?? 0, JSON.stringify([...seen])).toBeGreaterThan(10);
  });
});
