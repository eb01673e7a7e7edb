/**
 * Enrollment and the first bundle: the bureau's file and one-time code enroll an office once; a
 * second enrollment, another office's file, a wrong code or a file that is no enrollment are refused
 * with the field and a message; the export writes a bundle whose clear header is signed by the office.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { disposeTestResources, makeTempDir } from '../support/temp-dir';
import { expectFailure, expectOk } from '../support/results';
import { enrolledOffice, exportBundle, setupBureau } from '../support/sync';
import { bundleSignatureHolds, newAgeIdentity, openBundle } from '../../electron/core/sync/format';
import { createTestHost } from '../support/test-host';
import { setupOffice } from '../support/office';

afterEach(disposeTestResources);

describe('sync enrollment', () => {
  it('enrolls once; refuses a second enrollment, a foreign file, a wrong code and a non-enrollment file', async () => {
    const bureau = await setupBureau();
    const office = await enrolledOffice(bureau);
    const status = expectOk(await office.t.call(office.office.adminConn, 'sync.status', {}));
    expect(status.role).toBe('office');
    expect(status.enrollment?.bureauName).toBe('石嘴山市民政局');

    const again = path.join(makeTempDir(), 'again.cdenroll');
    const second = expectOk(await bureau.t.call(bureau.conn, 'bureau.enroll', { officeCode: 'OTHER-1', officeName: '另一个社区', out: again }));
    const refused = expectFailure(await office.t.call(office.office.adminConn, 'sync.enroll', { file: again, code: second.oneTimeCode }), 'INVALID_INPUT');
    expect(refused.issues?.[0]).toMatchObject({ path: ['file'], code: 'sync.already_enrolled' });

    // A fresh office (code DWK-CYJ, not enrolled): another office's file, its own with a wrong code,
    // its own with the bureau's key swapped for another (the code no longer opens it), a non-enrollment.
    const fresh = createTestHost();
    const freshOffice = await setupOffice(fresh);
    const call = (file: string, code: string) => fresh.call(freshOffice.adminConn, 'sync.enroll', { file, code });
    const foreign = expectFailure(await call(again, second.oneTimeCode), 'INVALID_INPUT');
    expect(foreign.issues?.[0]).toMatchObject({ path: ['file'], code: 'sync.other_office' });
    expect(foreign.issues?.[0].message).toContain('另一个社区');
    const own = path.join(makeTempDir(), 'own.cdenroll');
    const ownEnroll = expectOk(await bureau.t.call(bureau.conn, 'bureau.enroll', { officeCode: 'DWK-CYJ2', officeName: '朝阳街社区', out: own }));
    // (The bureau enrolled DWK-CYJ2; the fresh office is DWK-CYJ: still another office's file.)
    expect(expectFailure(await call(own, ownEnroll.oneTimeCode), 'INVALID_INPUT').issues?.[0].code).toBe('sync.other_office');
    const mine = path.join(makeTempDir(), 'mine.cdenroll');
    const other = await setupBureau();
    const mineEnroll = expectOk(await other.t.call(other.conn, 'bureau.enroll', { officeCode: 'DWK-CYJ', officeName: '朝阳街社区', out: mine }));
    const wrong = expectFailure(await call(mine, 'AAAA-BBBB-CCCC-DDDD'), 'INVALID_INPUT');
    expect(wrong.issues?.[0]).toMatchObject({ path: ['code'], code: 'sync.wrong_code' });
    const swapped = JSON.parse(fs.readFileSync(mine, 'utf8')) as { bureau: { recipient: string } };
    swapped.bureau.recipient = (await newAgeIdentity()).recipient;
    const forged = path.join(makeTempDir(), 'forged.cdenroll');
    fs.writeFileSync(forged, JSON.stringify(swapped));
    expect(expectFailure(await call(forged, mineEnroll.oneTimeCode), 'INVALID_INPUT').issues?.[0].code).toBe('sync.wrong_code');
    const junk = path.join(makeTempDir(), 'junk.cdenroll');
    fs.writeFileSync(junk, '不是登记文件');
    expect(expectFailure(await call(junk, mineEnroll.oneTimeCode), 'INVALID_INPUT').issues?.[0].code).toBe('sync.not_an_enrollment');
    // Nothing was kept by the refusals; the right code (typed loosely) enrolls.
    expect(expectOk(await fresh.call(freshOffice.adminConn, 'sync.status', {})).role).toBe('none');
    expectOk(await call(mine, mineEnroll.oneTimeCode.toLowerCase().replace(/-/g, ' ')));
    expect(expectOk(await fresh.call(freshOffice.adminConn, 'sync.status', {})).role).toBe('office');
  });

  it('a first bundle carries every change, is signed by the office and says its own length and hash', async () => {
    const bureau = await setupBureau();
    const office = await enrolledOffice(bureau);
    const usb = makeTempDir('civicdesk-usb-');
    const made = await exportBundle(office, usb);
    expect(made.sequence).toBe(1);
    expect(made.changes).toBeGreaterThan(0);
    const bytes = fs.readFileSync(made.file!);
    expect(bytes.length).toBe(made.bytes);
    const opened = openBundle(bytes);
    const status = expectOk(await office.t.call(office.office.adminConn, 'sync.status', {}));
    expect(opened.header.sequence).toBe(1);
    expect(opened.header.office).toBe(office.code);
    const enrollmentKey = opened.header.officeKey;
    expect(bundleSignatureHolds(opened, enrollmentKey)).toBe(true);
    expect(status.bundles[0]).toMatchObject({ sequence: 1, exportedTo: usb });
    // Nothing new: no file, changes 0; the unacknowledged bundle is written again, unchanged.
    const usb2 = makeTempDir('civicdesk-usb-');
    const none = await exportBundle(office, usb2);
    expect(none).toMatchObject({ file: null, changes: 0, sequence: null });
    expect(none.resent).toHaveLength(1);
    expect(fs.readFileSync(none.resent[0].file).equals(bytes)).toBe(true);
    expect(fs.readdirSync(usb2)).toEqual([path.basename(made.file!)]);
  });
});
