/**
 * The whole-file check is off the sign-in path (issue 12, point 8): signing in reads what it needs
 * and nothing more; `PRAGMA quick_check` runs afterwards in the background, on its own read-only
 * connection in its own thread, once per open. Its outcome is queryable (`system.databaseCheck`),
 * pushed to every window (`database.check`), and written to the audit trail; damage takes the path a
 * damaged sign-in took (marker, DB_DAMAGED naming the backup, refused at the next start).
 */
import fs from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { applyKey } from '../../electron/core/db/connection';
import { readKeyFile, unwrapKey } from '../../electron/core/db/keystore';
import { createTestHost, type TestHost } from '../support/test-host';
import { ADMIN_PASSWORD, login, newConnection } from '../support/office';
import { expectFailure, expectOk } from '../support/results';
import { disposeTestResources } from '../support/temp-dir';
import { backupNow, officeWithHouseholds } from '../support/backups';
import { auditRows } from '../support/audit';
import { checkEvents, checkOutcome, until } from '../support/database-check';

afterEach(disposeTestResources);

/** A host on an existing file with the background check on and no delay (the app waits 2 s). */
const reopen = (t: TestHost) => createTestHost({ dir: t.dir, dbPath: t.dbPath, extra: { databaseCheck: { delayMs: 0 } } });

function adminKey(dbPath: string): Buffer {
  const slot = readKeyFile(dbPath)!.slots.find((s) => s.username === 'admin')!;
  return unwrapKey(slot, ADMIN_PASSWORD)!;
}

/** A raw keyed connection to a closed office file (what an attacker or a failing disk sees). */
function rawOpen(dbPath: string, options: { readonly?: boolean } = {}): Database.Database {
  const raw = new Database(dbPath, { readonly: options.readonly ?? true, fileMustExist: true });
  applyKey(raw, adminKey(dbPath));
  return raw;
}

/** Flip one bit in the root page of `table` of a closed encrypted file: its AEGIS tag no longer matches. */
function damageRootPage(dbPath: string, table: string): void {
  const raw = rawOpen(dbPath);
  const root = raw.prepare('SELECT rootpage FROM sqlite_schema WHERE name = ?').pluck().get(table) as number;
  raw.close();
  expect(root).toBeGreaterThan(1);
  const fd = fs.openSync(dbPath, 'r+');
  const at = (root - 1) * 4096 + 1000;
  const byte = Buffer.alloc(1);
  fs.readSync(fd, byte, 0, 1, at);
  byte[0] ^= 0x04;
  fs.writeSync(fd, byte, 0, 1, at);
  fs.closeSync(fd);
}

const checkEntries = (t: TestHost) =>
  auditRows(t.host.db)
    .filter((r) => r.action === 'database.check')
    .map((r) => JSON.parse(r.detail) as Record<string, unknown>);

/**
 * An office whose file is big enough that the check takes a while: a table of 40 MB of random bytes
 * beside the registry, written with the key as any table is (the check reads every page of it).
 */
async function bigOffice(): Promise<TestHost> {
  const t = createTestHost();
  await officeWithHouseholds(t, 2);
  await t.close();
  const raw = rawOpen(t.dbPath, { readonly: false });
  raw.exec('CREATE TABLE ballast (n INTEGER PRIMARY KEY, bytes BLOB NOT NULL) STRICT');
  const insert = raw.prepare('INSERT INTO ballast (bytes) VALUES (randomblob(400))');
  raw.transaction(() => {
    for (let i = 0; i < 100_000; i++) insert.run();
  })();
  raw.close();
  return t;
}

describe('signing in', () => {
  it('does not check the whole file: a damaged page in a table sign-in does not read still signs in; the background check then finds it, marks the file, records it and raises the damage state', async () => {
    const t = createTestHost();
    const office = await officeWithHouseholds(t, 2);
    const good = await backupNow(t, office.adminConn);
    await t.close();
    damageRootPage(t.dbPath, 'residents');

    const h = reopen(t);
    const admin = newConnection('admin');
    const session = await login(h, admin, 'admin', ADMIN_PASSWORD);
    expect(session.username).toBe('admin');

    const found = await checkOutcome(h);
    expect(found).toMatchObject({ state: 'damaged', backup: good.file });
    expect(found.state === 'damaged' && found.problems.join('\n')).toMatch(/residents|malformed|page/);
    expect(expectOk(await h.call(admin, 'system.databaseCheck', {}))).toEqual(found);
    expect(fs.existsSync(`${t.dbPath}.damaged`)).toBe(true);
    expect(checkEntries(h)).toEqual([expect.objectContaining({ result: 'damaged', problems: expect.any(Number) })]);
    expect(h.logs.some((l) => l.level === 'error' && /database damaged/.test(l.message))).toBe(true);
    await h.close();

    // Refused at the next start with the backup named, as a damaged sign-in was before.
    expect(() => reopen(t)).toThrow(expect.objectContaining({ reason: 'damaged', details: expect.objectContaining({ backup: good.file }) }));
  });

  it('a call that reads a page failing its tag answers DB_DAMAGED naming the backup (not INTERNAL), and the file is marked', async () => {
    const t = createTestHost();
    const office = await officeWithHouseholds(t, 2);
    const good = await backupNow(t, office.adminConn);
    await t.close();
    damageRootPage(t.dbPath, 'residents');

    // No background check here (the CLI's case): the page's own tag is what catches it.
    const h = createTestHost({ dir: t.dir, dbPath: t.dbPath });
    const admin = newConnection('admin');
    await login(h, admin, 'admin', ADMIN_PASSWORD);
    const error = expectFailure(await h.call(admin, 'residents.list', {}), 'DB_DAMAGED');
    expect(error.params).toEqual({ backup: good.file });
    expect(fs.existsSync(`${t.dbPath}.damaged`)).toBe(true);
    expect(h.logs.filter((l) => /INTERNAL/.test(l.message))).toEqual([]);
  });
});

