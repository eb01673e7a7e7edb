/** Migration 1 (office-and-change-log): the first schema, on an empty file. */
import { afterEach, describe, expect, it } from 'vitest';
import { databaseAt, tableNames } from '../../support/migration-db';
import { disposeTestResources } from '../../support/temp-dir';

afterEach(disposeTestResources);

const OFFICE = '0195a1b2-0000-7000-8000-000000000001';
const T0 = '2025-01-06T01:30:00.000Z';
const T1 = '2025-02-14T07:12:45.123Z';

describe('migration 1 (office-and-change-log) on an empty database', () => {
  it('creates the office, its settings and the change log, all STRICT', () => {
    const db = databaseAt(1);
    expect(tableNames(db)).toEqual(['change_log', 'office', 'settings']);
    const strict = db.prepare("SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%'").all();
    expect(strict).toEqual(expect.arrayContaining(['change_log', 'office', 'settings'].map((name) => ({ name, strict: 1 }))));
  });

  it('holds one office with its settings and change-log rows, and refuses a second office or orphan settings', () => {
    const db = databaseAt(
      1,
      `INSERT INTO office (id, code, name, division_code, version, created_at, updated_at)
         VALUES ('${OFFICE}', 'HN-HBL', '河滨街道红果子社区', '640205', 2, '${T0}', '${T1}');
       INSERT INTO settings (id, office_id, idle_lock_minutes, lockout_threshold, lockout_minutes, created_at, updated_at)
         VALUES ('0195a1b2-0000-7000-8000-000000000002', '${OFFICE}', 15, 6, 30, '${T0}', '${T0}');
       INSERT INTO change_log (tx, entity, entity_id, op, version, fields, user_id, at)
         VALUES ('tx-1', 'office', '${OFFICE}', 'insert', 1, '["code","division_code","name"]', NULL, '${T0}'),
                ('tx-2', 'office', '${OFFICE}', 'update', 2, '["name"]', NULL, '${T1}');`,
    );
    expect(db.prepare('SELECT name, version, deleted_at FROM office').get()).toEqual({ name: '河滨街道红果子社区', version: 2, deleted_at: null });
    expect(db.prepare('SELECT version FROM settings').pluck().get()).toBe(1);
    expect(db.prepare('SELECT seq FROM change_log ORDER BY seq').pluck().all()).toEqual([1, 2]);

    expect(() =>
      db
        .prepare('INSERT INTO settings (id, office_id, idle_lock_minutes, lockout_threshold, lockout_minutes, created_at, updated_at) VALUES (?, ?, 1, 1, 1, ?, ?)')
        .run('no-office-settings', 'missing-office', T1, T1),
    ).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare("INSERT INTO office (id, code, name, division_code, created_at, updated_at) VALUES ('second', 'X1', 'x', '640202', ?, ?)").run(T1, T1)).toThrow(
      /UNIQUE/,
    ); // one office per database
    expect(() => db.prepare("INSERT INTO change_log (tx, entity, entity_id, op, version, fields, at) VALUES ('t', 'office', 'x', 'upsert', 1, '[]', ?)").run(T1)).toThrow(/CHECK/);
  });
});
