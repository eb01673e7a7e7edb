/**
 * Backups and restore through the contract, on real encrypted databases: what a backup file is,
 * what inspect says without restoring, what restore gives back (identical counts and data) and
 * keeps aside, and every backup it refuses without changing anything.
 */
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION } from '../../electron/core/db/migrate';
import { localStamp } from '../../electron/core/backup/file-name';
import type { BackupSummary, MethodOutput } from '../../shared/contract';
import { createTestHost, TEST_APP_VERSION } from '../support/test-host';
import { ADMIN_PASSWORD, login, newConnection, SETUP_INPUT } from '../support/office';
import { expectFailure, expectOk } from '../support/results';
import { disposeTestResources, makeTempDir, sha256 } from '../support/temp-dir';
import { register } from '../support/residents-registry';
import { backupNow, dataHash, expectNothingPlain, officeWithHouseholds, tableCounts } from '../support/backups';

afterEach(disposeTestResources);

type Inspection = MethodOutput<'backup.inspect'>;

describe('backup.create', () => {
  it('writes one checked, encrypted file named for the office and the local time, into the automatic folder', async () => {
    const t = createTestHost();
    const office = await officeWithHouseholds(t);
    const made = await backupNow(t, office.adminConn);

    expect(made.name).toBe(`civicdesk-DWK-CYJ-${localStamp(t.clock.now()).replace('T', '_').replace(/:/g, '')}.cdbak`);
    expect(made.file).toBe(path.join(t.dir, 'backups', made.name));
    expect(made).toMatchObject({ kind: 'manual', office: SETUP_INPUT.office, appVersion: TEST_APP_VERSION, schemaVersion: LATEST_SCHEMA_VERSION, encrypted: true });
    expect(made.counts).toMatchObject({ residents: 12, households: 4, users: 4 });
    expect(made.bytes).toBe(fs.statSync(made.file).size);
    // Only the backup is left: no work copy beside the database, no partial file in the folder.
    expect(fs.readdirSync(path.join(t.dir, 'backups'))).toEqual([made.name]);
    expect(fs.readdirSync(t.dir).filter((n) => /\.tmp$|\.partial$/.test(n))).toEqual([]);
    expectNothingPlain(t.dir, ['张三丰0', '李秀英1', '朝阳街道康乐小区']);
    expect(t.eventsFor(office.adminConn, 'job.progress').length).toBeGreaterThan(0);
  });

  it('writes to a chosen folder (a USB drive) or file; refuses a missing folder and an existing file', async () => {
    const t = createTestHost();
    const office = await officeWithHouseholds(t, 1);
    const usb = makeTempDir('civicdesk-usb-');
    const inFolder = await backupNow(t, office.adminConn, { folder: usb });
    expect(path.dirname(inFolder.file)).toBe(usb);
    const named = await backupNow(t, office.adminConn, { file: path.join(usb, '月底备份.cdbak') });
    expect(named.name).toBe('月底备份.cdbak');
    // Two in the same second get distinct names; neither overwrites the other.
    const again = await backupNow(t, office.adminConn, { folder: usb });
    expect(again.name).toBe(inFolder.name.replace('.cdbak', '-2.cdbak'));

    const missing = expectFailure(await t.host.runJob(office.adminConn, 'backup.create', { folder: path.join(usb, 'no-such-drive') }), 'INVALID_INPUT');
    expect(missing.issues?.[0]).toMatchObject({ path: ['folder'], code: 'backup.folder_missing' });
    const before = sha256(named.file);
    const exists = expectFailure(await t.host.runJob(office.adminConn, 'backup.create', { file: named.file }), 'INVALID_INPUT');
    expect(exists.issues?.[0]).toMatchObject({ path: ['file'], code: 'backup.exists' });
    expect(sha256(named.file)).toBe(before);
  });

  it('is recorded in the audit trail, and only roles with system.maintain may back up', async () => {
    const t = createTestHost();
    const office = await officeWithHouseholds(t, 1);
    const made = await backupNow(t, office.supervisor.conn);
    const entries = expectOk(await t.call(office.adminConn, 'audit.list', { action: 'backup' })).items;
    expect(entries).toHaveLength(1);
    expect(JSON.stringify(entries[0])).toContain(made.name);
    expectFailure(await t.host.dispatch(office.clerk.conn, 'backup.create', {}), 'FORBIDDEN');
    expectFailure(await t.call(office.clerk.conn, 'backup.list', {}), 'FORBIDDEN');
  });
});

