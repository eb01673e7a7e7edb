/**
 * Disk full and read-only media, at the file layer: the database lives on a small tmpfs mount that
 * the test fills up (and a USB stick is a tmpfs remounted read-only). A write that fails for lack
 * of space is DISK_FULL with a message saying what to do — never INTERNAL —, nothing saved before
 * is lost, reading goes on, and writing works again once there is room.
 *
 * Mounting needs root (the build machines run tests as root). Where `mount` is refused, the same
 * behaviour is checked with SQLite's own limit instead (`PRAGMA max_page_count`, which fails writes
 * with the same SQLITE_FULL); the test's name says which ran.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { storageFailure } from '../../electron/core/disk-errors';
import { en, zhCN } from '../../shared/i18n';
import { createTestHost, type TestHost } from '../support/test-host';
import { ADMIN_PASSWORD, login, newConnection } from '../support/office';
import { expectFailure, expectOk } from '../support/results';
import { disposeTestResources, makeTempDir, onDispose, sha256 } from '../support/temp-dir';
import { newIdNumber, type RegistryOffice } from '../support/residents-registry';
import { backupNow, officeWithHouseholds } from '../support/backups';

afterEach(disposeTestResources);

/** A tmpfs of `size` mounted on a fresh folder, unmounted when the test's resources go; undefined without root. */
function tmpfs(size: string): string | undefined {
  const dir = makeTempDir('civicdesk-tmpfs-');
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'ignore' });
  } catch {
    return undefined;
  }
  onDispose(() => {
    execFileSync('umount', ['-l', dir], { stdio: 'ignore' });
  });
  return dir;
}

/** Whether this machine lets the test mount a tmpfs (root, and mount allowed in this container). */
const canMount = (() => {
  const probe = fs.mkdtempSync(path.join(os.tmpdir(), 'civicdesk-mount-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', probe], { stdio: 'ignore' });
    execFileSync('umount', [probe], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  } finally {
    fs.rmSync(probe, { recursive: true, force: true });
  }
})();

/** Write a filler file until the file system says ENOSPC; returns it (delete it to make room). */
function fillUp(dir: string): string {
  const filler = path.join(dir, 'filler.bin');
  const fd = fs.openSync(filler, 'w');
  try {
    for (const size of [1 << 20, 64 << 10, 4 << 10, 512]) {
      const chunk = Buffer.alloc(size, 1);
      for (;;) {
        try {
          fs.writeSync(fd, chunk);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOSPC') break;
          throw error;
        }
      }
    }
  } finally {
    fs.closeSync(fd);
  }
  return filler;
}

async function registerOne(t: TestHost, office: RegistryOffice, name: string) {
  return t.call(office.clerk.conn, 'residents.create', { name, idNumber: newIdNumber(), household: { mode: 'new', address: '朝阳街道' } });
}

describe.skipIf(!canMount)('disk full, on a real 24 MB tmpfs', () => {
  it('a failing write is DISK_FULL, nothing saved is lost, reading goes on, and writing resumes once there is room', async () => {
    const disk = tmpfs('24m')!;
    const t = createTestHost({ dir: disk });
    const office = await officeWithHouseholds(t, 3);
    const saved: string[] = [];
    const filler = fillUp(disk);

    // The WAL may still have room for a few writes; keep writing until the disk says no.
    let failure;
    for (let i = 0; i < 500 && !failure; i++) {
      const result = await registerOne(t, office, `满盘${i}`);
      if (result.ok) saved.push(result.value.id);
      else failure = result.error;
    }
    expect(failure?.code).toBe('DISK_FULL');
    expect(failure?.message).toBe(en.errors.DISK_FULL);
    console.info(`disk full after ${saved.length} more writes: ${t.logs.find((l) => l.level === 'warn')?.message}`);
    expect(t.logs.filter((l) => l.level === 'error')).toEqual([]);

    // Reading works, and every write that was acknowledged is there.
    const list = expectOk(await t.call(office.viewer.conn, 'residents.list', { limit: 500 }));
    expect(list.total).toBe(9 + saved.length);
    for (const id of saved) expectOk(await t.call(office.viewer.conn, 'residents.get', { id }));
    expectFailure(await registerOne(t, office, '还是满的'), 'DISK_FULL');

    fs.rmSync(filler);
    expectOk(await registerOne(t, office, '有空间了'));
    await t.close();

    const again = createTestHost({ dir: disk, dbPath: t.dbPath });
    const conn = newConnection();
    await login(again, conn, 'admin', ADMIN_PASSWORD);
    expect(expectOk(await again.call(conn, 'residents.list', { limit: 500 })).total).toBe(9 + saved.length + 1);
    expect(again.host.db.pragma('integrity_check', { simple: true })).toBe('ok');
  }, 120_000);

  it('a backup to a USB stick that is too small is DISK_FULL; to a write-protected one READ_ONLY; nothing else changes', async () => {
    const t = createTestHost();
    const office = await officeWithHouseholds(t, 3);
    const small = tmpfs('256k')!;
    expectFailure(await t.host.runJob(office.adminConn, 'backup.create', { folder: small }), 'DISK_FULL');
    expect(fs.readdirSync(small)).toEqual([]);

    const stick = tmpfs('16m')!;
    const earlier = await backupNow(t, office.adminConn, { folder: stick });
    const hash = sha256(earlier.file);
    execFileSync('mount', ['-o', 'remount,ro', stick]);
    const error = expectFailure(await t.host.runJob(office.adminConn, 'backup.create', { folder: stick }), 'READ_ONLY');
    expect(error.message).toBe(en.errors.READ_ONLY);
    expect(fs.readdirSync(stick)).toEqual([earlier.name]);
    expect(sha256(earlier.file)).toBe(hash);
    expectOk(await t.call(office.viewer.conn, 'residents.list', {}));
  });
});

