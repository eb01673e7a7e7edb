/**
 * The upload from the command line: `civicdesk bundle upload --json` prints the job's answer and
 * marks what the bureau confirmed; `civicdesk bureau serve` (a real child process on 127.0.0.1)
 * prints its address, admits by the bureau's enrollments, and stops cleanly on SIGTERM; it refuses
 * an office database and a port it cannot have.
 */
import net from 'node:net';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../electron/cli/main';
import { disposeTestResources, makeTempDir, onDispose } from '../support/temp-dir';
import { ADMIN_PASSWORD } from '../support/office';
import { enrolledOffice, exportBundle, setupBureau } from '../support/sync';
import { bureauServe, metadata, outboxOf, serveForTest, storedUploads, tusRequest } from '../support/sync-upload';
import { bundleHeadOf } from '../../electron/core/sync/format';

afterEach(disposeTestResources);

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (b: Buffer) => (out += b.toString()));
  stderr.on('data', (b: Buffer) => (err += b.toString()));
  const code = await main(args, { stdout, stderr, stdin: new PassThrough(), env: { CIVICDESK_PASSWORD: ADMIN_PASSWORD, CIVICDESK_LANG: 'en' } });
  return { code, out, err };
}

describe('civicdesk bundle upload', () => {
  it('uploads every unacknowledged bundle and prints what it sent', async () => {
    const bureau = await setupBureau();
    const office = await enrolledOffice(bureau);
    const up = await serveForTest(bureau);
    await office.t.close();
    const first = await cli(['bundle', 'upload', '--db', office.t.dbPath, '--user', 'admin', '--url', up.server.url, '--json']);
    expect(first.code, first.err).toBe(0);
    const answer = JSON.parse(first.out) as { sequence: number; changes: number; uploaded: { file: string; sequence: number; bytes: number }[] };
    expect(answer.sequence).toBe(1);
    expect(answer.uploaded).toEqual([{ file: expect.stringMatching(/\.cdbundle$/) as string, sequence: 1, bytes: up.taken[0].bytes.length }]);
    expect(up.taken).toHaveLength(1);
    const human = await cli(['bundle', 'upload', '--db', office.t.dbPath, '--user', 'admin', '--url', up.server.url]);
    expect(human.code, human.err).toBe(0);
    expect(human.out).toContain(`Uploaded ${answer.uploaded[0].file} (no. 1,`);
    expect(up.taken).toHaveLength(1);
  });

  it('exits 1 with the reason when the bureau refuses, marking nothing', async () => {
    const bureau = await setupBureau();
    const other = await setupBureau();
    const office = await enrolledOffice(other);
    const up = await serveForTest(bureau);
    await office.t.close();
    const refused = await cli(['bundle', 'upload', '--db', office.t.dbPath, '--user', 'admin', '--url', up.server.url, '--json']);
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.out).error.issues[0]).toMatchObject({ code: 'sync.upload_refused', params: { reason: 'unknown_office' } });
    expect(refused.err).toContain('The bureau refused the upload (unknown_office)');
  });
});

describe('civicdesk bureau serve', () => {
  it('prints its address, admits by the bureau’s enrollments, and stops cleanly on SIGTERM', async () => {
    const bureau = await setupBureau();
    const office = await enrolledOffice(bureau);
    const stranger = await enrolledOffice(await setupBureau(), 'OTHER-9', '别处社区');
    await exportBundle(office, makeTempDir());
    await exportBundle(stranger, makeTempDir());
    await bureau.t.close();

    const served = await bureauServe(bureau.t.dbPath);
    expect(served.answer).toMatchObject({ host: '127.0.0.1', url: `http://127.0.0.1:${served.answer.port}/`, uploads: path.join(path.dirname(bureau.t.dbPath), 'uploads') });
    const create = (row: { content: Buffer; bytes: number; sha256: string }) =>
      tusRequest(`${served.answer.url}files`, 'POST', { 'Upload-Length': String(row.bytes), 'Upload-Metadata': metadata({ head: bundleHeadOf(row.content).toString(), sha256: row.sha256 }) });
    expect((await create(outboxOf(office)[0])).status).toBe(201);
    const foreign = await create(outboxOf(stranger)[0]);
    expect([foreign.status, foreign.body.trim()]).toEqual([403, 'unknown_office']);
    expect(storedUploads(served.answer.uploads)).toHaveLength(1);
    const unknown = await tusRequest(`${served.answer.url}status/${outboxOf(office)[0].bundle_id}`, 'GET', {});
    expect(JSON.parse(unknown.body)).toEqual({ state: 'unknown' });

    served.child.kill('SIGTERM');
    expect(await served.exited).toBe(0);
    expect(served.stderr()).toContain('Upload service stopped.');
    // The port is free again.
    await new Promise<void>((resolve, reject) => {
      const probe = net.createServer().once('error', reject);
      probe.listen(served.answer.port, '127.0.0.1', () => probe.close(() => resolve()));
    });
  }, 60_000);

  it('refuses an office database, and a port it cannot have', async () => {
    const bureau = await setupBureau();
    const office = await enrolledOffice(bureau);
    await office.t.close();
    const notBureau = await cli(['bureau', 'serve', '--db', office.t.dbPath, '--user', 'admin', '--port', '0', '--json']);
    expect(notBureau.code).toBe(1);
    expect(JSON.parse(notBureau.out).error.issues[0]).toMatchObject({ code: 'sync.is_office' });
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    onDispose(() => new Promise<void>((resolve) => taken.close(() => resolve())));
    await bureau.t.close();
    const busy = await cli(['bureau', 'serve', '--db', bureau.t.dbPath, '--user', 'admin', '--port', String((taken.address() as net.AddressInfo).port)]);
    expect(busy.code).toBe(1);
    expect(busy.err).toContain('Cannot run the upload service');
    const bad = await cli(['bureau', 'serve', '--db', bureau.t.dbPath, '--user', 'admin', '--port', 'eighty']);
    expect(bad.code).toBe(2);
  });
});
