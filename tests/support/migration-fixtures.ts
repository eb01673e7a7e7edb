/**
 * Per-version data for the migration tests (tests/core/migrations.test.ts). For every schema
 * version there is a seeder that inserts realistic rows into a database at exactly that version,
 * and an exerciser that checks the schema it introduced works on a database migrated from the
 * version before it, populated. A new migration adds its entry here; the test fails until it does.
 */
import { expect } from 'vitest';
import type { Db } from '../../electron/core/db/connection';
import { appendAudit } from '../../electron/core/audit/service';
import { ChainVerifier } from '../../electron/core/audit/chain';
import { auditBounds, auditPage, changeRange, changeRow } from '../../electron/core/audit/repository';

export interface MigrationFixture {
  /** Insert rows into a database at exactly this version (the seeders of earlier versions already ran). */
  seed(db: Db): void;
  /** Run on a database migrated to this version from the populated previous one. */
  exercise(db: Db): void;
  /** Tables whose existing rows this migration rewrites on purpose (its exercise checks them instead). */
  rewrites?: string[];
}

export const SEED_OFFICE_ID = '0195a1b2-0000-7000-8000-000000000001';
export const SEED_SETTINGS_ID = '0195a1b2-0000-7000-8000-000000000002';
export const SEED_ADMIN_ID = '0195a1b2-0000-7000-8000-000000000003';
export const SEED_CLERK_ID = '0195a1b2-0000-7000-8000-000000000004';
export const SEED_GRID_ID = '0195a1b2-0000-7000-8000-000000000005';
export const SEED_HOUSEHOLD_ID = '0195a1b2-0000-7000-8000-000000000006';
export const SEED_RESIDENT_ID = '0195a1b2-0000-7000-8000-000000000007';
export const SEED_SPOUSE_ID = '0195a1b2-0000-7000-8000-000000000008';
export const SEED_IMPORT_ID = '0195a1b2-0000-7000-8000-00000000000b';
const T0 = '2025-01-06T01:30:00.000Z';
const T1 = '2025-02-14T07:12:45.123Z';
/** A real scrypt hash shape (the value itself is never verified by these tests). */
const HASH = 'scrypt$10$8$1$c2FsdHNhbHRzYWx0c2FsdA==$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g=';

function logChange(db: Db, entity: string, id: string, op: string, version: number, fields: string[], at: string, userId: string | null = null) {
  db.prepare('INSERT INTO change_log (tx, entity, entity_id, op, version, fields, user_id, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
    `tx-${entity}-${version}`,
    entity,
    id,
    op,
    version,
    JSON.stringify(fields),
    userId,
    at,
  );
}

