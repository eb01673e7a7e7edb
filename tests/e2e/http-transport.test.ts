import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTTP_API_PREFIX, HTTP_CLIENT_HEADER, HTTP_EVENTS_PATH, HTTP_TOKEN_HEADER } from '../../shared/contract';
import { startPreview, tempDir, type Preview } from './support/preview';

const CLIENT = 'client-0001-test';

describe('loopback HTTP transport of the browser preview', () => {
  let preview: Preview;
  let dir: string;
  beforeAll(async () => {
    dir = tempDir();
    preview = await startPreview(path.join(dir, 'office.db'));
  });
  afterAll(async () => {
    await preview?.stop();
  });

  const call = (method: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${preview.origin}${HTTP_API_PREFIX}${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [HTTP_TOKEN_HEADER]: preview.token, [HTTP_CLIENT_HEADER]: CLIENT, ...headers },
      body: JSON.stringify(body),
    });

  it('prints one line with a 127.0.0.1 URL carrying a long random token', () => {
    expect(preview.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{32}$/);
  });

  it('serves the built renderer as text/html with a strict CSP header', async () => {
    const res = await fetch(preview.origin + '/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(await res.text()).toContain('<div id="root">');
  });

  it('refuses path traversal out of the renderer folder', async () => {
    const res = await fetch(preview.origin + '/..%2f..%2fpackage.json');
    expect([403, 404]).toContain(res.status);
  });

  it('answers contract calls with Results through the real core', async () => {
    const res = await call('office.status', {});
    expect(res.status).toBe(200);
    const body = (await res.json()) as { ok: boolean; value: { initialized: boolean; schemaVersion: number } };
    expect(body.ok).toBe(true);
    expect(body.value.initialized).toBe(false);
    // No database exists yet: an encrypted one is created at setup, so its version is not known (0).
    expect(body.value.schemaVersion).toBe(0);
  });

  it('rejects a call without the token, with a wrong token, or from another origin', async () => {
    expect((await call('office.status', {}, { [HTTP_TOKEN_HEADER]: '' })).status).toBe(401);
    const last = preview.token.slice(-1);
    const wrong = preview.token.slice(0, -1) + (last === 'x' ? 'y' : 'x'); // never equal to the real token
    expect((await call('office.status', {}, { [HTTP_TOKEN_HEADER]: wrong })).status).toBe(401);
    expect((await call('office.status', {}, { origin: 'http://evil.example' })).status).toBe(403);
  });

  it('turns malformed JSON and unknown methods into error Results, not crashes', async () => {
    const bad = await fetch(`${preview.origin}${HTTP_API_PREFIX}office.status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [HTTP_TOKEN_HEADER]: preview.token, [HTTP_CLIENT_HEADER]: CLIENT },
      body: '{not json',
    });
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('INVALID_INPUT');
    const unknown = (await (await call('nope.method', {})).json()) as { ok: boolean; error: { code: string } };
    expect(unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    const invalid = (await (await call('office.setup', { office: { code: '!' } })).json()) as { error: { code: string; issues: { path: string[] }[] } };
    expect(invalid.error.code).toBe('INVALID_INPUT');
    expect(invalid.error.issues.map((i) => i.path.join('.'))).toContain('office.code');
  });

  it('streams job progress and the finished event to the connection that started the job', async () => {
    await call('office.setup', {
      office: { code: 'DWK-01', name: '朝阳街社区', divisionCode: '640202' },
      admin: { username: 'admin', displayName: '管理员', password: 'secret1234' },
    });
    const login = (await (await call('accounts.login', { username: 'admin', password: 'secret1234' })).json()) as { ok: boolean };
    expect(login.ok).toBe(true);
    const controller = new AbortController();
    const events = await fetch(`${preview.origin}${HTTP_EVENTS_PATH}?token=${preview.token}&client=${CLIENT}`, { signal: controller.signal });
    expect(events.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = events.body!.getReader();
    const started = (await (await call('system.checkIntegrity', {})).json()) as { value: { jobId: string } };
    let text = '';
    while (!text.includes('job.finished')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    controller.abort();
    const finished = text
      .split('\n')
      .filter((l) => l.startsWith('data: '))
      .map((l) => JSON.parse(l.slice(6)) as { event: string; payload: { jobId: string; result?: { ok: boolean } } })
      .find((e) => e.event === 'job.finished');
    expect(finished?.payload.jobId).toBe(started.value.jobId);
    expect(finished?.payload.result?.ok).toBe(true);
  });

  it('leaves the database file in the given place', () => {
    expect(fs.existsSync(path.join(dir, 'office.db'))).toBe(true);
  });
});
