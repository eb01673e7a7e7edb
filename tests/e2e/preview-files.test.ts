/**
 * The browser preview's stand-in for file dialogs (issue 12, point 1): a typed path becomes a handle
 * only inside the folder the preview was started with (`--files`, by default the database's), bound
 * to the tab that asked; a contract call naming a path instead of a handle is refused — the attack a
 * viewer's session made on the old main (export over the key file, read /etc/passwd as a roster).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTTP_API_PREFIX, HTTP_CLIENT_HEADER, HTTP_EVENTS_PATH, HTTP_FILES_PATH, HTTP_TOKEN_HEADER } from '../../shared/contract';
import { startPreview, tempDir, type Preview } from './support/preview';

const ADMIN = { username: 'admin', password: 'Admin-pass-2025' };

describe('choosing files in the browser preview', () => {
  let preview: Preview;
  let dir: string;
  beforeAll(async () => {
    dir = tempDir();
    preview = await startPreview(path.join(dir, 'office.db'));
    await api('setup-tab-01', 'office.setup', {
      office: { code: 'DWK-CYJ', name: '朝阳街社区', divisionCode: '640202' },
      admin: { username: ADMIN.username, displayName: '王主任', password: ADMIN.password },
    });
    await api('tab-0000-0001', 'accounts.login', ADMIN);
  });
  afterAll(async () => {
    await preview?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  async function api(client: string, method: string, body: unknown): Promise<{ ok: boolean; value?: Record<string, unknown>; error?: { code: string; issues?: { code: string }[] } }> {
    const res = await fetch(`${preview.origin}${HTTP_API_PREFIX}${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [HTTP_TOKEN_HEADER]: preview.token, [HTTP_CLIENT_HEADER]: client },
      body: JSON.stringify(body),
    });
    return (await res.json()) as never;
  }

  /** Start a job and wait for its job.finished event on the tab's event stream: the job's Result. */
  async function job(client: string, method: string, body: unknown): Promise<{ ok: boolean; value?: Record<string, unknown>; error?: { code: string; issues?: { code: string }[] } }> {
    const controller = new AbortController();
    const stream = await fetch(`${preview.origin}${HTTP_EVENTS_PATH}?token=${preview.token}&client=${client}`, { signal: controller.signal });
    const reader = stream.body!.getReader();
    const started = await api(client, method, body);
    if (!started.ok) return started;
    const jobId = started.value?.jobId;
    let text = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) throw new Error('event stream ended');
        text += new TextDecoder().decode(value);
        for (const line of text.split('\n')) {
          if (!line.startsWith('data: ')) continue;
          const envelope = JSON.parse(line.slice(6)) as { event: string; payload: { jobId: string; result: never } };
          if (envelope.event === 'job.finished' && envelope.payload.jobId === jobId) return envelope.payload.result;
        }
      }
    } finally {
      controller.abort();
    }
  }

  async function choose(client: string, body: unknown, token = preview.token) {
    const res = await fetch(`${preview.origin}${HTTP_FILES_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [HTTP_TOKEN_HEADER]: token, [HTTP_CLIENT_HEADER]: client },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: res.status === 200 ? ((await res.json()) as { ok: boolean; reason?: string; root?: string; file?: { handle: string; name: string; path: string } }) : null };
  }

  it('says which folder it serves', () => {
    expect(preview.output()).toContain(fs.realpathSync(dir));
  });

  it('needs the token, like every call', async () => {
    expect((await choose('tab-0000-0001', { path: path.join(dir, 'a.csv'), use: 'write' }, 'wrong')).status).toBe(401);
  });

  it('refuses paths outside its folder (also through a link), and relative ones', async () => {
    const outside = await choose('tab-0000-0001', { path: '/etc/passwd', use: 'read' });
    expect(outside.body).toEqual({ ok: false, reason: 'outside', root: fs.realpathSync(dir) });
    if (process.platform !== 'win32') {
      fs.symlinkSync(os.tmpdir(), path.join(dir, 'link-out'));
      expect((await choose('tab-0000-0001', { path: path.join(dir, 'link-out', 'x.csv'), use: 'write' })).body?.reason).toBe('outside');
    }
    expect((await choose('tab-0000-0001', { path: 'office.db.keys', use: 'read' })).body?.reason).toBe('refused');
    expect((await choose('tab-0000-0001', { path: 42, use: 'read' })).body?.reason).toBe('refused');
  });

  it('a call naming a path, not a handle, is refused and writes nothing', async () => {
    const keys = path.join(dir, 'office.db.keys');
    const before = fs.readFileSync(keys);
    const result = await job('tab-0000-0001', 'exports.residents', { file: keys, format: 'csv' });
    expect(result.ok).toBe(false);
    expect(result.error?.issues?.[0]?.code).toBe('files.not_chosen');
    expect(fs.readFileSync(keys).equals(before)).toBe(true);
    expect((await api('tab-0000-0001', 'backup.inspect', { file: path.join(dir, 'backups', 'x.cdbak') })).error?.issues?.[0]?.code).toBe('files.not_chosen');
  });

  it('a handle works for the tab that chose the file, and the core still guards the database’s files', async () => {
    const out = path.join(dir, '居民.csv');
    const chosen = await choose('tab-0000-0001', { path: out, use: 'write' });
    expect(chosen.body).toMatchObject({ ok: true, file: { name: '居民.csv', path: fs.realpathSync(dir) === dir ? out : expect.any(String) } });
    const handle = chosen.body?.file?.handle ?? '';
    // Another tab cannot use it.
    await api('tab-0000-0002', 'accounts.login', ADMIN);
    expect((await job('tab-0000-0002', 'exports.residents', { file: handle, format: 'csv' })).error?.issues?.[0]?.code).toBe('files.not_chosen');
    const done = await job('tab-0000-0001', 'exports.residents', { file: handle, format: 'csv' });
    expect(done).toMatchObject({ ok: true, value: { rows: 0 } });
    expect(fs.existsSync(out)).toBe(true);
    // A handle for the key file itself is given (it is inside the folder), and the core refuses to write it.
    const keys = await choose('tab-0000-0001', { path: path.join(dir, 'office.db.keys'), use: 'write', overwrite: true });
    const refused = await job('tab-0000-0001', 'exports.residents', { file: keys.body?.file?.handle, format: 'csv' });
    expect(refused.error?.issues?.[0]?.code).toBe('files.protected');
  });
});
