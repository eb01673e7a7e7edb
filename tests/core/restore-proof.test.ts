/**
 * Point 5 of issue 12: a marker file cannot unlock a restore. An empty `<db>.damaged` or a deleted
 * `.keys` used to switch the command-line restore to the offline path, where the backup's own old
 * passwords decided — so an old password restored an old backup over a healthy database. Now the
 * damage must be proved with the current key (a marker MACed with it, or a database that fails to
 * open) before a backup replaces an existing database, and the current key and slots stay.
 */
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { restoreOffline } from '../../electron/core/backup/offline';
import { ContractFailure } from '../../electron/core/errors';
import { createTestHost, type TestHost } from '../support/test-host';
import { ADMIN_PASSWORD, USER_PASSWORD, createUser, login, newConnection } from '../support/office';
import { expectFailure, expectOk } from '../support/results';
import { disposeTestResources, sha256 } from '../support/temp-dir';
import { backupNow, dataHash, officeWithHouseholds } from '../support/backups';

afterEach(disposeTestResources);

const NEW_ADMIN_PASSWORD = 'Admin-pass-2026';

function damagePage(file: string, page: number): void {
  const fd = fs.openSync(file, 'r+');
  fs.writeSync(fd, Buffer.alloc(64, 0x5a), 0, 64, (page - 1) * 4096);
  fs.closeSync(fd);
}

/**
 * An office whose backup knows passwords that no longer open it: a supervisor who has since been
 * removed, and the administrator's password before a change. The database is healthy and closed.
 */
async function officeWithOldPasswordsInABackup(): Promise<{ t: TestHost; backup: string; leaver: string; hash: string }> {
  const t = createTestHost();
  const office = await officeWithHouseholds(t, 2);
  const leaver = await createUser(t, office, 'supervisor', 'leaver');
  const backup = await backupNow(t, office.adminConn);
  expectOk(await t.call(office.adminConn, 'accounts.users.remove', { id: leaver.user.id, version: leaver.user.version }));
  expectOk(await t.call(office.adminConn, 'accounts.changePassword', { currentPassword: ADMIN_PASSWORD, newPassword: NEW_ADMIN_PASSWORD }));
  await t.close();
  return { t, backup: backup.file, leaver: 'leaver', hash: sha256(t.dbPath) };
}

const failureCode = (e: unknown) => (e instanceof ContractFailure ? (e.issues?.[0]?.code ?? e.code) : String(e));

describe('a forged damage marker', () => {
  it('does not let an old password restore an old backup over a healthy database', async () => {
    const { t, backup, leaver, hash } = await officeWithOldPasswordsInABackup();
    fs.writeFileSync(`${t.dbPath}.damaged`, '');
    const attempt = (username: string, password: string) => restoreOffline({ dbPath: t.dbPath, backupFile: backup, username, password, now: new Date() });

    // Old passwords the backup still knows: the current slots decide, and they do not open.
    await expect(attempt(leaver, USER_PASSWORD)).rejects.toSatisfy((e: unknown) => failureCode(e) === 'BAD_CREDENTIALS');
    await expect(attempt('admin', ADMIN_PASSWORD)).rejects.toSatisfy((e: unknown) => failureCode(e) === 'BAD_CREDENTIALS');
    expect(sha256(t.dbPath)).toBe(hash);

    // The current password: the database opens and checks fine, so the marker is stale or forged.
    await expect(attempt('admin', NEW_ADMIN_PASSWORD)).rejects.toSatisfy((e: unknown) => failureCode(e) === 'backup.database_healthy');
    expect(sha256(t.dbPath)).toBe(hash);
    expect(fs.existsSync(`${t.dbPath}.damaged`)).toBe(false);
    // And the app starts and signs in as before.
    const again = createTestHost({ dir: t.dir, dbPath: t.dbPath });
    await login(again, newConnection(), 'admin', NEW_ADMIN_PASSWORD);
  });

  it('a marker with a made-up MAC is not proof either', async () => {
    const { t, backup } = await officeWithOldPasswordsInABackup();
    fs.writeFileSync(`${t.dbPath}.damaged`, JSON.stringify({ detectedAt: new Date().toISOString(), problems: ['x'], mac: 'ab'.repeat(32) }));
    await expect(restoreOffline({ dbPath: t.dbPath, backupFile: backup, username: 'admin', password: NEW_ADMIN_PASSWORD, now: new Date() })).rejects.toSatisfy(
      (e: unknown) => failureCode(e) === 'backup.database_healthy',
    );
  });
});