describe.skipIf(canMount)('disk full, simulated with SQLite’s page limit (no root to mount a tmpfs)', () => {
  it('a failing write is DISK_FULL, nothing saved is lost, reading goes on, and writing resumes once there is room', async () => {
    const t = createTestHost();
    const office = await officeWithHouseholds(t, 3);
    const pages = t.host.db.pragma('page_count', { simple: true }) as number;
    t.host.db.pragma(`max_page_count = ${pages}`);
    let failure;
    for (let i = 0; i < 500 && !failure; i++) {
      const result = await registerOne(t, office, `满盘${i}`);
      if (!result.ok) failure = result.error;
    }
    expect(failure?.code).toBe('DISK_FULL');
    expectOk(await t.call(office.viewer.conn, 'residents.list', {}));
    t.host.db.pragma('max_page_count = 1073741823');
    expectOk(await registerOne(t, office, '有空间了'));
  });
});

describe('storage errors become the clerk’s errors', () => {
  it('SQLITE_FULL, ENOSPC, SQLITE_READONLY and EROFS map to DISK_FULL and READ_ONLY; anything else stays unexpected', () => {
    const db = new Database(path.join(makeTempDir(), 'x.db'));
    db.exec('CREATE TABLE t (x)');
    db.close();
    const readonly = new Database(db.name, { readonly: true });
    let readonlyError: unknown;
    try {
      readonly.exec('INSERT INTO t VALUES (1)');
    } catch (error) {
      readonlyError = error;
    }
    readonly.close();
    expect(storageFailure(readonlyError)?.code).toBe('READ_ONLY');
    const errno = (code: string) => Object.assign(new Error(code), { code });
    expect(storageFailure(errno('ENOSPC'))?.code).toBe('DISK_FULL');
    expect(storageFailure(errno('SQLITE_FULL'))?.code).toBe('DISK_FULL');
    expect(storageFailure(errno('EROFS'))?.code).toBe('READ_ONLY');
    expect(storageFailure(errno('SQLITE_CONSTRAINT'))).toBeUndefined();
    expect(storageFailure(new Error('boom'))).toBeUndefined();
  });

  it('a handler that hits a read-only database answers READ_ONLY (logged as a warning, not an INTERNAL error)', async () => {
    const file = path.join(makeTempDir(), 'ro.db');
    new Database(file).exec('CREATE TABLE t (x)');
    const t = createTestHost({
      handlerOverrides: {
        'office.settings.update': () => {
          const ro = new Database(file, { readonly: true });
          try {
            ro.exec('INSERT INTO t VALUES (1)');
          } finally {
            ro.close();
          }
          throw new Error('unreachable');
        },
      },
    });
    const office = await officeWithHouseholds(t, 1);
    const error = expectFailure(await t.call(office.adminConn, 'office.settings.update', { version: 1, idleLockMinutes: 20 }), 'READ_ONLY');
    expect(error.message).toBe(en.errors.READ_ONLY);
    expect(t.logs.some((l) => l.level === 'warn' && l.message.startsWith('READ_ONLY'))).toBe(true);
    expect(t.logs.filter((l) => l.level === 'error')).toEqual([]);
  });

  it('the messages say what to do, in both languages', () => {
    expect(zhCN.errors.DISK_FULL).toMatch(/删除|腾出/);
    expect(en.errors.DISK_FULL).toMatch(/Free some space/);
    expect(zhCN.errors.READ_ONLY).toMatch(/写保护|可写/);
    expect(en.errors.READ_ONLY).toMatch(/write protection|writable/);
  });
});
