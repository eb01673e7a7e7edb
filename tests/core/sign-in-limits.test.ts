/**
 * Guessing passwords is limited before the database is open (issue 12, point 3): while it is sealed
 * (every CLI call, every app start) wrong passwords are counted per user in the file beside it and
 * the office's own lockout rule applies; a locked account gets one answer whatever the password, on
 * the sealed door and the open one; user names typed at sign-in are length-limited; the file never
 * holds typed text that could be a password, and stays small however long someone guesses.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../electron/core/office/repository';
import { findUserById } from '../../electron/core/accounts/repository';
import { sealedFailuresPath } from '../../electron/core/audit/sealed-failures';
import { ADMIN_PASSWORD, USER_PASSWORD, createUser, login, newConnection, setupOffice } from '../support/office';
import { expectFailure, expectOk } from '../support/results';
import { createTestHost, type TestHost } from '../support/test-host';
import { TestClock } from '../support/test-clock';
import { disposeTestResources, makeTempDir } from '../support/temp-dir';
import { auditRows, auditText } from '../support/audit';

afterEach(disposeTestResources);

const WRONG = 'Wrong-pass-0';
const THRESHOLD = DEFAULT_SETTINGS.lockoutThreshold;

interface Files {
  dir: string;
  dbPath: string;
  clock: TestClock;
}

/** An encrypted office set up (admin and the clerk `zhao.lei`), then closed: the next host starts sealed. */
async function sealedOffice(configure?: (t: TestHost, adminConn: string) => Promise<void>): Promise<Files> {
  const dir = makeTempDir();
  const dbPath = path.join(dir, 'office.civicdesk');
  const clock = new TestClock();
  const t = createTestHost({ dir, dbPath, clock });
  const office = await setupOffice(t);
  await createUser(t, office, 'clerk', 'zhao.lei');
  await configure?.(t, office.adminConn);
  await t.close();
  return { dir, dbPath, clock };
}

/** A new host on the same files: a new process as far as the sealed door can tell. */
const sealedHost = (f: Files) => createTestHost({ dir: f.dir, dbPath: f.dbPath, clock: f.clock });
const attempt = (t: TestHost, username: string, password: string) => t.call(newConnection('login'), 'accounts.login', { username, password });

