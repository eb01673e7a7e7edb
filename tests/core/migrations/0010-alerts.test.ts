/** Migration 10 (alerts): the shared alert inbox, on a v9 database with users and a resident. */
import { afterEach, describe, expect, it } from 'vitest';
import { databaseAt, upgradeTo } from '../../support/migration-db';
import { disposeTestResources } from '../../support/temp-dir';

afterEach(disposeTestResources);

const OFFICE = '0195a1b2-0000-7000-8000-000000000001';
const CLERK = '0195a1b2-0000-7000-8000-000000000004';
const HEAD = '0195a1b2-0000-7000-8000-000000000007';
const ALERT = '0195a1b2-0000-7000-8000-0000000000a1';
const T0 = '2025-01-06T01:30:00.000Z';
const HASH = 'scrypt$10$8$1$c2FsdHNhbHRzYWx0c2FsdA==$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g=';

const V9_SEED = `
  INSERT INTO office (id, code, name, division_code, created_at, updated_at) VALUES ('${OFFICE}', 'DWK-CYJ', '朝阳街社区居委会', '640202', '${T0}', '${T0}');
  INSERT INTO users (id, office_id, username, display_name, role, password_hash, created_at, updated_at) VALUES
    ('${CLERK}', '${OFFICE}', 'li.na', '李娜', 'clerk', '${HASH}', '${T0}', '${T0}');
  INSERT INTO residents (id, office_id, name, name_pinyin, id_number, birth_date, sex, division_code, created_at, updated_at)
    VALUES ('${HEAD}', '${OFFICE}', '马建国', 'majianguo 马建国', '640205195203154517', '1952-03-15', 'male', '640205', '${T0}', '${T0}');
  INSERT INTO change_log (tx, entity, entity_id, op, version, fields, user_id, at)
    VALUES ('tx-1', 'residents', '${HEAD}', 'insert', 1, '["id_number","name"]', '${CLERK}', '${T0}');
`;

function migrated() {
  const db = databaseAt(9, V9_SEED);
  upgradeTo(db, 10);
  return db;
}

describe('migration 10 (alerts) on a populated v9 database', () => {
  it('keeps every row of v9 and leaves the file consistent', () => {
    migrated();
  });

  it('holds an alert once per (source, key), with checked severity, status and JSON params', () => {
    const db = migrated();
    const insert = db.prepare(
      `INSERT INTO alerts (id, office_id, source, key, severity, entity, entity_id, params, due_on, raised_at, audience, status, created_at, updated_at)
       VALUES (@id, @office, @source, @key, @severity, 'facilities', 'f1', @params, '2025-02-01', @at, 'records.write', @status, @at, @at)`,
    );
    const row = { id: ALERT, office: OFFICE, source: 'eldercare.licence_expiring', key: 'l1:2025-02-01', severity: 'warning', params: '{"facility":"日间照料中心"}', at: T0, status: 'open' };
    insert.run(row);
    // The same (source, key) again — what a second daily scan would do — is refused by the index itself.
    expect(() => insert.run({ ...row, id: `${ALERT.slice(0, -1)}2` })).toThrow(/UNIQUE/);
    // The same licence with a new expiry date is a new alert.
    insert.run({ ...row, id: `${ALERT.slice(0, -1)}3`, key: 'l1:2026-02-01' });
    expect(() => insert.run({ ...row, id: `${ALERT.slice(0, -1)}4`, key: 'x', severity: 'fatal' })).toThrow(/CHECK/);
    expect(() => insert.run({ ...row, id: `${ALERT.slice(0, -1)}5`, key: 'y', status: 'closed' })).toThrow(/CHECK/);
    expect(() => insert.run({ ...row, id: `${ALERT.slice(0, -1)}6`, key: 'z', params: 'not json' })).toThrow(/CHECK/);
    expect(() => insert.run({ ...row, id: `${ALERT.slice(0, -1)}7`, key: 'w', office: 'no-such-office' })).toThrow(/FOREIGN KEY/);
    expect(db.prepare('SELECT key FROM alerts ORDER BY key').pluck().all()).toEqual(['l1:2025-02-01', 'l1:2026-02-01']);
    expect(db.prepare('SELECT version, deleted_at FROM alerts WHERE id = ?').get(ALERT)).toEqual({ version: 1, deleted_at: null });
  });
});
