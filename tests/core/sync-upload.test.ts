/**
 * The resumable upload, office → bureau, over 127.0.0.1 (the bureau's real upload service with its
 * real admission; the intake's answer stands in here — sync-upload-intake.test.ts runs the intake):
 * a bundle arrives byte for byte and only then counts as sent; a second run sends nothing again;
 * creation requests from strangers, forged heads, wrong lengths and oversize uploads are refused
 * before a byte is stored; a hash that does not hold is never counted as sent.
 */
import { gzipSync } from 'node:zlib';
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { disposeTestResources, makeTempDir } from '../support/temp-dir';
import { expectFailure, expectOk } from '../support/results';
import { enrolledOffice, exportBundle, setupBureau, type TestSyncOffice } from '../support/sync';
import { enrolledOfficeTuned, metadata, outboxOf, serveForTest, storedUploads, tusRequest } from '../support/sync-upload';
import { bundleHeadOf, MAX_BUNDLE_BYTES, newSigningKey, readBundleHead, sealBundle, sha256 } from '../../electron/core/sync/format';
import { uploadBundle, UploadError } from '../../electron/core/sync/upload/client';
import type { MethodOutput } from '../../shared/contract';

afterEach(disposeTestResources);

async function upload(o: TestSyncOffice, url?: string): Promise<MethodOutput<'sync.upload'>> {
  return expectOk(await o.t.host.runJob(o.office.adminConn, 'sync.upload', url === undefined ? {} : { url })) as MethodOutput<'sync.upload'>;
}

const auditActions = (o: TestSyncOffice, action: string) =>
  o.t.host.db.prepare('SELECT detail FROM audit_log WHERE action = ? ORDER BY seq').pluck().all(action).map((d) => JSON.parse(d as string) as Record<string, unknown>);

describe('sync.upload', () => {
  it('sends the bundle whole, marks it uploaded only after the bureau answered, and sends nothing again next time', async () => {
    const bureau = await setupBureau();
    const office = await enrolledOffice(bureau);
    const up = await serveForTest(bureau);

    const first = await upload(office, up.server.url);
    const [row] = outboxOf(office);
    expect(first).toEqual({ sequence: 1, changes: first.changes, uploaded: [{ file: row.file_name, sequence: 1, bytes: row.bytes }] });
    expect(first.changes).toBeGreaterThan(0);
    // The intake was handed exactly the office's file, under the bundle's own name.
    expect(up.taken).toHaveLength(1);
    expect(up.taken[0].bytes.equals(row.content)).toBe(true);
    expect(up.taken[0].file.endsWith(row.file_name)).toBe(true);
    expect(row.uploaded_at).not.toBeNull();
    expect(row.upload_url).toBeNull();
    expect(auditActions(office, 'sync.upload')).toEqual([expect.objectContaining({ sequence: 1, bytes: row.bytes, file: row.file_name, bureauStatus: 'applied', sent: row.bytes })]);
    const status = expectOk(await office.t.call(office.office.adminConn, 'sync.status', {}));
    expect(status.bundles[0].uploadedAt).toBe(row.uploaded_at);

    // Not acknowledged yet, so it goes again — but the bureau already has it: no byte, no second intake.
    const second = await upload(office, up.server.url);
    expect(second).toEqual({ sequence: null, changes: 0, uploaded: [{ file: row.file_name, sequence: 1, bytes: row.bytes }] });
    expect(up.taken).toHaveLength(1);
    expect(auditActions(office, 'sync.upload').map((d) => [d.sequence, d.sent])).toEqual([
      [1, row.bytes],
      [1, 0],
    ]);
  });

  it('uses the configured bureau address, and refuses without one', async () => {
    const bureau = await setupBureau();
    const office = await enrolledOffice(bureau);
    const none = expectFailure(await office.t.host.runJob(office.office.adminConn, 'sync.upload', {}), 'INVALID_INPUT');
    expect(none.issues?.[0]).toMatchObject({ path: ['url'], code: 'sync.no_bureau_url' });
    expect(outboxOf(office)).toEqual([]);
    const up = await serveForTest(bureau);
    expectOk(await office.t.call(office.office.adminConn, 'sync.settings.update', { uploadUrl: up.server.url }));
    expect((await upload(office)).uploaded).toHaveLength(1);
    expect(up.taken).toHaveLength(1);
    const bad = expectFailure(await office.t.host.runJob(office.office.adminConn, 'sync.upload', { url: 'ftp://bureau/' }), 'INVALID_INPUT');
    expect(bad.issues?.[0]).toMatchObject({ path: ['url'], code: 'sync.bad_url' });
  });

  it('a network that does not answer fails after the retries and marks nothing', async () => {
    const bureau = await setupBureau();
    const office = await enrolledOfficeTuned(bureau);
    const up = await serveForTest(bureau);
    const url = up.server.url;
    await up.close();
    const failed = expectFailure(await office.t.host.runJob(office.office.adminConn, 'sync.upload', { url }), 'INVALID_INPUT');
    expect(failed.issues?.[0]).toMatchObject({ path: ['url'], code: 'sync.upload_failed' });
    expect(String(failed.issues?.[0].params?.detail)).toBe('市局的上传服务没有开启或地址端口不对');
    expect(outboxOf(office).map((r) => r.uploaded_at)).toEqual([null]);
    expect(auditActions(office, 'sync.upload')).toEqual([]);
  });
});

