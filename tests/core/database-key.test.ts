/**
 * Point 4 of issue 12: a disabled or removed user's password stops opening the database, and the
 * administrator can change the database key so that an old `.keys` file or an old backup's slots,
 * with the password of someone who left, no longer open the current file.
 */
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestHost, type TestHost } from '../support/test-host';
import { ADMIN_PASSWORD, USER_PASSWORD, createUser, login, newConnection, setupOffice } from '../support/office';
import { expectFailure, expectOk } from '../support/results';
import { disposeTestResources } from '../support/temp-dir';
import { backupNow, dataHash, officeWithHouseholds } from '../support/backups';
import { readBackupHeader } from '../../electron/core/backup/backup-file';
import { readKeyFile, unwrapKey, type KeyFile } from '../../electron/core/db/keystore';
import { openCopy } from '../../electron/core/db/connection';

afterEach(disposeTestResources);

const NEW_PASSWORD = 'Fresh-pass-2026';

/** A second host on the same file: sealed until someone signs in, as at the next start. */
function sealed(t: TestHost): TestHost {
  return createTestHost({ dir: t.dir, dbPath: t.dbPath });
}

async function signInSealed(t: TestHost, username: string, password: string) {
  const again = sealed(t);
  const result = await again.call(newConnection('sealed'), 'accounts.login', { username, password });
  await again.close();
  return result;
}

/** The key a slot file gives for this user's password, or null. */
function keyFrom(keys: KeyFile | null | undefined, username: string, password: string): Buffer | null {
  const slot = keys?.slots.find((s) => s.kind === 'user' && s.username === username);
  return (slot && unwrapKey(slot, password)) ?? null;
}

function opensWith(dbPath: string, key: Buffer | null): boolean {
  if (!key) return false;
  try {
    openCopy(dbPath, { key }).close();
    return true;
  } catch {
    return false;
  }
}

describe('disabling a user removes their key slot', () => {
  it('a disabled user’s password no longer opens the sealed database (the standard wrong-password answer); others still do', async () => {
    const t = createTestHost();
    const office = await setupOffice(t);
    const clerk = await createUser(t, office, 'clerk', 'zhangsan');
    const other = await createUser(t, office, 'clerk', 'lisi');
    expectOk(await t.call(office.adminConn, 'accounts.users.update', { id: clerk.user.id, version: clerk.user.version, disabled: true }));
    const slots = readKeyFile(t.dbPath)!.slots;
    expect(slots.filter((s) => s.userId === clerk.user.id)).toEqual([]);
    expect(keyFrom(readKeyFile(t.dbPath), 'zhangsan', USER_PASSWORD)).toBeNull();
    await t.close();

    const refused = await signInSealed(t, 'zhangsan', USER_PASSWORD);
    expect(refused).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS' } });
    expectOk(await signInSealed(t, 'lisi', other.password));
    expectOk(await signInSealed(t, 'admin', ADMIN_PASSWORD));
  });

  it('enabling again requires a new password, which then opens the database; the old one does not', async () => {
    const t = createTestHost();
    const office = await setupOffice(t);
    const clerk = await createUser(t, office, 'clerk', 'zhangsan');
    const disabled = expectOk(await t.call(office.adminConn, 'accounts.users.update', { id: clerk.user.id, version: clerk.user.version, disabled: true }));
    const refused = expectFailure(await t.call(office.adminConn, 'accounts.users.update', { id: clerk.user.id, version: disabled.version, disabled: false }), 'INVALID_INPUT');
    expect(refused.issues).toMatchObject([{ path: ['newPassword'], code: 'accounts.enable_needs_password' }]);
    // A reset would give a disabled user a slot again: refused, enabling is the way.
    expectFailure(await t.call(office.adminConn, 'accounts.users.resetPassword', { id: clerk.user.id, version: disabled.version, newPassword: NEW_PASSWORD }), 'INVALID_INPUT');
    expect(readKeyFile(t.dbPath)!.slots.some((s) => s.userId === clerk.user.id)).toBe(false);

    expectOk(await t.call(office.adminConn, 'accounts.users.update', { id: clerk.user.id, version: disabled.version, disabled: false, newPassword: NEW_PASSWORD }));
    await t.close();
    expect(await signInSealed(t, 'zhangsan', USER_PASSWORD)).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS' } });
    expectOk(await signInSealed(t, 'zhangsan', NEW_PASSWORD));
  });

  it('removing a user removes their slot too', async () => {
    const t = createTestHost();
    const office = await setupOffice(t);
    const clerk = await createUser(t, office, 'clerk', 'zhangsan');
    expectOk(await t.call(office.adminConn, 'accounts.users.remove', { id: clerk.user.id, version: clerk.user.version }));
    await t.close();
    expect(await signInSealed(t, 'zhangsan', USER_PASSWORD)).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS' } });
  });
});

