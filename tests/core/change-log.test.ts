/**
 * The change log: every write through a service appends exactly the expected entries, in the same
 * transaction as the write, with contiguous sequence numbers and field names only (never values).
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { findUserById, insertUser } from '../../electron/core/accounts/repository';
import { findOffice, findSettings, updateSettings } from '../../electron/core/office/repository';
import { ContractFailure } from '../../electron/core/errors';
import { uuidv7 } from '../../electron/core/ids';
import { ROLES } from '../../shared/domain/roles';
import { ADMIN_PASSWORD, SETUP_INPUT, createUser, login, newConnection, setupOffice } from '../support/office';
import { expectFailure, expectOk } from '../support/results';
import { createTestHost } from '../support/test-host';
import { disposeTestResources } from '../support/temp-dir';
import { changeLogRows, maxSeq, rowCount, snapshotTables } from '../support/db-inspect';

afterEach(disposeTestResources);

const fieldsOf = (row: { fields: string }) => JSON.parse(row.fields) as string[];

describe('entries written by each service', () => {
  it('office.setup logs the office, settings and administrator inserts, in one transaction', async () => {
    const t = createTestHost({ extra: { encryption: false } });
    expectOk(await t.call(newConnection(), 'office.setup', SETUP_INPUT));
    const rows = changeLogRows(t.host.db);
    const office = findOffice(t.host.db)!;
    const settings = findSettings(t.host.db)!;
    const admin = t.host.db.prepare('SELECT id FROM users').pluck().get() as string;

    expect(rows.map((r) => [r.seq, r.entity, r.entity_id, r.op, r.version, fieldsOf(r)])).toEqual([
      [1, 'office', office.id, 'insert', 1, ['code', 'division_code', 'name']],
      [2, 'settings', settings.id, 'insert', 1, ['idle_lock_minutes', 'lockout_minutes', 'lockout_threshold', 'office_id']],
      [3, 'users', admin, 'insert', 1, ['display_name', 'office_id', 'password_hash', 'role', 'username']],
    ]);
    expect(new Set(rows.map((r) => r.tx)).size).toBe(1);
    expect(rows.every((r) => r.at === t.clock.now().toISOString())).toBe(true);
  });

  it('accounts.users.create logs one insert by the administrator who made it', async () => {
    const t = createTestHost({ extra: { encryption: false } });
    const office = await setupOffice(t);
    const seq = maxSeq(t.host.db);
    const user = expectOk(await t.call(office.adminConn, 'accounts.users.create', { username: 'li.na', displayName: '李娜', role: 'clerk', password: 'Li-na-pass-1' }));
    const rows = changeLogRows(t.host.db, seq);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ entity: 'users', entity_id: user.id, op: 'insert', version: 1, user_id: office.admin.userId });
    expect(user.version).toBe(1);
  });

  it('accounts.users.update with a real change logs one update listing exactly the changed fields', async () => {
    const t = createTestHost({ extra: { encryption: false } });
    const office = await setupOffice(t);
    const { user } = await createUser(t, office, 'clerk');
    const seq = maxSeq(t.host.db);
    // role is sent but unchanged: only display_name and disabled really change.
    const updated = expectOk(
      await t.call(office.adminConn, 'accounts.users.update', { id: user.id, version: user.version, displayName: '李娜(社保)', role: 'clerk', disabled: true }),
    );
    const rows = changeLogRows(t.host.db, seq);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ entity: 'users', entity_id: user.id, op: 'update', version: 2 });
    expect(fieldsOf(rows[0])).toEqual(['disabled', 'display_name']);
    expect(updated).toMatchObject({ version: 2, displayName: '李娜(社保)', disabled: true, updatedAt: t.clock.now().toISOString() });
  });

  it('an update that changes nothing logs nothing and keeps the version', async () => {
    const t = createTestHost({ extra: { encryption: false } });
    const office = await setupOffice(t);
    const { user } = await createUser(t, office, 'clerk');
    const seq = maxSeq(t.host.db);
    t.clock.advanceMinutes(3);
    const same = expectOk(
      await t.call(office.adminConn, 'accounts.users.update', { id: user.id, version: user.version, displayName: user.displayName, role: user.role, disabled: false }),
    );
    expect(maxSeq(t.host.db)).toBe(seq);
    expect(same.version).toBe(user.version);
    expect(same.updatedAt).toBe(user.updatedAt);
  });

  it('office.settings.update logs one update of the changed setting', async () => {
    const t = createTestHost({ extra: { encryption: false } });
    const office = await setupOffice(t);
    const seq = maxSeq(t.host.db);
    const settings = expectOk(await t.call(office.adminConn, 'office.settings.update', { version: 1, idleLockMinutes: 30, lockoutMinutes: 15 }));
    const rows = changeLogRows(t.host.db, seq);
    expect(rows.map((r) => [r.entity, r.op, r.version, fieldsOf(r)])).toEqual([['settings', 'update', 2, ['idle_lock_minutes']]]);
    expect(settings).toEqual({ idleLockMinutes: 30, lockoutThreshold: 5, lockoutMinutes: 15, version: 2 });
  });

  it('signing in (and failing to) is bookkeeping, not a record change: no entries, no version bump', async () => {
    const t = createTestHost({ extra: { encryption: false } });
    const office = await setupOffice(t);
    const seq = maxSeq(t.host.db);
    expectFailure(await t.call(newConnection(), 'accounts.login', { username: 'admin', password: 'Wrong-pass-1' }), 'BAD_CREDENTIALS');
    await login(t, newConnection(), 'admin', ADMIN_PASSWORD);
    expect(maxSeq(t.host.db)).toBe(seq);
    expect(findUserById(t.host.db, office.admin.userId)?.version).toBe(1);
  });
});

describe('atomicity', () => {
  it('a mutation that writes through the repositories and then throws leaves no rows and no entries', async () => {
    const t = createTestHost({
      extra: { encryption: false },
      handlerOverrides: {
        'accounts.users.create': (input, ctx) => {
          const w = ctx.write();
          insertUser(w, uuidv7(), { username: input.username, displayName: input.displayName, role: input.role, passwordHash: 'h' });
          updateSettings(w, findSettings(ctx.db)!.id, 1, { idleLockMinutes: 99 });
          throw new Error('power cut between two writes');
        },
      },
    });
    const office = await setupOffice(t);
    const before = snapshotTables(t.host.db);
    const result = await t.call(office.adminConn, 'accounts.users.create', { username: 'ghost', displayName: '幽灵', role: 'clerk', password: 'Ghost-pass-1' });
    expectFailure(result, 'INTERNAL');
    expect(snapshotTables(t.host.db)).toEqual(before);
  });

  it('an expected failure after a write rolls the write back as well', async () => {
    const t = createTestHost({
      extra: { encryption: false },
      handlerOverrides: {
        'office.settings.update': (input, ctx) => {
          updateSettings(ctx.write(), findSettings(ctx.db)!.id, input.version, { lockoutThreshold: 3 });
          throw new ContractFailure('NOT_FOUND');
        },
      },
    });
    const office = await setupOffice(t);
    const before = snapshotTables(t.host.db);
    expectFailure(await t.call(office.adminConn, 'office.settings.update', { version: 1, lockoutThreshold: 3 }), 'NOT_FOUND');
    expect(snapshotTables(t.host.db)).toEqual(before);
  });

  it('office.setup whose administrator insert fails leaves no office, no settings and no entries, and can be retried', async () => {
    const t = createTestHost({ extra: { encryption: false } });
    // A real failure inside SQLite, at the third write of the setup transaction.
    t.host.db.exec("CREATE TRIGGER refuse_users BEFORE INSERT ON users BEGIN SELECT RAISE(ABORT, 'users refused'); END");
    expectFailure(await t.call(newConnection(), 'office.setup', SETUP_INPUT), 'INTERNAL');
    for (const table of ['office', 'settings', 'users', 'change_log']) expect(rowCount(t.host.db, table), table).toBe(0);
    expect(t.logs.some((l) => l.level === 'error' && l.message.includes('users refused'))).toBe(true);

    t.host.db.exec('DROP TRIGGER refuse_users');
    expectOk(await t.call(newConnection(), 'office.setup', SETUP_INPUT));
    expect(changeLogRows(t.host.db).map((r) => r.seq)).toEqual([1, 2, 3]);
  });
});

describe('optimistic concurrency', () => {
  it('a stale version is STALE_VERSION naming the current one, and nothing is written', async () => {
    const t = createTestHost({ extra: { encryption: false } });
    const office = await setupOffice(t);
    const { user } = await createUser(t, office, 'clerk');
    expectOk(await t.call(office.adminConn, 'accounts.users.update', { id: user.id, version: 1, displayName: '第一次修改' }));
    const before = snapshotTables(t.host.db);

    const error = expectFailure(await t.call(office.adminConn, 'accounts.users.update', { id: user.id, version: 1, displayName: '过期的修改', role: 'viewer' }), 'STALE_VERSION');
    expect(error.params).toEqual({ current: 2, expected: 1 });
    const reset = await t.call(office.adminConn, 'accounts.users.resetPassword', { id: user.id, version: 1, newPassword: 'Stale-reset-1' });
    expectFailure(reset, 'STALE_VERSION');
    expectFailure(await t.call(office.adminConn, 'office.settings.update', { version: 7, idleLockMinutes: 5 }), 'STALE_VERSION');

    expect(snapshotTables(t.host.db)).toEqual(before);
  });

  it('updating a user that does not exist is NOT_FOUND', async () => {
    const t = createTestHost({ extra: { encryption: false } });
    const office = await setupOffice(t);
    expectFailure(await t.call(office.adminConn, 'accounts.users.update', { id: uuidv7(), version: 1, displayName: '无此人' }), 'NOT_FOUND');
  });
});

describe('sequence and contents', () => {
  it('after any mix of writes, sequence numbers run 1..n and each record’s entries count its versions', async () => {
    type Op =
      | { kind: 'create'; role: (typeof ROLES)[number] }
      | { kind: 'rename'; pick: number; name: string }
      | { kind: 'role'; pick: number; role: (typeof ROLES)[number] }
      | { kind: 'stale'; pick: number }
      | { kind: 'settings'; idle: number };
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ kind: fc.constant('create' as const), role: fc.constantFrom(...ROLES) }),
      fc.record({ kind: fc.constant('rename' as const), pick: fc.nat(), name: fc.constantFrom('张伟', '王芳', '李娜') }),
      fc.record({ kind: fc.constant('role' as const), pick: fc.nat(), role: fc.constantFrom(...ROLES) }),
      fc.record({ kind: fc.constant('stale' as const), pick: fc.nat() }),
      fc.record({ kind: fc.constant('settings' as const), idle: fc.integer({ min: 1, max: 3 }) }),
    );

    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 12 }), async (ops) => {
        const t = createTestHost({ extra: { encryption: false } });
        const office = await setupOffice(t);
        const ids = [office.admin.userId];
        let n = 0;
        for (const o of ops) {
          const pickUser = (i: number) => findUserById(t.host.db, ids[i % ids.length])!;
          if (o.kind === 'create') {
            n += 1;
            const u = await t.call(office.adminConn, 'accounts.users.create', { username: `user${n}`, displayName: `用户${n}`, role: o.role, password: 'Prop-pass-1' });
            ids.push(expectOk(u).id);
          } else if (o.kind === 'rename') {
            const u = pickUser(o.pick);
            await t.call(office.adminConn, 'accounts.users.update', { id: u.id, version: u.version, displayName: o.name });
          } else if (o.kind === 'role') {
            // Never the calling administrator: demoting them would make every later call FORBIDDEN.
            if (ids.length < 2) continue;
            const u = pickUser(1 + (o.pick % (ids.length - 1)));
            await t.call(office.adminConn, 'accounts.users.update', { id: u.id, version: u.version, role: o.role }); // may be LAST_ADMIN
          } else if (o.kind === 'stale') {
            const u = pickUser(o.pick);
            await t.call(office.adminConn, 'accounts.users.update', { id: u.id, version: u.version + 1, displayName: '不该写入' });
          } else {
            const s = findSettings(t.host.db)!;
            await t.call(office.adminConn, 'office.settings.update', { version: s.version, idleLockMinutes: 10 + o.idle });
          }
        }
        const rows = changeLogRows(t.host.db);
        expect(rows.map((r) => r.seq)).toEqual(rows.map((_r, i) => i + 1));
        const versions = t.host.db
          .prepare("SELECT 'users' AS entity, id, version FROM users UNION ALL SELECT 'settings', id, version FROM settings UNION ALL SELECT 'office', id, version FROM office")
          .all() as { entity: string; id: string; version: number }[];
        for (const v of versions) {
          const mine = rows.filter((r) => r.entity === v.entity && r.entity_id === v.id);
          expect(mine.map((r) => r.version)).toEqual(Array.from({ length: v.version }, (_x, i) => i + 1));
        }
        await t.close();
      }),
      { numRuns: 15 },
    );
  });

  it('password changes and resets log the field name only, never a hash or a password', async () => {
    const t = createTestHost({ extra: { encryption: false } });
    const office = await setupOffice(t);
    const clerk = await createUser(t, office, 'clerk');
    expectOk(await t.call(office.adminConn, 'accounts.changePassword', { currentPassword: ADMIN_PASSWORD, newPassword: 'Brand-new-pass-7' }));
    expectOk(await t.call(office.adminConn, 'accounts.users.resetPassword', { id: clerk.user.id, version: clerk.user.version, newPassword: 'Reset-by-admin-3' }));

    const rows = changeLogRows(t.host.db);
    const text = JSON.stringify(rows);
    const hashes = t.host.db.prepare('SELECT password_hash FROM users').pluck().all() as string[];
    for (const secret of [...hashes, ...hashes.map((h) => h.split('$')[4]), 'Brand-new-pass-7', 'Reset-by-admin-3', ADMIN_PASSWORD, 'scrypt']) {
      expect(text).not.toContain(secret);
    }
    const updates = rows.filter((r) => r.op === 'update');
    expect(updates.map((r) => [r.entity_id, fieldsOf(r)])).toEqual([
      [office.admin.userId, ['password_hash']],
      [clerk.user.id, ['password_hash']],
    ]);
  });

  it('system.changes.list returns the log as entries with who made each, filtered by entity, id and position', async () => {
    const t = createTestHost({ extra: { encryption: false } });
    const office = await setupOffice(t);
    const { user } = await createUser(t, office, 'clerk');
    expectOk(await t.call(office.adminConn, 'accounts.users.update', { id: user.id, version: 1, displayName: '新名字' }));

    const all = expectOk(await t.call(office.adminConn, 'system.changes.list', {}));
    expect(all.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(all[4]).toEqual({
      seq: 5,
      entity: 'users',
      entityId: user.id,
      op: 'update',
      version: 2,
      fields: ['display_name'],
      userId: office.admin.userId,
      userName: '王主任',
      at: t.clock.now().toISOString(),
    });
    // Who made a change is named for every reader, not only for those who may list accounts.
    const { conn: viewer } = await createUser(t, office, 'viewer');
    const seen = expectOk(await t.call(viewer, 'system.changes.list', { entity: 'users', entityId: user.id }));
    expect(seen.map((e) => e.userName)).toEqual(['王主任', '王主任']);
    const forUser = expectOk(await t.call(office.adminConn, 'system.changes.list', { entity: 'users', entityId: user.id }));
    expect(forUser.map((e) => e.seq)).toEqual([4, 5]);
    const page = expectOk(await t.call(office.adminConn, 'system.changes.list', { afterSeq: 1, limit: 2 }));
    expect(page.map((e) => e.seq)).toEqual([2, 3]);
  });
});