describe('backup.list and backup.inspect', () => {
  it('list the folder newest first and say what a backup holds without restoring it', async () => {
    const t = createTestHost();
    const office = await officeWithHouseholds(t, 2);
    const first = await backupNow(t, office.adminConn);
    t.clock.advanceMinutes(2);
    await register(t, office.clerk.conn, { name: '赵一' });
    const second = await backupNow(t, office.adminConn);
    fs.writeFileSync(path.join(t.dir, 'backups', 'civicdesk-DWK-CYJ-2020-01-01_000000.cdbak'), 'not really');

    const listing = expectOk(await t.call(office.adminConn, 'backup.list', {}));
    expect(listing.folder).toBe(path.join(t.dir, 'backups'));
    expect(listing.items.map((b) => b.name)).toEqual([second.name, first.name]);
    expect(listing.unreadable).toEqual([{ name: 'civicdesk-DWK-CYJ-2020-01-01_000000.cdbak', problem: 'not_a_backup' }]);

    const before = dataHash(t.host.db);
    const seen: Inspection = expectOk(await t.call(office.adminConn, 'backup.inspect', { file: first.file }));
    expect(seen).toMatchObject({ ...first, intact: true, sameKey: true, sameOffice: true, restorable: true });
    expect(seen.counts.residents).toBe(6);
    expect(seen.createdAt).toBe(first.createdAt);
    expect(dataHash(t.host.db)).toBe(before);
  });
});

