/**
 * Automatic backups and the checks at start: one daily backup a day, one on exit when something
 * changed, rotation over weeks of use; a damaged database found by the background check after it
 * opens, and refused with the latest good backup named at every start after that; the
 * offline restore, where only the backup's own users may restore it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CoreHost } from '../../electron/core/host';
import { silentLogger } from '../../electron/core/log';
import { runAutomaticBackup } from '../../electron/core/backup/automatic';
import { backupSource } from '../../electron/core/backup/service';
import { restoreOffline } from '../../electron/core/backup/offline';
import { listBackups } from '../../electron/core/backup/install';
import { ContractFailure } from '../../electron/core/errors';
import { createTestHost, TEST_PASSWORD_COST, type TestHost } from '../support/test-host';
import { ADMIN_PASSWORD, login, newConnection, USER_PASSWORD } from '../support/office';
import { expectOk } from '../support/results';
import { disposeTestResources, makeTempDir, sha256 } from '../support/temp-dir';
import { register } from '../support/residents-registry';
import { TestClock } from '../support/test-clock';
import { backupNow, dataHash, officeWithHouseholds } from '../support/backups';
import { checkOutcome, findDamageAfterSignIn } from '../support/database-check';

afterEach(disposeTestResources);

const backupsDir = (t: TestHost) => path.join(t.dir, 'backups');
const automatic = (t: TestHost, kind: 'daily' | 'exit') => runAutomaticBackup(backupSource({ db: t.host.db, services: t.host.services }), kind, backupsDir(t), t.clock.now());

/** Overwrite the start of page `page` (>1) of a closed database file: its b-tree header (or, encrypted, its bytes). */
function damagePage(file: string, page: number): void {
  const fd = fs.openSync(file, 'r+');
  fs.writeSync(fd, Buffer.alloc(64, 0x5a), 0, 64, (page - 1) * 4096);
  fs.closeSync(fd);
}

describe('automatic backups', () => {
  it('daily: one a day; on exit: only when something changed since today’s newest', async () => {
    const t = createTestHost({ clock: new TestClock('2025-03-10T12:00:00.000Z') });
    const office = await officeWithHouseholds(t, 1);
    expect((await automatic(t, 'daily'))?.kind).toBe('daily');
    expect(await automatic(t, 'daily')).toBeUndefined();
    expect(await automatic(t, 'exit')).toBeUndefined(); // nothing changed since
    t.clock.advanceMinutes(5);
    await register(t, office.clerk.conn, { name: '新来的' });
    expect((await automatic(t, 'exit'))?.kind).toBe('exit');
    // The exit backup is the day's newest: rotation keeps one per day, so the morning one went.
    expect(listBackups(backupsDir(t)).items.map((b) => b.kind)).toEqual(['exit']);
    t.clock.advanceMinutes(24 * 60);
    expect((await automatic(t, 'daily'))?.kind).toBe('daily');
    expect(listBackups(backupsDir(t)).items).toHaveLength(2);
  });

  it('rotation over 60 days of use keeps 7 days, 4 weeks and 12 months — and never a backup made by hand', async () => {
    const t = createTestHost({ clock: new TestClock('2025-01-01T12:00:00.000Z') });
    const office = await officeWithHouseholds(t, 1);
    const manual = await backupNow(t, office.adminConn);
    for (let day = 0; day < 60; day++) {
      await automatic(t, 'daily');
      t.clock.advanceMinutes(24 * 60);
    }
    const left = listBackups(backupsDir(t)).items;
    expect(left.some((b) => b.name === manual.name)).toBe(true);
    const auto = left.filter((b) => b.kind === 'daily');
    const days = auto.map((b) => b.local.slice(0, 10));
    // The last 7 days, plus older weekly/monthly keepers: 60 days span 3 months and 9 weeks.
    expect(days.slice(0, 7)).toEqual(['2025-03-01', '2025-02-28', '2025-02-27', '2025-02-26', '2025-02-25', '2025-02-24', '2025-02-23']);
    expect(auto.length).toBeLessThanOrEqual(7 + 4 + 12);
    expect(days).toContain('2025-01-31'); // January's newest: the monthly keeper
    expect(days).not.toContain('2025-01-15');
  }, 120_000);

  it('the app’s close takes the exit backup before the database closes', async () => {
    const t = createTestHost({ extra: { automaticBackups: true } });
    const office = await officeWithHouseholds(t, 1);
    await register(t, office.clerk.conn, { name: '最后一位' });
    await t.host.close({ backup: true });
    const items = listBackups(backupsDir(t)).items;
    expect(items.map((b) => b.kind)).toEqual(['exit']);
    expect(items[0].counts.residents).toBe(4);
  });

  it('a failing automatic backup is logged and never stops the close', async () => {
    const t = createTestHost({ extra: { automaticBackups: true } });
    const office = await officeWithHouseholds(t, 1);
    await register(t, office.clerk.conn, { name: '最后一位' });
    fs.writeFileSync(backupsDir(t), 'a file where the folder should be');
    await t.host.close({ backup: true });
    expect(t.logs.some((l) => l.level === 'warn' && /automatic exit backup failed/.test(l.message))).toBe(true);
    expect(t.host.db.open).toBe(false);
  });
});

