/**
 * Schema migrations as a whole: the list matches the files, every migration has a test file of its
 * own (tests/core/migrations/NNNN-<name>.test.ts, which migrates a populated database from the version
 * before), a fresh database reaches the latest version, all pending steps run in one transaction, and
 * a database from a newer app is refused.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { applyPragmas, openDatabase } from '../../electron/core/db/connection';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, SchemaTooNewError, migrate, schemaVersion, type Migration } from '../../electron/core/db/migrate';
import { snapshotTables } from '../support/db-inspect';
import { databaseAt, emptyDatabase, tableNames } from '../support/migration-db';
import { disposeTestResources, makeTempDir, onDispose } from '../support/temp-dir';

afterEach(disposeTestResources);

const EXPECTED_TABLES = ['change_log', 'office', 'settings', 'users'];
const MIGRATIONS_DIR = path.resolve('electron/core/db/migrations');
const TESTS_DIR = path.resolve('tests/core/migrations');
const T0 = '2025-01-06T01:30:00.000Z';

/** A v1 office, enough for the tests here that need rows (each migration's own test seeds its own). */
const V1_OFFICE = `
  INSERT INTO office (id, code, name, division_code, created_at, updated_at)
    VALUES ('0195a1b2-0000-7000-8000-000000000001', 'HN-HBL', '河滨街道红果子社区', '640205', '${T0}', '${T0}');
  INSERT INTO settings (id, office_id, idle_lock_minutes, lockout_threshold, lockout_minutes, created_at, updated_at)
    VALUES ('0195a1b2-0000-7000-8000-000000000002', '0195a1b2-0000-7000-8000-000000000001', 15, 6, 30, '${T0}', '${T0}');
  INSERT INTO change_log (tx, entity, entity_id, op, version, fields, at)
    VALUES ('tx-1', 'office', '0195a1b2-0000-7000-8000-000000000001', 'insert', 1, '["code","division_code","name"]', '${T0}');
`;

const fileOf = (m: Migration) => `${String(m.version).padStart(4, '0')}-${m.name}`;

describe('the migration list', () => {
  it('versions run 1, 2, 3 … without gaps or repeats, and LATEST_SCHEMA_VERSION is the last', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_m, i) => i + 1));
    expect(LATEST_SCHEMA_VERSION).toBe(MIGRATIONS.length);
  });

  it('every migration file under db/migrations is registered under its number and name', () => {
    const files = fs.readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.ts')).sort();
    expect(files).toEqual(MIGRATIONS.map((m) => `${fileOf(m)}.ts`));
  });

  it('every migration file has a test file of its own in tests/core/migrations, and every test there names a migration', () => {
    const migrations = fs.readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.ts')).map((f) => f.replace(/\.ts$/, '')).sort();
    const tests = fs.readdirSync(TESTS_DIR).filter((f) => f.endsWith('.test.ts')).map((f) => f.replace(/\.test\.ts$/, '')).sort();
    expect(
      migrations.filter((m) => !tests.includes(m)).map((m) => `tests/core/migrations/${m}.test.ts is missing`),
      'each migration is tested on a populated database of the version before it',
    ).toEqual([]);
    expect(tests.filter((t) => !migrations.includes(t)).map((t) => `tests/core/migrations/${t}.test.ts has no migration`)).toEqual([]);
  });
});

describe('a fresh database', () => {
  it('reaches LATEST_SCHEMA_VERSION with the expected tables, all STRICT', () => {
    const db = emptyDatabase();
    expect(migrate(db, MIGRATIONS)).toBe(LATEST_SCHEMA_VERSION);
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(tableNames(db)).toEqual(expect.arrayContaining(EXPECTED_TABLES));
    // Full-text indexes are virtual tables whose shadow tables SQLite creates; those cannot be STRICT.
    const list = db.prepare("SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%'").all() as {
      name: string;
      strict: number;
    }[];
    expect(list.filter((t) => t.strict !== 1)).toEqual([]);
    expect(list.length).toBeGreaterThanOrEqual(EXPECTED_TABLES.length);
  });

  it('migrating an up-to-date database again changes nothing', () => {
    const db = databaseAt(1, V1_OFFICE);
    migrate(db, MIGRATIONS);
    const before = snapshotTables(db);
    expect(Object.values(before).flat().length).toBeGreaterThan(0);
    expect(migrate(db, MIGRATIONS)).toBe(LATEST_SCHEMA_VERSION);
    expect(snapshotTables(db)).toEqual(before);
  });
});

describe('migrate()', () => {
  it('runs every pending step in one transaction: a failing step leaves the database at its old version', () => {
    const db = databaseAt(1, V1_OFFICE);
    const before = snapshotTables(db);
    const failing: Migration = {
      version: LATEST_SCHEMA_VERSION + 1,
      name: 'fails-halfway',
      up(d) {
        d.exec('CREATE TABLE half_done (id TEXT PRIMARY KEY) STRICT');
        throw new Error('disk full');
      },
    };
    expect(() => migrate(db, [...MIGRATIONS, failing])).toThrow('disk full');
    expect(schemaVersion(db)).toBe(1);
    expect(tableNames(db)).not.toContain('half_done');
    expect(tableNames(db)).not.toContain('users'); // v2 ran in the same transaction and was rolled back
    expect(snapshotTables(db)).toEqual(before);
  });

  it('refuses a database newer than the migrations it knows with SchemaTooNewError naming both versions', () => {
    const db = emptyDatabase();
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 3}`);
    expect(() => migrate(db, MIGRATIONS)).toThrow(SchemaTooNewError);
    try {
      migrate(db, MIGRATIONS);
    } catch (error) {
      expect(error).toMatchObject({ dbVersion: LATEST_SCHEMA_VERSION + 3, appVersion: LATEST_SCHEMA_VERSION });
    }
    expect(tableNames(db)).toEqual([]);
  });

  it('stops at the target version when one is given', () => {
    const db = emptyDatabase();
    expect(migrate(db, MIGRATIONS, 1)).toBe(1);
    expect(tableNames(db)).toEqual(['change_log', 'office', 'settings']);
  });
});

describe('openDatabase', () => {
  it('brings a database left at an older version up to date, keeping its rows', () => {
    const file = path.join(makeTempDir(), 'old.civicdesk');
    const old = new Database(file);
    applyPragmas(old);
    migrate(old, MIGRATIONS, 1);
    old.exec(V1_OFFICE);
    old.close();

    const db = openDatabase(file);
    onDispose(() => {
      db.close();
    });
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(db.prepare('SELECT name FROM office').pluck().get()).toBe('河滨街道红果子社区');
  });
});
