/** Migration 7 (drafts): unsaved form drafts, on a v6 database with users and a resident. */
import { afterEach, describe, expect, it } from 'vitest';
import { databaseAt, upgradeTo } from '../../support/migration-db';
import { disposeTestResources } from '../../support/temp-dir';

afterEach(disposeTestResources);

const OFFICE = '0195a1b2-0000-7000-8000-000000000001';
const ADMIN = '0195a1b2-0000-7000-8000-000000000003';
const CLERK = '0195a1b2-0000-7000-8000-000000000004';
const HEAD = '0195a1b2-0000-7000-8000-000000000007';
const T0 = '2025-01-06T01:30:00.000Z';
const T1 = '2025-02-14T07:12:45.123Z';
const HASH = 'scrypt$10$8$1$c2FsdHNhbHRzYWx0c2FsdA==$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g=';

/** A v6 office with an administrator, a clerk and one resident. */
const V6_SEED = `
  INSERT INTO office (id, code, name, division_code, created_at, updated_at) VALUES ('${OFFICE}', 'HN-HBL', '河滨街道红果子社区', '640205', '${T0}', '${T0}');
  INSERT INTO users (id, office_id, username, display_name, role, password_hash, created_at, updated_at) VALUES
    ('${ADMIN}', '${OFFICE}', 'admin', '马主任', 'admin', '${HASH}', '${T0}', '${T0}'),
    ('${CLERK}', '${OFFICE}', 'li.na', '李娜', 'clerk', '${HASH}', '${T0}', '${T0}');
  INSERT INTO residents (id, office_id, name, name_pinyin, id_number, birth_date, sex, division_code, phone, created_at, updated_at)
    VALUES ('${HEAD}', '${OFFICE}', '马建国', 'majianguo 马建国', '640205195203154517', '1952-03-15', 'male', '640205', '13995231234', '${T0}', '${T0}');
  INSERT INTO change_log (tx, entity, entity_id, op, version, fields, user_id, at)
    VALUES ('tx-1', 'residents', '${HEAD}', 'insert', 1, '["id_number","name","phone"]', '${CLERK}', '${T0}');
`;

function migrated() {
  const db = databaseAt(6, V6_SEED);
  upgradeTo(db, 7);
  return db;
}

describe('migration 7 (drafts) on a populated v6 database', () => {
  it('keeps every row of v6 and leaves the file consistent', () => {
    migrated();
  });

  it('keeps one draft per migrated user and form, bounded JSON, and never in the change log', () => {
    const db = migrated();
    const insert = db.prepare('INSERT INTO drafts (office_id, user_id, key, payload, base_version, saved_at) VALUES (?, ?, ?, ?, ?, ?)');
    // The clerk's half-typed registration and an edit draft of the migrated resident.
    insert.run(OFFICE, CLERK, 'resident:new', JSON.stringify({ values: { idNumber: '64020519', name: '马' } }), null, T1);
    insert.run(OFFICE, CLERK, `resident:${HEAD}`, JSON.stringify({ values: { phone: '13995230000' }, base: { phone: '13995231234' } }), 1, T1);
    insert.run(OFFICE, ADMIN, 'resident:new', '{"values":{}}', null, T1);
    expect(() => insert.run(OFFICE, ADMIN, 'resident:new', '{}', null, T1)).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() => insert.run(OFFICE, 'no-such-user', 'resident:new', '{}', null, T1)).toThrow(/FOREIGN KEY/);
    expect(() => insert.run('not-an-office', ADMIN, 'resident:x', '{}', null, T1)).toThrow(/FOREIGN KEY/);
    // The payload is JSON of bounded size, whatever the caller.
    expect(() => insert.run(OFFICE, ADMIN, 'resident:bad', 'not json', null, T1)).toThrow(/CHECK/);
    expect(() => insert.run(OFFICE, ADMIN, 'resident:big', JSON.stringify({ notes: '备'.repeat(30_000) }), null, T1)).toThrow(/CHECK/);
    expect(() => db.prepare('UPDATE drafts SET base_version = ? WHERE user_id = ?').run('v1', ADMIN)).toThrow(/cannot store TEXT/);
    expect(db.prepare('SELECT key FROM drafts WHERE user_id = ? ORDER BY key').pluck().all(CLERK)).toEqual([`resident:${HEAD}`, 'resident:new']);
    // Not a synced record: nothing about drafts reaches the change log.
    expect(db.prepare("SELECT count(*) FROM change_log WHERE entity = 'drafts'").pluck().get()).toBe(0);
  });
});
