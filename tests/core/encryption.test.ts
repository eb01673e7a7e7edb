/**
 * Encryption at rest and key slots: new office databases are encrypted from their first byte (the
 * cipher: page-cipher.test.ts) and open only through a slot (a user's password or the recovery key);
 * slot changes never re-encrypt the data.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTestHost, type TestHost } from '../support/test-host';
import { ADMIN_PASSWORD, SETUP_INPUT, login, newConnection } from '../support/office';
import { expectFailure, expectOk } from '../support/results';
import { makeTempDir, sha256 } from '../support/temp-dir';
import { composeIdNumber } from '../../shared/domain/id-number';
import { normalizeRecoveryKey, readKeyFile, unwrapKey } from '../../electron/core/db/keystore';

function keyFromRecovery(dbPath: string, recoveryKey: string): Buffer {
  const slot = readKeyFile(dbPath)!.slots.find((s) => s.kind === 'recovery')!;
  const key = unwrapKey(slot, recoveryKey);
  expect(key).not.toBeNull();
  return key!;
}

const SQLITE_HEADER = 'SQLite format 3\0';

async function encryptedOffice() {
  const dir = makeTempDir();
  const t = createTestHost({ dir });
  const setup = expectOk(await t.call(newConnection('setup'), 'office.setup', SETUP_INPUT));
  expect(setup.recoveryKey).toMatch(/^([0-9A-Z]{6}-){7}[0-9A-Z]{6}$/);
  const admin = newConnection('admin');
  await login(t, admin, 'admin', ADMIN_PASSWORD);
  expectOk(
    await t.call(admin, 'residents.create', { name: '张三丰', idNumber: composeIdNumber('640202', '1950-03-07', 123), phone: '13912345678', household: { mode: 'new', address: '朝阳街道3号楼' } }),
  );
  return { t, dir, admin, recoveryKey: setup.recoveryKey! };
}

/** A second host on the same file: the database is sealed until someone signs in. */
function reopen(t: TestHost): TestHost {
  return createTestHost({ dir: t.dir, dbPath: t.dbPath });
}

async function residentNames(t: TestHost, conn: string): Promise<string[]> {
  return expectOk(await t.call(conn, 'residents.list', {})).items.map((r) => r.name);
}

