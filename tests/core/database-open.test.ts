/**
 * Opening a database file: a file that is not ours, or is from a newer app, is refused without a
 * single byte changing; an empty or missing file becomes a new database; pragmas are set.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { DatabaseOpenError, openDatabase, type Db } from '../../electron/core/db/connection';
import { LATEST_SCHEMA_VERSION, schemaVersion } from '../../electron/core/db/migrate';
import { CoreHost } from '../../electron/core/host';
import { silentLogger } from '../../electron/core/log';
import { disposeTestResources, makeTempDir, onDispose, sha256 } from '../support/temp-dir';
import { TEST_PASSWORD_COST } from '../support/test-host';

afterEach(disposeTestResources);

function open(file: string, create = false): Db {
  const db = openDatabase(file, { create });
  onDispose(() => {
    if (db.open) db.close();
  });
  return db;
}

/** The DatabaseOpenError that opening `file` throws. */
function openError(file: string): DatabaseOpenError {
  try {
    openDatabase(file, { create: true }).close();
  } catch (error) {
    if (error instanceof DatabaseOpenError) return error;
    throw error;
  }
  return expect.fail(`${file} was opened`);
}

/** A real CivicDesk database whose user_version claims a newer app wrote it. */
function databaseFromTheFuture(journal: 'wal' | 'delete' = 'wal'): string {
  const file = path.join(makeTempDir(), 'future.civicdesk');
  openDatabase(file, { create: true }).close();
  const raw = new Database(file);
  raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`);
  raw.pragma(`journal_mode = ${journal}`);
  raw.close(); // the last close checkpoints the WAL into the main file
  return file;
}

describe('a database from a newer app', () => {
  it.each(['wal', 'delete'] as const)('(%s journal) is refused as too_new naming both versions, and the file stays byte-identical', (journal) => {
    const file = databaseFromTheFuture(journal);
    const hash = sha256(file);
    const error = openError(file);
    expect(error.reason).toBe('too_new');
    expect(error.file).toBe(file);
    expect(error.details).toEqual({ dbVersion: LATEST_SCHEMA_VERSION + 5, appVersion: LATEST_SCHEMA_VERSION });
    expect(error.message).toContain(String(LATEST_SCHEMA_VERSION + 5));
    expect(error.message).toContain(`(${LATEST_SCHEMA_VERSION})`);
    expect(sha256(file)).toBe(hash);
  });

  it('cannot be opened by the core host either', () => {
    const file = databaseFromTheFuture();
    const hash = sha256(file);
    expect(() => new CoreHost({ dbPath: file, appVersion: 't', log: silentLogger, passwordCostLog2: TEST_PASSWORD_COST })).toThrow(
      expect.objectContaining({ reason: 'too_new' }),
    );
    expect(sha256(file)).toBe(hash);
  });
});

describe('a file that is not a SQLite database', () => {
  const cases: Array<[string, Buffer]> = [
    ['random bytes', crypto.randomBytes(8192)],
    ['a text file', Buffer.from('姓名,身份证号\n张三,640202199001011234\n'.repeat(20), 'utf8')],
    ['a file shorter than the SQLite header', Buffer.from('hello')],
    ['the SQLite header followed by garbage', Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), crypto.randomBytes(4080)])],
  ];

  it.each(cases)('%s is refused as not_a_database naming the file, which stays unchanged', (_label, content) => {
    const file = path.join(makeTempDir(), 'family-list.csv');
    fs.writeFileSync(file, content);
    const hash = sha256(file);
    const error = openError(file);
    expect(error.reason).toBe('not_a_database');
    expect(error.message).toContain(file);
    expect(sha256(file)).toBe(hash);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['family-list.csv']); // no -wal or -journal left behind
  });
});

describe('new databases', () => {
  it('an empty file is accepted as a new database and migrated to the latest version', () => {
    const file = path.join(makeTempDir(), 'empty.civicdesk');
    fs.writeFileSync(file, '');
    const db = open(file);
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    db.close();
    expect(fs.readFileSync(file).subarray(0, 15).toString('latin1')).toBe('SQLite format 3');
  });

  it('a missing file is refused as missing unless create is asked for', () => {
    const file = path.join(makeTempDir(), 'nowhere.civicdesk');
    expect(() => openDatabase(file)).toThrow(expect.objectContaining({ reason: 'missing', file }));
    expect(fs.existsSync(file)).toBe(false);
    expect(schemaVersion(open(file, true))).toBe(LATEST_SCHEMA_VERSION);
  });
});

describe('connection pragmas', () => {
  it('WAL journal, synchronous FULL and foreign keys on, also after reopening', () => {
    const file = path.join(makeTempDir(), 'pragmas.civicdesk');
    for (const create of [true, false]) {
      const db = open(file, create);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(2);
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      db.close();
    }
  });

  it('foreign keys are really enforced on the opened connection', () => {
    const db = open(path.join(makeTempDir(), 'fk.civicdesk'), true);
    expect(() =>
      db
        .prepare("INSERT INTO settings (id, office_id, idle_lock_minutes, lockout_threshold, lockout_minutes, created_at, updated_at) VALUES ('s', 'no-office', 1, 1, 1, 'x', 'x')")
        .run(),
    ).toThrow(/FOREIGN KEY/);
  });
});
