/**
 * The page cipher: new office databases are AEGIS-256, and an office whose pages are still in the
 * SQLCipher 4 format (set up before AEGIS-256 became the default) keeps opening with every slot,
 * keeps working, backs up in its own cipher, and moves to AEGIS-256 when a backup is restored.
 */
import fs from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { applyKey, openDatabase, PAGE_CIPHERS, reencryptFile, type PageCipher } from '../../electron/core/db/connection';
import { readKeyFile, unwrapKey } from '../../electron/core/db/keystore';
import type { MethodOutput } from '../../shared/contract';
import { createTestHost, type TestHost } from '../support/test-host';
import { ADMIN_PASSWORD, login, newConnection } from '../support/office';
import { expectOk } from '../support/results';
import { disposeTestResources, sha256 } from '../support/temp-dir';
import { register } from '../support/residents-registry';
import { backupNow, dataHash, expectNothingPlain, officeWithHouseholds, tableCounts } from '../support/backups';

afterEach(disposeTestResources);

function adminKey(dbPath: string): Buffer {
  const slot = readKeyFile(dbPath)!.slots.find((s) => s.username === 'admin')!;
  return unwrapKey(slot, ADMIN_PASSWORD)!;
}

/** The cipher a file's pages are in, found the way the app finds it. */
function cipherOfFile(file: string, key: Buffer): PageCipher {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return applyKey(db, key);
  } finally {
    db.close();
  }
}

/** Does this cipher alone read the file? */
function readsWith(file: string, key: Buffer, cipher: PageCipher): boolean {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    applyKey(db, key, [cipher]);
    return true;
  } catch (error) {
    expect(error).toMatchObject({ code: 'SQLITE_NOTADB' });
    return false;
  } finally {
    db.close();
  }
}

const reopen = (t: TestHost) => createTestHost({ dir: t.dir, dbPath: t.dbPath });

