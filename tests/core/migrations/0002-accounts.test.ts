/** Migration 2 (accounts): user accounts, on a v1 database that holds an office. */
import { afterEach, describe, expect, it } from 'vitest';
import { databaseAt, upgradeTo } from '../../support/migration-db';
import { disposeTestResources } from '../../support/temp-dir';

afterEach(disposeTestResources);

const OFFICE = '0195a1b2-0000-7000-8000-000000000001';
const T0 = '2025-01-06T01:30:00.000Z';
const T1 = '2025-02-14T07:12:45.123Z';
const HASH = 'scrypt$10$8$1$c2FsdHNhbHRzYWx0c2FsdA==$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g=';

/** A v1 office: the office, its settings and their change-log rows. */
const V1_SEED = `
  INSERT INTO office (id, code, name, division_code, version, created_at, updated_at)
    VALUES ('${OFFICE}', 'HN-HBL', '河滨街道红果子社区', '640205', 2, '${T0}', '${T1}');
  INSERT INTO settings (id, office_id, idle_lock_minutes, lockout_threshold, lockout_minutes, version, created_at, updated_at)
    VALUES ('0195a1b2-0000-7000-8000-000000000002', '${OFFICE}', 15, 6, 30, 1, '${T0}', '${T0}');
  INSERT INTO change_log (tx, entity, entity_id, op, version, fields, user_id, at) VALUES
    ('tx-1', 'office', '${OFFICE}', 'insert', 1, '["code","division_code","name"]', NULL, '${T0}'),
    ('tx-1', 'settings', '0195a1b2-0000-7000-8000-000000000002', 'insert', 1, '["idle_lock_minutes","lockout_minutes","lockout_threshold","office_id"]', NULL, '${T0}'),
    ('tx-2', 'office', '${OFFICE}', 'update', 2, '["name"]', NULL, '${T1}');
`;

describe('migration 2 (accounts) on a populated v1 database', () => {
  it('keeps every row of v1 and leaves the file consistent', () => {
    upgradeTo(databaseAt(1, V1_SEED), 2);
  });

  it('users belong to the migrated office, with defaults, role and name checks', () => {
    const db = databaseAt(1, V1_SEED);
    upgradeTo(db, 2);
    const insert = db.prepare(
      'INSERT INTO users (id, office_id, username, display_name, role, password_hash, created_at, updated_at, deleted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    insert.run('u-new', OFFICE, 'zhang.wei', '张伟', 'viewer', HASH, T1, T1, null);
    expect(db.prepare('SELECT disabled, failed_attempts, version FROM users WHERE id = ?').get('u-new')).toEqual({ disabled: 0, failed_attempts: 0, version: 1 });
    expect(() => insert.run('u-fk', 'not-an-office', 'wang.fang', '王芳', 'clerk', HASH, T1, T1, null)).toThrow(/FOREIGN KEY/);
    expect(() => insert.run('u-role', OFFICE, 'root', '根', 'root', HASH, T1, T1, null)).toThrow(/CHECK/);
    // User names are unique among live users regardless of case; a tombstoned name can be reused.
    expect(() => insert.run('u-dup', OFFICE, 'ZHANG.WEI', '张伟', 'clerk', HASH, T1, T1, null)).toThrow(/UNIQUE/);
    insert.run('u-old', OFFICE, 'Zhang.Wei', '张伟(离职)', 'clerk', HASH, T1, T1, T1);
    // STRICT: text in an integer column is refused rather than stored.
    expect(() => db.prepare("UPDATE users SET failed_attempts = 'many' WHERE id = 'u-new'").run()).toThrow(/cannot store TEXT/);
  });
});