describe('the upload service admits only enrolled offices, before taking a byte', () => {
  it('refuses an office enrolled elsewhere with 403 and stores nothing; the office is told why and marks nothing', async () => {
    const bureau = await setupBureau();
    const elsewhere = await setupBureau();
    const office = await enrolledOffice(elsewhere);
    const up = await serveForTest(bureau);
    const refused = expectFailure(await office.t.host.runJob(office.office.adminConn, 'sync.upload', { url: up.server.url }), 'INVALID_INPUT');
    expect(refused.issues?.[0]).toMatchObject({ path: ['url'], code: 'sync.upload_refused', params: { reason: 'unknown_office' } });
    expect(storedUploads(up.dir)).toEqual([]);
    expect(up.taken).toEqual([]);
    expect(outboxOf(office).map((r) => [r.uploaded_at, r.upload_url])).toEqual([[null, null]]);
  });

  it('refuses forged heads, a key the enrollment does not prove, wrong lengths and missing metadata: 403 with a reason', async () => {
    const bureau = await setupBureau();
    const office = await enrolledOffice(bureau);
    const up = await serveForTest(bureau);
    await exportBundle(office, makeTempDir('civicdesk-usb-'));
    const [row] = outboxOf(office);
    const head = bundleHeadOf(row.content);
    const { header } = readBundleHead(head);
    const endpoint = `${up.server.url}files`;
    const create = (h: Buffer | string, length: number, sha = row.sha256) =>
      tusRequest(endpoint, 'POST', { 'Upload-Length': String(length), 'Upload-Metadata': metadata({ head: h.toString(), sha256: sha }) });

    // The honest head is admitted (and stores an empty upload).
    const honest = await create(head, row.bytes);
    expect(honest.status).toBe(201);
    expect(storedUploads(up.dir)).toHaveLength(1);

    const lines = head.toString('utf8').split('\n');
    // A signature that is not the office's.
    const flipped = lines[2].startsWith('A') ? `B${lines[2].slice(1)}` : `A${lines[2].slice(1)}`;
    // A header the office did not sign (another sequence).
    const altered = lines[1].replace(`"sequence":${header.sequence}`, `"sequence":${header.sequence + 7}`);
    // A bundle signed with a key of someone's own, carrying the office's key proof.
    const stranger = newSigningKey();
    const forged = await sealBundle(
      { gzipped: gzipSync(Buffer.from('{}')) },
      { ...header, officeKey: stranger.publicKey },
      bureau.t.host.db.prepare('SELECT recipient FROM bureau_identity').pluck().get() as string,
      stranger.privateKey,
    );
    const cases: [Buffer | string, number, number, string][] = [
      [[lines[0], lines[1], flipped, ''].join('\n'), row.bytes, 403, 'bad_signature'],
      [[lines[0], altered, lines[2], ''].join('\n'), row.bytes, 403, 'bad_signature'],
      [bundleHeadOf(forged), forged.length, 403, 'unknown_signer'],
      [head, row.bytes - 1, 403, 'length_mismatch'],
      [head, row.bytes + 1, 403, 'length_mismatch'],
      ['CIVICDESK-BUNDLE/1\n{"format":1}\nxx\n', row.bytes, 403, 'tampered'],
      ['hello\n', row.bytes, 403, 'not_a_bundle'],
    ];
    for (const [h, length, status, reason] of cases) {
      const answer = await create(h, length);
      expect([answer.status, answer.body.trim()], reason).toEqual([status, reason]);
    }
    const noMeta = await tusRequest(endpoint, 'POST', { 'Upload-Length': String(row.bytes) });
    expect(noMeta.status).toBe(403);
    const deferred = await tusRequest(endpoint, 'POST', { 'Upload-Defer-Length': '1', 'Upload-Metadata': metadata({ head: head.toString(), sha256: row.sha256 }) });
    expect([deferred.status, deferred.body.trim()]).toEqual([403, 'length_required']);
    // Nothing but the honest upload is stored; nobody may read or delete it.
    expect(storedUploads(up.dir)).toHaveLength(1);
    const location = String(honest.headers.location);
    expect((await tusRequest(location, 'GET', {})).status).toBe(405);
    expect((await tusRequest(location, 'DELETE', {})).status).toBe(405);
    expect(storedUploads(up.dir)).toHaveLength(1);
  });

  it('refuses an oversize upload with 413 before storing it', async () => {
    const bureau = await setupBureau();
    const office = await enrolledOffice(bureau);
    await exportBundle(office, makeTempDir('civicdesk-usb-'));
    const [row] = outboxOf(office);
    const head = bundleHeadOf(row.content);
    // Above the service's bound, whatever the head says.
    const up = await serveForTest(bureau, { maxBytes: row.bytes - 1 });
    const big = await tusRequest(`${up.server.url}files`, 'POST', { 'Upload-Length': String(row.bytes), 'Upload-Metadata': metadata({ head: head.toString(), sha256: row.sha256 }) });
    expect(big.status).toBe(413);
    const huge = await tusRequest(`${up.server.url}files`, 'POST', { 'Upload-Length': String(MAX_BUNDLE_BYTES + 1), 'Upload-Metadata': metadata({ head: head.toString(), sha256: row.sha256 }) });
    expect(huge.status).toBe(413);
    expect(storedUploads(up.dir)).toEqual([]);
    // Through the office's job: refused, with the reason, nothing marked.
    const refused = expectFailure(await office.t.host.runJob(office.office.adminConn, 'sync.upload', { url: up.server.url }), 'INVALID_INPUT');
    expect(refused.issues?.[0]).toMatchObject({ code: 'sync.upload_refused' });
    expect(outboxOf(office)[0].uploaded_at).toBeNull();
  });
});