describe('backup.restore', () => {
  it('gives back identical counts and data, keeps the replaced database aside, and signs everyone out', async () => {
    const t = createTestHost();
    const office = await officeWithHouseholds(t, 3);
    const atBackup = { hash: dataHash(t.host.db), counts: tableCounts(t.host.db) };
    const backup = await backupNow(t, office.adminConn);

    // Work done after the backup: it is not in the backup, but it is kept in the set-aside file.
    t.clock.advanceMinutes(3);
    const later = await register(t, office.clerk.conn, { name: '后来登记' });
    expectOk(await t.call(office.clerk.conn, 'households.moveMember', { residentId: later.id, to: { mode: 'new', address: '新地址' } }));
    expect(dataHash(t.host.db)).not.toBe(atBackup.hash);

    const restored = expectOk(await t.host.runJob(office.adminConn, 'backup.restore', { file: backup.file })) as MethodOutput<'backup.restore'>;
    expect(restored.signedOut).toBe(true);
    expect(restored.restored.name).toBe(backup.name);
    expect(dataHash(t.host.db)).toBe(atBackup.hash);
    expect(tableCounts(t.host.db)).toEqual(atBackup.counts);

    // Every connection was told its session ended, and must sign in again.
    for (const conn of [office.adminConn, office.clerk.conn, office.viewer.conn]) {
      expect(t.eventsFor(conn, 'session.changed')).toContainEqual({ state: 'ended' });
      expectFailure(await t.call(conn, 'residents.list', {}), 'UNAUTHENTICATED');
    }
    const admin = newConnection('admin-again');
    await login(t, admin, 'admin', ADMIN_PASSWORD);
    expect(expectOk(await t.call(admin, 'residents.list', {})).total).toBe(9);
    const audit = expectOk(await t.call(admin, 'audit.list', { action: 'restore' })).items;
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0])).toContain(backup.name);

    // The replaced database, with its key slots, is a complete office of its own under the set-aside name.
    expect(fs.existsSync(`${restored.setAside}.keys`)).toBe(true);
    const aside = createTestHost({ dir: t.dir, dbPath: restored.setAside });
    const asideAdmin = newConnection('aside');
    await login(aside, asideAdmin, 'admin', ADMIN_PASSWORD);
    expect(expectOk(await aside.call(asideAdmin, 'residents.get', { id: later.id })).name).toBe('后来登记');
    expectNothingPlain(t.dir, ['后来登记', '张三丰0']);
  });

  it('a journal left beside the work copy by a killed restore never reaches the next copy, and a dead process’s leftovers are cleared', async () => {
    const t = createTestHost();
    const office = await officeWithHouseholds(t, 1);
    const atBackup = dataHash(t.host.db);
    const backup = await backupNow(t, office.adminConn);
    // What a restore killed while re-encrypting its copy leaves: the copy and its rollback journal —
    // under this process's work name (Windows reuses process ids) and under a process now gone.
    const ownJournal = `${t.dbPath}.restore-${process.pid}.tmp-journal`;
    fs.writeFileSync(ownJournal, crypto.randomBytes(4096));
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    const deadWork = `${t.dbPath}.restore-${dead}.tmp`;
    fs.writeFileSync(deadWork, crypto.randomBytes(4096));
    fs.writeFileSync(`${deadWork}-journal`, crypto.randomBytes(4096));

    expectOk(await t.host.runJob(office.adminConn, 'backup.restore', { file: backup.file }));
    expect(dataHash(t.host.db)).toBe(atBackup);
    expect(fs.existsSync(ownJournal)).toBe(false);

    const admin = newConnection('admin-again');
    await login(t, admin, 'admin', ADMIN_PASSWORD);
    await backupNow(t, admin);
    expect([fs.existsSync(deadWork), fs.existsSync(`${deadWork}-journal`)]).toEqual([false, false]);
  });

  it('refuses missing, foreign, cut-short, damaged and wrong-key backups on `file`, changing nothing', async () => {
    const t = createTestHost();
    const office = await officeWithHouseholds(t, 1);
    const good = await backupNow(t, office.adminConn);
    const dir = makeTempDir('civicdesk-bad-');
    const variant = (name: string, bytes: Buffer) => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, bytes);
      return file;
    };
    const original = fs.readFileSync(good.file);
    const flipped = Buffer.from(original);
    flipped[flipped.length - 100] ^= 0xff;
    const cases: Array<[string, string]> = [
      [path.join(dir, 'nowhere.cdbak'), 'backup.missing'],
      [variant('minutes.cdbak', Buffer.from('会议纪要'.repeat(100))), 'backup.not_a_backup'],
      [variant('cut.cdbak', original.subarray(0, original.length - 4096)), 'backup.truncated'],
      [variant('flipped.cdbak', flipped), 'backup.damaged'],
    ];

    // Another office, and the same office code set up again elsewhere (another key): both refused.
    const other = createTestHost();
    const otherOffice = await officeWithHouseholds(other, 1);
    cases.push([(await backupNow(other, otherOffice.adminConn)).file, 'backup.wrong_key']);
    const foreign = createTestHost();
    expectOk(await foreign.call(newConnection('setup'), 'office.setup', { ...SETUP_INPUT, office: { ...SETUP_INPUT.office, code: 'DWK-XYZ' } }));
    const foreignAdmin = newConnection('foreign');
    await login(foreign, foreignAdmin, 'admin', ADMIN_PASSWORD);
    cases.push([(await backupNow(foreign, foreignAdmin)).file, 'backup.other_office']);

    const before = { hash: dataHash(t.host.db), files: fs.readdirSync(t.dir).sort() };
    for (const [file, code] of cases) {
      const hash = fs.existsSync(file) ? sha256(file) : null;
      const error = expectFailure(await t.host.runJob(office.adminConn, 'backup.restore', { file }), 'INVALID_INPUT');
      expect(error.issues?.[0], file).toMatchObject({ path: ['file'], code });
      expect(fs.existsSync(file) ? sha256(file) : null).toBe(hash);
    }
    expect(expectOk(await t.call(office.adminConn, 'backup.inspect', { file: path.join(dir, 'flipped.cdbak') }))).toMatchObject({ intact: false, restorable: false });
    expect(dataHash(t.host.db)).toBe(before.hash);
    expect(fs.readdirSync(t.dir).sort()).toEqual(before.files);
    // Still signed in: a refused restore ends nobody's session.
    expectOk(await t.call(office.adminConn, 'residents.list', {}));
  });
});

describe('a backup that is not what it claims', () => {
  it('a header edited without the key no longer matches its MAC: inspect says it is not from this key', async () => {
    const t = createTestHost();
    const office = await officeWithHouseholds(t, 1);
    const good = await backupNow(t, office.adminConn);
    const bytes = fs.readFileSync(good.file);
    const text = bytes.toString('latin1');
    const at = text.indexOf('"residents":3');
    expect(at).toBeGreaterThan(0);
    bytes.write('"residents":9', at, 'latin1');
    const edited = path.join(makeTempDir(), 'edited.cdbak');
    fs.writeFileSync(edited, bytes);
    const seen = expectOk(await t.call(office.adminConn, 'backup.inspect', { file: edited }));
    expect(seen).toMatchObject({ sameKey: false, restorable: false });
    expect(crypto.createHash('sha256').update(bytes).digest('hex')).toBe(sha256(edited));
  });
});

describe('summaries', () => {
  it('backup.list of a folder with no backups is empty, not an error', async () => {
    const t = createTestHost();
    const office = await officeWithHouseholds(t, 1);
    const listing = expectOk(await t.call(office.adminConn, 'backup.list', { folder: makeTempDir() }));
    expect(listing.items satisfies BackupSummary[]).toEqual([]);
  });
});

