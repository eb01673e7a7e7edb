/**
 * Stronger key derivation for what can be attacked offline (issue 12, point 6): key slots sit in
 * `<db>.keys` and in every backup header, so they cost more than a password check; a slot records
 * its own scrypt parameters, so old slots keep opening and are rewrapped at the new cost by the next
 * sign-in; passwords have at least 10 characters, and a user whose older password is shorter still
 * signs in but is asked to change it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KEY_SLOT_COST_LOG2, readKeyFile, type KeySlot } from '../../electron/core/db/keystore';
import { hashPassword } from '../../electron/core/accounts/password';
import { PASSWORD_MIN_LENGTH } from '../../shared/domain/office';
import { ADMIN_PASSWORD, SETUP_INPUT, USER_PASSWORD, createUser, login, newConnection, setupOffice } from '../support/office';
import { expectFailure, expectOk } from '../support/results';
import { createTestHost, TEST_PASSWORD_COST } from '../support/test-host';
import { disposeTestResources, makeTempDir } from '../support/temp-dir';
import { auditRows } from '../support/audit';

afterEach(disposeTestResources);

const OLD_COST = 11;
const NEW_COST = 12;
const NINE = 'Abcdefgh1';

function slotOf(dbPath: string, username: string): KeySlot {
  return readKeyFile(dbPath)!.slots.find((s) => s.kind === 'user' && s.username === username)!;
}

async function officeAtCost(costLog2: number) {
  const dir = makeTempDir();
  const dbPath = path.join(dir, 'office.civicdesk');
  const t = createTestHost({ dir, dbPath, extra: { keySlotCostLog2: costLog2 } });
  const office = await setupOffice(t);
  await createUser(t, office, 'clerk', 'zhao.lei');
  await t.close();
  return { dir, dbPath };
}

describe('key slot cost', () => {
  it('a slot made at the old cost opens, and the sign-in rewraps it at the new cost (sealed door)', async () => {
    const files = await officeAtCost(OLD_COST);
    const before = slotOf(files.dbPath, 'admin');
    expect(before.kdf).toMatchObject({ alg: 'scrypt', logN: OLD_COST, r: 8, p: 1 });

    const t = createTestHost({ ...files, extra: { keySlotCostLog2: NEW_COST } });
    await login(t, newConnection(), 'admin', ADMIN_PASSWORD);
    const after = slotOf(files.dbPath, 'admin');
    expect(after.kdf).toMatchObject({ alg: 'scrypt', logN: NEW_COST, r: 8, p: 1 });
    expect(after.kdf.salt).not.toBe(before.kdf.salt);
    expect(after.wrapped).not.toBe(before.wrapped);
    // Only the user who signed in: the others' slots wait for their own sign-in.
    expect(slotOf(files.dbPath, 'zhao.lei').kdf.logN).toBe(OLD_COST);
    const upgrade = auditRows(t.host.db).filter((e) => e.action === 'keyslot.set').at(-1)!;
    expect(JSON.parse(upgrade.detail)).toMatchObject({ slot: 'user', username: 'admin', reason: 'kdf_upgrade' });
    // Open door: the clerk signing in on the open database gets theirs upgraded too.
    await login(t, newConnection(), 'zhao.lei', USER_PASSWORD);
    expect(slotOf(files.dbPath, 'zhao.lei').kdf.logN).toBe(NEW_COST);
    await t.close();

    // The rewrapped slot opens the database in a new process, and nothing is rewritten again.
    const keysBefore = fs.readFileSync(files.dbPath + '.keys', 'utf8');
    const again = createTestHost({ ...files, extra: { keySlotCostLog2: NEW_COST } });
    await login(again, newConnection(), 'admin', ADMIN_PASSWORD);
    expect(fs.readFileSync(files.dbPath + '.keys', 'utf8')).toBe(keysBefore);
  });

  it('a wrong password upgrades nothing', async () => {
    const files = await officeAtCost(OLD_COST);
    const keysBefore = fs.readFileSync(files.dbPath + '.keys', 'utf8');
    const t = createTestHost({ ...files, extra: { keySlotCostLog2: NEW_COST } });
    expectFailure(await t.call(newConnection(), 'accounts.login', { username: 'admin', password: 'Wrong-pass-12' }), 'BAD_CREDENTIALS');
    expect(fs.readFileSync(files.dbPath + '.keys', 'utf8')).toBe(keysBefore);
  });

  it('new slots use the new cost; the app default is 2^17 for slots and stays 2^15 for password hashes', async () => {
    const files = await officeAtCost(NEW_COST);
    for (const slot of readKeyFile(files.dbPath)!.slots) expect(slot.kdf).toMatchObject({ alg: 'scrypt', logN: NEW_COST, r: 8, p: 1 });
    expect(KEY_SLOT_COST_LOG2).toBe(17);

    // A host with no cost options: what the app and the CLI run.
    const t = createTestHost({ extra: { passwordCostLog2: undefined } });
    expectOk(await t.call(newConnection(), 'office.setup', SETUP_INPUT));
    for (const slot of readKeyFile(t.dbPath)!.slots) expect(slot.kdf.logN).toBe(KEY_SLOT_COST_LOG2);
    const hash = (t.host.db.prepare('SELECT password_hash FROM users').get() as { password_hash: string }).password_hash;
    expect(hash.split('$')[1]).toBe('15');
  }, 30_000);
});

describe('password length', () => {
  it(`is at least ${PASSWORD_MIN_LENGTH} characters: 9 is refused at setup, user creation, change, reset and recovery, at the field`, async () => {
    expect(PASSWORD_MIN_LENGTH).toBe(10);
    const t = createTestHost();
    const setup = expectFailure(await t.call(newConnection(), 'office.setup', { ...SETUP_INPUT, admin: { ...SETUP_INPUT.admin, password: NINE } }), 'INVALID_INPUT');
    expect(setup.issues).toMatchObject([{ path: ['admin', 'password'], code: 'accounts.password_short', params: { minimum: 10 } }]);
    expect(setup.issues?.[0].message).toContain('10');
    expect(fs.existsSync(t.dbPath + '.keys')).toBe(false);

    const office = await setupOffice(t);
    const { user, conn } = await createUser(t, office, 'clerk', 'zhao.lei');
    const refusals = [
      await t.call(office.adminConn, 'accounts.users.create', { username: 'li.na', displayName: '李娜', role: 'clerk', password: NINE }),
      await t.call(conn, 'accounts.changePassword', { currentPassword: USER_PASSWORD, newPassword: NINE }),
      await t.call(office.adminConn, 'accounts.users.resetPassword', { id: user.id, version: user.version, newPassword: NINE }),
      await t.call(newConnection(), 'accounts.recover', { recoveryKey: 'AAAAAA', username: 'zhao.lei', newPassword: NINE }),
    ];
    for (const result of refusals) {
      const error = expectFailure(result, 'INVALID_INPUT');
      expect(error.issues).toHaveLength(1);
      expect(error.issues?.[0]).toMatchObject({ code: 'accounts.password_short', params: { minimum: 10 } });
      expect(error.issues?.[0].path.at(-1)).toMatch(/^(password|newPassword)$/);
    }
    // Ten is enough.
    expectOk(await t.call(office.adminConn, 'accounts.users.create', { username: 'li.na', displayName: '李娜', role: 'clerk', password: 'Abcdefgh12' }));
  });

  it('a user whose password predates the rule still signs in, sealed or not, and is asked to change it', async () => {
    const dir = makeTempDir();
    const dbPath = path.join(dir, 'office.civicdesk');
    const t = createTestHost({ dir, dbPath });
    const office = await setupOffice(t);
    const { user } = await createUser(t, office, 'clerk', 'old.timer');
    // As an older version stored it: an 8-character password, hash and key slot.
    const legacy = 'Old-pw-8';
    t.host.db.prepare('UPDATE users SET password_hash = ? WHERE id = ?').run(hashPassword(legacy, TEST_PASSWORD_COST), user.id);
    t.host.services.vault.setUserSlot({ userId: user.id, username: 'old.timer', password: legacy });
    await t.close();

    const sealed = createTestHost({ dir, dbPath });
    const conn = newConnection();
    const session = await login(sealed, conn, 'old.timer', legacy);
    expect(session.mustChangePassword).toBe(true);
    expect(expectOk(await sealed.call(conn, 'accounts.session', {})).session?.mustChangePassword).toBe(true);
    // Work goes on meanwhile (not locked out).
    expectOk(await sealed.call(conn, 'residents.list', {}));
    const open = await login(sealed, newConnection(), 'old.timer', legacy);
    expect(open.mustChangePassword).toBe(true);

    expectOk(await sealed.call(conn, 'accounts.changePassword', { currentPassword: legacy, newPassword: 'New-longer-pass-1' }));
    expect(expectOk(await sealed.call(conn, 'accounts.session', {})).session?.mustChangePassword).toBe(false);
    expect((await login(sealed, newConnection(), 'old.timer', 'New-longer-pass-1')).mustChangePassword).toBe(false);
    expect((await login(sealed, newConnection(), 'admin', ADMIN_PASSWORD)).mustChangePassword).toBe(false);
  });
});