describe('page cipher', () => {
  it('a new office database is AEGIS-256: SQLCipher 4 settings do not read it, nor does a wrong key', async () => {
    const t = createTestHost();
    await officeWithHouseholds(t, 1);
    await t.close();
    const key = adminKey(t.dbPath);
    expect(PAGE_CIPHERS[0]).toBe('aegis-256');
    expect(cipherOfFile(t.dbPath, key)).toBe('aegis-256');
    expect(readsWith(t.dbPath, key, 'sqlcipher-4')).toBe(false);
    const wrong = Buffer.from(key);
    wrong[0] ^= 1;
    expect(() => cipherOfFile(t.dbPath, wrong)).toThrow(expect.objectContaining({ code: 'SQLITE_NOTADB' }));
  });

  it('an office still in SQLCipher 4 opens with its password, works, backs up, and a restore moves it to AEGIS-256', async () => {
    const t = createTestHost();
    await officeWithHouseholds(t, 2);
    await t.close();
    const key = adminKey(t.dbPath);
    // What an office set up before the change holds: the same key, its pages in SQLCipher 4's format.
    expect(reencryptFile(t.dbPath, key, 'sqlcipher-4')).toBe('aegis-256');
    expect(readsWith(t.dbPath, key, 'aegis-256')).toBe(false);
    expect(cipherOfFile(t.dbPath, key)).toBe('sqlcipher-4');

    // Signing in finds the cipher; the office reads and writes as before, still in SQLCipher 4.
    const h = reopen(t);
    const admin = newConnection('admin');
    await login(h, admin, 'admin', ADMIN_PASSWORD);
    expect(expectOk(await h.call(admin, 'residents.list', {})).total).toBe(6);
    expect((expectOk(await h.host.runJob(admin, 'system.verify', {})) as MethodOutput<'system.verify'>).keySlots).toMatchObject({ ok: true, cipher: 'sqlcipher-4' });
    await register(h, admin, { name: '升级前登记' });
    const atBackup = { hash: dataHash(h.host.db), counts: tableCounts(h.host.db) };
    const backup = await backupNow(h, admin);
    await register(h, admin, { name: '备份后登记' });
    expect(cipherOfFile(t.dbPath, key)).toBe('sqlcipher-4');
    expectNothingPlain(t.dir, ['张三丰0', '升级前登记', '备份后登记']);

    // Restoring gives back the same data, now in AEGIS-256; the replaced file is kept as it was.
    const restored = expectOk(await h.host.runJob(admin, 'backup.restore', { file: backup.file })) as MethodOutput<'backup.restore'>;
    expect(dataHash(h.host.db)).toBe(atBackup.hash);
    expect(tableCounts(h.host.db)).toEqual(atBackup.counts);
    await h.close();
    expect(cipherOfFile(t.dbPath, key)).toBe('aegis-256');
    expect(cipherOfFile(restored.setAside!, key)).toBe('sqlcipher-4');
    expectNothingPlain(t.dir, ['张三丰0', '升级前登记', '备份后登记']);

    const again = reopen(t);
    const conn = newConnection('admin');
    await login(again, conn, 'admin', ADMIN_PASSWORD);
    const names = expectOk(await again.call(conn, 'residents.list', {})).items.map((r) => r.name);
    expect(names).toContain('升级前登记');
    expect(names).not.toContain('备份后登记');
    expect((expectOk(await again.host.runJob(conn, 'system.verify', {})) as MethodOutput<'system.verify'>).keySlots).toMatchObject({ ok: true, cipher: 'aegis-256' });
    await again.close();
  });

  it('a page changed on disk fails its tag: reading it is refused as damage, never read altered', async () => {
    const t = createTestHost();
    await officeWithHouseholds(t, 2);
    await t.close();
    const key = adminKey(t.dbPath);
    const raw = new Database(t.dbPath, { readonly: true });
    applyKey(raw, key);
    const root = raw.prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'residents'").pluck().get() as number;
    raw.close();
    expect(root).toBeGreaterThan(1);
    // One bit in the residents table's page: an attacker's or a failing disk's change.
    const fd = fs.openSync(t.dbPath, 'r+');
    const at = (root - 1) * 4096 + 1000;
    const byte = Buffer.alloc(1);
    fs.readSync(fd, byte, 0, 1, at);
    byte[0] ^= 0x04;
    fs.writeSync(fd, byte, 0, 1, at);
    fs.closeSync(fd);
    const before = sha256(t.dbPath);
    // Opening reads the schema only (the whole-file check runs after sign-in, in the background);
    // the changed page is refused the moment anything reads it.
    const db = openDatabase(t.dbPath, { key });
    try {
      expect(() => db.prepare('SELECT * FROM residents').all()).toThrow(expect.objectContaining({ code: expect.stringMatching(/^SQLITE_(CORRUPT|NOTADB)/) }));
    } finally {
      db.close();
    }
    expect(sha256(t.dbPath)).toBe(before);
  });

  // SQLite3 Multiple Ciphers encrypts the database, its WAL and journals, but not temporary files: a
  // sort larger than the page cache (an index built by a migration, a big ORDER BY) would spill rows
  // into plain `etilqs_*` files in the system temp folder. Linux shows them in /proc/self/fd.
  it.runIf(process.platform === 'linux')('a sort larger than the page cache writes no temporary file: keyed connections keep temp data in memory', async () => {
    const t = createTestHost();
    await officeWithHouseholds(t, 1);
    const db = t.host.db;
    const tempFiles = () =>
      fs.readdirSync('/proc/self/fd').flatMap((fd) => {
        try {
          return /etilqs_/.test(fs.readlinkSync(`/proc/self/fd/${fd}`)) ? [fd] : [];
        } catch {
          return [];
        }
      });
    const cache = db.pragma('cache_size', { simple: true }) as number;
    db.pragma('cache_size = -64'); // 64 KiB, so ~5 MB of rows to sort is far more than the cache
    try {
      const rows = db
        .prepare("WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 50000) SELECT i, hex(randomblob(50)) AS h FROM c ORDER BY h")
        .iterate();
      rows.next(); // sorted: the merge now reads whatever the sort wrote
      const open = tempFiles();
      rows.return?.();
      expect(open).toEqual([]);
    } finally {
      db.pragma(`cache_size = ${cache}`);
    }
    expect(db.pragma('temp_store', { simple: true })).toBe(2);
  });

  it('re-encrypting a copy into the cipher it is already in leaves its bytes alone', async () => {
    const t = createTestHost();
    await officeWithHouseholds(t, 1);
    await t.close();
    const key = adminKey(t.dbPath);
    const before = sha256(t.dbPath);
    expect(reencryptFile(t.dbPath, key, 'aegis-256')).toBe('aegis-256');
    expect(sha256(t.dbPath)).toBe(before);
    expect(fs.existsSync(`${t.dbPath}-journal`)).toBe(false);
  });
});