export const MIGRATION_FIXTURES: Record<number, MigrationFixture> = {
  1: {
    seed(db) {
      db.prepare('INSERT INTO office (id, code, name, division_code, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
        SEED_OFFICE_ID,
        'HN-HBL',
        '河滨街道红果子社区',
        '640205',
        2,
        T0,
        T1,
      );
      db.prepare(
        'INSERT INTO settings (id, office_id, idle_lock_minutes, lockout_threshold, lockout_minutes, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ).run(SEED_SETTINGS_ID, SEED_OFFICE_ID, 15, 6, 30, 1, T0, T0);
      logChange(db, 'office', SEED_OFFICE_ID, 'insert', 1, ['code', 'division_code', 'name'], T0);
      logChange(db, 'settings', SEED_SETTINGS_ID, 'insert', 1, ['idle_lock_minutes', 'lockout_minutes', 'lockout_threshold', 'office_id'], T0);
      logChange(db, 'office', SEED_OFFICE_ID, 'update', 2, ['name'], T1);
    },
    exercise(db) {
      expect(() =>
        db
          .prepare('INSERT INTO settings (id, office_id, idle_lock_minutes, lockout_threshold, lockout_minutes, created_at, updated_at) VALUES (?, ?, 1, 1, 1, ?, ?)')
          .run('no-office-settings', 'missing-office', T1, T1),
      ).toThrow(/FOREIGN KEY/);
      expect(() =>
        db.prepare("INSERT INTO office (id, code, name, division_code, created_at, updated_at) VALUES ('second', 'X1', 'x', '640202', ?, ?)").run(T1, T1),
      ).toThrow(/UNIQUE/); // one office per database
    },
  },
  2: {
    seed(db) {
      const insert = db.prepare(
        `INSERT INTO users (id, office_id, username, display_name, role, password_hash, disabled, failed_attempts, locked_until, last_login_at, version, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      insert.run(SEED_ADMIN_ID, SEED_OFFICE_ID, 'admin', '马主任', 'admin', HASH, 0, 0, null, T1, 1, T0, T0);
      insert.run(SEED_CLERK_ID, SEED_OFFICE_ID, 'li.na', '李娜', 'clerk', HASH, 0, 2, null, null, 3, T0, T1);
      logChange(db, 'users', SEED_ADMIN_ID, 'insert', 1, ['display_name', 'office_id', 'password_hash', 'role', 'username'], T0, SEED_ADMIN_ID);
      logChange(db, 'users', SEED_CLERK_ID, 'insert', 1, ['display_name', 'office_id', 'password_hash', 'role', 'username'], T0, SEED_ADMIN_ID);
    },
    exercise(db) {
      const insert = db.prepare(
        'INSERT INTO users (id, office_id, username, display_name, role, password_hash, created_at, updated_at, deleted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      );
      // Users belong to the office migrated from v1.
      insert.run('u-new', SEED_OFFICE_ID, 'zhang.wei', '张伟', 'viewer', HASH, T1, T1, null);
      expect(db.prepare('SELECT disabled, failed_attempts, version FROM users WHERE id = ?').get('u-new')).toEqual({
        disabled: 0,
        failed_attempts: 0,
        version: 1,
      });
      expect(() => insert.run('u-fk', 'not-an-office', 'wang.fang', '王芳', 'clerk', HASH, T1, T1, null)).toThrow(/FOREIGN KEY/);
      expect(() => insert.run('u-role', SEED_OFFICE_ID, 'root', '根', 'root', HASH, T1, T1, null)).toThrow(/CHECK/);
      // User names are unique among live users regardless of case; a tombstoned name can be reused.
      expect(() => insert.run('u-dup', SEED_OFFICE_ID, 'ZHANG.WEI', '张伟', 'clerk', HASH, T1, T1, null)).toThrow(/UNIQUE/);
      insert.run('u-old', SEED_OFFICE_ID, 'Zhang.Wei', '张伟(离职)', 'clerk', HASH, T1, T1, T1);
      // STRICT: text in an integer column is refused rather than stored.
      expect(() => db.prepare("UPDATE users SET failed_attempts = 'many' WHERE id = 'u-new'").run()).toThrow(/cannot store TEXT/);
    },
  },
  3: {
    seed(db) {
      db.prepare('INSERT INTO grids (id, office_id, code, name, worker, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
        SEED_GRID_ID,
        SEED_OFFICE_ID,
        'G03',
        '第三网格',
        '刘红',
        T0,
        T0,
      );
      db.prepare('INSERT INTO households (id, office_id, address, grid_id, head_resident_id, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
        SEED_HOUSEHOLD_ID,
        SEED_OFFICE_ID,
        '红果子镇惠民路12号',
        SEED_GRID_ID,
        SEED_RESIDENT_ID,
        2,
        T0,
        T1,
      );
      const resident = db.prepare(
        `INSERT INTO residents (id, office_id, name, name_pinyin, id_number, birth_date, sex, division_code, phone, address, grid_id, household_id, relation,
           living_alone, low_income_category, version, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      const head = resident.run(SEED_RESIDENT_ID, SEED_OFFICE_ID, '马建国', 'majianguo', '640205195203154517', '1952-03-15', 'male', '640205', '13995231234', '红果子镇惠民路12号', SEED_GRID_ID, SEED_HOUSEHOLD_ID, 'head', 0, 'dibao', 1, T0, T0);
      const spouse = resident.run(SEED_SPOUSE_ID, SEED_OFFICE_ID, '海秀兰', 'haixiulan', '640205195508204528', '1955-08-20', 'female', '640205', null, '红果子镇惠民路12号', SEED_GRID_ID, SEED_HOUSEHOLD_ID, 'spouse', 0, null, 3, T0, T1);
      const member = db.prepare(
        'INSERT INTO household_members (id, office_id, household_id, resident_id, relation, from_at, to_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      );
      member.run('0195a1b2-0000-7000-8000-000000000009', SEED_OFFICE_ID, SEED_HOUSEHOLD_ID, SEED_RESIDENT_ID, 'head', T0, null, T0, T0);
      member.run('0195a1b2-0000-7000-8000-00000000000a', SEED_OFFICE_ID, SEED_HOUSEHOLD_ID, SEED_SPOUSE_ID, 'spouse', T0, null, T0, T0);
      db.prepare('INSERT INTO id_reveals (resident_id, user_id, purpose, at) VALUES (?, ?, ?, ?)').run(SEED_RESIDENT_ID, SEED_CLERK_ID, 'print', T1);
      const search = db.prepare('INSERT INTO resident_search (rowid, name, py, idn, phone, addr) VALUES (?, ?, ?, ?, ?, ?)');
      search.run(head.lastInsertRowid, '马建国 建国', 'majianguo mjg', '4517', '1234', '惠民 民路');
      search.run(spouse.lastInsertRowid, '海秀兰 秀兰', 'haixiulan hxl', '4528', '', '惠民 民路');
      logChange(db, 'residents', SEED_RESIDENT_ID, 'insert', 1, ['id_number', 'name'], T0, SEED_CLERK_ID);
    },
    exercise(db) {
      const resident = db.prepare(
        'INSERT INTO residents (id, office_id, name, name_pinyin, id_number, birth_date, sex, division_code, household_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      );
      const household = db.prepare('INSERT INTO households (id, office_id, address, created_at, updated_at) VALUES (?, ?, ?, ?, ?)');
      // Records belong to the office migrated from v1.
      household.run('h-new', SEED_OFFICE_ID, '石嘴山市大武口区朝阳街8号', T1, T1);
      resident.run('r-new', SEED_OFFICE_ID, '张伟', 'zhangwei', '640202198506123016', '1985-06-12', 'male', '640202', 'h-new', T1, T1);
      expect(db.prepare("SELECT status, version, living_alone FROM residents WHERE id = 'r-new'").get()).toEqual({ status: 'active', version: 1, living_alone: 0 });
      expect(() => household.run('h-fk', 'not-an-office', null, T1, T1)).toThrow(/FOREIGN KEY/);
      expect(() => resident.run('r-fk', SEED_OFFICE_ID, '王芳', 'wangfang', '640202199001011234', '1990-01-01', 'female', '640202', 'no-household', T1, T1)).toThrow(
        /FOREIGN KEY/,
      );
      expect(() => resident.run('r-sex', SEED_OFFICE_ID, '王芳', 'wangfang', '640202199001011234', '1990-01-01', 'x', '640202', null, T1, T1)).toThrow(/CHECK/);
      // One live record per ID number.
      expect(() => resident.run('r-dup', SEED_OFFICE_ID, '张伟', 'zhangwei', '640202198506123016', '1985-06-12', 'male', '640202', null, T1, T1)).toThrow(/UNIQUE/);
      // Reveals are recorded against residents, and the search index answers by rowid.
      const n = db.prepare("SELECT n FROM residents WHERE id = 'r-new'").pluck().get() as number;
      db.prepare('INSERT INTO id_reveals (resident_id, user_id, purpose, at) VALUES (?, ?, ?, ?)').run('r-new', 'someone', 'view', T1);
      db.prepare('INSERT INTO resident_search (rowid, name, py, idn, phone, addr) VALUES (?, ?, ?, ?, ?, ?)').run(n, '张伟', 'zhangwei zw', '3016', '', '朝阳 阳街');
      expect(db.prepare("SELECT rowid FROM resident_search WHERE resident_search MATCH 'py:zhang*'").pluck().all()).toEqual([n]);
    },
  },
  4: {
    seed(db) {
      // An import that created the seeded spouse and updated the head's phone, and a remembered mapping.
      db.prepare(
        `INSERT INTO imports (id, office_id, tx, file_name, file_sha256, file_format, total, created, updated, unchanged, skipped, households, user_id, at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(SEED_IMPORT_ID, SEED_OFFICE_ID, 'tx-import-1', '花名册.xlsx', 'ab'.repeat(32), 'xlsx', 2, 1, 1, 0, 0, 0, SEED_CLERK_ID, T1);
      const change = db.prepare('INSERT INTO import_changes (import_id, seq, entity, entity_id, op, version_after, before) VALUES (?, ?, ?, ?, ?, ?, ?)');
      change.run(SEED_IMPORT_ID, 1, 'residents', SEED_SPOUSE_ID, 'insert', 1, null);
      change.run(SEED_IMPORT_ID, 2, 'residents', SEED_RESIDENT_ID, 'update', 2, JSON.stringify({ phone: null }));
      db.prepare('INSERT INTO import_mappings (layout, headers, mapping, updated_at, updated_by) VALUES (?, ?, ?, ?, ?)').run(
        'layout-1',
        JSON.stringify(['姓名', '身份证号']),
        JSON.stringify([{ column: 0, field: 'name' }, { column: 1, field: 'idNumber' }]),
        T1,
        SEED_CLERK_ID,
      );
      db.prepare('INSERT INTO exports (user_id, at, file_name, format, rows, ids_full, filters) VALUES (?, ?, ?, ?, ?, ?, ?)').run(SEED_ADMIN_ID, T1, '居民.xlsx', 'xlsx', 2, 0, '{}');
    },
    exercise(db) {
      const insert = db.prepare(
        `INSERT INTO imports (id, office_id, tx, file_name, file_sha256, file_format, total, created, updated, unchanged, skipped, households, user_id, at)
         VALUES (?, ?, 'tx', 'x.csv', 'hash', ?, 1, 1, 0, 0, 0, 1, NULL, ?)`,
      );
      insert.run('imp-new', SEED_OFFICE_ID, 'csv', T1);
      expect(() => insert.run('imp-fk', 'not-an-office', 'csv', T1)).toThrow(/FOREIGN KEY/);
      expect(() => insert.run('imp-xls', SEED_OFFICE_ID, 'xls', T1)).toThrow(/CHECK/);
      const change = db.prepare("INSERT INTO import_changes (import_id, seq, entity, entity_id, op, version_after) VALUES (?, ?, ?, 'r', ?, 1)");
      change.run('imp-new', 1, 'residents', 'insert');
      expect(() => change.run('imp-new', 1, 'residents', 'insert')).toThrow(/UNIQUE|PRIMARY KEY/);
      expect(() => change.run('imp-new', 2, 'users', 'insert')).toThrow(/CHECK/);
      expect(() => change.run('imp-new', 3, 'residents', 'delete')).toThrow(/CHECK/);
      expect(() => change.run('no-such-import', 1, 'residents', 'insert')).toThrow(/FOREIGN KEY/);
      // Imports point at the residents migrated from v3 through the journal, not by foreign key.
      expect(db.prepare('SELECT count(*) FROM residents WHERE deleted_at IS NULL').pluck().get()).toBeGreaterThan(0);
    },
  },
  5: {
    // AUTOINCREMENT numbering of the new audit_log adds its row to sqlite_sequence (checked below).
    rewrites: ['sqlite_sequence'],
    seed(db) {
      // Sign-ins and a reveal, appended through the live chain code so that they verify.
      appendAudit(db, { at: T1, userId: SEED_CLERK_ID, username: 'li.na', action: 'login', entity: 'users', entityId: SEED_CLERK_ID });
      appendAudit(db, { at: T1, userId: null, username: 'nobody', action: 'login.failed', detail: { reason: 'unknown_user' } });
      appendAudit(db, {
        at: T1,
        userId: SEED_CLERK_ID,
        username: 'li.na',
        action: 'id.reveal',
        entity: 'residents',
        entityId: SEED_RESIDENT_ID,
        fields: ['id_number'],
        detail: { purpose: '打印证明' },
      });
    },
    exercise(db) {
      const secret = db.prepare("SELECT value FROM office_secrets WHERE name = 'audit'").pluck().get() as Buffer;
      expect(secret.length).toBe(32);
      // The chain starts by saying how much of the change log came before it.
      const start = db.prepare('SELECT * FROM audit_log WHERE seq = 1').get() as { action: string; detail: string; prev_hash: string };
      expect(start.action).toBe('audit.start');
      expect(JSON.parse(start.detail)).toEqual({ changeLogThrough: 6 });
      expect(start.prev_hash).toBe('0'.repeat(64));
      const verifier = new ChainVerifier(secret, { row: (seq) => changeRow(db, seq), range: (a, b) => changeRange(db, a, b) });
      for (const e of auditPage(db, 0, Number.MAX_SAFE_INTEGER, 1000)) expect(verifier.next(e)).toBeUndefined();
      expect(verifier.finish(auditBounds(db))).toBeUndefined();
      expect(db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'").pluck().get()).toBe(auditBounds(db).maxSeq);
      expect(db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'change_log'").pluck().get()).toBe(6);
      // Append-only, even for the app's own code; a secret is never short.
      expect(() => db.prepare("UPDATE audit_log SET action = 'x' WHERE seq = 1").run()).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM audit_log WHERE seq = 1').run()).toThrow(/append-only/);
      expect(() => db.prepare("INSERT INTO office_secrets (name, value, created_at) VALUES ('short', x'00', ?)").run(T1)).toThrow(/CHECK/);
      expect(() => db.prepare("INSERT INTO audit_log (at, action, prev_hash) VALUES (?, 'login', 'h')").run(T1)).toThrow(/NOT NULL/);
    },
  },
  6: {
    seed() {
      // Index-only change: the rows seeded by earlier versions are what it must keep finding.
    },
    exercise(db) {
      const names = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'residents' ORDER BY name").pluck().all();
      expect(names).toEqual(expect.arrayContaining(['residents_live', 'residents_live_name', 'residents_live_birth', 'residents_live_updated', 'residents_live_grid']));
      expect(names).not.toContain('residents_name_pinyin');
      // The list's page query skips on the partial index instead of scanning the table.
      const plan = db
        .prepare("EXPLAIN QUERY PLAN SELECT r.n FROM residents r WHERE r.deleted_at IS NULL ORDER BY r.name_pinyin, r.n LIMIT 100 OFFSET 1")
        .all()
        .map((row) => (row as { detail: string }).detail)
        .join(' | ');
      expect(plan).toContain('residents_live_name');
      expect(db.prepare('SELECT count(*) FROM residents WHERE deleted_at IS NULL').pluck().get()).toBeGreaterThan(0);
    },
  },
  7: {
    seed(db) {
      // The clerk's half-typed registration and an edit draft of the seeded head; not records, so no change log.
      const insert = db.prepare('INSERT INTO drafts (office_id, user_id, key, payload, base_version, saved_at) VALUES (?, ?, ?, ?, ?, ?)');
      insert.run(SEED_OFFICE_ID, SEED_CLERK_ID, 'resident:new', JSON.stringify({ values: { idNumber: '64020519', name: '马' } }), null, T1);
      insert.run(SEED_OFFICE_ID, SEED_CLERK_ID, `resident:${SEED_RESIDENT_ID}`, JSON.stringify({ values: { phone: '13995230000' }, base: { phone: '13995231234' } }), 1, T1);
    },
    exercise(db) {
      const insert = db.prepare('INSERT INTO drafts (office_id, user_id, key, payload, base_version, saved_at) VALUES (?, ?, ?, ?, ?, ?)');
      // Drafts belong to users and the office migrated from earlier versions; one per user and key.
      insert.run(SEED_OFFICE_ID, SEED_ADMIN_ID, 'resident:new', '{"values":{}}', null, T1);
      expect(() => insert.run(SEED_OFFICE_ID, SEED_ADMIN_ID, 'resident:new', '{}', null, T1)).toThrow(/UNIQUE|PRIMARY KEY/);
      expect(() => insert.run(SEED_OFFICE_ID, 'no-such-user', 'resident:new', '{}', null, T1)).toThrow(/FOREIGN KEY/);
      expect(() => insert.run('not-an-office', SEED_ADMIN_ID, 'resident:x', '{}', null, T1)).toThrow(/FOREIGN KEY/);
      // The payload is JSON of bounded size, whatever the caller.
      expect(() => insert.run(SEED_OFFICE_ID, SEED_ADMIN_ID, 'resident:bad', 'not json', null, T1)).toThrow(/CHECK/);
      expect(() => insert.run(SEED_OFFICE_ID, SEED_ADMIN_ID, 'resident:big', JSON.stringify({ notes: '备'.repeat(30_000) }), null, T1)).toThrow(/CHECK/);
      expect(() => db.prepare("UPDATE drafts SET base_version = 'v1' WHERE user_id = ?").run(SEED_ADMIN_ID)).toThrow(/cannot store TEXT/);
      // Not a synced record: nothing about drafts reaches the change log.
      expect(db.prepare("SELECT count(*) FROM change_log WHERE entity = 'drafts'").pluck().get()).toBe(0);
      expect(db.prepare('SELECT count(*) FROM users WHERE deleted_at IS NULL').pluck().get()).toBeGreaterThan(0);
    },
  },
  8: {
    // The old single index is dropped and both new ones are rebuilt from the residents table.
    rewrites: ['resident_search_config', 'resident_search_data', 'resident_search_docsize', 'resident_search_idx'],
    seed(db) {
      const n = db
        .prepare(
          `INSERT INTO residents (id, office_id, name, name_pinyin, id_number, birth_date, sex, division_code, phone, address, household_id, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run('0195a1b2-0000-7000-8000-000000000c08', SEED_OFFICE_ID, '单玉芳', 'shanyufang 单玉芳', '640202198805210027', '1988-05-21', 'female', '640202', '13895200027', '大武口区青山路3号', SEED_HOUSEHOLD_ID, T1, T1).lastInsertRowid;
      db.prepare('INSERT INTO resident_search (rowid, name, py) VALUES (?, ?, ?)').run(n, '单玉芳 玉芳 芳', 'shanyufang syf shyf syufang shyufang');
      db.prepare('INSERT INTO resident_lookup (rowid, idn, phone, addr) VALUES (?, ?, ?, ?)').run(n, '640202198805210027 210027 10027 0027', '13895200027 0027', '大武 武口 口区 区青 青山 山路 路3 3号');
    },
    exercise(db) {
      const n = (id: string) => db.prepare('SELECT n FROM residents WHERE id = ?').pluck().get(id) as number;
      const names = (match: string) => db.prepare('SELECT rowid FROM resident_search WHERE resident_search MATCH ? ORDER BY rowid').pluck().all(match);
      const lookup = (match: string) => db.prepare('SELECT rowid FROM resident_lookup WHERE resident_lookup MATCH ? ORDER BY rowid').pluck().all(match);
      // The residents registered before the upgrade are found again through the rebuilt indexes.
      expect(names('py : "mjg" *')).toEqual([n(SEED_RESIDENT_ID)]);
      expect(names('name : ^ "海" *')).toEqual([n(SEED_SPOUSE_ID)]);
      expect(lookup('idn : "4517"')).toEqual([n(SEED_RESIDENT_ID)]);
      expect(lookup('phone : "1234"')).toEqual([n(SEED_RESIDENT_ID)]);
      expect(lookup('addr : "惠民 民路"')).toEqual([n(SEED_RESIDENT_ID), n(SEED_SPOUSE_ID)]);
      // Numbers and addresses no longer sit in the prefix-indexed table.
      expect(() => names('idn : "4517"')).toThrow(/no such column/);
      expect(db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'resident_lookup'").pluck().get()).not.toMatch(/prefix/);
    },
  },
};

/** The fixture for `version`, or a failure that says where to add it. */
export function migrationFixture(version: number): MigrationFixture {
  const fixture = MIGRATION_FIXTURES[version];
  if (!fixture) throw new Error(`No migration fixture for v${version}: add a seeder and an exerciser to tests/support/migration-fixtures.ts`);
  return fixture;
}
