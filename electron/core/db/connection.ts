/**
 * The one writer connection. Opening never modifies a file that is not already a CivicDesk
 * database: the file is first probed read-only, and only then opened for writing.
 */
import fs from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import { PAGE_CIPHERS, type PageCipher } from '../../../shared/contract/system';
import { MIGRATIONS, LATEST_SCHEMA_VERSION, migrate } from './migrate';

export { PAGE_CIPHERS, type PageCipher };

export type Db = Database.Database;

export class DatabaseOpenError extends Error {
  constructor(
    /**
     * `not_a_file`: the path is a folder (or another non-file); `keys_missing`: an encrypted database
     * whose key slot file is not beside it; `keys_unreadable`: a key slot file that cannot be parsed.
     */
    readonly reason: 'not_a_database' | 'too_new' | 'missing' | 'damaged' | 'not_a_file' | 'keys_missing' | 'keys_unreadable',
    readonly file: string,
    /**
     * `problems`: what the check found (or the damage marker holds); `backup`: a backup to offer, added
     * by the host; `backupVerified`: that backup's header is the one the database key verified when the
     * damage was found; `keysFile`: the slot file.
     */
    readonly details: { dbVersion?: number; appVersion?: number; problems?: string[]; backup?: string; backupVerified?: boolean; keysFile?: string } = {},
  ) {
    super(
      reason === 'too_new'
        ? `Database ${file} has schema version ${details.dbVersion}, newer than this app supports (${details.appVersion})`
        : reason === 'missing'
          ? `No database at ${file}`
          : reason === 'damaged'
            ? `Database ${file} is damaged (${(details.problems ?? []).slice(0, 3).join('; ')})`
            : reason === 'not_a_file'
              ? `${file} is a folder, not a database file`
              : reason === 'keys_missing'
                ? `Database ${file} is encrypted and its key slot file ${details.keysFile} is missing`
                : reason === 'keys_unreadable'
                  ? `The key slot file ${details.keysFile} of ${file} cannot be read`
                  : `${file} is not a CivicDesk database`,
    );
    this.name = 'DatabaseOpenError';
  }
}

export interface OpenOptions {
  /** Create the file when it does not exist (first run). */
  create?: boolean;
  /** Native binding path: the Electron-ABI build when running inside Electron in development. */
  nativeBinding?: string;
  /** 32-byte database key (raw key material for the page cipher). Without it the file must be plain SQLite. */
  key?: Buffer;
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * How pages are encrypted (PAGE_CIPHERS, in the contract: `civicdesk verify` reports it), newest
 * first: new databases use the first, and an existing file opens with whichever of them its key reads
 * (`applyKey` tries them in order), so files made before a change of cipher keep opening.
 *
 * - `aegis-256`: AEGIS-256 authenticated encryption of each page (SQLite3 Multiple Ciphers' `aegis`
 *   cipher, with AES instructions). Decrypting and checking a page costs ~0.6 µs here against ~9 µs
 *   for SQLCipher 4's AES-CBC with HMAC-SHA512 (measured on a full scan: 5.3 µs per page against
 *   13.8, plain 4.7), which is what encryption cost a search reading ~50 residents nobody had read
 *   before. A changed page fails its tag, as it fails SQLCipher's HMAC.
 * - `sqlcipher-4`: the SQLCipher 4 format (AES-256-CBC, HMAC-SHA512), which offices set up before
 *   29 Nov 2026 carry; readable by SQLCipher's own tools.
 *
 * The key is raw key material either way: a random 32-byte key needs no password stretching (the key
 * slots do that).
 */
const CIPHERS: Record<PageCipher, { name: string; settings: string[] }> = {
  'aegis-256': { name: 'aegis', settings: ['algorithm = 4'] },
  'sqlcipher-4': { name: 'sqlcipher', settings: ['legacy = 4'] },
};

/** Choose the cipher the next `key` or `rekey` on this connection uses. */
function selectCipher(db: Db, cipher: PageCipher): void {
  db.pragma(`cipher = '${CIPHERS[cipher].name}'`);
  for (const setting of CIPHERS[cipher].settings) db.pragma(setting);
}

/**
 * Key a connection opened on `db`'s file and return the cipher its pages are in: each of `ciphers` is
 * tried in turn until the schema reads (a wrong cipher, like a wrong key, fails the first page's
 * check and changes nothing). Throws SQLITE_NOTADB when none reads it — the wrong key. A keyed
 * connection keeps its temporary data in memory.
 */