describe('wrong passwords while the database is sealed', () => {
  it('are counted: seven wrong and then the right one is ACCOUNT_LOCKED, and the database stays sealed', async () => {
    const t = sealedHost(await sealedOffice());
    const answers: string[] = [];
    for (let i = 0; i < 7; i += 1) {
      const result = await attempt(t, 'admin', WRONG);
      answers.push(result.ok ? 'ok' : result.error.code);
    }
    expect(answers).toEqual([...Array<string>(THRESHOLD - 1).fill('BAD_CREDENTIALS'), ...Array<string>(7 - THRESHOLD + 1).fill('ACCOUNT_LOCKED')]);
    const locked = expectFailure(await attempt(t, 'admin', ADMIN_PASSWORD), 'ACCOUNT_LOCKED');
    expect(locked.params?.until).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(t.host.isOpen).toBe(false);
  });

  it('a lockout rule edited into the file beyond what settings allow is not taken (a cold trial gave itself a million tries)', async () => {
    const f = await sealedOffice();
    fs.writeFileSync(sealedFailuresPath(f.dbPath), JSON.stringify({ rule: { lockoutThreshold: 1_000_000, lockoutMinutes: 0 }, users: {}, held: [], notKept: 0 }));
    const t = sealedHost(f);
    for (let i = 0; i < THRESHOLD - 1; i += 1) expectFailure(await attempt(t, 'admin', WRONG), 'BAD_CREDENTIALS');
    expectFailure(await attempt(t, 'admin', WRONG), 'ACCOUNT_LOCKED');
  });

  it('tell how many attempts remain, as the open database does', async () => {
    const t = sealedHost(await sealedOffice());
    expect(expectFailure(await attempt(t, 'admin', WRONG), 'BAD_CREDENTIALS').params).toEqual({ remaining: THRESHOLD - 1 });
    expect(expectFailure(await attempt(t, 'admin', WRONG), 'BAD_CREDENTIALS').params).toEqual({ remaining: THRESHOLD - 2 });
  });

  it('a locked account gives the same answer to a wrong and to the right password (sealed)', async () => {
    const t = sealedHost(await sealedOffice());
    for (let i = 0; i < THRESHOLD; i += 1) await attempt(t, 'zhao.lei', WRONG);
    const wrong = expectFailure(await attempt(t, 'zhao.lei', 'Another-guess-9'), 'ACCOUNT_LOCKED');
    const right = expectFailure(await attempt(t, 'zhao.lei', USER_PASSWORD), 'ACCOUNT_LOCKED');
    expect(right).toEqual(wrong);
    // Another user is not affected.
    await login(t, newConnection(), 'admin', ADMIN_PASSWORD);
  });

  it('a locked account gives the same answer to a wrong and to the right password (open), and still when the database is sealed again', async () => {
    const files = await sealedOffice();
    const open = sealedHost(files);
    await login(open, newConnection(), 'admin', ADMIN_PASSWORD);
    for (let i = 0; i < THRESHOLD; i += 1) await attempt(open, 'zhao.lei', WRONG);
    const wrong = expectFailure(await attempt(open, 'zhao.lei', 'Another-guess-9'), 'ACCOUNT_LOCKED');
    const right = expectFailure(await attempt(open, 'zhao.lei', USER_PASSWORD), 'ACCOUNT_LOCKED');
    expect(right).toEqual(wrong);
    await open.close();

    const sealed = sealedHost(files);
    const sealedWrong = expectFailure(await attempt(sealed, 'zhao.lei', 'Another-guess-9'), 'ACCOUNT_LOCKED');
    const sealedRight = expectFailure(await attempt(sealed, 'zhao.lei', USER_PASSWORD), 'ACCOUNT_LOCKED');
    expect(sealedRight).toEqual(sealedWrong);
    expect(sealedRight).toEqual(right);
    expect(sealed.host.isOpen).toBe(false);
  });

  it('the lock follows the office rule (threshold and minutes from the settings) and expires', async () => {
    const files = await sealedOffice(async (t, adminConn) => {
      expectOk(await t.call(adminConn, 'office.settings.update', { version: 1, lockoutThreshold: 3, lockoutMinutes: 2 }));
    });
    const t = sealedHost(files);
    expect(expectFailure(await attempt(t, 'zhao.lei', WRONG), 'BAD_CREDENTIALS').params).toEqual({ remaining: 2 });
    expectFailure(await attempt(t, 'zhao.lei', WRONG), 'BAD_CREDENTIALS');
    expectFailure(await attempt(t, 'zhao.lei', WRONG), 'ACCOUNT_LOCKED');
    files.clock.advanceMs(2 * 60_000 - 1000);
    expectFailure(await attempt(t, 'zhao.lei', USER_PASSWORD), 'ACCOUNT_LOCKED');
    files.clock.advanceMs(1000);
    await login(t, newConnection(), 'zhao.lei', USER_PASSWORD);
  });

  it('the count survives the process: guesses spread over several starts still lock the account', async () => {
    const files = await sealedOffice();
    for (let i = 0; i < THRESHOLD - 1; i += 1) {
      const t = sealedHost(files);
      expectFailure(await attempt(t, 'admin', WRONG), 'BAD_CREDENTIALS');
      await t.close();
    }
    const last = sealedHost(files);
    expectFailure(await attempt(last, 'admin', WRONG), 'ACCOUNT_LOCKED');
    await last.close();
    const after = sealedHost(files);
    expectFailure(await attempt(after, 'admin', ADMIN_PASSWORD), 'ACCOUNT_LOCKED');
    expect(after.host.isOpen).toBe(false);
  });

  it('the lock is carried into the database when someone else opens it, and into the audit trail', async () => {
    const files = await sealedOffice();
    const t = sealedHost(files);
    for (let i = 0; i < THRESHOLD; i += 1) await attempt(t, 'zhao.lei', WRONG);
    const adminConn = newConnection();
    await login(t, adminConn, 'admin', ADMIN_PASSWORD);
    const clerk = expectOk(await t.call(adminConn, 'accounts.users.list', {})).find((u) => u.username === 'zhao.lei')!;
    expect(clerk.lockedUntil).toBe(new Date(files.clock.now().getTime() + DEFAULT_SETTINGS.lockoutMinutes * 60_000).toISOString());
    expectFailure(await attempt(t, 'zhao.lei', USER_PASSWORD), 'ACCOUNT_LOCKED');
    const reasons = auditRows(t.host.db)
      .filter((e) => e.action === 'login.failed' && e.username === 'zhao.lei')
      .map((e) => (JSON.parse(e.detail) as { reason: string }).reason);
    expect(reasons).toEqual([...Array<string>(THRESHOLD - 1).fill('wrong_password'), 'wrong_password_locked', 'locked']);
  });

  it('a few wrong guesses while sealed count with those after the database opened', async () => {
    const files = await sealedOffice();
    const t = sealedHost(files);
    for (let i = 0; i < THRESHOLD - 2; i += 1) await attempt(t, 'zhao.lei', WRONG);
    await login(t, newConnection(), 'admin', ADMIN_PASSWORD);
    expect(expectFailure(await attempt(t, 'zhao.lei', WRONG), 'BAD_CREDENTIALS').params).toEqual({ remaining: 1 });
    expectFailure(await attempt(t, 'zhao.lei', WRONG), 'ACCOUNT_LOCKED');
  });

  it('a right password before the threshold clears the count, and the file goes away when nothing is held', async () => {
    const files = await sealedOffice();
    const t = sealedHost(files);
    for (let i = 0; i < THRESHOLD - 1; i += 1) await attempt(t, 'admin', WRONG);
    const session = await login(t, newConnection(), 'admin', ADMIN_PASSWORD);
    expect(findUserById(t.host.db, session.userId)?.failed_attempts).toBe(0);
    expect(fs.existsSync(sealedFailuresPath(files.dbPath))).toBe(false);
    await t.close();
    const again = sealedHost(files);
    expect(expectFailure(await attempt(again, 'admin', WRONG), 'BAD_CREDENTIALS').params).toEqual({ remaining: THRESHOLD - 1 });
  });
});

