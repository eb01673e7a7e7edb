/** Migration 3 (residents-and-households): the register, on a v2 database with an office and its users. */
import { afterEach, describe, expect, it } from 'vitest';
import { databaseAt, upgradeTo } from '../../support/migration-db';
import { disposeTestResources } from '../../support/temp-dir';

afterEach(disposeTestResources);

const OFFICE = '0195a1b2-0000-7000-8000-000000000001';
const ADMIN = '0195a1b2-0000-7000-8000-000000000003';
const CLERK = '0195a1b2-0000-7000-8000-000000000004';
const T0 = '2025-01-06T01:30:00.000Z';
const T1 = '2025-02-14T07:12:45.123Z';
const HASH = 'scrypt$10$8$1$c2FsdHNhbHRzYWx0c2FsdA==$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g=';

/** A v2 office with an administrator and a clerk (one failed sign-in behind her). */
const V2_SEED = `
  INSERT INTO office (id, code, name, division_code, version, created_at, updated_at)
    VALUES ('${OFFICE}', 'HN-HBL', '河滨街道红果子社区', '640205', 1, '${T0}', '${T0}');
  INSERT INTO settings (id, office_id, idle_lock_minutes, lockout_threshold, lockout_minutes, created_at, updated_at)
    VALUES ('0195a1b2-0000-7000-8000-000000000002', '${OFFICE}', 15, 6, 30, '${T0}', '${T0}');
  INSERT INTO users (id, office_id, username, display_name, role, password_hash, disabled, failed_attempts, locked_until, last_login_at, version, created_at, updated_at) VALUES
    ('${ADMIN}', '${OFFICE}', 'admin', '马主任', 'admin', '${HASH}', 0, 0, NULL, '${T1}', 1, '${T0}', '${T0}'),
    ('${CLERK}', '${OFFICE}', 'li.na', '李娜', 'clerk', '${HASH}', 0, 1, NULL, NULL, 3, '${T0}', '${T1}');
  INSERT INTO change_log (tx, entity, entity_id, op, version, fields, user_id, at) VALUES
    ('tx-1', 'office', '${OFFICE}', 'insert', 1, '["code","division_code","name"]', NULL, '${T0}'),
    ('tx-2', 'users', '${ADMIN}', 'insert', 1, '["display_name","office_id","password_hash","role","username"]', '${ADMIN}', '${T0}'),
    ('tx-3', 'users', '${CLERK}', 'insert', 1, '["display_name","office_id","password_hash","role","username"]', '${ADMIN}', '${T0}');
`;

function migrated() {
  const db = databaseAt(2, V2_SEED);
  upgradeTo(db, 3);
  return db;
}

describe('migration 3 (residents-and-households) on a populated v2 database', () => {
  it('keeps every row of v2 and leaves the file consistent', () => {
    migrated();
  });

  it('grids, households and residents belong to the migrated office, with the register’s checks', () => {
    const db = migrated();
    db.prepare("INSERT INTO grids (id, office_id, code, name, worker, created_at, updated_at) VALUES ('g-3', ?, 'G03', '第三网格', '刘红', ?, ?)").run(OFFICE, T1, T1);
    const household = db.prepare('INSERT INTO households (id, office_id, address, grid_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)');
    const resident = db.prepare(
      'INSERT INTO residents (id, office_id, name, name_pinyin, id_number, birth_date, sex, division_code, household_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    household.run('h-new', OFFICE, '石嘴山市大武口区朝阳街8号', 'g-3', T1, T1);
    resident.run('r-new', OFFICE, '张伟', 'zhangwei', '640202198506123016', '1985-06-12', 'male', '640202', 'h-new', T1, T1);
    expect(db.prepare("SELECT status, version, living_alone FROM residents WHERE id = 'r-new'").get()).toEqual({ status: 'active', version: 1, living_alone: 0 });
    db.prepare("INSERT INTO household_members (id, office_id, household_id, resident_id, relation, from_at, created_at, updated_at) VALUES ('m-1', ?, 'h-new', 'r-new', 'head', ?, ?, ?)").run(
      OFFICE,
      T1,
      T1,
      T1,
    );

    expect(() => household.run('h-fk', 'not-an-office', null, null, T1, T1)).toThrow(/FOREIGN KEY/);
    expect(() => household.run('h-grid', OFFICE, null, 'no-grid', T1, T1)).toThrow(/FOREIGN KEY/);
    expect(() => resident.run('r-fk', OFFICE, '王芳', 'wangfang', '640202199001011234', '1990-01-01', 'female', '640202', 'no-household', T1, T1)).toThrow(/FOREIGN KEY/);
    expect(() => resident.run('r-sex', OFFICE, '王芳', 'wangfang', '640202199001011234', '1990-01-01', 'x', '640202', null, T1, T1)).toThrow(/CHECK/);
    // One live record per ID number; a tombstoned record does not block a new one.
    expect(() => resident.run('r-dup', OFFICE, '张伟', 'zhangwei', '640202198506123016', '1985-06-12', 'male', '640202', null, T1, T1)).toThrow(/UNIQUE/);
    db.prepare("UPDATE residents SET deleted_at = ? WHERE id = 'r-new'").run(T1);
    resident.run('r-again', OFFICE, '张伟', 'zhangwei', '640202198506123016', '1985-06-12', 'male', '640202', null, T1, T1);

    // Reveals are recorded against residents, and the search index answers by rowid = residents.n.
    const n = db.prepare("SELECT n FROM residents WHERE id = 'r-again'").pluck().get() as number;
    db.prepare('INSERT INTO id_reveals (resident_id, user_id, purpose, at) VALUES (?, ?, ?, ?)').run('r-again', CLERK, 'view', T1);
    expect(() => db.prepare('INSERT INTO id_reveals (resident_id, user_id, purpose, at) VALUES (?, ?, ?, ?)').run('no-resident', CLERK, 'view', T1)).toThrow(/FOREIGN KEY/);
    db.prepare('INSERT INTO resident_search (rowid, name, py, idn, phone, addr) VALUES (?, ?, ?, ?, ?, ?)').run(n, '张伟 伟', 'zhangwei zw', '3016', '', '朝阳 阳街');
    expect(db.prepare("SELECT rowid FROM resident_search WHERE resident_search MATCH 'py:zhang*'").pluck().all()).toEqual([n]);
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });
});
