/**
 * Per-version data for the migration tests (tests/core/migrations.test.ts). For every schema
 * version there is a seeder that inserts realistic rows into a database at exactly that version,
 * and an exerciser that checks the schema it introduced works on a database migrated from the
 * version before it, populated. A new migration adds its entry here; the test fails until it does.
 */
import { expect } from 'vitest';
import type { Db } from '../../electron/core/db/connection';

export interface MigrationFixture {
  /** Insert rows into a database at exactly this version (the seeders of earlier versions already ran). */
  seed(db: Db): void;
  /** Run on a database migrated to this version from the populated previous one. */
  exercise(db: Db): void;
  /** Tables whose existing rows this migration rewrites on purpose (its exercise checks them instead). */
  rewrites?: string[];
}

export const SEED_OFFICE_ID = '0195a1b2-0000-7000-8000-000000000001';
export const SEED_SETTINGS_ID = '0195a1b2-0000-7000-8000-000000000002';
export const SEED_ADMIN_ID = '0195a1b2-0000-7000-8000-000000000003';
export const SEED_CLERK_ID = '0195a1b2-0000-7000-8000-000000000004';
const T0 = '2025-01-06T01:30:00.000Z';
const T1 = '2025-02-14T07:12:45.123Z';
/** A real scrypt hash shape (the value itself is never verified by these tests). */
const HASH = 'scrypt$10$8$1$c2FsdHNhbHRzYWx0c2FsdA==$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g=';

function logChange(db: Db, entity: string, id: string, op: string, version: number, fields: string[], at: string, userId: string | null = null) {
  db.prepare('INSERT INTO change_log (tx, entity, entity_id, op, version, fields, user_id, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
    `tx-${entity}-${version}`,
    entity,
    id,
    op,
    version,
    JSON.stringify(fields),
    userId,
    at,
  );
}

export const MIGRATION_FIXTURES: Record<number, MigrationFixture> = {
  1: {
    seed(db) {
      db.prepare('INSERT INTO office (id, code, name, division_code, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
        SEED_OFFICE_ID,
        'HN-HBL',
        '河滨街道红果子社区',
        '640205',
        2,
        T0,
        T1,
      );
      db.prepare(
        'INSERT INTO settings (id, office_id, idle_lock_minutes, lockout_threshold, lockout_minutes, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ).run(SEED_SETTINGS_ID, SEED_OFFICE_ID, 15, 6, 30, 1, T0, T0);
      logChange(db, 'office', SEED_OFFICE_ID, 'insert', 1, ['code', 'division_code', 'name'], T0);
      logChange(db, 'settings', SEED_SETTINGS_ID, 'insert', 1, ['idle_lock_minutes', 'lockout_minutes', 'lockout_threshold', 'office_id'], T0);
      logChange(db, 'office', SEED_OFFICE_ID, 'update', 2, ['name'], T1);
    },
    exercise(db) {
      expect(() =>
        db
          .prepare('INSERT INTO settings (id, office_id, idle_lock_minutes, lockout_threshold, lockout_minutes, created_at, updated_at) VALUES (?, ?, 1, 1, 1, ?, ?)')
          .run('no-office-settings', 'missing-office', T1, T1),
      ).toThrow(/FOREIGN KEY/);
      expect(() =>
        db.prepare("INSERT INTO office (id, code, name, division_code, created_at, updated_at) VALUES ('second', 'X1', 'x', '640202', ?, ?)").run(T1, T1),
      ).toThrow(/UNIQUE/); // one office per database
    },
  },
  2: {
    seed(db) {
      const insert = db.prepare(
        `INSERT INTO users (id, office_id, username, display_name, role, password_hash, disabled, failed_attempts, locked_until, last_login_at, version, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      insert.run(SEED_ADMIN_ID, SEED_OFFICE_ID, 'admin', '马主任', 'admin', HASH, 0, 0, null, T1, 1, T0, T0);
      insert.run(SEED_CLERK_ID, SEED_OFFICE_ID, 'li.na', '李娜', 'clerk', HASH, 0, 2, null, null, 3, T0, T1);
      logChange(db, 'users', SEED_ADMIN_ID, 'insert', 1, ['display_name', 'office_id', 'password_hash', 'role', 'username'], T0, SEED_ADMIN_ID);
      logChange(db, 'users', SEED_CLERK_ID, 'insert', 1, ['display_name', 'office_id', 'password_hash', 'role', 'username'], T0, SEED_ADMIN_ID);
    },
    exercise(db) {
      const insert = db.prepare(
        'INSERT INTO users (id, office_id, username, display_name, role, password_hash, created_at, updated_at, deleted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      );
      // Users belong to the office migrated from v1.
      insert.run('u-new', SEED_OFFICE_ID, 'zhang.wei', '张伟', 'viewer', HASH, T1, T1, null);
      expect(db.prepare('SELECT disabled, failed_attempts, version FROM users WHERE id = ?').get('u-new')).toEqual({
        disabled: 0,
        failed_attempts: 0,
        version: 1,
      });
      expect(() => insert.run('u-fk', 'not-an-office', 'wang.fang', '王芳', 'clerk', HASH, T1, T1, null)).toThrow(/FOREIGN KEY/);
      expect(() => insert.run('u-role', SEED_OFFICE_ID, 'root', '根', 'root', HASH, T1, T1, null)).toThrow(/CHECK/);
      // User names are unique among live users regardless of case; a tombstoned name can be reused.
      expect(() => insert.run('u-dup', SEED_OFFICE_ID, 'ZHANG.WEI', '张伟', 'clerk', HASH, T1, T1, null)).toThrow(/UNIQUE/);
      insert.run('u-old', SEED_OFFICE_ID, 'Zhang.Wei', '张伟(离职)', 'clerk', HASH, T1, T1, T1);
      // STRICT: text in an integer column is refused rather than stored.
      expect(() => db.prepare("UPDATE users SET failed_attempts = 'many' WHERE id = 'u-new'").run()).toThrow(/cannot store TEXT/);
    },
  },
};

/** The fixture for `version`, or a failure that says where to add it. */
export function migrationFixture(version: number): MigrationFixture {
  const fixture = MIGRATION_FIXTURES[version];
  if (!fixture) throw new Error(`No migration fixture for v${version}: add a seeder and an exerciser to tests/support/migration-fixtures.ts`);
  return fixture;
}