export function applyKey(db: Db, key: Buffer, ciphers: readonly PageCipher[] = PAGE_CIPHERS): PageCipher {
  if (key.length !== 32) throw new Error('database key must be 32 bytes');
  for (const [i, cipher] of ciphers.entries()) {
    selectCipher(db, cipher);
    db.pragma(`key = "x'${key.toString('hex')}'"`);
    try {
      db.prepare('SELECT count(*) FROM sqlite_schema').get();
      // SQLite3 Multiple Ciphers encrypts the database, WAL and journals but not temporary files: a
      // sort larger than the page cache (an index a migration builds, a big ORDER BY) or a VACUUM's
      // rebuilt copy would go to plain files in the system temp folder. Kept in memory instead.
      db.pragma('temp_store = MEMORY');
      return cipher;
    } catch (error) {
      const notThisCipher = error instanceof Error && 'code' in error && error.code === 'SQLITE_NOTADB';
      if (!notThisCipher || i === ciphers.length - 1) throw error;
    }
  }
  throw new Error('no cipher to try');
}

/** The cipher a keyed connection reads its pages with (the one `applyKey` found). */
export function cipherOf(db: Db): PageCipher {
  const name = db.pragma('cipher', { simple: true });
  const cipher = PAGE_CIPHERS.find((c) => CIPHERS[c].name === name);
  if (!cipher) throw new Error(`unexpected page cipher ${String(name)}`);
  return cipher;
}

/**
 * Rewrite a database file's pages in cipher `to`, same key, unless they are in it already; returns the
 * cipher they were in. A restore uses it to move a copy to the newest cipher (PAGE_CIPHERS[0]). Only
 * for a file nothing else has open — a restore's work copy, before it replaces the office database.
 * SQLite3 Multiple Ciphers re-encrypts with a VACUUM, which needs the rollback journal (not WAL): a
 * crash part-way leaves the copy as it was.
 */
export function reencryptFile(file: string, key: Buffer, to: PageCipher, nativeBinding?: string): PageCipher {
  const db = new Database(file, { fileMustExist: true, nativeBinding });
  try {
    const cipher = applyKey(db, key);
    if (cipher === to) return cipher;
    db.pragma('journal_mode = DELETE');
    selectCipher(db, to);
    db.pragma(`rekey = "x'${key.toString('hex')}'"`);
    db.pragma('journal_mode = WAL');
    return cipher;
  } finally {
    db.close();
  }
}

/**
 * Rewrite a database file's pages under a new key (a change of the database key), in the newest
 * cipher. Like reencryptFile, only for a work copy nothing else has open: the rekey runs in one
 * transaction over the rollback journal, so a crash part-way leaves the copy under its old key (or
 * the copy is simply thrown away, as the key change does).
 */
export function rekeyFile(file: string, oldKey: Buffer, newKey: Buffer, nativeBinding?: string): void {
  if (newKey.length !== 32) throw new Error('database key must be 32 bytes');
  const db = new Database(file, { fileMustExist: true, nativeBinding });
  try {
    applyKey(db, oldKey);
    db.pragma('journal_mode = DELETE');
    selectCipher(db, PAGE_CIPHERS[0]);
    db.pragma(`rekey = "x'${newKey.toString('hex')}'"`);
    // Left in rollback-journal mode: checking the copy read-only then leaves no -wal/-shm beside it
    // to outlive its rename, and every open of the office database sets WAL again (applyPragmas).
  } finally {
    db.close();
  }
}

/**
 * Read-only probe: is this a SQLite file we can read (with this key), and which schema version does
 * it carry? It reads the schema and nothing else. There is no whole-file check here any more: it cost
 * 1–2 s at every sign-in of a typical office and was skipped above 512 MB, while AEGIS-256 refuses any
 * changed page the moment it is read. The whole file is checked in the background after the open
 * (core/system/database-check.ts) and in full by every backup.
 */
function probe(file: string, nativeBinding?: string, key?: Buffer): { version: number; cipher?: PageCipher } {
  const fd = fs.openSync(file, 'r');
  try {
    const header = Buffer.alloc(16);
    const read = fs.readSync(fd, header, 0, 16, 0);
    if (read === 0) return { version: 0 }; // an empty file is a new database
    // A plain file starts with the SQLite header; an encrypted one with random salt instead.
    if (read < 16 || header.equals(SQLITE_HEADER) === Boolean(key)) throw new DatabaseOpenError('not_a_database', file);
  } finally {
    fs.closeSync(fd);
  }
  let ro: Db | undefined;
  try {
    ro = new Database(file, { readonly: true, fileMustExist: true, nativeBinding });
    const cipher = key && applyKey(ro, key);
    const version = ro.pragma('user_version', { simple: true }) as number;
    ro.prepare('SELECT count(*) FROM sqlite_schema').get();
    return { version, cipher };
  } catch (error) {
    if (error instanceof Error && 'code' in error && /SQLITE_(NOTADB|CORRUPT)/.test(String(error.code))) {
      throw new DatabaseOpenError('not_a_database', file);
    }
    throw error;
  } finally {
    ro?.close();
  }
}

/**
 * Open a copy of a database as it is — a backup being checked or restored: no pragmas, no
 * migrations, nothing written unless the caller writes.
 */
