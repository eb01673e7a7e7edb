/**
 * What the sync screens' tests need to see on a bureau, made for real: offices enrolled with a bureau
 * (a TestBureau or the app's own core), their residents, elderly-care work the city's figures count,
 * their bundles — and an office that restored a backup and so sent a second, different bundle under a
 * sequence the bureau already holds (the bureau's sequence_conflict alarm). Through the contract only.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { MethodOutput, Resident } from '../../shared/contract';
import { createTestHost } from './test-host';
import { TestClock } from './test-clock';
import { ADMIN_PASSWORD, SETUP_INPUT, login, newConnection, type TestOffice } from './office';
import { expectOk } from './results';
import { makeTempDir } from './temp-dir';
import { exportBundle, type TestSyncOffice } from './sync';
import { newIdNumber, register } from './residents-registry';

/** A bureau writing an office's enrollment file at `out`; answers the one-time code. */
export type EnrollAt = (officeCode: string, officeName: string, out: string) => Promise<string>;

/**
 * A new office database (code, name), enrolled with the bureau `enroll` stands for. Its clock is the
 * real time, so that what it records today falls in the screens' "this year".
 */
export async function officeEnrolledBy(enroll: EnrollAt, code: string, name: string): Promise<TestSyncOffice> {
  const dir = makeTempDir('civicdesk-office-');
  const t = createTestHost({ dir, dbPath: path.join(dir, 'office.civicdesk'), clock: new TestClock(new Date()) });
  expectOk(await t.call(newConnection('setup'), 'office.setup', { ...SETUP_INPUT, office: { ...SETUP_INPUT.office, code, name } }));
  const adminConn = newConnection('admin');
  const session = await login(t, adminConn, 'admin', ADMIN_PASSWORD);
  const office: TestOffice = { admin: { username: 'admin', password: ADMIN_PASSWORD, userId: session.userId }, adminConn };
  const file = path.join(dir, `${code}.cdenroll`);
  const oneTimeCode = await enroll(code, name, file);
  expectOk(await t.call(adminConn, 'sync.enroll', { file, code: oneTimeCode }));
  return { t, office, code };
}

/** A resident registered at the office (a household of their own), with this ID number if given. */
export async function resident(o: TestSyncOffice, name: string, idNumber = newIdNumber()): Promise<Resident> {
  return register(o.t, o.office.adminConn, { name, idNumber });
}

/** The office's next bundle, written to a folder of its own: the file. */
export async function nextBundle(o: TestSyncOffice): Promise<string> {
  const made = await exportBundle(o, makeTempDir('civicdesk-usb-'));
  if (!made.file) throw new Error(`${o.code}: nothing new to bundle`);
  return made.file;
}

/** Today at the office (its clock), as it dates its records. */
function officeToday(o: TestSyncOffice): string {
  const now = o.t.clock.now();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/**
 * Elderly care the city's figures count: an operating facility, and an older resident who had a meal
 * delivered today by it (one person-time, one person served).
 */
export async function eldercareWork(o: TestSyncOffice, name = '康乐日间照料中心'): Promise<void> {
  const conn = o.office.adminConn;
  const facility = expectOk(await o.t.call(conn, 'eldercare.facilities.save', { name, kind: 'day_care', operator: 'public', services: [{ code: 'meal', days: [1, 2, 3, 4, 5, 6, 7] }] }));
  const older = await register(o.t, conn, { name: '刘桂英', idNumber: newIdNumber({ birthDate: '1940-05-01' }) });
  const today = officeToday(o);
  let order = expectOk(await o.t.call(conn, 'eldercare.orders.create', { residentId: older.id, service: 'meal', channel: 'phone', requestedOn: today }));
  order = expectOk(await o.t.call(conn, 'eldercare.orders.dispatch', { id: order.id, version: order.version, facilityId: facility.id, dueOn: today }));
  expectOk(await o.t.call(conn, 'eldercare.orders.complete', { id: order.id, version: order.version, doneOn: today, durationMinutes: 30, costCents: 1500, subsidyCents: 1000 }));
}

/**
 * The office sends its next bundle, then restores a backup taken just before it and works on (`work`,
 * signed in again): its next export is another bundle under the same sequence, with other content —
 * what happens when an office goes back to an old backup, and what the bureau refuses as
 * sequence_conflict with an alarm. Both files, and the sequence.
 */
export async function sameSequenceTwice(o: TestSyncOffice, work: () => Promise<unknown>): Promise<{ first: string; second: string; sequence: number }> {
  const backups = makeTempDir('civicdesk-backups-');
  const backup = expectOk(await o.t.host.runJob(o.office.adminConn, 'backup.create', { folder: backups })) as MethodOutput<'backup.create'>;
  const first = expectOk(await o.t.host.runJob(o.office.adminConn, 'sync.export', { folder: makeTempDir('civicdesk-usb-') })) as MethodOutput<'sync.export'>;
  expectOk(await o.t.host.runJob(o.office.adminConn, 'backup.restore', { file: backup.file }));
  // The restore signed everyone out.
  o.office.adminConn = newConnection('admin-restored');
  await login(o.t, o.office.adminConn, 'admin', ADMIN_PASSWORD);
  await work();
  const second = expectOk(await o.t.host.runJob(o.office.adminConn, 'sync.export', { folder: makeTempDir('civicdesk-usb-') })) as MethodOutput<'sync.export'>;
  if (!first.file || !second.file || first.sequence === null || first.sequence !== second.sequence) throw new Error(`expected two bundles ${first.sequence} (got ${second.sequence})`);
  if (fs.readFileSync(first.file).equals(fs.readFileSync(second.file))) throw new Error('the two bundles are the same');
  return { first: first.file, second: second.file, sequence: first.sequence };
}

/** A copy of `file` cut short (a stick pulled mid-copy), as `name` in `folder`. */
export function cutShort(file: string, folder: string, name = path.basename(file)): string {
  const bytes = fs.readFileSync(file);
  const out = path.join(folder, name);
  fs.writeFileSync(out, bytes.subarray(0, Math.floor(bytes.length / 2)));
  return out;
}