describe('changing the database key', () => {
  it('rekeys with progress: old slot files and old backups stop opening the file, every user still signs in, the new recovery key replaces the old, the data is the same', async () => {
    const t = createTestHost();
    const office = await officeWithHouseholds(t, 3);
    const leaver = await createUser(t, office, 'clerk', 'leaver');
    const oldKeys = readKeyFile(t.dbPath)!;
    const oldBackup = await backupNow(t, office.adminConn);
    expectOk(await t.call(office.adminConn, 'accounts.users.update', { id: leaver.user.id, version: leaver.user.version, disabled: true }));
    const oldRecovery = oldKeys.slots.find((s) => s.kind === 'recovery')!;
    const before = dataHash(t.host.db);
    const countsBefore = expectOk(await t.call(office.adminConn, 'system.info', {})).counts;

    expectFailure(await t.host.runJob(office.clerk.conn, 'accounts.databaseKey.change', { password: USER_PASSWORD }), 'FORBIDDEN');
    expectFailure(await t.host.runJob(office.adminConn, 'accounts.databaseKey.change', { password: 'Wrong-pass-2025' }), 'INVALID_INPUT');
    const progress: Array<[number, number]> = [];
    const changed = expectOk(await t.host.runJob(office.adminConn, 'accounts.databaseKey.change', { password: ADMIN_PASSWORD }, (done, total) => progress.push([done, total])));
    const result = changed as { recoveryKey: string; resealed: string[]; needPassword: string[] };
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress.every(([done, total]) => done <= total && total > 0)).toBe(true);
    expect(result.recoveryKey).toMatch(/^([0-9A-Z]{6}-){7}[0-9A-Z]{6}$/);
    expect(result.needPassword).toEqual([]);
    expect(result.resealed.sort()).toEqual([office.clerk.user.username, office.supervisor.user.username, office.viewer.user.username].sort());

    // The administrator is still signed in; the data and counts are as they were; the chain verifies.
    expect(dataHash(t.host.db)).toBe(before);
    expect(expectOk(await t.call(office.adminConn, 'system.info', {})).counts).toMatchObject({ ...countsBefore, auditLog: expect.any(Number) });
    expect(expectOk(await t.host.runJob(office.adminConn, 'audit.verify', {}))).toMatchObject({ ok: true });
    expect(expectOk(await t.call(office.adminConn, 'audit.list', { action: 'databasekey.change' })).items).toHaveLength(1);
    await t.close();

    // An old copy of `.keys`, an old backup's slots, the old recovery key: they give the old key, which opens nothing now.
    const oldByLeaver = keyFrom(oldKeys, 'leaver', USER_PASSWORD);
    expect(oldByLeaver).not.toBeNull();
    expect(opensWith(t.dbPath, oldByLeaver)).toBe(false);
    expect(opensWith(t.dbPath, keyFrom(readBackupHeader(oldBackup.file).header.keys, 'admin', ADMIN_PASSWORD))).toBe(false);
    expect(opensWith(t.dbPath, unwrapKey(oldRecovery, '000000-000000-000000-000000-000000-000000-000000-000000'))).toBe(false);
    // The leaver's password, with the current slot file: the standard answer.
    expect(await signInSealed(t, 'leaver', USER_PASSWORD)).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS' } });

    // Everyone enabled signs in with their own password, from a sealed start.
    for (const [username, password] of [['admin', ADMIN_PASSWORD], [office.clerk.user.username, USER_PASSWORD], [office.supervisor.user.username, USER_PASSWORD], [office.viewer.user.username, USER_PASSWORD]]) {
      expectOk(await signInSealed(t, username, password));
    }
    // From a sealed start the rows are the same; the new recovery key opens it.
    const reopened = sealed(t);
    await login(reopened, newConnection(), 'admin', ADMIN_PASSWORD);
    expect(dataHash(reopened.host.db)).toBe(before);
    await reopened.close();
    const recovered = sealed(t);
    expectOk(await recovered.call(newConnection('recover'), 'accounts.recover', { recoveryKey: result.recoveryKey, username: 'admin', newPassword: NEW_PASSWORD }));
    await recovered.close();
  });

  it('the old recovery key stops working after the change', async () => {
    const t = createTestHost();
    const setup = expectOk(await t.call(newConnection('setup'), 'office.setup', { office: { code: 'DWK-CYJ', name: '朝阳街社区居委会', divisionCode: '640202' }, admin: { username: 'admin', displayName: '王主任', password: ADMIN_PASSWORD } }));
    const admin = newConnection('admin');
    await login(t, admin, 'admin', ADMIN_PASSWORD);
    const { recoveryKey } = expectOk(await t.host.runJob(admin, 'accounts.databaseKey.change', { password: ADMIN_PASSWORD })) as { recoveryKey: string };
    await t.close();
    const again = sealed(t);
    expectFailure(await again.call(newConnection(), 'accounts.recover', { recoveryKey: setup.recoveryKey!, username: 'admin', newPassword: NEW_PASSWORD }), 'INVALID_INPUT');
    expectOk(await again.call(newConnection(), 'accounts.recover', { recoveryKey, username: 'admin', newPassword: NEW_PASSWORD }));
  });

  it('a write that lands after the copy was taken is not lost: the swap copies again', async () => {
    const t = createTestHost();
    const office = await officeWithHouseholds(t, 1);
    let write: Promise<unknown> | undefined;
    const off = t.host.onEvent((_c, event, payload) => {
      const p = payload as { done: number; total: number };
      if (event === 'job.progress' && p.done === p.total && !write) {
        write = t.call(office.adminConn, 'grids.create', { code: 'G09', name: '第九网格' });
      }
    });
    expectOk(await t.host.runJob(office.adminConn, 'accounts.databaseKey.change', { password: ADMIN_PASSWORD }));
    off();
    expect(write).toBeDefined();
    expectOk((await write) as never);
    expect(t.logs.some((l) => l.message.includes('copying again before the swap'))).toBe(true);
    await t.close();
    const again = sealed(t);
    await login(again, newConnection(), 'admin', ADMIN_PASSWORD);
    expect(again.host.db.prepare('SELECT name FROM grids WHERE deleted_at IS NULL').pluck().all()).toContain('第九网格');
    expect(fs.existsSync(`${t.dbPath}.keys.next`)).toBe(false);
  });
});
