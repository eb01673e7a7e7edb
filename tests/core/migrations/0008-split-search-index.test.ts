/** Migration 8 (split-search-index): the search index rebuilt as two tables from a v7 register. */
import { afterEach, describe, expect, it } from 'vitest';
import { databaseAt, upgradeTo } from '../../support/migration-db';
import { disposeTestResources } from '../../support/temp-dir';
import type { Db } from '../../../electron/core/db/connection';

afterEach(disposeTestResources);

const OFFICE = '0195a1b2-0000-7000-8000-000000000001';
const CLERK = '0195a1b2-0000-7000-8000-000000000004';
const HOUSEHOLD = '0195a1b2-0000-7000-8000-000000000006';
const T0 = '2025-01-06T01:30:00.000Z';
const T1 = '2025-02-14T07:12:45.123Z';
const HASH = 'scrypt$10$8$1$c2FsdHNhbHRzYWx0c2FsdA==$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g=';

/**
 * A v7 register: a household of two, a resident with a surname read differently (单 shan), one with
 * two phones and an X in her ID number, and one tombstoned. The old single index holds stale tokens
 * for the first two only, as an index a migration cannot trust to be complete.
 */
const V7_SEED = `
  INSERT INTO office (id, code, name, division_code, created_at, updated_at) VALUES ('${OFFICE}', 'HN-HBL', '河滨街道红果子社区', '640205', '${T0}', '${T0}');
  INSERT INTO users (id, office_id, username, display_name, role, password_hash, created_at, updated_at)
    VALUES ('${CLERK}', '${OFFICE}', 'li.na', '李娜', 'clerk', '${HASH}', '${T0}', '${T0}');
  INSERT INTO households (id, office_id, address, created_at, updated_at) VALUES ('${HOUSEHOLD}', '${OFFICE}', '红果子镇惠民路12号', '${T0}', '${T0}');
  INSERT INTO residents (n, id, office_id, name, name_pinyin, id_number, birth_date, sex, division_code, phone, phone2, address, household_id, created_at, updated_at, deleted_at) VALUES
    (1, 'r-head', '${OFFICE}', '马建国', 'majianguo 马建国', '640205195203154517', '1952-03-15', 'male', '640205', '13995231234', NULL, '红果子镇惠民路12号', '${HOUSEHOLD}', '${T0}', '${T0}', NULL),
    (2, 'r-spouse', '${OFFICE}', '海秀兰', 'haixiulan 海秀兰', '640205195508204528', '1955-08-20', 'female', '640205', NULL, NULL, '红果子镇惠民路12号', '${HOUSEHOLD}', '${T0}', '${T0}', NULL),
    (3, 'r-shan', '${OFFICE}', '单玉芳', 'shanyufang 单玉芳', '640202198805210027', '1988-05-21', 'female', '640202', '13895200027', NULL, '大武口区青山路3号', NULL, '${T1}', '${T1}', NULL),
    (4, 'r-x', '${OFFICE}', '高桂兰', 'gaoguilan 高桂兰', '64020219480416123X', '1948-04-16', 'female', '640202', '13995120001', '0952-2012345', '文明小区8号楼', NULL, '${T1}', '${T1}', NULL),
    (5, 'r-gone', '${OFFICE}', '马建军', 'majianjun 马建军', '640205196001011236', '1960-01-01', 'male', '640205', '13995239999', NULL, '红果子镇惠民路14号', NULL, '${T0}', '${T1}', '${T1}');
  INSERT INTO resident_search (rowid, name, py, idn, phone, addr) VALUES
    (1, '马建国 建国 国', 'majianguo mjg', '640205195203154517 4517', '13995231234 1234', '红果 果子 惠民 民路'),
    (2, '海秀兰 秀兰 兰', 'haixiulan hxl', '640205195508204528 4528', '', '红果 果子 惠民 民路');
  INSERT INTO drafts (office_id, user_id, key, payload, base_version, saved_at) VALUES ('${OFFICE}', '${CLERK}', 'resident:new', '{"values":{"name":"马"}}', NULL, '${T1}');
`;

// The old index is dropped and both new ones are rebuilt from the residents table.
const REWRITTEN = ['resident_search_config', 'resident_search_data', 'resident_search_docsize', 'resident_search_idx'];

function migrated(): Db {
  const db = databaseAt(7, V7_SEED);
  upgradeTo(db, 8, { rewrites: REWRITTEN });
  return db;
}

const names = (db: Db, match: string) => db.prepare('SELECT rowid FROM resident_search WHERE resident_search MATCH ? ORDER BY rowid').pluck().all(match);
const lookup = (db: Db, match: string) => db.prepare('SELECT rowid FROM resident_lookup WHERE resident_lookup MATCH ? ORDER BY rowid').pluck().all(match);

describe('migration 8 (split-search-index) on a populated v7 database', () => {
  it('keeps every row of v7 and leaves the file consistent', () => {
    migrated();
  });

  it('finds every live resident through the rebuilt indexes, the tombstoned one nowhere', () => {
    const db = migrated();
    expect(names(db, 'py : "mjg" *')).toEqual([1]);
    expect(names(db, 'name : ^ "海" *')).toEqual([2]);
    expect(names(db, 'name : "玉芳"')).toEqual([3]);
    // Surname readings: 单 as a surname is shan, not dan.
    expect(names(db, 'py : "shyf" *')).toEqual([3]);
    expect(names(db, 'py : "dyf" *')).toEqual([]);
    expect(names(db, 'py : "ggl" *')).toEqual([4]);
    expect(lookup(db, 'idn : "4517"')).toEqual([1]);
    expect(lookup(db, 'idn : "123x"')).toEqual([4]);
    expect(lookup(db, 'idn : "640202198805210027"')).toEqual([3]);
    expect(lookup(db, 'phone : "1234"')).toEqual([1]);
    expect(lookup(db, 'phone : "2345"')).toEqual([4]); // the second phone's tail
    expect(lookup(db, 'addr : "惠民 民路"')).toEqual([1, 2]);
    expect(lookup(db, 'addr : "青山 山路"')).toEqual([3]);
    // The tombstoned resident was never put back into the index.
    expect(names(db, 'py : "mjj"')).toEqual([]);
    expect(lookup(db, 'phone : "9999"')).toEqual([]);
  });

  it('moves numbers and addresses out of the prefix-indexed table, which takes new rows beside the rebuilt ones', () => {
    const db = migrated();
    expect(() => names(db, 'idn : "4517"')).toThrow(/no such column/);
    expect(db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'resident_search'").pluck().get()).toMatch(/prefix/);
    expect(db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'resident_lookup'").pluck().get()).not.toMatch(/prefix/);
    db.prepare('INSERT INTO resident_search (rowid, name, py) VALUES (?, ?, ?)').run(6, '张伟 伟', 'zhangwei zw zhw zwei zhwei');
    db.prepare('INSERT INTO resident_lookup (rowid, idn, phone, addr) VALUES (?, ?, ?, ?)').run(6, '640202198506123016 3016', '', '朝阳 阳街');
    expect(names(db, 'py : "zh" *')).toEqual([6]);
    expect(lookup(db, 'addr : "朝阳"')).toEqual([6]);
    // Contentless with delete support: a tombstoned resident's tokens can be removed by rowid.
    db.prepare('DELETE FROM resident_search WHERE rowid = 1').run();
    db.prepare('DELETE FROM resident_lookup WHERE rowid = 1').run();
    expect(names(db, 'py : "mjg" *')).toEqual([]);
    expect(lookup(db, 'addr : "惠民 民路"')).toEqual([2]);
  });
});
