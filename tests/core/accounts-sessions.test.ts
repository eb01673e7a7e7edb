/**
 * Sessions: one per connection, the idle lock and unlocking, heartbeats, and what administrators'
 * actions (disable, demote, reset) do to sessions that are already open.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../electron/core/office/repository';
import { ROLE_PERMISSIONS } from '../../shared/domain/roles';
import { ADMIN_PASSWORD, USER_PASSWORD, createUser, login, newConnection, setupOffice } from '../support/office';
import { expectFailure, expectOk } from '../support/results';
import { createTestHost } from '../support/test-host';
import { disposeTestResources } from '../support/temp-dir';
import { maxSeq, snapshotTables } from '../support/db-inspect';

afterEach(disposeTestResources);

const IDLE_MS = DEFAULT_SETTINGS.idleLockMinutes * 60_000;

describe('session required', () => {
  it('is UNAUTHENTICATED before sign-in and again after sign-out; accounts.session reports none', async () => {
    const t = createTestHost();
    await setupOffice(t);
    const conn = newConnection();
    expectFailure(await t.call(conn, 'office.settings.get', {}), 'UNAUTHENTICATED');
    expect(expectOk(await t.call(conn, 'accounts.session', {}))).toEqual({ session: null });

    await login(t, conn, 'admin', ADMIN_PASSWORD);
    expectOk(await t.call(conn, 'office.settings.get', {}));
    expect(expectOk(await t.call(conn, 'accounts.session', {})).session).toMatchObject({ username: 'admin', locked: false });

    expectOk(await t.call(conn, 'accounts.logout', {}));
    expectFailure(await t.call(conn, 'office.settings.get', {}), 'UNAUTHENTICATED');
    expect(expectOk(await t.call(conn, 'accounts.session', {}))).toEqual({ session: null });
  });

  it('sessions belong to their connection: signing in or out on one leaves the others alone', async () => {
    const t = createTestHost();
    const office = await setupOffice(t);
    const clerk = await createUser(t, office, 'clerk');
    const other = newConnection();
    expectFailure(await t.call(other, 'accounts.users.list', {}), 'UNAUTHENTICATED');

    expectOk(await t.call(other, 'accounts.logout', {}));
    expectOk(await t.call(office.adminConn, 'accounts.users.list', {}));
    expect(expectOk(await t.call(clerk.conn, 'accounts.session', {})).session?.role).toBe('clerk');
    expect(expectOk(await t.call(office.adminConn, 'accounts.session', {})).session?.role).toBe('admin');

    expectOk(await t.call(clerk.conn, 'accounts.logout', {}));
    expectOk(await t.call(office.adminConn, 'accounts.users.list', {}));
  });

  it('signing in on a connection replaces whoever was signed in there', async () => {
    const t = createTestHost();
    const office = await setupOffice(t);
    await createUser(t, office, 'viewer', 'shared.desk');
    await login(t, office.adminConn, 'shared.desk', USER_PASSWORD);
    expectFailure(await t.call(office.adminConn, 'accounts.users.list', {}), 'FORBIDDEN');
  });
});

describe('idle lock', () => {
  it('after idleLockMinutes without calls a call is SESSION_LOCKED and the connection is told, once', async () => {
    const t = createTestHost();
    const office = await setupOffice(t);
    const clerk = await createUser(t, office, 'clerk');
    t.clock.advanceMs(IDLE_MS);
    expectOk(await t.call(clerk.conn, 'office.settings.get', {})); // exactly the limit: still open
    t.clock.advanceMs(IDLE_MS + 1);

    expectFailure(await t.call(clerk.conn, 'office.settings.get', {}), 'SESSION_LOCKED');
    expectFailure(await t.call(clerk.conn, 'accounts.heartbeat', {}), 'SESSION_LOCKED');
    expect(t.eventsFor(clerk.conn, 'session.changed')).toEqual([{ state: 'locked' }]);
    expect(t.eventsFor(office.adminConn, 'session.changed')).toEqual([]);
  });

  it('a locked session still answers accounts.session (locked: true) and office.status', async () => {
    const t = createTestHost();
    const office = await setupOffice(t);
    t.clock.advanceMs(IDLE_MS + 1);
    expectFailure(await t.call(office.adminConn, 'accounts.users.list', {}), 'SESSION_LOCKED');
    expect(expectOk(await t.call(office.adminConn, 'accounts.session', {})).session).toMatchObject({ username: 'admin', locked: true });
    expect(expectOk(await t.call(office.adminConn, 'office.status', {})).initialized).toBe(true);
  });

  it('accounts.session reports the lock even when it is the first call after the idle time', async () => {
    const t = createTestHost();
    const office = await setupOffice(t);
    t.clock.advanceMs(IDLE_MS + 1);
    expect(expectOk(await t.call(office.adminConn, 'accounts.session', {})).session?.locked).toBe(true);
    expect(t.eventsFor(office.adminConn, 'session.changed')).toEqual([{ state: 'locked' }]);
    expectFailure(await t.call(office.adminConn, 'accounts.users.list', {}), 'SESSION_LOCKED');
  });

  it('accounts.lock locks this session at once (one audit entry however often asked), other sessions stay open, unlock opens it', async () => {
    const t = createTestHost();
    const office = await setupOffice(t);
    const clerk = await createUser(t, office, 'clerk');
    expectOk(await t.call(office.adminConn, 'accounts.lock', {}));
    expectOk(await t.call(office.adminConn, 'accounts.lock', {}));
    expectFailure(await t.call(office.adminConn, 'accounts.users.list', {}), 'SESSION_LOCKED');
    expect(expectOk(await t.call(office.adminConn, 'accounts.session', {})).session).toMatchObject({ username: 'admin', locked: true });
    expectOk(await t.call(clerk.conn, 'residents.list', {}));
    const locks = t.host.db.prepare("SELECT username FROM audit_log WHERE action = 'lock'").pluck().all();
    expect(locks).toEqual(['admin']);
    expectOk(await t.call(office.adminConn, 'accounts.unlock', { password: ADMIN_PASSWORD }));
    expectOk(await t.call(office.adminConn, 'accounts.users.list', {}));
    expectFailure(await t.call(newConnection(), 'accounts.lock', {}), 'UNAUTHENTICATED');
  });

  it('unlock with a wrong password keeps it locked; with the right one it opens again', async () => {
    const t = createTestHost();
    const office = await setupOffice(t);
    t.clock.advanceMs(IDLE_MS + 1);
    expectFailure(await t.call(office.adminConn, 'accounts.users.list', {}), 'SESSION_LOCKED');

    const wrong = expectFailure(await t.call(office.adminConn, 'accounts.unlock', { password: 'Not-my-pass-1' }), 'INVALID_INPUT');
    expect(wrong.issues).toMatchObject([{ path: ['password'], code: 'accounts.current_password_wrong' }]);
    expectFailure(await t.call(office.adminConn, 'accounts.users.list', {}), 'SESSION_LOCKED');

    const session = expectOk(await t.call(office.adminConn, 'accounts.unlock', { password: ADMIN_PASSWORD }));
    expect(session.locked).toBe(false);
    expectOk(await t.call(office.adminConn, 'accounts.users.list', {}));
    // Unlocking restarts the idle time from now.
    t.clock.advanceMs(IDLE_MS);
    expectOk(await t.call(office.adminConn, 'accounts.users.list', {}));
  });

  it('wrong unlock passwords count toward the lockout: at the threshold the session ends and the account locks', async () => {
    const t = createTestHost();
    const office = await setupOffice(t);
    const clerk = await createUser(t, office, 'clerk', 'guessed.at');
    t.clock.advanceMs(IDLE_MS + 1);
    for (let i = 1; i < DEFAULT_SETTINGS.lockoutThreshold; i += 1) {
      expectFailure(await t.call(clerk.conn, 'accounts.unlock', { password: `Guess-${i}-pass` }), 'INVALID_INPUT');
    }
    expectFailure(await t.call(clerk.conn, 'accounts.unlock', { password: 'Guess-last-pass' }), 'ACCOUNT_LOCKED');
    expect(t.eventsFor(clerk.conn, 'session.changed')).toEqual([{ state: 'locked' }, { state: 'ended' }]);
    expectFailure(await t.call(clerk.conn, 'accounts.unlock', { password: USER_PASSWORD }), 'UNAUTHENTICATED');
    expectFailure(await t.call(newConnection(), 'accounts.login', { username: 'guessed.at', password: USER_PASSWORD }), 'ACCOUNT_LOCKED');
  });

  it('a successful unlock clears the wrong guesses made before it', async () => {
    const t = createTestHost();
    const office = await setupOffice(t);
    t.clock.advanceMs(IDLE_MS + 1);
    for (let i = 1; i < DEFAULT_SETTINGS.lockoutThreshold; i += 1) await t.call(office.adminConn, 'accounts.unlock', { password: 'Typo-pass-1' });
    expectOk(await t.call(office.adminConn, 'accounts.unlock', { password: ADMIN_PASSWORD }));
    const next = await t.call(newConnection(), 'accounts.login', { username: 'admin', password: 'Typo-pass-1' });
    expect(expectFailure(next, 'BAD_CREDENTIALS').params).toEqual({ remaining: DEFAULT_SETTINGS.lockoutThreshold - 1 });
  });

  it('signing out works while locked', async () => {
    const t = createTestHost();
    const office = await setupOffice(t);
    t.clock.advanceMs(IDLE_MS + 1);
    expectFailure(await t.call(office.adminConn, 'accounts.users.list', {}), 'SESSION_LOCKED');
    expectOk(await t.call(office.adminConn, 'accounts.logout', {}));
    expectFailure(await t.call(office.adminConn, 'accounts.users.list', {}), 'UNAUTHENTICATED');
  });

  it('heartbeats keep an active clerk’s session open; status polls do not', async () => {
    const t = createTestHost();
    const office = await setupOffice(t);
    for (let i = 0; i < 3; i += 1) {
      t.clock.advanceMs(IDLE_MS - 60_000);
      expect(expectOk(await t.call(office.adminConn, 'accounts.heartbeat', {})).locked).toBe(false);
    }
    t.clock.advanceMs(IDLE_MS / 2);
    expectOk(await t.call(office.adminConn, 'accounts.session', {}));
    expectOk(await t.call(office.adminConn, 'office.status', {}));
    t.clock.advanceMs(IDLE_MS / 2 + 1);
    expectFailure(await t.call(office.adminConn, 'accounts.users.list', {}), 'SESSION_LOCKED');
  });

  it('the idle time is the office setting idleLockMinutes', async () => {
    const t = createTestHost();
    const office = await setupOffice(t);
    expectOk(await t.call(office.adminConn, 'office.settings.update', { version: 1, idleLockMinutes: 1 }));
    t.clock.advanceMs(60_001);
    expectFailure(await t.call(office.adminConn, 'office.settings.get', {}), 'SESSION_LOCKED');
  });
});

describe('administrators’ actions on open sessions', () => {
  it('disabling a user ends their session at once and tells their connection', async () => {
    const t = createTestHost();
    const office = await setupOffice(t);
    const clerk = await createUser(t, office, 'clerk');
    expectOk(await t.call(office.adminConn, 'accounts.users.update', { id: clerk.user.id, version: clerk.user.version, disabled: true }));
    expect(t.eventsFor(clerk.conn, 'session.changed')).toEqual([{ state: 'ended' }]);
    expectFailure(await t.call(clerk.conn, 'office.settings.get', {}), 'UNAUTHENTICATED');
    expect(expectOk(await t.call(clerk.conn, 'accounts.session', {}))).toEqual({ session: null });
  });

  it('a user disabled by some other write path is refused on their next call too', async () => {
    const t = createTestHost();
    const office = await setupOffice(t);
    const clerk = await createUser(t, office, 'clerk');
    t.host.db.prepare('UPDATE users SET disabled = 1 WHERE id = ?').run(clerk.user.id); // e.g. a merged bureau change
    expectFailure(await t.call(clerk.conn, 'office.settings.get', {}), 'UNAUTHENTICATED');
  });

  it('a password reset by an administrator ends that user’s sessions, but not the administrator’s own', async () => {
    const t = createTestHost();
    const office = await setupOffice(t);
    const clerk = await createUser(t, office, 'clerk');
    expectOk(await t.call(office.adminConn, 'accounts.users.resetPassword', { id: clerk.user.id, version: clerk.user.version, newPassword: 'Reset-pass-42' }));
    expectFailure(await t.call(clerk.conn, 'office.settings.get', {}), 'UNAUTHENTICATED');

    const admin = expectOk(await t.call(office.adminConn, 'accounts.users.list', {})).find((u) => u.id === office.admin.userId)!;
    expectOk(await t.call(office.adminConn, 'accounts.users.resetPassword', { id: admin.id, version: admin.version, newPassword: 'Own-reset-43' }));
    expectOk(await t.call(office.adminConn, 'accounts.users.list', {}));
  });

  it('a role change takes effect on the very next call, without signing in again', async () => {
    const t = createTestHost();
    const office = await setupOffice(t);
    const second = await createUser(t, office, 'admin', 'deputy');
    expectOk(await t.call(second.conn, 'accounts.users.list', {}));

    const demoted = expectOk(await t.call(office.adminConn, 'accounts.users.update', { id: second.user.id, version: second.user.version, role: 'viewer' }));
    expectFailure(await t.call(second.conn, 'accounts.users.list', {}), 'FORBIDDEN');
    expectFailure(await t.call(second.conn, 'system.checkIntegrity', {}), 'FORBIDDEN');
    const session = expectOk(await t.call(second.conn, 'accounts.session', {})).session;
    expect(session).toMatchObject({ role: 'viewer', permissions: [...ROLE_PERMISSIONS.viewer] });

    expectOk(await t.call(office.adminConn, 'accounts.users.update', { id: second.user.id, version: demoted.version, role: 'supervisor' }));
    expectOk(await t.host.runJob(second.conn, 'system.checkIntegrity', {}));
  });
});

describe('the last administrator', () => {
  it('cannot be demoted or disabled, and nothing is written', async () => {
    const t = createTestHost();
    const office = await setupOffice(t);
    const before = snapshotTables(t.host.db);
    expectFailure(await t.call(office.adminConn, 'accounts.users.update', { id: office.admin.userId, version: 1, role: 'clerk' }), 'LAST_ADMIN');
    expectFailure(await t.call(office.adminConn, 'accounts.users.update', { id: office.admin.userId, version: 1, disabled: true }), 'LAST_ADMIN');
    expect(snapshotTables(t.host.db)).toEqual(before);
  });

  it('can be demoted once another active administrator exists; then that one is the last', async () => {
    const t = createTestHost();
    const office = await setupOffice(t);
    const deputy = await createUser(t, office, 'admin', 'deputy');
    expectOk(await t.call(office.adminConn, 'accounts.users.update', { id: office.admin.userId, version: 1, role: 'supervisor' }));
    expectFailure(await t.call(deputy.conn, 'accounts.users.update', { id: deputy.user.id, version: deputy.user.version, disabled: true }), 'LAST_ADMIN');
  });

  it('a disabled administrator does not count as another administrator', async () => {
    const t = createTestHost();
    const office = await setupOffice(t);
    const deputy = await createUser(t, office, 'admin', 'deputy');
    expectOk(await t.call(office.adminConn, 'accounts.users.update', { id: deputy.user.id, version: deputy.user.version, disabled: true }));
    const seq = maxSeq(t.host.db);
    expectFailure(await t.call(office.adminConn, 'accounts.users.update', { id: office.admin.userId, version: 1, role: 'viewer' }), 'LAST_ADMIN');
    expect(maxSeq(t.host.db)).toBe(seq);
  });

  it('renaming the last administrator is fine', async () => {
    const t = createTestHost();
    const office = await setupOffice(t);
    const renamed = expectOk(await t.call(office.adminConn, 'accounts.users.update', { id: office.admin.userId, version: 1, displayName: '王站长', role: 'admin', disabled: false }));
    expect(renamed).toMatchObject({ displayName: '王站长', role: 'admin', version: 2 });
  });
});