describe('the background check', () => {
  it('on a healthy database: pending, running, then passed — queryable, pushed to every window, and "passed" in the audit trail', async () => {
    const t = createTestHost();
    await officeWithHouseholds(t, 2);
    await t.close();

    const h = reopen(t);
    const admin = newConnection('admin');
    await login(h, admin, 'admin', ADMIN_PASSWORD);
    const passed = await checkOutcome(h);
    expect(passed).toMatchObject({ state: 'passed', ms: expect.any(Number), tables: expect.any(Number) });
    expect(passed.state === 'passed' && passed.tables).toBeGreaterThan(10);
    const states = checkEvents(h).map((s) => s.state);
    expect(states[0]).toBe('pending');
    expect(states).toContain('running');
    expect(states.at(-1)).toBe('passed');
    expect(h.events.filter((e) => e.event === 'database.check').every((e) => e.connectionId === null)).toBe(true);
    expect(expectOk(await h.call(admin, 'system.databaseCheck', {}))).toEqual(passed);
    expect(checkEntries(h)).toEqual([{ result: 'passed', ms: expect.any(Number) }]);
    expect(fs.existsSync(`${t.dbPath}.damaged`)).toBe(false);

    // Once per open: signing out and in again does not check again.
    expectOk(await h.call(admin, 'accounts.logout', {}));
    await login(h, admin, 'admin', ADMIN_PASSWORD);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(checkEvents(h).filter((s) => s.state === 'pending')).toHaveLength(1);
    expect(checkEntries(h)).toHaveLength(1);
  });

  it('does not hold up calls: clerks are answered while it reads the file', async () => {
    const t = await bigOffice();
    const h = reopen(t);
    const admin = newConnection('admin');
    await login(h, admin, 'admin', ADMIN_PASSWORD);
    let answeredWhileChecking = 0;
    let slowest = 0;
    for (;;) {
      // Calls from a window arrive as separate events (IPC, HTTP): one per turn of the event loop.
      await new Promise((resolve) => setImmediate(resolve));
      const at = performance.now();
      const now = expectOk(await h.call(admin, 'system.databaseCheck', {}));
      expectOk(await h.call(admin, 'residents.list', { limit: 20 }));
      slowest = Math.max(slowest, performance.now() - at);
      if (now.state === 'passed' || now.state === 'damaged') break;
      // Tables being checked: the thread is inside quick_check, and this call was answered anyway.
      if (now.state === 'running' && now.done >= 1) answeredWhileChecking++;
    }
    const passed = await checkOutcome(h);
    expect(passed.state).toBe('passed');
    expect(answeredWhileChecking).toBeGreaterThan(3);
    // The longest wait for an answer is far below the check's own time.
    expect(slowest).toBeLessThan(Math.max(150, passed.state === 'passed' ? passed.ms / 2 : 0));
  }, 60_000);

  it('stops cleanly on close: no audit entry, no marker, and the connection is gone', async () => {
    const t = await bigOffice();
    const h = reopen(t);
    const admin = newConnection('admin');
    await login(h, admin, 'admin', ADMIN_PASSWORD);
    await until('the check to be reading tables', () => checkEvents(h).find((s) => s.state === 'running' && s.done >= 1));
    await h.close();
    expect(checkEvents(h).at(-1)).toEqual({ state: 'unfinished', reason: 'closed' });
    expect(fs.existsSync(`${t.dbPath}.damaged`)).toBe(false);
    const raw = rawOpen(t.dbPath);
    expect(raw.prepare("SELECT count(*) FROM audit_log WHERE action = 'database.check'").pluck().get()).toBe(0);
    raw.close();
  }, 60_000);

  it('a restore stops the running check and checks the restored file once it is in place', async () => {
    const t = createTestHost();
    const office = await officeWithHouseholds(t, 2);
    const backup = await backupNow(t, office.adminConn);
    await t.close();

    const h = reopen(t);
    const admin = newConnection('admin');
    await login(h, admin, 'admin', ADMIN_PASSWORD);
    await checkOutcome(h);
    expectOk(await h.host.runJob(admin, 'backup.restore', { file: backup.file }));
    const states = checkEvents(h).map((s) => s.state);
    expect(states.slice(states.indexOf('passed') + 1, states.indexOf('passed') + 3)).toEqual(['unfinished', 'pending']);
    await until('the restored file to be checked', () => (checkEvents(h).filter((s) => s.state === 'passed').length === 2 ? true : undefined));
    const conn = newConnection('admin');
    await login(h, conn, 'admin', ADMIN_PASSWORD);
    expect(expectOk(await h.call(conn, 'system.databaseCheck', {})).state).toBe('passed');
  }, 60_000);
});