describe('a deleted key slot file', () => {
  it('does not turn restore into "the backup’s passwords decide" over the database that is still there', async () => {
    const { t, backup, leaver, hash } = await officeWithOldPasswordsInABackup();
    const keys = fs.readFileSync(`${t.dbPath}.keys`);
    fs.rmSync(`${t.dbPath}.keys`);
    for (const [username, password] of [[leaver, USER_PASSWORD], ['admin', ADMIN_PASSWORD]]) {
      await expect(restoreOffline({ dbPath: t.dbPath, backupFile: backup, username, password, now: new Date() })).rejects.toSatisfy(
        (e: unknown) => failureCode(e) === 'backup.keys_missing',
      );
    }
    expect(sha256(t.dbPath)).toBe(hash);
    fs.writeFileSync(`${t.dbPath}.keys`, keys);
    const again = createTestHost({ dir: t.dir, dbPath: t.dbPath });
    await login(again, newConnection(), 'admin', NEW_ADMIN_PASSWORD);
  });
});

describe('real damage, proved with the current key', () => {
  it('restores with the current password; only slots of users enabled now come back, so a removed user’s old password opens nothing, even once the database is open', async () => {
    const { t, backup, leaver } = await officeWithOldPasswordsInABackup();
    damagePage(t.dbPath, 5);
    const sealed = createTestHost({ dir: t.dir, dbPath: t.dbPath });
    expectFailure(await sealed.call(newConnection(), 'accounts.login', { username: 'admin', password: NEW_ADMIN_PASSWORD }), 'DB_DAMAGED');
    await sealed.close();
    const marker = JSON.parse(fs.readFileSync(`${t.dbPath}.damaged`, 'utf8')) as { mac?: string; backup?: { name: string } };
    expect(marker.mac).toMatch(/^[0-9a-f]{64}$/);
    expect(marker.backup?.name).toBe(backup.split('/').pop());

    // The removed user's old password is still refused, damage or not.
    await expect(restoreOffline({ dbPath: t.dbPath, backupFile: backup, username: leaver, password: USER_PASSWORD, now: new Date() })).rejects.toSatisfy(
      (e: unknown) => failureCode(e) === 'BAD_CREDENTIALS',
    );
    const { setAside } = await restoreOffline({ dbPath: t.dbPath, backupFile: backup, username: 'admin', password: NEW_ADMIN_PASSWORD, now: new Date() });
    expect(setAside && fs.existsSync(setAside)).toBe(true);

    const after = createTestHost({ dir: t.dir, dbPath: t.dbPath });
    const refused = await after.call(newConnection(), 'accounts.login', { username: leaver, password: USER_PASSWORD });
    expect(refused).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS' } });
    await after.close();
    // The backup's users table holds the passwords as they were: the administrator's slot came with it.
    const admin = createTestHost({ dir: t.dir, dbPath: t.dbPath });
    const conn = newConnection();
    await login(admin, conn, 'admin', ADMIN_PASSWORD);
    expect(dataHash(admin.host.db)).toMatch(/^[0-9a-f]{64}$/);
    // Even with the database open, the removed user's row (back with the backup) signs in to nothing.
    expect(await admin.call(newConnection(), 'accounts.login', { username: leaver, password: USER_PASSWORD })).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS' } });
  });
});

describe('a backup’s counts are unverified until its MAC is checked', () => {
  it('backup.list and backup.inspect say verified only for a header this key made, not for one edited since', async () => {
    const t = createTestHost();
    const office = await officeWithHouseholds(t, 1);
    const good = await backupNow(t, office.adminConn);
    const edited = `${good.file.replace(/\.cdbak$/, '')}-edited.cdbak`;
    const bytes = fs.readFileSync(good.file);
    const at = bytes.indexOf(Buffer.from('"residents":3'));
    expect(at).toBeGreaterThan(0);
    bytes.write('"residents":9', at, 'latin1');
    fs.writeFileSync(edited, bytes);
    const listed = expectOk(await t.call(office.adminConn, 'backup.list', {})).items;
    expect(listed.find((i) => i.file === good.file)?.verified).toBe(true);
    expect(listed.find((i) => i.file === edited)).toMatchObject({ verified: false, counts: { residents: 9 } });
    expect(expectOk(await t.call(office.adminConn, 'backup.inspect', { file: edited })).verified).toBe(false);
    expect(expectOk(await t.call(office.adminConn, 'backup.inspect', { file: good.file })).verified).toBe(true);
  });
});
