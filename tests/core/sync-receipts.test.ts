/**
 * Receipts, from the bureau back to the office: a valid one advances the acknowledged point (export
 * then finds nothing new, and no longer re-sends), reports what became of each bundle, returns
 * cross-office duplicates into the alert inbox once, and brings published standards into the office's
 * settings once. Forged, foreign, replayed, stale and over-reaching receipts change nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { disposeTestResources, makeTempDir } from '../support/temp-dir';
import { expectFailure, expectOk } from '../support/results';
import { enrolledOffice, exportBundle, setupBureau, type TestBureau, type TestSyncOffice } from '../support/sync';
import { newIdNumber, register } from '../support/residents-registry';
import { newSigningKey, openReceipt, sealReceipt } from '../../electron/core/sync/format';
import type { MethodOutput } from '../../shared/contract';

afterEach(disposeTestResources);

async function importAtBureau(bureau: TestBureau, files: string[]) {
  return expectOk(await bureau.t.host.runJob(bureau.conn, 'bureau.import', { files })) as MethodOutput<'bureau.import'>;
}

async function receiptFor(bureau: TestBureau, office: TestSyncOffice): Promise<string> {
  const folder = makeTempDir('civicdesk-receipts-');
  return expectOk(await bureau.t.call(bureau.conn, 'bureau.receipt', { officeCode: office.code, folder })).file;
}

const take = (o: TestSyncOffice, file: string) => o.t.call(o.office.adminConn, 'sync.receipt.import', { file });

describe('receipts', () => {
  it('acknowledges, stops re-sending, and refuses forged, foreign, replayed and over-reaching receipts', async () => {
    const bureau = await setupBureau();
    const office = await enrolledOffice(bureau);
    const usb = makeTempDir('civicdesk-usb-');
    const one = await exportBundle(office, usb);
    expect((await importAtBureau(bureau, [one.file!])).results[0].status).toBe('applied');
    const receipt = await receiptFor(bureau, office);
    const taken = expectOk(await take(office, receipt));
    expect(taken).toMatchObject({ receiptSeq: 1, acknowledgedSequence: 1, bundles: [{ sequence: 1, status: 'applied' }] });
    const status = expectOk(await office.t.call(office.office.adminConn, 'sync.status', {}));
    expect(status.acknowledgedSequence).toBe(1);
    expect(status.bundles[0]).toMatchObject({ bureauStatus: 'applied' });
    expect(status.bundles[0].acknowledgedAt).not.toBeNull();
    expect(status.anchoredHead).not.toBeNull();
    // Nothing new and nothing unacknowledged: no file at all.
    const again = makeTempDir('civicdesk-usb-');
    expect(await exportBundle(office, again)).toMatchObject({ file: null, changes: 0, resent: [] });
    expect(fs.readdirSync(again)).toEqual([]);

    // The same receipt again (a replay), and an older one: stale.
    expect(expectFailure(await take(office, receipt), 'INVALID_INPUT').issues?.[0].code).toBe('sync.receipt_stale');

    // Forged: the same content signed with a key that is not the bureau's.
    const body = openReceipt(fs.readFileSync(receipt), (await bureauKey(bureau)));
    const forger = newSigningKey();
    const forged = writeTemp('forged.cdreceipt', sealReceipt({ ...body, receiptSeq: 9 }, forger.privateKey));
    expect(expectFailure(await take(office, forged), 'INVALID_INPUT').issues?.[0].code).toBe('sync.receipt_forged');
    // Altered after signing (a byte of the JSON changed).
    const altered = Buffer.from(fs.readFileSync(receipt).toString('utf8').replace('"receiptSeq":1', '"receiptSeq":7'));
    expect(expectFailure(await take(office, writeTemp('altered.cdreceipt', altered)), 'INVALID_INPUT').issues?.[0].code).toBe('sync.receipt_forged');

    // Foreign: a real receipt of the same bureau for another office.
    const other = await enrolledOffice(bureau, 'OTHER-1', '另一个社区');
    const otherBundle = await exportBundle(other, makeTempDir('civicdesk-usb-'));
    await importAtBureau(bureau, [otherBundle.file!]);
    const foreign = await receiptFor(bureau, other);
    expect(expectFailure(await take(office, foreign), 'INVALID_INPUT').issues?.[0].code).toBe('sync.receipt_foreign');

    // Each refusal left a trace in the audit trail and changed nothing.
    const after = expectOk(await office.t.call(office.office.adminConn, 'sync.status', {}));
    expect(after.acknowledgedSequence).toBe(1);
    const refused = office.t.host.db.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'sync.receipt.refused'").pluck().get() as number;
    expect(refused).toBe(4);
  });

  it('returns cross-office duplicates as alerts once, and published standards into the settings once', async () => {
    const bureau = await setupBureau();
    const a = await enrolledOffice(bureau, 'DWK-A', '朝阳街社区');
    const b = await enrolledOffice(bureau, 'DWK-B', '胜利街社区');
    const shared = newIdNumber({ birthDate: '1950-03-04' });
    const mine = await register(a.t, a.office.adminConn, { name: '张秀兰', idNumber: shared });
    await register(b.t, b.office.adminConn, { name: '张秀兰', idNumber: shared });
    await register(a.t, a.office.adminConn, { name: '李建国', idNumber: newIdNumber() });
    const standards = writeTemp('standards.json', Buffer.from(JSON.stringify({
      allowanceBands: [{ fromAge: 80, toAge: null, monthlyCents: 12_000 }],
      homeCareSubsidy: { enabled: true, minAge: 70, levels: ['severe', 'complete'], monthlyCents: 20_000 },
    })));
    expectOk(await bureau.t.call(bureau.conn, 'bureau.publish', { kind: 'eldercare.standards', file: standards }));
    const bad = writeTemp('bad.json', Buffer.from('{"allowanceBands": "many"}'));
    expect(expectFailure(await bureau.t.call(bureau.conn, 'bureau.publish', { kind: 'eldercare.standards', file: bad }), 'INVALID_INPUT').issues?.[0].code).toBe('sync.bad_update');
    expect(expectFailure(await bureau.t.call(bureau.conn, 'bureau.publish', { kind: 'nothing.here', file: standards }), 'INVALID_INPUT').issues?.[0].code).toBe('sync.unknown_update_kind');

    const fa = await exportBundle(a, makeTempDir('civicdesk-usb-'));
    const fb = await exportBundle(b, makeTempDir('civicdesk-usb-'));
    await importAtBureau(bureau, [fa.file!, fb.file!]);
    const dups = expectOk(await bureau.t.call(bureau.conn, 'bureau.duplicates', {}));
    expect(dups.total).toBe(1);
    expect(dups.items[0].entries.map((e) => e.office)).toEqual(['DWK-A', 'DWK-B']);
    expect(dups.items[0].idMasked).not.toContain(shared.slice(6));

    const taken = expectOk(await take(a, await receiptFor(bureau, a)));
    expect(taken.alertsRaised).toBe(2); // the duplicate, and the standards update
    const alerts = expectOk(await a.t.call(a.office.adminConn, 'alerts.list', {}));
    const dup = alerts.items.find((x) => x.source === 'sync.cross_office_duplicate')!;
    expect(dup).toMatchObject({ entity: 'residents', entityId: mine.id });
    expect(String(dup.params.offices)).toContain('胜利街社区');
    expect(JSON.stringify(dup.params)).not.toContain(shared);
    const settings = expectOk(await a.t.call(a.office.adminConn, 'eldercare.settings.get', {}));
    expect(settings.allowanceBands).toEqual([{ fromAge: 80, toAge: null, monthlyCents: 12_000 }]);
    expect(settings.homeCareSubsidy.monthlyCents).toBe(20_000);
    // The office's other settings are its own, untouched.
    expect(settings.circleMinutes).toBe(15);

    // A second receipt with the same news raises nothing new and applies nothing twice.
    const fa2 = await exportBundle(a, makeTempDir('civicdesk-usb-'));
    await importAtBureau(bureau, [fa2.file!]);
    const second = expectOk(await take(a, await receiptFor(bureau, a)));
    expect(second.alertsRaised).toBe(0);
    const applied = a.t.host.db.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'sync.update.applied'").pluck().get() as number;
    expect(applied).toBe(1);
  });

  it('a junk file written in an office’s name (unsigned) is the bureau’s to see, not the office’s receipt', async () => {
    const bureau = await setupBureau();
    const office = await enrolledOffice(bureau);
    const one = await exportBundle(office, makeTempDir('civicdesk-usb-'));
    await importAtBureau(bureau, [one.file!]);
    expectOk(await take(office, await receiptFor(bureau, office)));
    const bundleId = JSON.parse(fs.readFileSync(one.file!).toString('utf8').split('\n')[1]) as { bundleId: string };
    const junk = writeTemp('junk.cdbundle', Buffer.from(`CIVICDESK-BUNDLE/1\n{"office":"${office.code}","sequence":1,"bundleId":"${bundleId.bundleId}"}\nxx\n`));
    expect((await importAtBureau(bureau, [junk])).results[0].status).toBe('rejected');
    const second = expectOk(await take(office, await receiptFor(bureau, office)));
    expect(second.bundles).toEqual([]);
    expect(second.alertsRaised).toBe(0);
    const status = expectOk(await office.t.call(office.office.adminConn, 'sync.status', {}));
    expect(status.bundles[0]).toMatchObject({ sequence: 1, bureauStatus: 'applied' });
  });
});

let tempCounter = 0;
function writeTemp(name: string, content: Buffer): string {
  const file = path.join(makeTempDir(), `${++tempCounter}-${name}`);
  fs.writeFileSync(file, content);
  return file;
}

async function bureauKey(bureau: TestBureau): Promise<string> {
  return bureau.t.host.db.prepare('SELECT verify_key FROM bureau_identity').pluck().get() as string;
}
