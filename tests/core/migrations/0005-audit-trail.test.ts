/** Migration 5 (audit-trail): the audit chain and the office secret, on a v4 database with history. */
import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { entryHash } from '../../../electron/core/audit/chain';
import { auditChainBreak, databaseAt, upgradeTo } from '../../support/migration-db';
import { disposeTestResources } from '../../support/temp-dir';

afterEach(disposeTestResources);

const OFFICE = '0195a1b2-0000-7000-8000-000000000001';
const CLERK = '0195a1b2-0000-7000-8000-000000000004';
const HEAD = '0195a1b2-0000-7000-8000-000000000007';
const T0 = '2025-01-06T01:30:00.000Z';
const T1 = '2025-02-14T07:12:45.123Z';
const HASH = 'scrypt$10$8$1$c2FsdHNhbHRzYWx0c2FsdA==$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g=';

/** A v4 office with a clerk, a resident, an import of it and an export: five change-log rows before any trail. */
const V4_SEED = `
  INSERT INTO office (id, code, name, division_code, created_at, updated_at) VALUES ('${OFFICE}', 'HN-HBL', '河滨街道红果子社区', '640205', '${T0}', '${T0}');
  INSERT INTO users (id, office_id, username, display_name, role, password_hash, created_at, updated_at)
    VALUES ('${CLERK}', '${OFFICE}', 'li.na', '李娜', 'clerk', '${HASH}', '${T0}', '${T0}');
  INSERT INTO residents (id, office_id, name, name_pinyin, id_number, birth_date, sex, division_code, version, created_at, updated_at)
    VALUES ('${HEAD}', '${OFFICE}', '马建国', 'majianguo 马建国', '640205195203154517', '1952-03-15', 'male', '640205', 2, '${T0}', '${T1}');
  INSERT INTO imports (id, office_id, tx, file_name, file_sha256, file_format, total, created, updated, unchanged, skipped, households, user_id, at)
    VALUES ('imp-1', '${OFFICE}', 'tx-4', '花名册.csv', '${'cd'.repeat(32)}', 'csv', 1, 1, 0, 0, 0, 0, '${CLERK}', '${T0}');
  INSERT INTO import_changes (import_id, seq, entity, entity_id, op, version_after) VALUES ('imp-1', 1, 'residents', '${HEAD}', 'insert', 1);
  INSERT INTO exports (user_id, at, file_name, format, rows, ids_full, filters) VALUES ('${CLERK}', '${T1}', '居民.csv', 'csv', 1, 0, '{}');
  INSERT INTO change_log (tx, entity, entity_id, op, version, fields, user_id, at) VALUES
    ('tx-1', 'office', '${OFFICE}', 'insert', 1, '["code","division_code","name"]', NULL, '${T0}'),
    ('tx-2', 'users', '${CLERK}', 'insert', 1, '["display_name","office_id","password_hash","role","username"]', NULL, '${T0}'),
    ('tx-3', 'settings', 'settings-1', 'insert', 1, '["idle_lock_minutes"]', NULL, '${T0}'),
    ('tx-4', 'residents', '${HEAD}', 'insert', 1, '["id_number","name"]', '${CLERK}', '${T0}'),
    ('tx-5', 'residents', '${HEAD}', 'update', 2, '["phone"]', '${CLERK}', '${T1}');
`;

function migrated() {
  const db = databaseAt(4, V4_SEED);
  // AUTOINCREMENT numbering of the new audit_log adds its row to sqlite_sequence (checked below).
  upgradeTo(db, 5, { rewrites: ['sqlite_sequence'] });
  return db;
}

describe('migration 5 (audit-trail) on a populated v4 database', () => {
  it('keeps every row of v4 and leaves the file consistent', () => {
    const db = migrated();
    expect(db.prepare('SELECT name, seq FROM sqlite_sequence ORDER BY name').all()).toEqual([
      { name: 'audit_log', seq: 1 },
      { name: 'change_log', seq: 5 },
      { name: 'exports', seq: 1 },
    ]);
  });

  it('gives the office a secret and starts the chain by saying how much of the change log came before it', () => {
    const db = migrated();
    const secret = db.prepare("SELECT value FROM office_secrets WHERE name = 'audit'").pluck().get() as Buffer;
    expect(secret.length).toBe(32);
    const start = db.prepare('SELECT * FROM audit_log').all() as { seq: number; action: string; detail: string; prev_hash: string; hash: string; at: string }[];
    expect(start).toHaveLength(1);
    expect(start[0]).toMatchObject({ seq: 1, action: 'audit.start', prev_hash: '0'.repeat(64) });
    expect(JSON.parse(start[0].detail)).toEqual({ changeLogThrough: 5 });
    // The hash as the chain was defined at v5, computed here independently of the migration's code…
    const canonical = JSON.stringify([1, start[0].at, null, null, 'audit.start', null, null, '[]', start[0].detail]);
    expect(start[0].hash).toBe(createHmac('sha256', secret).update('0'.repeat(64)).update('\n').update(canonical).digest('hex'));
    // …and the app's verifier accepts the chain.
    expect(auditChainBreak(db)).toBeUndefined();
  });

  it('the trail takes new entries after its start, is append-only, and its secret is never short', () => {
    const db = migrated();
    const secret = db.prepare("SELECT value FROM office_secrets WHERE name = 'audit'").pluck().get() as Buffer;
    const prev = db.prepare('SELECT hash FROM audit_log WHERE seq = 1').pluck().get() as string;
    const login = { seq: 2, at: T1, userId: CLERK, username: 'li.na', action: 'login', entity: 'users', entityId: CLERK, fields: '[]', detail: '{}' };
    db.prepare(
      'INSERT INTO audit_log (seq, at, user_id, username, action, entity, entity_id, fields, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(login.seq, login.at, login.userId, login.username, login.action, login.entity, login.entityId, login.fields, login.detail, prev, entryHash(secret, prev, login));
    expect(auditChainBreak(db)).toBeUndefined();
    // A record write after the upgrade that the trail does not cover is seen.
    db.prepare("INSERT INTO change_log (tx, entity, entity_id, op, version, fields, at) VALUES ('tx-6', 'residents', ?, 'update', 3, '[\"notes\"]', ?)").run(HEAD, T1);
    expect(auditChainBreak(db)).toMatchObject({ reason: 'change_log_unaudited' });

    expect(() => db.prepare("UPDATE audit_log SET action = 'x' WHERE seq = 1").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log WHERE seq = 1').run()).toThrow(/append-only/);
    expect(() => db.prepare("INSERT INTO office_secrets (name, value, created_at) VALUES ('short', x'00', ?)").run(T1)).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO audit_log (at, action, prev_hash) VALUES (?, 'login', 'h')").run(T1)).toThrow(/NOT NULL/);
  });
});