describe('damage found after the database opens', () => {
  it('a damaged plain database opens, the background check finds the damage, and every start after refuses it with the latest good backup named', async () => {
    const t = createTestHost({ extra: { encryption: false } });
    const office = await officeWithHouseholds(t, 6);
    const good = await backupNow(t, office.adminConn);
    await t.close();
    damagePage(t.dbPath, 6);

    const opened = createTestHost({ dir: t.dir, dbPath: t.dbPath, extra: { databaseCheck: { delayMs: 0 } } });
    expect(await checkOutcome(opened)).toMatchObject({ state: 'damaged', backup: good.file, problems: expect.arrayContaining([expect.any(String)]) });
    await opened.close();
    expect(() => new CoreHost({ dbPath: t.dbPath, appVersion: 't', log: silentLogger, passwordCostLog2: TEST_PASSWORD_COST })).toThrow(
      expect.objectContaining({ reason: 'damaged', details: expect.objectContaining({ backup: good.file, problems: expect.arrayContaining([expect.any(String)]) }) }),
    );
  });

  it('an encrypted one is found after sign-in (the damage state names the backup), and refused at every start after', async () => {
    const t = createTestHost();
    const office = await officeWithHouseholds(t, 6);
    const good = await backupNow(t, office.adminConn);
    await t.close();
    damagePage(t.dbPath, 6);

    const opened = createTestHost({ dir: t.dir, dbPath: t.dbPath, extra: { databaseCheck: { delayMs: 0 } } });
    await login(opened, newConnection(), 'admin', ADMIN_PASSWORD);
    expect(await checkOutcome(opened)).toMatchObject({ state: 'damaged', backup: good.file });
    expect(fs.existsSync(`${t.dbPath}.damaged`)).toBe(true);
    await opened.close();
    const hash = sha256(t.dbPath);

    expect(() => createTestHost({ dir: t.dir, dbPath: t.dbPath })).toThrow(expect.objectContaining({ reason: 'damaged', details: expect.objectContaining({ backup: good.file }) }));
    expect(sha256(t.dbPath)).toBe(hash);
  });

  it('a restored database loses its damage marker and opens again', async () => {
    const t = createTestHost();
    const office = await officeWithHouseholds(t, 2);
    const good = await backupNow(t, office.adminConn);
    const before = dataHash(t.host.db);
    await t.close();
    damagePage(t.dbPath, 4);
    await findDamageAfterSignIn(t.dir, t.dbPath);

    const { setAside } = await restoreOffline({ dbPath: t.dbPath, backupFile: good.file, username: 'admin', password: ADMIN_PASSWORD, now: new Date() });
    expect(setAside && fs.existsSync(setAside)).toBe(true);
    expect(fs.existsSync(`${t.dbPath}.damaged`)).toBe(false);
    const back = createTestHost({ dir: t.dir, dbPath: t.dbPath });
    await login(back, newConnection(), 'admin', ADMIN_PASSWORD);
    expect(dataHash(back.host.db)).toBe(before);
  });
});

describe('restoring without the open database (command line, new PC)', () => {
  it('a wrong password, an unknown user or a clerk restores nothing, and the backup is unchanged', async () => {
    const t = createTestHost();
    const office = await officeWithHouseholds(t, 1);
    const good = await backupNow(t, office.adminConn);
    const newPc = path.join(makeTempDir('civicdesk-new-pc-'), 'civicdesk.db');
    const hash = sha256(good.file);
    const attempt = (username: string, password: string) => restoreOffline({ dbPath: newPc, backupFile: good.file, username, password, now: new Date() });
    for (const [username, password, code] of [
      ['admin', 'Wrong-pass-2025', 'BAD_CREDENTIALS'],
      ['nobody', ADMIN_PASSWORD, 'BAD_CREDENTIALS'],
      [office.clerk.user.username, USER_PASSWORD, 'FORBIDDEN'],
    ] as const) {
      await expect(attempt(username, password)).rejects.toSatisfy((e: unknown) => e instanceof ContractFailure && e.code === code);
      expect(sha256(good.file)).toBe(hash);
      expect(fs.readdirSync(path.dirname(newPc))).toEqual([]);
    }
    const { setAside } = await attempt(office.supervisor.user.username, USER_PASSWORD);
    expect(setAside).toBeUndefined();
    const restored = createTestHost({ dir: path.dirname(newPc), dbPath: newPc });
    const conn = newConnection();
    await login(restored, conn, 'admin', ADMIN_PASSWORD);
    expect(expectOk(await restored.call(conn, 'residents.list', {})).total).toBe(3);
    const audit = expectOk(await restored.call(conn, 'audit.list', { action: 'restore' })).items;
    expect(audit).toMatchObject([{ username: office.supervisor.user.username }]);
    expect(sha256(good.file)).toBe(hash);
  });
});
