/**
 * The app:// protocol the window's page comes from (electron/main/app-protocol.ts): its privileges,
 * and what its handler answers to real `Request`s — the built renderer with its CSP and content
 * types, and nothing outside out/renderer however the path is spelled.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_INDEX_URL, registerAppScheme, serveAppScheme } from '../../electron/main/app-protocol';
import { RENDERER_CSP } from '../../shared/renderer-serving';
import { FakeProtocol } from './support/fake-electron';

const builtRenderer = path.resolve(__dirname, '..', '..', 'out', 'renderer');

function servedFrom(root: string): FakeProtocol {
  const protocol = new FakeProtocol();
  serveAppScheme(protocol, root);
  return protocol;
}

describe('the app:// scheme', () => {
  it('is standard, secure, fetchable and code-cached, and neither CORS-enabled nor CSP-bypassing', () => {
    const protocol = new FakeProtocol();
    registerAppScheme(protocol);
    expect(protocol.privileged).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);
  });

  it('refuses a second handler on the same session', () => {
    const protocol = servedFrom(builtRenderer);
    expect(() => serveAppScheme(protocol, builtRenderer)).toThrow(/register/);
  });
});

describe('serving the built renderer (out/renderer)', () => {
  const protocol = servedFrom(builtRenderer);

  it('answers index.html, and the bare origin, as HTML with the strict CSP header', async () => {
    expect(APP_INDEX_URL).toBe('app://civicdesk/index.html');
    for (const url of [APP_INDEX_URL, 'app://civicdesk/', 'app://civicdesk/index.html#/residents']) {
      const res = await protocol.request(url);
      expect(res.status, url).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('content-security-policy')).toBe(RENDERER_CSP);
      expect(res.headers.get('content-security-policy')).toContain("font-src 'self'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await res.text()).toContain('<div id="root">');
    }
  });

  it('answers the module script index.html names as JavaScript, a font slice as woff2 and the icon as an icon', async () => {
    const html = await (await protocol.request(APP_INDEX_URL)).text();
    const script = /<script type="module"[^>]*src="\.\/([^"]+)"/.exec(html)?.[1];
    expect(script).toMatch(/^assets\/.+\.js$/);
    const js = await protocol.request(`app://civicdesk/${script}`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('content-security-policy')).toBeNull();
    expect((await js.arrayBuffer()).byteLength).toBe(fs.statSync(path.join(builtRenderer, script ?? '')).size);

    const font = fs.readdirSync(path.join(builtRenderer, 'assets')).find((f) => /^noto-sans-sc-.*\.woff2$/.test(f));
    const woff2 = await protocol.request(`app://civicdesk/assets/${font}`);
    expect(woff2.status).toBe(200);
    expect(woff2.headers.get('content-type')).toBe('font/woff2');

    expect((await protocol.request('app://civicdesk/favicon.ico')).headers.get('content-type')).toBe('image/x-icon');
  });
});

describe('what the handler refuses', () => {
  let dir: string;
  let root: string;
  let protocol: FakeProtocol;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'civicdesk-app-protocol-'));
    root = path.join(dir, 'renderer');
    fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><div id="root"></div>');
    fs.writeFileSync(path.join(root, 'assets', 'app.js'), 'export {};');
    fs.writeFileSync(path.join(root, '王芳 的 名单.txt'), '名单');
    fs.writeFileSync(path.join(dir, 'secret.txt'), 'SECRET');
    fs.mkdirSync(path.join(dir, 'outside'));
    fs.writeFileSync(path.join(dir, 'outside', 'secret.txt'), 'SECRET');
    fs.symlinkSync(path.join(dir, 'secret.txt'), path.join(root, 'link.txt'));
    fs.symlinkSync(path.join(dir, 'outside'), path.join(root, 'linked-folder'), 'dir');
    fs.symlinkSync(path.join(root, 'assets', 'app.js'), path.join(root, 'inner-link.js'));
    protocol = servedFrom(root);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function status(url: string, init?: RequestInit): Promise<number> {
    const res = await protocol.request(url, init);
    const body = await res.text();
    if (res.status === 200) expect(body, url).not.toContain('SECRET');
    return res.status;
  }

  it('serves what is inside, percent-encoded names included', async () => {
    expect(await status('app://civicdesk/assets/app.js')).toBe(200);
    expect(await status(`app://civicdesk/${encodeURIComponent('王芳 的 名单.txt')}`)).toBe(200);
    // A symlink that stays inside the folder is fine.
    expect(await status('app://civicdesk/inner-link.js')).toBe(200);
  });

  it('refuses traversal, plain or percent-encoded, with / or \\', async () => {
    const res = await protocol.request('app://civicdesk/../../etc/passwd');
    expect(res.status).toBe(404);
    expect(await res.text()).not.toMatch(/root:/);
    expect(await status('app://civicdesk/../secret.txt')).toBe(404);
    expect(await status('app://civicdesk/%2e%2e%2fsecret.txt')).toBe(403);
    expect(await status('app://civicdesk/%2e%2e%2f%2e%2e%2fetc%2fpasswd')).toBe(403);
    expect(await status('app://civicdesk/assets/%2E%2E%2F%2E%2E%2Fsecret.txt')).toBe(403);
    expect(await status('app://civicdesk/..%5csecret.txt')).toBe(403);
    expect(await status(`app://civicdesk/${encodeURIComponent(path.join(dir, 'secret.txt'))}`)).toBe(404);
  });

  it('answers 400 to a path that does not decode or holds a NUL byte', async () => {
    expect(await status('app://civicdesk/%ZZ')).toBe(400);
    expect(await status('app://civicdesk/%E7%8E')).toBe(400);
    expect(await status('app://civicdesk/%00')).toBe(400);
    expect(await status('app://civicdesk/index.html%00.png')).toBe(400);
  });

  it('refuses symlinks that lead out of the folder', async () => {
    expect(await status('app://civicdesk/link.txt')).toBe(403);
    expect(await status('app://civicdesk/linked-folder/secret.txt')).toBe(403);
  });

  it('answers 404 to what is missing, to a folder and to any other host; 405 to anything but GET and HEAD', async () => {
    expect(await status('app://civicdesk/nope.js')).toBe(404);
    expect(await status('app://civicdesk/assets/')).toBe(404);
    expect(await status('app://civicdesk/assets')).toBe(404);
    expect(await status('app://evil/index.html')).toBe(404);
    expect(await status('app://civicdesk:8080/index.html')).toBe(404);
    expect(await status('app://civicdesk/index.html', { method: 'POST', body: 'x' })).toBe(405);
    const head = await protocol.request('app://civicdesk/index.html', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-security-policy')).toBe(RENDERER_CSP);
    expect(await head.text()).toBe('');
  });

  it('answers 404, not an exception, when the folder itself is missing', async () => {
    const missing = servedFrom(path.join(dir, 'no-such-folder'));
    expect((await missing.request(APP_INDEX_URL)).status).toBe(404);
  });
});
