/**
 * The one writer connection. Opening never modifies a file that is not already a CivicDesk
 * database: the file is first probed read-only, and only then opened for writing.
 */
import fs from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import { MIGRATIONS, LATEST_SCHEMA_VERSION, migrate } from './migrate';

export type Db = Database.Database;

export class DatabaseOpenError extends Error {
  constructor(
    readonly reason: 'not_a_database' | 'too_new' | 'missing',
    readonly file: string,
    readonly details: { dbVersion?: number; appVersion?: number } = {},
  ) {
    super(
      reason === 'too_new'
        ? `Database ${file} has schema version ${details.dbVersion}, newer than this app supports (${details.appVersion})`
        : reason === 'missing'
          ? `No database at ${file}`
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
  /** 32-byte database key (SQLCipher 4 compatible). Without it the file must be plain SQLite. */
  key?: Buffer;
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * The database key as SQLCipher 4 raw key material: a random 32-byte key needs no password
 * stretching (the key slots do that), and `legacy=4` keeps the file readable by SQLCipher tools.
 */
export function applyKey(db: Db, key: Buffer): void {
  if (key.length !== 32) throw new Error('database key must be 32 bytes');
  db.pragma(`cipher = 'sqlcipher'`);
  db.pragma('legacy = 4');
  db.pragma(`key = "x'${key.toString('hex')}'"`);
}

/** Read-only probe: is this a SQLite file we can read, and which schema version does it carry? */
function probe(file: string, nativeBinding?: string, key?: Buffer): number {
  const fd = fs.openSync(file, 'r');
  try {
    const header = Buffer.alloc(16);
    const read = fs.readSync(fd, header, 0, 16, 0);
    if (read === 0) return 0; // an empty file is a new database
    // A plain file starts with the SQLite header; an encrypted one with random salt instead.
    if (read < 16 || header.equals(SQLITE_HEADER) === Boolean(key)) throw new DatabaseOpenError('not_a_database', file);
  } finally {
    fs.closeSync(fd);
  }
  let ro: Db | undefined;
  try {
    ro = new Database(file, { readonly: true, fileMustExist: true, nativeBinding });
    if (key) applyKey(ro, key);
    const version = ro.pragma('user_version', { simple: true }) as number;
    ro.prepare('SELECT count(*) FROM sqlite_schema').get();
    return version;
  } catch (error) {
    if (error instanceof Error && 'code' in error && /SQLITE_(NOTADB|CORRUPT)/.test(String(error.code))) {
      throw new DatabaseOpenError('not_a_database', file);
    }
    throw error;
  } finally {
    ro?.close();
  }
}

export function openDatabase(file: string, options: OpenOptions = {}): Db {
  const exists = fs.existsSync(file);
  if (!exists && !options.create) throw new DatabaseOpenError('missing', file);
  if (exists) {
    const version = probe(file, options.nativeBinding, options.key);
    if (version > LATEST_SCHEMA_VERSION) {
      throw new DatabaseOpenError('too_new', file, { dbVersion: version, appVersion: LATEST_SCHEMA_VERSION });
    }
  }
  const db = new Database(file, { nativeBinding: options.nativeBinding });
  try {
    if (options.key) applyKey(db, options.key);
    applyPragmas(db);
    migrate(db, MIGRATIONS);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** WAL for concurrent readers, FULL sync so a saved form survives a power cut, FKs always on. */
export function applyPragmas(db: Db): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('trusted_schema = OFF');
}
