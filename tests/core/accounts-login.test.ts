/**
 * Signing in: wrong passwords, unknown users (no enumeration), lockout and its expiry, password
 * changes and resets, and how password hashes are stored.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { findUserById } from '../../electron/core/accounts/repository';
import { DEFAULT_SETTINGS } from '../../electron/core/office/repository';
import { ADMIN_PASSWORD, SETUP_INPUT, USER_PASSWORD, createUser, login, newConnection, setupOffice } from '../support/office';
import { expectFailure, expectOk } from '../support/results';
import { createTestHost, type TestHost } from '../support/test-host';
import { disposeTestResources } from '../support/temp-dir';
import { maxSeq } from '../support/db-inspect';

afterEach(disposeTestResources);

const WRONG = 'Wrong-pass-0';
const attempt = (t: TestHost, username: string, password: string) => t.call(newConnection('login'), 'accounts.login', { username, password });

describe('credentials', () => {
  it('a wrong password is BAD_CREDENTIALS telling how many attempts remain', async () => {
    const t = createTestHost();
    await setupOffice(t);
    expect(expectFailure(await attempt(t, 'admin', WRONG), 'BAD_CREDENTIALS').params).toEqual({ remaining: DEFAULT_SETTINGS.lockoutThreshold - 1 });
    expect(expectFailure(await attempt(t, 'admin', WRONG), 'BAD_CREDENTIALS').params).toEqual({ remaining: DEFAULT_SETTINGS.lockoutThreshold - 2 });
  });

  it('an unknown user name gets exactly the answer a wrong password gets, so names cannot be probed', async () => {
    const t = createTestHost();
    await setupOffice(t);
    const unknown = expectFailure(await attempt(t, 'nobody.here', WRONG), 'BAD_CREDENTIALS');
    const wrong = expectFailure(await attempt(t, 'admin', WRONG), 'BAD_CREDENTIALS');
    expect(unknown).toEqual(wrong);
  });

  it('the right password signs in, whatever the case of the user name, and records the time', async () => {
    const t = createTestHost();
    const office = await setupOffice(t);
    const session = await login(t, newConnection(), 'ADMIN', ADMIN_PASSWORD);
    expect(session).toMatchObject({ userId: office.admin.userId, username: 'admin', role: 'admin', locked: false, idleLockMinutes: DEFAULT_SETTINGS.idleLockMinutes });
    expect(session.permissions).toContain('accounts.manage');
    expect(findUserById(t.host.db, office.admin.userId)?.last_login_at).toBe(t.clock.now().toISOString());
  });

  it('passwords are compared after Unicode normalization: composed and decomposed forms both work', async () => {
    const t = createTestHost();
    const office = await setupOffice(t);
    const composed = 'Caf\u00e9-pass-1';
    expectOk(await t.call(office.adminConn, 'accounts.users.create', { username: 'cafe', displayName: '咖啡', role: 'viewer', password: composed }));
    await login(t, newConnection(), 'cafe', composed);
    await login(t, newConnection(), 'cafe', composed.normalize('NFD'));
  });

  it('signing in before the office is set up is NOT_INITIALIZED', async () => {
    const t = createTestHost();
    expectFailure(await attempt(t, 'admin', ADMIN_PASSWORD), 'NOT_INITIALIZED');
  });

  it('a disabled account is ACCOUNT_DISABLED with the right password and BAD_CREDENTIALS with a wrong one', async () => {
    const t = createTestHost();
    const office = await setupOffice(t);
    const { user } = await createUser(t, office, 'clerk', 'left.office');
    expectOk(await t.call(office.adminConn, 'accounts.users.update', { id: user.id, version: user.version, disabled: true }));
    expectFailure(await attempt(t, 'left.office', USER_PASSWORD), 'ACCOUNT_DISABLED');
    expectFailure(await attempt(t, 'left.office', WRONG), 'BAD_CREDENTIALS');
  });

  it('a second user with the same name in another case is DUPLICATE_USERNAME at the username field', async () => {
    const t = createTestHost();
    const office = await setupOffice(t);
    const error = expectFailure(
      await t.call(office.adminConn, 'accounts.users.create', { username: 'Admin', displayName: '重名', role: 'clerk', password: 'Dup-pass-11' }),
      'DUPLICATE_USERNAME',
    );
    expect(error.issues).toMatchObject([{ path: ['username'], code: 'accounts.duplicate_username' }]);
  });
});

describe('lockout', () => {
  it('after lockoutThreshold wrong passwords the account is ACCOUNT_LOCKED, even for the right password', async () => {
    const t = createTestHost();
    await setupOffice(t);
    for (let i = 1; i < DEFAULT_SETTINGS.lockoutThreshold; i += 1) expectFailure(await attempt(t, 'admin', WRONG), 'BAD_CREDENTIALS');
    const locked = expectFailure(await attempt(t, 'admin', WRONG), 'ACCOUNT_LOCKED');
    expect(locked.params?.until).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expectFailure(await attempt(t, 'admin', ADMIN_PASSWORD), 'ACCOUNT_LOCKED');
  });

  it('the lock expires after lockoutMinutes, and then the right password signs in', async () => {
    const t = createTestHost();
    await setupOffice(t);
    for (let i = 0; i < DEFAULT_SETTINGS.lockoutThreshold; i += 1) await attempt(t, 'admin', WRONG);
    t.clock.advanceMs(DEFAULT_SETTINGS.lockoutMinutes * 60_000 - 1000);
    expectFailure(await attempt(t, 'admin', ADMIN_PASSWORD), 'ACCOUNT_LOCKED');
    t.clock.advanceMs(1000);
    await login(t, newConnection(), 'admin', ADMIN_PASSWORD);
  });

  it('after the lock expires the count starts again from zero', async () => {
    const t = createTestHost();
    await setupOffice(t);
    for (let i = 0; i < DEFAULT_SETTINGS.lockoutThreshold; i += 1) await attempt(t, 'admin', WRONG);
    t.clock.advanceMinutes(DEFAULT_SETTINGS.lockoutMinutes);
    expect(expectFailure(await attempt(t, 'admin', WRONG), 'BAD_CREDENTIALS').params).toEqual({ remaining: DEFAULT_SETTINGS.lockoutThreshold - 1 });
  });

  it('the threshold and duration are the office settings', async () => {
    const t = createTestHost();
    const office = await setupOffice(t);
    expectOk(await t.call(office.adminConn, 'office.settings.update', { version: 1, lockoutThreshold: 3, lockoutMinutes: 2 }));
    await createUser(t, office, 'clerk', 'zhao.lei');
    expect(expectFailure(await attempt(t, 'zhao.lei', WRONG), 'BAD_CREDENTIALS').params).toEqual({ remaining: 2 });
    expectFailure(await attempt(t, 'zhao.lei', WRONG), 'BAD_CREDENTIALS');
    expectFailure(await attempt(t, 'zhao.lei', WRONG), 'ACCOUNT_LOCKED');
    t.clock.advanceMinutes(2);
    await login(t, newConnection(), 'zhao.lei', USER_PASSWORD);
  });

  it('a successful sign-in clears the failure count', async () => {
    const t = createTestHost();
    await setupOffice(t);
    for (let i = 1; i < DEFAULT_SETTINGS.lockoutThreshold; i += 1) await attempt(t, 'admin', WRONG);
    await login(t, newConnection(), 'admin', ADMIN_PASSWORD);
    expect(expectFailure(await attempt(t, 'admin', WRONG), 'BAD_CREDENTIALS').params).toEqual({ remaining: DEFAULT_SETTINGS.lockoutThreshold - 1 });
  });

  it('a password reset by an administrator lifts the lock at once', async () => {
    const t = createTestHost();
    const office = await setupOffice(t);
    const { user } = await createUser(t, office, 'clerk', 'locked.out');
    for (let i = 0; i < DEFAULT_SETTINGS.lockoutThreshold; i += 1) await attempt(t, 'locked.out', WRONG);
    const listed = expectOk(await t.call(office.adminConn, 'accounts.users.list', {})).find((u) => u.id === user.id);
    expect(listed?.lockedUntil).toBe(new Date(t.clock.now().getTime() + DEFAULT_SETTINGS.lockoutMinutes * 60_000).toISOString());

    expectOk(await t.call(office.adminConn, 'accounts.users.resetPassword', { id: user.id, version: user.version, newPassword: 'Fresh-start-9' }));
    await login(t, newConnection(), 'locked.out', 'Fresh-start-9');
    expectFailure(await attempt(t, 'locked.out', USER_PASSWORD), 'BAD_CREDENTIALS');
  });
});

describe('changing a password', () => {
  it('a wrong current password is INVALID_INPUT at currentPassword, and nothing changes', async () => {
    const t = createTestHost();
    const office = await setupOffice(t);
    const seq = maxSeq(t.host.db);
    const error = expectFailure(await t.call(office.adminConn, 'accounts.changePassword', { currentPassword: WRONG, newPassword: 'New-pass-2025' }), 'INVALID_INPUT');
    expect(error.issues).toMatchObject([{ path: ['currentPassword'], code: 'accounts.current_password_wrong' }]);
    expect(maxSeq(t.host.db)).toBe(seq);
    await login(t, newConnection(), 'admin', ADMIN_PASSWORD);
  });

  it('the new password must differ from the current one', async () => {
    const t = createTestHost();
    const office = await setupOffice(t);
    const error = expectFailure(await t.call(office.adminConn, 'accounts.changePassword', { currentPassword: ADMIN_PASSWORD, newPassword: ADMIN_PASSWORD }), 'INVALID_INPUT');
    expect(error.issues).toMatchObject([{ path: ['newPassword'], code: 'accounts.password_unchanged' }]);
  });

  it('after a change the new password works and the old one fails', async () => {
    const t = createTestHost();
    const office = await setupOffice(t);
    expectOk(await t.call(office.adminConn, 'accounts.changePassword', { currentPassword: ADMIN_PASSWORD, newPassword: 'New-pass-2025' }));
    expectFailure(await attempt(t, 'admin', ADMIN_PASSWORD), 'BAD_CREDENTIALS');
    await login(t, newConnection(), 'admin', 'New-pass-2025');
    expectOk(await t.call(office.adminConn, 'accounts.heartbeat', {})); // the session that changed it goes on
  });
});

describe('stored password hashes', () => {
  it('are scrypt with the cost recorded and a distinct 16-byte salt, even for equal passwords', async () => {
    const t = createTestHost();
    const office = await setupOffice(t);
    const a = await createUser(t, office, 'clerk', 'same.one');
    const b = await createUser(t, office, 'clerk', 'same.two');
    const stored = [a, b].map((u) => findUserById(t.host.db, u.user.id)!.password_hash);
    const parts = stored.map((h) => h.split('$'));
    for (const p of parts) {
      expect(p.slice(0, 4)).toEqual(['scrypt', '10', '8', '1']);
      expect(Buffer.from(p[4], 'base64')).toHaveLength(16);
      expect(Buffer.from(p[5], 'base64')).toHaveLength(32);
    }
    expect(parts[0][4]).not.toBe(parts[1][4]);
    expect(parts[0][5]).not.toBe(parts[1][5]);
    expect(stored.join()).not.toContain(USER_PASSWORD);
  });

  it('a hash made at one cost still verifies after the app’s cost is raised; new hashes use the new cost', async () => {
    const first = createTestHost();
    await setupOffice(first);
    await first.close();
    const second = createTestHost({ dir: first.dir, dbPath: first.dbPath, extra: { passwordCostLog2: 11 } });
    const conn = newConnection();
    await login(second, conn, SETUP_INPUT.admin.username, ADMIN_PASSWORD);
    const user = expectOk(await second.call(conn, 'accounts.users.create', { username: 'later', displayName: '后来者', role: 'viewer', password: 'Later-pass-1' }));
    expect(findUserById(second.host.db, user.id)!.password_hash.split('$')[1]).toBe('11');
    await login(second, newConnection(), 'later', 'Later-pass-1');
  });
});
