/** Migration 15 (sync): the office's and the bureau's bookkeeping, on a populated v14 database. */
import { afterEach, describe, expect, it } from 'vitest';
import { databaseAt, upgradeTo } from '../../support/migration-db';
import { disposeTestResources } from '../../support/temp-dir';

afterEach(disposeTestResources);

const OFFICE = '0195a1b2-0000-7000-8000-000000000001';
const T0 = '2025-01-06T01:30:00.000Z';

const V14_SEED = `
  INSERT INTO office (id, code, name, division_code, created_at, updated_at) VALUES ('${OFFICE}', 'DWK-CYJ', '朝阳街社区居委会', '640202', '${T0}', '${T0}');
`;

function migrated() {
  const db = databaseAt(14, V14_SEED);
  upgradeTo(db, 15);
  return db;
}

describe('migration 15 (sync) on a populated v14 database', () => {
  it('keeps every row of v14; one role, one enrollment, one bureau identity per database', () => {
    const db = migrated();
    expect(db.prepare('SELECT code FROM office').pluck().get()).toBe('DWK-CYJ');
    db.prepare("INSERT INTO sync_role (singleton, role, created_at) VALUES (1, 'office', ?)").run(T0);
    expect(() => db.prepare("INSERT INTO sync_role (singleton, role, created_at) VALUES (1, 'bureau', ?)").run(T0)).toThrow(/UNIQUE|PRIMARY/);
    expect(() => db.prepare("INSERT INTO sync_role (singleton, role, created_at) VALUES (2, 'office', ?)").run(T0)).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO bureau_identity (singleton, bureau_id, name, recipient, verify_key, created_at) VALUES (2, 'b', 'n', 'r', 'k', ?)").run(T0)).toThrow(/CHECK/);
  });

  it('an outbox sequence and a bundle id are used once; a merged row is one per (office, table, id)', () => {
    const db = migrated();
    const outbox = db.prepare(
      `INSERT INTO sync_outbox (sequence, bundle_id, change_from, change_to, audit_from, audit_to, audit_head_hash, changes, file_name, sha256, bytes, content, created_at)
       VALUES (?, ?, 0, 10, 0, 12, 'h', 10, 'f', 's', 3, x'010203', ?)`,
    );
    outbox.run(1, 'b1', T0);
    expect(() => outbox.run(1, 'b2', T0)).toThrow(/UNIQUE|PRIMARY/);
    expect(() => outbox.run(2, 'b1', T0)).toThrow(/UNIQUE/);
    const row = db.prepare("INSERT INTO bureau_rows (office_code, entity, entity_id, version, deleted, tx, data) VALUES (?, 'residents', 'r1', 1, 0, 't', '{}')");
    row.run('A');
    row.run('B');
    expect(() => row.run('A')).toThrow(/UNIQUE|PRIMARY/);
    expect(() => db.prepare("INSERT INTO bureau_rows (office_code, entity, entity_id, version, deleted, tx, data) VALUES ('C', 'x', 'y', 1, 2, 't', '{}')").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO bureau_intake_log (at, file_name, sha256, status) VALUES (?, 'f', 's', 'ok')").run(T0)).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO bureau_publications (kind, version, payload, published_at) VALUES ('k', 'v', 'not json', ?)").run(T0)).toThrow(/CHECK/);
  });
});