export function openCopy(file: string, options: { key?: Buffer; nativeBinding?: string; readonly?: boolean } = {}): Db {
  const db = new Database(file, { readonly: options.readonly ?? true, fileMustExist: true, nativeBinding: options.nativeBinding });
  try {
    if (options.key) applyKey(db, options.key);
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Does this file look like an encrypted SQLite database (ours, missing its key)? SQLite3 Multiple
 * Ciphers leaves bytes 16–23 of the header in clear: the page size (a power of two from 512 to
 * 65536), the read/write versions (1 or 2) and the payload fractions 64, 32, 32 that every SQLite
 * file carries — while the first 16 bytes, plain SQLite's magic string, are random salt.
 */
export function looksEncrypted(file: string): boolean {
  const header = Buffer.alloc(24);
  const fd = fs.openSync(file, 'r');
  let read: number;
  try {
    read = fs.readSync(fd, header, 0, 24, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (read < 24 || header.subarray(0, 16).equals(SQLITE_HEADER)) return false;
  const pageSize = header.readUInt16BE(16);
  const validPageSize = pageSize === 1 || (pageSize >= 512 && (pageSize & (pageSize - 1)) === 0);
  return validPageSize && [1, 2].includes(header[18]) && [1, 2].includes(header[19]) && header[21] === 64 && header[22] === 32 && header[23] === 32;
}

/** The path names something other than a file (a folder): refused before anything tries to read it. */
export function assertIsFile(file: string): void {
  if (fs.existsSync(file) && !fs.statSync(file).isFile()) throw new DatabaseOpenError('not_a_file', file);
}

export function openDatabase(file: string, options: OpenOptions = {}): Db {
  const exists = fs.existsSync(file);
  if (!exists && !options.create) throw new DatabaseOpenError('missing', file);
  assertIsFile(file);
  // A new (or empty) file gets the newest cipher; an existing one keeps the cipher its pages are in.
  let cipher: PageCipher | undefined;
  if (exists) {
    let version: number;
    ({ version, cipher } = probe(file, options.nativeBinding, options.key));
    if (version > LATEST_SCHEMA_VERSION) {
      throw new DatabaseOpenError('too_new', file, { dbVersion: version, appVersion: LATEST_SCHEMA_VERSION });
    }
  }
  const db = new Database(file, { nativeBinding: options.nativeBinding });
  try {
    if (options.key) applyKey(db, options.key, cipher ? [cipher] : PAGE_CIPHERS.slice(0, 1));
    applyPragmas(db);
    migrate(db, MIGRATIONS);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Page cache of the office connection (KiB, as SQLite's negative cache_size). */
const CACHE_KIB = 64 * 1024;

/**
 * WAL for concurrent readers, FULL sync so a saved form survives a power cut, FKs always on.
 * A 64 MiB page cache instead of SQLite's 2 MiB: with encryption every page that falls out of the
 * cache is decrypted (and checked) again when next read, and the residents table's indexes are
 * written at random places; demo generation of 30,000 residents ran 3,700 → 4,600 per second.
 */
export function applyPragmas(db: Db): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('trusted_schema = OFF');
  db.pragma(`cache_size = -${CACHE_KIB}`);
}

/** WAL pages after which a bulk job's commit checkpoints (SQLite's default is 1,000). */
const BULK_CHECKPOINT_PAGES = 16_384;

/**
 * Bulk jobs (imports, demo data) write many transactions' worth of pages in a row. While one runs,
 * the WAL is checkpointed only every 16,384 pages (64 MiB) instead of every 1,000 — each checkpoint
 * rewrites pages the next batch dirties again — and afterwards one TRUNCATE checkpoint folds the WAL
 * into the database and gives its disk space back. Not checkpointing at all during the job was no
 * faster at 150,000 demo residents and let the WAL grow to 915 MB beside a 412 MB database (measured),
 * which an office PC's disk may not have. A crash in between loses nothing: the WAL is checkpointed
 * when the database is next opened.
 *
 * `largeCache` (256 MiB instead of 64) is for jobs whose own memory is small (demo data); an import
 * holds the checked rows of its whole file and must stay under its memory bound (100,000 rows with the
 * larger cache: 793 MB peak, measured).
 */
export function withBulkWrites<T>(db: Db, fn: () => Promise<T>, options: { largeCache?: boolean } = {}): Promise<T> {
  db.pragma(`wal_autocheckpoint = ${BULK_CHECKPOINT_PAGES}`);
  if (options.largeCache) db.pragma(`cache_size = -${4 * CACHE_KIB}`);
  const restore = () => {
    if (!db.open) return;
    db.pragma(`cache_size = -${CACHE_KIB}`);
    db.pragma('wal_autocheckpoint = 1000');
    try {
      if (!db.inTransaction) db.pragma('wal_checkpoint(TRUNCATE)');
    } catch {
      // A checkpoint that fails (a full disk, a reader holding on) leaves the pages in the WAL, where
      // they are safe; the job's own result or error is what the caller must see.
    }
  };
  return fn().finally(restore);
}
