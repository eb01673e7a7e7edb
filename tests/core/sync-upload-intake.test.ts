/**
 * The upload feeding the bureau's real intake (`bureau.import`, as `civicdesk bureau serve` runs it):
 * an upload cut mid-PATCH with the service restarted is applied once; uploading again sends nothing
 * and takes nothing in; a bureau that lost its upload folder refuses, before a byte, a bundle it already
 * applied — never a second apply. End to end through both CLI commands too.
 *
 * Needs the intake (bureau.import); until it is merged these fail with INTERNAL at the intake.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../electron/cli/main';
import { disposeTestResources, makeTempDir } from '../support/temp-dir';
import { expectFailure, expectOk } from '../support/results';
import { ADMIN_PASSWORD, login, newConnection } from '../support/office';
import { createTestHost } from '../support/test-host';
import { setupBureau, type TestBureau, type TestSyncOffice } from '../support/sync';
import { bureauServe, CuttingProxy, enrolledOfficeTuned, outboxOf, serveWithIntake } from '../support/sync-upload';
import type { MethodOutput } from '../../shared/contract';

afterEach(disposeTestResources);

interface IntakeRow {
  bundle_id: string;
  sequence: number;
  status: string;
}

const intakeLog = (b: TestBureau): IntakeRow[] => b.t.host.db.prepare('SELECT bundle_id, sequence, status FROM bureau_intake_log ORDER BY seq').all() as IntakeRow[];
const bureauRows = (b: TestBureau): number => b.t.host.db.prepare('SELECT COUNT(*) FROM bureau_rows').pluck().get() as number;

async function upload(o: TestSyncOffice, url: string) {
  return o.t.host.runJob(o.office.adminConn, 'sync.upload', { url });
}

describe('uploads into the intake', () => {
  it('an upload cut mid-PATCH, the service restarted on its folder: resumed, applied once; again: nothing sent, nothing taken in', async () => {
    const bureau = await setupBureau();
    const office = await enrolledOfficeTuned(bureau);
    // Enough records that the bundle's PATCH is cut with part of it already stored at the bureau.
    expectOk(await office.t.host.runJob(office.office.adminConn, 'demo.generate', { residents: 1000, seed: 7 }));
    const dir = makeTempDir('civicdesk-uploads-');
    let service = await serveWithIntake(bureau, { dir });
    const proxy = await new CuttingProxy(service.port).start();

    // Make the bundle first (a failed try keeps it), to know where the middle of its PATCH is.
    proxy.cutAfter(0);
    expectFailure(await upload(office, proxy.url), 'INVALID_INPUT');
    const [row] = outboxOf(office);
    proxy.restore();
    // Well into the PATCH body, the line drops.
    proxy.cutInPatchAfter(Math.floor(row.bytes * 0.6));
    const cut = expectFailure(await upload(office, proxy.url), 'INVALID_INPUT');
    expect(cut.issues?.[0].code).toBe('sync.upload_failed');
    expect(outboxOf(office)[0].uploaded_at).toBeNull();
    expect(outboxOf(office)[0].upload_url).not.toBeNull();
    expect(intakeLog(bureau)).toEqual([]);

    await service.close();
    service = await serveWithIntake(bureau, { dir });
    proxy.restore(service.port);
    const done = expectOk(await upload(office, proxy.url)) as MethodOutput<'sync.upload'>;
    expect(done.uploaded).toEqual([{ file: row.file_name, sequence: 1, bytes: row.bytes }]);
    const audit = office.t.host.db.prepare("SELECT detail FROM audit_log WHERE action = 'sync.upload'").pluck().all().map((d) => JSON.parse(d as string) as { sent: number; bureauStatus: string });
    expect(audit).toHaveLength(1);
    expect(audit[0].bureauStatus).toBe('applied');
    expect(audit[0].sent).toBeLessThan(row.bytes);
    expect(intakeLog(bureau)).toEqual([{ bundle_id: row.bundle_id, sequence: 1, status: 'applied' }]);
    const applied = bureauRows(bureau);
    expect(applied).toBeGreaterThan(0);

    expectOk(await upload(office, proxy.url));
    expect(intakeLog(bureau)).toHaveLength(1);
    expect(bureauRows(bureau)).toBe(applied);
  });

  it('a bureau that lost its upload folder refuses the bundle it already applied before a byte, and the office counts it sent: no second apply', async () => {
    const bureau = await setupBureau();
    const office = await enrolledOfficeTuned(bureau);
    const first = await serveWithIntake(bureau);
    expectOk(await upload(office, first.url));
    const applied = bureauRows(bureau);
    await first.close();
    fs.rmSync(first.dir, { recursive: true, force: true });

    const second = await serveWithIntake(bureau, { dir: first.dir });
    expectOk(await upload(office, second.url));
    const [row] = outboxOf(office);
    expect(intakeLog(bureau)).toEqual([{ bundle_id: row.bundle_id, sequence: 1, status: 'applied' }]);
    // Nothing of it was stored a second time.
    expect(fs.readdirSync(path.join(first.dir, 'files')).filter((f) => !f.endsWith('.json'))).toEqual([]);
    expect(bureauRows(bureau)).toBe(applied);
    expect(outboxOf(office)[0].uploaded_at).not.toBeNull();
  });

  it('end to end from the command line: bureau serve, bundle upload', async () => {
    const bureau = await setupBureau();
    const office = await enrolledOfficeTuned(bureau);
    await bureau.t.close();
    await office.t.close();
    const served = await bureauServe(bureau.t.dbPath);
    const stdout = new PassThrough();
    let out = '';
    let err = '';
    stdout.on('data', (b: Buffer) => (out += b.toString()));
    const stderr = new PassThrough().on('data', (b: Buffer) => (err += b.toString()));
    const code = await main(['bundle', 'upload', '--db', office.t.dbPath, '--user', 'admin', '--url', served.answer.url, '--json'], {
      stdout,
      stderr,
      stdin: new PassThrough(),
      env: { CIVICDESK_PASSWORD: ADMIN_PASSWORD, CIVICDESK_LANG: 'en' },
    });
    expect(code, err).toBe(0);
    expect((JSON.parse(out) as MethodOutput<'sync.upload'>).uploaded).toHaveLength(1);
    served.child.kill('SIGTERM');
    expect(await served.exited).toBe(0);

    const again = createTestHost({ dir: path.dirname(bureau.t.dbPath), dbPath: bureau.t.dbPath });
    const conn = newConnection('bureau');
    await login(again, conn, 'admin', ADMIN_PASSWORD);
    expect((again.host.db.prepare('SELECT status FROM bureau_intake_log').pluck().all() as string[])).toEqual(['applied']);
  }, 60_000);
});
