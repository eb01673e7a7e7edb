/**
 * Migration 9 (drop-id-reveals): the reveal table goes, the audit trail keeps every reveal — those
 * it already held, and those made before it existed, carried over.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { entryHash, type ChainEntry } from '../../../electron/core/audit/chain';
import type { Db } from '../../../electron/core/db/connection';
import { auditChainBreak, databaseAt, tableNames, upgradeTo } from '../../support/migration-db';
import { disposeTestResources } from '../../support/temp-dir';

afterEach(disposeTestResources);

const OFFICE = '0195a1b2-0000-7000-8000-000000000001';
const CLERK = '0195a1b2-0000-7000-8000-000000000004';
const SUPERVISOR = '0195a1b2-0000-7000-8000-00000000000c';
const HEAD = '0195a1b2-0000-7000-8000-000000000007';
const SPOUSE = '0195a1b2-0000-7000-8000-000000000008';
const T0 = '2025-01-06T01:30:00.000Z';
const BEFORE_TRAIL = '2025-01-20T02:00:00.000Z';
const T1 = '2025-02-14T07:12:45.123Z';
const T2 = '2025-02-14T07:20:00.000Z';
const HASH = 'scrypt$10$8$1$c2FsdHNhbHRzYWx0c2FsdA==$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g=';

interface AuditRow {
  seq: number;
  at: string;
  user_id: string | null;
  username: string | null;
  action: string;
  entity: string | null;
  entity_id: string | null;
  fields: string;
  detail: string;
}

/** Append to the chain as the app did at v8 (the live hash, which has not changed since v5). */
function append(db: Db, e: Omit<ChainEntry, 'seq'>): void {
  const last = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string };
  const secret = db.prepare("SELECT value FROM office_secrets WHERE name = 'audit'").pluck().get() as Buffer;
  const entry = { ...e, seq: last.seq + 1 };
  db.prepare(
    'INSERT INTO audit_log (seq, at, user_id, username, action, entity, entity_id, fields, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(entry.seq, entry.at, entry.userId, entry.username, entry.action, entry.entity, entry.entityId, entry.fields, entry.detail, last.hash, entryHash(secret, last.hash, entry));
}

/**
 * A v8 office whose clerk saw the head's number twice before the trail existed (v3–v4: in id_reveals
 * only) and whose supervisor and clerk saw numbers since (in id_reveals and as id.reveal entries),
 * between sign-ins. The supervisor's account was removed since (tombstoned).
 */
function v8Seed(db: Db): void {
  db.exec(`
    INSERT INTO office (id, code, name, division_code, created_at, updated_at) VALUES ('${OFFICE}', 'HN-HBL', '河滨街道红果子社区', '640205', '${T0}', '${T0}');
    INSERT INTO users (id, office_id, username, display_name, role, password_hash, created_at, updated_at, deleted_at) VALUES
      ('${CLERK}', '${OFFICE}', 'li.na', '李娜', 'clerk', '${HASH}', '${T0}', '${T0}', NULL),
      ('${SUPERVISOR}', '${OFFICE}', 'zhao.min', '赵敏', 'supervisor', '${HASH}', '${T0}', '${T2}', '${T2}');
    INSERT INTO residents (id, office_id, name, name_pinyin, id_number, birth_date, sex, division_code, created_at, updated_at) VALUES
      ('${HEAD}', '${OFFICE}', '马建国', 'majianguo 马建国', '640205195203154517', '1952-03-15', 'male', '640205', '${T0}', '${T0}'),
      ('${SPOUSE}', '${OFFICE}', '海秀兰', 'haixiulan 海秀兰', '640205195508204528', '1955-08-20', 'female', '640205', '${T0}', '${T0}');
    INSERT INTO id_reveals (resident_id, user_id, purpose, at) VALUES
      ('${HEAD}', '${CLERK}', 'view', '${T0}'),
      ('${HEAD}', '${CLERK}', 'print', '${BEFORE_TRAIL}'),
      ('${SPOUSE}', '${SUPERVISOR}', 'print', '${T1}'),
      ('${HEAD}', '${CLERK}', 'view', '${T2}');
  `);
  const base = { userId: CLERK, username: 'li.na', entity: 'users', entityId: CLERK, fields: '[]', detail: '{}' };
  const reveal = (userId: string, username: string, residentId: string, purpose: string, at: string) =>
    append(db, { at, userId, username, action: 'id.reveal', entity: 'residents', entityId: residentId, fields: '["id_number"]', detail: JSON.stringify({ purpose, disabilityCert: false }) });
  append(db, { ...base, at: T1, action: 'login' });
  reveal(SUPERVISOR, 'zhao.min', SPOUSE, 'print', T1);
  reveal(CLERK, 'li.na', HEAD, 'view', T2);
  append(db, { ...base, at: T2, action: 'logout' });
}