describe('encryption at rest', () => {
  it('no file the app writes begins with the plain SQLite header, and the slot file holds no secret', async () => {
    const { t, dir, recoveryKey } = await encryptedOffice();
    const files = fs.readdirSync(dir);
    expect(files).toEqual(expect.arrayContaining(['office.civicdesk', 'office.civicdesk-wal', 'office.civicdesk.keys']));
    for (const name of files) {
      const head = fs.readFileSync(path.join(dir, name)).subarray(0, 16).toString('latin1');
      expect(head, name).not.toBe(SQLITE_HEADER);
    }
    const keys = fs.readFileSync(t.dbPath + '.keys', 'utf8');
    expect(keys).not.toContain(ADMIN_PASSWORD);
    expect(keys).not.toContain(recoveryKey);
    const raw = fs.readFileSync(t.dbPath);
    expect(raw.includes(Buffer.from('张三丰'))).toBe(false);
    expect(raw.includes(Buffer.from('朝阳街道'))).toBe(false);
  });

  it('a sealed database answers only the sign-in questions until someone signs in', async () => {
    const { t } = await encryptedOffice();
    await t.close();
    const again = reopen(t);
    const conn = newConnection('c');
    const status = expectOk(await again.call(conn, 'office.status', {}));
    expect(status).toMatchObject({ initialized: true, office: SETUP_INPUT.office });
    expect(expectOk(await again.call(conn, 'accounts.session', {})).session).toBeNull();
    expectFailure(await again.call(conn, 'residents.list', {}), 'UNAUTHENTICATED');
    expect(again.host.isOpen).toBe(false);
  });

  it('a wrong password fails without changing the database or the slot file', async () => {
    const { t } = await encryptedOffice();
    await t.close();
    const before = [sha256(t.dbPath), sha256(t.dbPath + '.keys')];
    const again = reopen(t);
    expectFailure(await again.call(newConnection('c'), 'accounts.login', { username: 'admin', password: 'Wrong-pass-1' }), 'BAD_CREDENTIALS');
    expectFailure(await again.call(newConnection('c'), 'accounts.login', { username: 'nobody', password: ADMIN_PASSWORD }), 'BAD_CREDENTIALS');
    expect(again.host.isOpen).toBe(false);
    expect([sha256(t.dbPath), sha256(t.dbPath + '.keys')]).toEqual(before);
  });

  it('key slots: a new user, a changed password, a removed user and the recovery key each open the same data', async () => {
    const { t, admin, recoveryKey } = await encryptedOffice();
    const clerk = expectOk(await t.call(admin, 'accounts.users.create', { username: 'lina', displayName: '李娜', role: 'clerk', password: 'Clerk-pass-1' }));
    await t.close();
    const originalKey = keyFromRecovery(t.dbPath, recoveryKey);

    // The new user opens the sealed database with their own password.
    let h = reopen(t);
    let conn = newConnection('lina');
    await login(h, conn, 'lina', 'Clerk-pass-1');
    expect(await residentNames(h, conn)).toEqual(['张三丰']);
    expectOk(await h.call(conn, 'accounts.changePassword', { currentPassword: 'Clerk-pass-1', newPassword: 'Clerk-pass-2' }));
    await h.close();

    // After a password change the old password no longer opens it, the new one does.
    h = reopen(t);
    expectFailure(await h.call(newConnection('c'), 'accounts.login', { username: 'lina', password: 'Clerk-pass-1' }), 'BAD_CREDENTIALS');
    conn = newConnection('lina');
    await login(h, conn, 'lina', 'Clerk-pass-2');
    expect(await residentNames(h, conn)).toEqual(['张三丰']);
    await h.close();

    // A removed user's password opens nothing.
    h = reopen(t);
    const adminConn = newConnection('admin');
    await login(h, adminConn, 'admin', ADMIN_PASSWORD);
    const version = expectOk(await h.call(adminConn, 'accounts.users.list', {})).find((u) => u.id === clerk.id)!.version;
    expectOk(await h.call(adminConn, 'accounts.users.remove', { id: clerk.id, version }));
    await h.close();
    h = reopen(t);
    expectFailure(await h.call(newConnection('c'), 'accounts.login', { username: 'lina', password: 'Clerk-pass-2' }), 'BAD_CREDENTIALS');
    expect(h.host.isOpen).toBe(false);
    await h.close();

    // Every password lost: the printed recovery key (typed loosely) opens it and sets a new one.
    h = reopen(t);
    const typed = recoveryKey.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o');
    expect(normalizeRecoveryKey(typed)).toBe(recoveryKey);
    expectFailure(await h.call(newConnection('c'), 'accounts.recover', { recoveryKey: 'AAAAAA-AAAAAA-AAAAAA-AAAAAA-AAAAAA-AAAAAA-AAAAAA-AAAAAA', username: 'admin', newPassword: 'Recovered-1' }), 'INVALID_INPUT');
    expectOk(await h.call(newConnection('c'), 'accounts.recover', { recoveryKey: typed, username: 'admin', newPassword: 'Recovered-1' }));
    await h.close();
    h = reopen(t);
    expectFailure(await h.call(newConnection('c'), 'accounts.login', { username: 'admin', password: ADMIN_PASSWORD }), 'BAD_CREDENTIALS');
    conn = newConnection('admin');
    await login(h, conn, 'admin', 'Recovered-1');
    expect(await residentNames(h, conn)).toEqual(['张三丰']);
    // Through every slot change the database key stayed the same: nothing was re-encrypted.
    expect(keyFromRecovery(t.dbPath, recoveryKey).equals(originalKey)).toBe(true);
  });

  it('while the database is open, a wrong recovery key still resets nothing', async () => {
    const { t, recoveryKey } = await encryptedOffice();
    expect(t.host.isOpen).toBe(true);
    const error = expectFailure(
      await t.call(newConnection('c'), 'accounts.recover', { recoveryKey: 'AAAAAA-AAAAAA-AAAAAA-AAAAAA-AAAAAA-AAAAAA-AAAAAA-AAAAAA', username: 'admin', newPassword: 'Hijacked-1' }),
      'INVALID_INPUT',
    );
    expect(error.issues?.[0]).toMatchObject({ path: ['recoveryKey'], code: 'accounts.recovery_key_wrong' });
    await login(t, newConnection('admin'), 'admin', ADMIN_PASSWORD);
    expectOk(await t.call(newConnection('c'), 'accounts.recover', { recoveryKey, username: 'admin', newPassword: 'Recovered-1' }));
    await login(t, newConnection('admin'), 'admin', 'Recovered-1');
  });

  it('renewing the recovery key retires the old one', async () => {
    const { t, admin, recoveryKey } = await encryptedOffice();
    const renewed = expectOk(await t.call(admin, 'accounts.recoveryKey.renew', { password: ADMIN_PASSWORD })).recoveryKey!;
    expect(renewed).not.toBe(recoveryKey);
    await t.close();
    const h = reopen(t);
    expectFailure(await h.call(newConnection('c'), 'accounts.recover', { recoveryKey, username: 'admin', newPassword: 'Recovered-1' }), 'INVALID_INPUT');
    expectOk(await h.call(newConnection('c'), 'accounts.recover', { recoveryKey: renewed, username: 'admin', newPassword: 'Recovered-1' }));
  });

  it('a setup that fails leaves no database behind, and can be retried', async () => {
    const dir = makeTempDir();
    const t = createTestHost({ dir });
    // A refused setup creates no file at all …
    expectFailure(await t.call('c', 'office.setup', { ...SETUP_INPUT, office: { ...SETUP_INPUT.office, divisionCode: 'x' } }), 'INVALID_INPUT');
    expect(fs.readdirSync(dir)).toEqual([]);
    expectOk(await t.call('c', 'office.setup', SETUP_INPUT));
    expectFailure(await t.call('c', 'office.setup', SETUP_INPUT), 'ALREADY_INITIALIZED');
  });

  it('a slot cannot be moved to another user: the slot identity is authenticated with the key', async () => {
    const { t, admin } = await encryptedOffice();
    expectOk(await t.call(admin, 'accounts.users.create', { username: 'lina', displayName: '李娜', role: 'clerk', password: 'Clerk-pass-1' }));
    await t.close();
    const keys = JSON.parse(fs.readFileSync(t.dbPath + '.keys', 'utf8')) as { slots: { username?: string; userId?: string }[] };
    const lina = keys.slots.find((s) => s.username === 'lina')!;
    const adminSlot = keys.slots.find((s) => s.username === 'admin')!;
    // Give lina's wrapped key the admin's identity: unwrapping must now fail for lina's password.
    Object.assign(lina, { userId: adminSlot.userId });
    fs.writeFileSync(t.dbPath + '.keys', JSON.stringify(keys));
    const h = reopen(t);
    expectFailure(await h.call(newConnection('c'), 'accounts.login', { username: 'lina', password: 'Clerk-pass-1' }), 'BAD_CREDENTIALS');
  });
});
