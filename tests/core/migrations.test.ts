/**
 * Schema migrations: a fresh database reaches the latest version; every migration carries a
 * populated database from the version before it without losing data; all pending steps run in one
 * transaction; a database from a newer app is refused.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { applyPragmas, openDatabase, type Db } from '../../electron/core/db/connection';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, SchemaTooNewError, migrate, schemaVersion, type Migration } from '../../electron/core/db/migrate';
import { MIGRATION_FIXTURES, migrationFixture } from '../support/migration-fixtures';
import { snapshotTables } from '../support/db-inspect';
import { disposeTestResources, makeTempDir, onDispose } from '../support/temp-dir';

afterEach(disposeTestResources);

const EXPECTED_TABLES = ['change_log', 'office', 'settings', 'users'];

function freshDb(): Db {
  const db = new Database(path.join(makeTempDir(), 'migrate.civicdesk'));
  onDispose(() => {
    if (db.open) db.close();
  });
  applyPragmas(db);
  return db;
}

/** A database at `version`, populated by every seeder from 1 up to it, as if it had lived through them. */
function populatedAt(version: number): Db {
  const db = freshDb();
  for (const m of MIGRATIONS.filter((m) => m.version <= version)) {
    migrate(db, MIGRATIONS, m.version);
    migrationFixture(m.version).seed(db);
  }
  expect(schemaVersion(db)).toBe(version);
  return db;
}

function tableNames(db: Db): string[] {
  return db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
}

describe('the migration list', () => {
  it('versions run 1, 2, 3 … without gaps or repeats, and LATEST_SCHEMA_VERSION is the last', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_m, i) => i + 1));
    expect(LATEST_SCHEMA_VERSION).toBe(MIGRATIONS.length);
  });

  it('every migration file under db/migrations is registered under its number and name', () => {
    const dir = path.resolve('electron/core/db/migrations');
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.ts')).sort();
    expect(files).toEqual(MIGRATIONS.map((m) => `${String(m.version).padStart(4, '0')}-${m.name}.ts`));
  });

  it('every migration has a data seeder and an exerciser in tests/support/migration-fixtures.ts', () => {
    for (const m of MIGRATIONS) expect(MIGRATION_FIXTURES[m.version], `fixture for v${m.version}`).toBeDefined();
  });
});

describe('a fresh database', () => {
  it('reaches LATEST_SCHEMA_VERSION with the expected tables, all STRICT', () => {
    const db = freshDb();
    expect(migrate(db, MIGRATIONS)).toBe(LATEST_SCHEMA_VERSION);
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    const tables = tableNames(db);
    expect(tables).toEqual(expect.arrayContaining(EXPECTED_TABLES));
    // Full-text indexes are virtual tables whose shadow tables SQLite creates; those cannot be STRICT.
    const list = db.prepare("SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%'").all() as {
      name: string;
      strict: number;
    }[];
    expect(list.filter((t) => t.strict !== 1)).toEqual([]);
    expect(list.length).toBeGreaterThanOrEqual(EXPECTED_TABLES.length);
  });

  it('migrating an up-to-date database again changes nothing', () => {
    const db = populatedAt(LATEST_SCHEMA_VERSION);
    const before = snapshotTables(db);
    expect(migrate(db, MIGRATIONS)).toBe(LATEST_SCHEMA_VERSION);
    expect(snapshotTables(db)).toEqual(before);
  });

  it.each(MIGRATIONS.map((m) => m.version))('the v%i seeder and exerciser work on a fresh database at that version', (version) => {
    const db = populatedAt(version);
    migrationFixture(version).exercise(db);
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });
});

describe.each(MIGRATIONS.filter((m) => m.version > 1).map((m) => [m.version, m.name] as const))(
  'migration %i (%s) on a populated database',
  (version) => {
    it('keeps every row of the previous version and leaves the file consistent', () => {
      const db = populatedAt(version - 1);
      const before = snapshotTables(db);
      expect(Object.values(before).flat().length).toBeGreaterThan(0);

      expect(migrate(db, MIGRATIONS, version)).toBe(version);
      expect(schemaVersion(db)).toBe(version);

      const after = snapshotTables(db);
      const rewrites = migrationFixture(version).rewrites ?? [];
      for (const [table, rows] of Object.entries(before)) {
        if (rewrites.includes(table)) continue;
        expect(after[table], `table ${table} still exists`).toBeDefined();
        const columns = new Set(Object.keys((after[table][0] as object | undefined) ?? {}));
        // Compare the columns that still exist: a migration may add columns, never lose values.
        const kept = (rows as Record<string, unknown>[]).map((r) => Object.fromEntries(Object.entries(r).filter(([c]) => columns.size === 0 || columns.has(c))));
        expect(after[table], `rows of ${table}`).toEqual(kept.map((r) => expect.objectContaining(r)));
      }
      expect(db.pragma('foreign_key_check')).toEqual([]);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    });

    it('the new schema works with the migrated data', () => {
      const db = populatedAt(version - 1);
      migrate(db, MIGRATIONS, version);
      migrationFixture(version).exercise(db);
      migrationFixture(version).seed(db); // new rows of this version fit beside the migrated ones
      expect(db.pragma('foreign_key_check')).toEqual([]);
    });
  },
);

describe('migrate()', () => {
  it('runs every pending step in one transaction: a failing step leaves the database at its old version', () => {
    const db = populatedAt(1);
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
    const db = freshDb();
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
    const db = freshDb();
    expect(migrate(db, MIGRATIONS, 1)).toBe(1);
    expect(tableNames(db)).toEqual(['change_log', 'office', 'settings']);
  });
});

describe('openDatabase', () => {
  it('brings a database left at an older version up to date, keeping its rows', () => {
    const dir = makeTempDir();
    const file = path.join(dir, 'old.civicdesk');
    const old = new Database(file);
    applyPragmas(old);
    migrate(old, MIGRATIONS, 1);
    migrationFixture(1).seed(old);
    old.close();

    const db = openDatabase(file);
    onDispose(() => {
      db.close();
    });
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(db.prepare('SELECT name FROM office').pluck().get()).toBe('河滨街道红果子社区');
  });
});