const auditRows = (db: Db) => db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as AuditRow[];

function migrated(): { db: Db; before: AuditRow[] } {
  const db = databaseAt(8, v8Seed);
  const before = auditRows(db);
  expect(auditChainBreak(db), 'the seeded chain verifies').toBeUndefined();
  // The reveal table goes (with its sqlite_sequence row); the trail gains the carried-over reveals.
  upgradeTo(db, 9, { rewrites: ['id_reveals', 'audit_log', 'sqlite_sequence'] });
  return { db, before };
}

describe('migration 9 (drop-id-reveals) on a populated v8 database', () => {
  it('keeps every other row of v8, drops the reveal table and its numbering, and leaves the file consistent', () => {
    const { db } = migrated();
    expect(tableNames(db)).not.toContain('id_reveals');
    expect(db.prepare("SELECT name FROM sqlite_schema WHERE name LIKE 'id_reveals%'").pluck().all()).toEqual([]);
    expect(db.prepare('SELECT name FROM sqlite_sequence ORDER BY name').pluck().all()).not.toContain('id_reveals');
  });

  it('keeps the trail as it was and appends, in order, the reveals it did not hold, so that it still verifies', () => {
    const { db, before } = migrated();
    const after = auditRows(db);
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.slice(before.length)).toEqual([
      carried(before.length + 1, HEAD, 'view', T0),
      carried(before.length + 2, HEAD, 'print', BEFORE_TRAIL),
    ]);
    expect(db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'").pluck().get()).toBe(before.length + 2);
    expect(auditChainBreak(db)).toBeUndefined();
    // Every reveal the table held is in the trail exactly once.
    const reveals = db
      .prepare("SELECT entity_id, user_id, json_extract(detail, '$.purpose') AS purpose, at FROM audit_log WHERE action = 'id.reveal' ORDER BY at")
      .all();
    expect(reveals).toEqual([
      { entity_id: HEAD, user_id: CLERK, purpose: 'view', at: T0 },
      { entity_id: HEAD, user_id: CLERK, purpose: 'print', at: BEFORE_TRAIL },
      { entity_id: SPOUSE, user_id: SUPERVISOR, purpose: 'print', at: T1 },
      { entity_id: HEAD, user_id: CLERK, purpose: 'view', at: T2 },
    ]);
  });

  it('adds nothing to a trail that already holds every reveal', () => {
    const db = databaseAt(8, (d) => {
      v8Seed(d);
      d.exec(`DELETE FROM id_reveals WHERE at IN ('${T0}', '${BEFORE_TRAIL}')`);
    });
    const before = auditRows(db);
    upgradeTo(db, 9, { rewrites: ['id_reveals', 'sqlite_sequence'] });
    expect(auditRows(db)).toEqual(before);
    expect(auditChainBreak(db)).toBeUndefined();
  });
});

function carried(seq: number, residentId: string, purpose: string, at: string): Partial<AuditRow> {
  return expect.objectContaining({
    seq,
    at,
    user_id: CLERK,
    username: 'li.na',
    action: 'id.reveal',
    entity: 'residents',
    entity_id: residentId,
    fields: '["id_number"]',
    detail: JSON.stringify({ purpose, carriedFrom: 'id_reveals' }),
  }) as Partial<AuditRow>;
}