describe('end-to-end hash', () => {
  it('a file whose hash is not the declared one is dropped by the server and not counted as sent', async () => {
    const bureau = await setupBureau();
    const office = await enrolledOffice(bureau);
    const up = await serveForTest(bureau);
    await exportBundle(office, makeTempDir('civicdesk-usb-'));
    // The office's record of its bundle's hash no longer matches its bytes (a damaged outbox, or bytes altered on the way).
    office.t.host.db.prepare('UPDATE sync_outbox SET sha256 = ? WHERE sequence = 1').run(sha256('something else'));
    const failed = expectFailure(await office.t.host.runJob(office.office.adminConn, 'sync.upload', { url: up.server.url }), 'INVALID_INPUT');
    expect(failed.issues?.[0]).toMatchObject({ path: ['url'], code: 'sync.upload_corrupted' });
    expect(up.taken).toEqual([]);
    expect(storedUploads(up.dir)).toEqual([]);
    expect(outboxOf(office).map((r) => [r.uploaded_at, r.upload_url])).toEqual([[null, null]]);
    expect(auditActions(office, 'sync.upload')).toEqual([]);
  });

  it('bytes altered on the way (same length) are caught by the server, and the client is told', async () => {
    const bureau = await setupBureau();
    const office = await enrolledOffice(bureau);
    const up = await serveForTest(bureau);
    await exportBundle(office, makeTempDir('civicdesk-usb-'));
    const [row] = outboxOf(office);
    const altered = Buffer.from(row.content);
    altered[altered.length - 5] ^= 0x40;
    let saved: string | null = null;
    const error = await uploadBundle({
      url: up.server.url,
      file: altered,
      fileName: row.file_name,
      sha256: row.sha256,
      retryDelays: [0],
      resume: { load: () => saved, save: (u) => void (saved = u), clear: () => void (saved = null) },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UploadError);
    expect((error as UploadError).failure).toBe('corrupted');
    expect(saved).toBeNull();
    expect(up.taken).toEqual([]);
    expect(storedUploads(up.dir)).toEqual([]);
    const state = await tusRequest(`${up.server.url}status/${row.bundle_id}`, 'GET', {});
    expect(JSON.parse(state.body)).toEqual({ state: 'refused', reason: 'hash_mismatch' });
    expect(fs.existsSync(up.dir)).toBe(true);
  });
});