describe('what is typed at the sealed door', () => {
  it('a user name over 64 characters is refused at the field, and nothing is written', async () => {
    const files = await sealedOffice();
    const t = sealedHost(files);
    const long = 'a'.repeat(65);
    const error = expectFailure(await attempt(t, long, WRONG), 'INVALID_INPUT');
    expect(error.issues).toMatchObject([{ path: ['username'], code: 'too_long', params: { maximum: 64 } }]);
    expect(error.issues?.[0].message).toMatch(/64/);
    const recover = expectFailure(
      await t.call(newConnection(), 'accounts.recover', { recoveryKey: 'AAAAAA', username: long, newPassword: 'Brand-new-pass-1' }),
      'INVALID_INPUT',
    );
    expect(recover.issues?.map((i) => i.path)).toEqual([['username']]);
    expect(fs.existsSync(sealedFailuresPath(files.dbPath))).toBe(false);
    // 64 is still a user name (an unknown one).
    expectFailure(await attempt(t, 'a'.repeat(64), WRONG), 'BAD_CREDENTIALS');
  });

  it('the file never holds a typed password, even one typed into the user name field', async () => {
    const files = await sealedOffice();
    const t = sealedHost(files);
    const typedAsName = 'My-secret-pass-77';
    const typedAsPassword = 'Guess-one-1234';
    expectFailure(await attempt(t, typedAsName, ADMIN_PASSWORD), 'BAD_CREDENTIALS');
    expectFailure(await attempt(t, 'admin', typedAsPassword), 'BAD_CREDENTIALS');
    expectFailure(await t.call(newConnection(), 'accounts.recover', { recoveryKey: 'AAAAAA', username: typedAsName, newPassword: 'Brand-new-pass-1' }), 'INVALID_INPUT');
    const bytes = fs.readFileSync(sealedFailuresPath(files.dbPath));
    for (const secret of [typedAsName, typedAsPassword, ADMIN_PASSWORD, 'Brand-new-pass-1']) {
      expect(bytes.includes(Buffer.from(secret)), secret).toBe(false);
      expect(bytes.includes(Buffer.from(secret.slice(0, 6))), secret).toBe(false);
    }
    expect(bytes.toString('utf8')).toContain('admin');
    // Nor does the audit trail once the database opens.
    await login(t, newConnection(), 'admin', ADMIN_PASSWORD);
    expect(auditText(t.host.db)).not.toContain(typedAsName.slice(0, 6));
  });

  it('an unknown user name typed on the open database is not kept as typed either', async () => {
    const files = await sealedOffice();
    const t = sealedHost(files);
    await login(t, newConnection(), 'admin', ADMIN_PASSWORD);
    expectFailure(await attempt(t, 'My-secret-pass-77', WRONG), 'BAD_CREDENTIALS');
    expect(auditText(t.host.db)).not.toContain('My-secret');
  });

  it('the file stays small after thousands of guesses', async () => {
    const files = await sealedOffice();
    const t = sealedHost(files);
    for (let i = 0; i < THRESHOLD; i += 1) await attempt(t, 'admin', WRONG);
    for (let i = 0; i < 1200; i += 1) {
      const name = i % 2 === 0 ? 'admin' : `${String(i).padStart(4, '0')}${'x'.repeat(60)}`;
      const result = await attempt(t, name, `Guess-${i}-pass`);
      expect(result.ok).toBe(false);
    }
    const size = fs.statSync(sealedFailuresPath(files.dbPath)).size;
    expect(size).toBeLessThan(64 * 1024);
    // It is still read and flushed, with the guesses that were not kept counted.
    await login(t, newConnection(), 'zhao.lei', USER_PASSWORD);
    const failed = auditRows(t.host.db).filter((e) => e.action === 'login.failed');
    expect(failed.length).toBeGreaterThan(100);
    expect(failed.length).toBeLessThan(1200);
    expect(fs.existsSync(sealedFailuresPath(files.dbPath))).toBe(true); // admin is still locked
  }, 60_000);
});
