/** Migration 4 (imports): the import journal, mappings and export log, on a v3 database with a register. */
import { afterEach, describe, expect, it } from 'vitest';
import { databaseAt, upgradeTo } from '../../support/migration-db';
import { disposeTestResources } from '../../support/temp-dir';

afterEach(disposeTestResources);

const OFFICE = '0195a1b2-0000-7000-8000-000000000001';
const CLERK = '0195a1b2-0000-7000-8000-000000000004';
const HOUSEHOLD = '0195a1b2-0000-7000-8000-000000000006';
const HEAD = '0195a1b2-0000-7000-8000-000000000007';
const SPOUSE = '0195a1b2-0000-7000-8000-000000000008';
const T0 = '2025-01-06T01:30:00.000Z';
const T1 = '2025-02-14T07:12:45.123Z';
const HASH = 'scrypt$10$8$1$c2FsdHNhbHRzYWx0c2FsdA==$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g=';

/** A v3 office with a clerk, a grid and a household of two, a reveal and their search entries. */
const V3_SEED = `
  INSERT INTO office (id, code, name, division_code, created_at, updated_at) VALUES ('${OFFICE}', 'HN-HBL', '河滨街道红果子社区', '640205', '${T0}', '${T0}');
  INSERT INTO users (id, office_id, username, display_name, role, password_hash, created_at, updated_at)
    VALUES ('${CLERK}', '${OFFICE}', 'li.na', '李娜', 'clerk', '${HASH}', '${T0}', '${T0}');
  INSERT INTO grids (id, office_id, code, name, worker, created_at, updated_at) VALUES ('0195a1b2-0000-7000-8000-000000000005', '${OFFICE}', 'G03', '第三网格', '刘红', '${T0}', '${T0}');
  INSERT INTO households (id, office_id, address, grid_id, head_resident_id, version, created_at, updated_at)
    VALUES ('${HOUSEHOLD}', '${OFFICE}', '红果子镇惠民路12号', '0195a1b2-0000-7000-8000-000000000005', '${HEAD}', 2, '${T0}', '${T1}');
  INSERT INTO residents (n, id, office_id, name, name_pinyin, id_number, birth_date, sex, division_code, phone, address, household_id, relation, low_income_category, created_at, updated_at) VALUES
    (1, '${HEAD}', '${OFFICE}', '马建国', 'majianguo 马建国', '640205195203154517', '1952-03-15', 'male', '640205', '13995231234', '红果子镇惠民路12号', '${HOUSEHOLD}', 'head', 'dibao', '${T0}', '${T0}'),
    (2, '${SPOUSE}', '${OFFICE}', '海秀兰', 'haixiulan 海秀兰', '640205195508204528', '1955-08-20', 'female', '640205', NULL, '红果子镇惠民路12号', '${HOUSEHOLD}', 'spouse', NULL, '${T0}', '${T0}');
  INSERT INTO household_members (id, office_id, household_id, resident_id, relation, from_at, created_at, updated_at) VALUES
    ('0195a1b2-0000-7000-8000-000000000009', '${OFFICE}', '${HOUSEHOLD}', '${HEAD}', 'head', '${T0}', '${T0}', '${T0}'),
    ('0195a1b2-0000-7000-8000-00000000000a', '${OFFICE}', '${HOUSEHOLD}', '${SPOUSE}', 'spouse', '${T0}', '${T0}', '${T0}');
  INSERT INTO id_reveals (resident_id, user_id, purpose, at) VALUES ('${HEAD}', '${CLERK}', 'print', '${T1}');
  INSERT INTO resident_search (rowid, name, py, idn, phone, addr) VALUES
    (1, '马建国 建国 国', 'majianguo mjg', '640205195203154517 4517', '13995231234 1234', '红果 果子 惠民 民路'),
    (2, '海秀兰 秀兰 兰', 'haixiulan hxl', '640205195508204528 4528', '', '红果 果子 惠民 民路');
  INSERT INTO change_log (tx, entity, entity_id, op, version, fields, user_id, at) VALUES
    ('tx-1', 'residents', '${HEAD}', 'insert', 1, '["id_number","name"]', '${CLERK}', '${T0}'),
    ('tx-1', 'residents', '${SPOUSE}', 'insert', 1, '["id_number","name"]', '${CLERK}', '${T0}');
`;

function migrated() {
  const db = databaseAt(3, V3_SEED);
  upgradeTo(db, 4);
  return db;
}

describe('migration 4 (imports) on a populated v3 database', () => {
  it('keeps every row of v3 (the search index included) and leaves the file consistent', () => {
    const db = migrated();
    expect(db.prepare("SELECT rowid FROM resident_search WHERE resident_search MATCH 'py:mj*'").pluck().all()).toEqual([1]);
  });

  it('journals an import of the migrated residents, remembers a mapping and logs an export, with the journal’s checks', () => {
    const db = migrated();
    const insert = db.prepare(
      `INSERT INTO imports (id, office_id, tx, file_name, file_sha256, file_format, total, created, updated, unchanged, skipped, households, user_id, at)
       VALUES (?, ?, ?, ?, ?, ?, 2, 1, 1, 0, 0, 0, ?, ?)`,
    );
    // An import that created the spouse and updated the head's phone: it points at them through the journal.
    insert.run('imp-1', OFFICE, 'tx-import-1', '花名册.xlsx', 'ab'.repeat(32), 'xlsx', CLERK, T1);
    const change = db.prepare('INSERT INTO import_changes (import_id, seq, entity, entity_id, op, version_after, before) VALUES (?, ?, ?, ?, ?, ?, ?)');
    change.run('imp-1', 1, 'residents', SPOUSE, 'insert', 1, null);
    change.run('imp-1', 2, 'residents', HEAD, 'update', 2, JSON.stringify({ phone: null }));
    expect(db.prepare("SELECT count(*) FROM import_changes c JOIN residents r ON r.id = c.entity_id WHERE c.import_id = 'imp-1'").pluck().get()).toBe(2);
    db.prepare('INSERT INTO import_mappings (layout, headers, mapping, updated_at, updated_by) VALUES (?, ?, ?, ?, ?)').run(
      'layout-1',
      JSON.stringify(['姓名', '身份证号']),
      JSON.stringify([{ column: 0, field: 'name' }, { column: 1, field: 'idNumber' }]),
      T1,
      CLERK,
    );
    db.prepare('INSERT INTO exports (user_id, at, file_name, format, rows, ids_full, filters) VALUES (?, ?, ?, ?, ?, ?, ?)').run(CLERK, T1, '居民.xlsx', 'xlsx', 2, 0, '{}');

    expect(() => insert.run('imp-fk', 'not-an-office', 'tx', 'x.csv', 'hash', 'csv', null, T1)).toThrow(/FOREIGN KEY/);
    expect(() => insert.run('imp-xls', OFFICE, 'tx', 'x.xls', 'hash', 'xls', null, T1)).toThrow(/CHECK/);
    expect(() => change.run('imp-1', 1, 'residents', HEAD, 'insert', 1, null)).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() => change.run('imp-1', 3, 'users', CLERK, 'insert', 1, null)).toThrow(/CHECK/);
    expect(() => change.run('imp-1', 4, 'residents', HEAD, 'delete', 1, null)).toThrow(/CHECK/);
    expect(() => change.run('no-such-import', 1, 'residents', HEAD, 'insert', 1, null)).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare("INSERT INTO exports (user_id, at, file_name, format, rows, ids_full, filters) VALUES (NULL, ?, 'x', 'xlsx', 1, 2, '{}')").run(T1)).toThrow(/CHECK/);
  });
});
