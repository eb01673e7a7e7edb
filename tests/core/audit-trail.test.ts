/**
 * What the audit trail records, through the real services on a real database: one entry for every
 * record write in the same transaction (and none for a write that fails), every sign-in, failed ones
 * included, reveals, password and key changes — and never a raw ID number or password.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ContractFailure } from '../../electron/core/errors';
import type { MethodInput } from '../../shared/contract';
import { updateSettings, findSettings } from '../../electron/core/office/repository';
import { changeLogRows, maxSeq, snapshotTables } from '../support/db-inspect';
import { ADMIN_PASSWORD, USER_PASSWORD, createUser, login, newConnection, setupOffice } from '../support/office';
import { expectFailure, expectOk } from '../support/results';
import { newIdNumber, register, setupRegistry } from '../support/residents-registry';
import { createTestHost, type TestHost } from '../support/test-host';
import { disposeTestResources, makeTempDir } from '../support/temp-dir';
import { sealedFailuresPath } from '../../electron/core/audit/sealed-failures';
import { newRecoveryKey } from '../../electron/core/db/keystore';
import { auditRows, auditText, lastAuditSeq, verifyAudit, type AuditRow } from '../support/audit';
import { HEADER, family, jobOk, personRow, writeCsv } from './imports-fixtures';

afterEach(disposeTestResources);

const detail = (r: AuditRow) => JSON.parse(r.detail) as Record<string, unknown>;

/** Run `call`; return the change-log rows and audit entries it added. */
async function added<T>(t: TestHost, call: () => Promise<T>) {
  const changeBefore = maxSeq(t.host.db);
  const auditBefore = lastAuditSeq(t.host.db);
  const value = await call();
  return { value, changes: changeLogRows(t.host.db, changeBefore), entries: auditRows(t.host.db, auditBefore) };
}

describe('record writes', () => {
  it('every create, update and delete through a service adds one entry per change-log row, naming it, by the caller', async () => {
    const t = createTestHost();
    const office = await setupRegistry(t);
    const clerk = office.clerk;
    const calls: Array<[string, () => Promise<unknown>]> = [
      ['residents.create', () => register(t, clerk.conn, { name: '陈德明', household: { mode: 'new', address: '文明小区8号楼' } })],
      ['grids.create', async () => expectOk(await t.call(office.adminConn, 'grids.create', { code: 'G07', name: '第七网格' }))],
      ['office.settings.update', async () => expectOk(await t.call(office.adminConn, 'office.settings.update', { version: 1, idleLockMinutes: 25 }))],
    ];
    for (const [name, call] of calls) {
      const { changes, entries } = await added(t, call);
      const records = entries.filter((e) => e.action.startsWith('record.'));
      expect(changes.length, name).toBeGreaterThan(0);
      expect(records.length, name).toBe(changes.length);
      changes.forEach((c, i) => {
        const e = records[i];
        expect(e.action).toBe(`record.${c.op}`);
        expect([e.entity, e.entity_id, e.fields, e.user_id, e.at]).toEqual([c.entity, c.entity_id, c.fields, c.user_id, c.at]);
        expect(detail(e)).toEqual({ changeSeq: c.seq, version: c.version });
      });
    }
    const resident = expectOk(await t.call(clerk.conn, 'residents.list', {})).items[0];
    const update = await added(t, async () => expectOk(await t.call(clerk.conn, 'residents.update', { id: resident.id, version: resident.version, phone: '13995120001' })));
    expect(update.entries.map((e) => [e.action, e.entity, e.username, JSON.parse(e.fields) as string[]])).toEqual([
      ['record.update', 'residents', clerk.user.username, expect.arrayContaining(['phone'])],
    ]);
    const merged = await register(t, clerk.conn, { name: '陈得明', household: { mode: 'new' } });
    const merge = await added(t, async () =>
      expectOk(await t.call(office.supervisor.conn, 'residents.merge', { keepId: resident.id, keepVersion: resident.version + 1, mergeId: merged.id, mergeVersion: merged.version })),
    );
    expect(merge.entries.map((e) => e.action)).toContain('record.delete');
    expect(merge.entries.every((e) => e.user_id === office.supervisor.user.id)).toBe(true);
    expect((await verifyAudit(t, office.adminConn)).ok).toBe(true);
  });

  it('a write that fails adds no entry: a stale version, a duplicate ID, or an error after the write', async () => {
    const t = createTestHost({
      handlerOverrides: {
        'office.settings.update': (input, ctx) => {
          updateSettings(ctx.write(), findSettings(ctx.db)!.id, input.version, { lockoutThreshold: 3 });
          throw new ContractFailure('NOT_FOUND');
        },
      },
    });
    const office = await setupRegistry(t);
    const idNumber = newIdNumber();
    const first = await register(t, office.clerk.conn, { name: '高桂兰', idNumber });
    expectOk(await t.call(office.clerk.conn, 'residents.update', { id: first.id, version: first.version, notes: '已核实' }));
    const before = snapshotTables(t.host.db);
    expectFailure(await t.call(office.clerk.conn, 'residents.update', { id: first.id, version: first.version, notes: '过期' }), 'STALE_VERSION');
    expectFailure(await t.call(office.clerk.conn, 'residents.create', { name: '高桂兰', idNumber, household: { mode: 'new' } }), 'DUPLICATE_ID');
    expectFailure(await t.call(office.adminConn, 'office.settings.update', { version: 1, lockoutThreshold: 3 }), 'NOT_FOUND');
    expect(snapshotTables(t.host.db)).toEqual(before);
  });

  it('demo data writes one batch entry per transaction naming its change-log rows, and the chain verifies', async () => {
    const t = createTestHost({ extra: { encryption: false } });
    const office = await setupOffice(t);
    const { changes, entries } = await added(t, async () => expectOk(await t.host.runJob(office.adminConn, 'demo.generate', { residents: 300, seed: 3 })));
    // One batch entry per transaction: the register's, then each module's demo step's (elderly care: compounds,
    // places, facilities, their alerts, profiles, orders) — never one per row.
    expect(entries.length).toBeLessThan(12);
    expect(entries.every((e) => e.action === 'records.batch')).toBe(true);
    const batches = entries.filter((e) => e.action === 'records.batch').map(detail);
    expect(batches.reduce((n, b) => n + Number(b.rows), 0)).toBe(changes.length);
    expect(batches[0]).toMatchObject({ job: 'demo.generate', seed: 3, changeSeqFrom: changes[0].seq });
    expect((await verifyAudit(t, office.adminConn)).ok).toBe(true);
  });
});

describe('imports', () => {
  it('an import writes one batch entry over its change-log rows and an import entry; its undo is an entry too', async () => {
    const t = createTestHost();
    const office = await setupRegistry(t);
    const people = family();
    const file = writeCsv(path.join(t.dir, `花名册-${people[0].id}.csv`), [HEADER, ...people.map(personRow)], 'gbk');
    const { value: done, changes, entries } = await added(t, () => jobOk(t, office.clerk.conn, 'imports.commit', { file }));
    expect(entries.map((e) => e.action)).toEqual(['records.batch', 'import']);
    const [batch, entry] = entries.map(detail);
    expect(batch).toMatchObject({ job: 'imports.commit', importId: done.importId, changeSeqFrom: changes[0].seq, changeSeqTo: changes.at(-1)!.seq, rows: changes.length });
    expect(entry).toMatchObject({ importId: done.importId, format: 'csv', created: people.length, updated: 0 });
    // The file was named after an ID number: the trail keeps it masked.
    expect(String(entry.file)).not.toContain(people[0].id);
    expect(entries[1].username).toBe(office.clerk.user.username);

    const undo = await added(t, async () => expectOk(await t.call(office.supervisor.conn, 'imports.undo', { importId: done.importId! })));
    expect(undo.entries.filter((e) => !e.action.startsWith('record.')).map((e) => [e.action, detail(e).importId])).toEqual([['import.undo', done.importId]]);
    expect(undo.entries.filter((e) => e.action.startsWith('record.')).length).toBe(undo.changes.length);
    expect((await verifyAudit(t, office.adminConn)).ok).toBe(true);
  });

  it('an export is an entry: the file, how many rows, whether ID numbers were in full, and the filters (masked)', async () => {
    const t = createTestHost();
    const office = await setupRegistry(t);
    const idNumber = newIdNumber();
    await register(t, office.clerk.conn, { name: '陈德明', idNumber });
    const before = lastAuditSeq(t.host.db);
    await jobOk(t, office.clerk.conn, 'exports.residents', { file: path.join(t.dir, '居民.xlsx') });
    await jobOk(t, office.clerk.conn, 'exports.residents', { file: path.join(t.dir, '居民-打码.csv'), maskIds: true });
    const entries = auditRows(t.host.db, before);
    expect(entries.map((e) => [e.action, e.username])).toEqual([
      ['export', office.clerk.user.username],
      ['export', office.clerk.user.username],
    ]);
    expect(entries.map(detail)).toEqual([
      expect.objectContaining({ file: '居民.xlsx', format: 'xlsx', rows: 1, idsFull: true }),
      expect.objectContaining({ file: '居民-打码.csv', format: 'csv', rows: 1, idsFull: false }),
    ]);
    expect(auditText(t.host.db)).not.toContain(idNumber);
  });
});

describe('sign-ins', () => {
  it('a successful login, a logout and every kind of failed login are entries; failures keep the same answers', async () => {
    const t = createTestHost({ extra: { encryption: false } });
    const office = await setupOffice(t);
    const clerk = await createUser(t, office, 'clerk', 'li.na');
    const conn = newConnection();
    const before = lastAuditSeq(t.host.db);
    expectFailure(await t.call(conn, 'accounts.login', { username: 'li.na', password: 'Wrong-pass-1' }), 'BAD_CREDENTIALS');
    expectFailure(await t.call(conn, 'accounts.login', { username: 'nobody', password: 'Wrong-pass-1' }), 'BAD_CREDENTIALS');
    expectOk(await t.call(office.adminConn, 'accounts.users.update', { id: clerk.user.id, version: clerk.user.version, disabled: true }));
    expectFailure(await t.call(conn, 'accounts.login', { username: 'li.na', password: USER_PASSWORD }), 'ACCOUNT_DISABLED');
    await login(t, conn, 'admin', ADMIN_PASSWORD);
    expectOk(await t.call(conn, 'accounts.logout', {}));

    const entries = auditRows(t.host.db, before).filter((e) => !e.action.startsWith('record.'));
    expect(entries.map((e) => [e.action, e.username, e.user_id, detail(e).reason ?? null])).toEqual([
      ['login.failed', 'li.na', clerk.user.id, 'wrong_password'],
      // A name that is no user's is kept as its first character and length: it may be a mistyped password.
      ['login.failed', 'n…[6]', null, 'unknown_user'],
      ['login.failed', 'li.na', clerk.user.id, 'disabled'],
      ['login', 'admin', office.admin.userId, null],
      ['logout', 'admin', office.admin.userId, null],
    ]);
  });

  it('the attempt that locks an account, and attempts while it is locked, are entries', async () => {
    const t = createTestHost({ extra: { encryption: false } });
    const office = await setupOffice(t);
    await createUser(t, office, 'clerk', 'wang.fang');
    const settings = expectOk(await t.call(office.adminConn, 'office.settings.get', {}));
    const before = lastAuditSeq(t.host.db);
    for (let i = 0; i < settings.lockoutThreshold; i++) await t.call(newConnection(), 'accounts.login', { username: 'wang.fang', password: 'Wrong-pass-1' });
    expectFailure(await t.call(newConnection(), 'accounts.login', { username: 'wang.fang', password: USER_PASSWORD }), 'ACCOUNT_LOCKED');
    const reasons = auditRows(t.host.db, before).map((e) => detail(e).reason);
    expect(reasons).toEqual([...Array<string>(settings.lockoutThreshold - 1).fill('wrong_password'), 'wrong_password_locked', 'locked']);
  });

  it('unlocking an idle-locked window is an entry, and so is a wrong unlock password', async () => {
    const t = createTestHost({ extra: { encryption: false } });
    const office = await setupOffice(t);
    t.clock.advanceMinutes(60);
    expectFailure(await t.call(office.adminConn, 'system.info', {}), 'SESSION_LOCKED');
    const before = lastAuditSeq(t.host.db);
    expectFailure(await t.call(office.adminConn, 'accounts.unlock', { password: 'Wrong-pass-1' }), 'INVALID_INPUT');
    expectOk(await t.call(office.adminConn, 'accounts.unlock', { password: ADMIN_PASSWORD }));
    expect(auditRows(t.host.db, before).map((e) => [e.action, e.username])).toEqual([
      ['unlock.failed', 'admin'],
      ['unlock', 'admin'],
    ]);
  });

  it('wrong passwords against a sealed database are held and written, with their time, by the sign-in that opens it', async () => {
    const dir = makeTempDir();
    const dbPath = path.join(dir, 'office.civicdesk');
    const first = createTestHost({ dir, dbPath });
    await setupOffice(first);
    await first.close();

    const t = createTestHost({ dir, dbPath });
    expect(t.host.isOpen).toBe(false);
    const wrongAt = t.clock.now().toISOString();
    expectFailure(await t.call(newConnection(), 'accounts.login', { username: 'admin', password: 'Wrong-pass-1' }), 'BAD_CREDENTIALS');
    t.clock.advanceMinutes(3);
    const conn = newConnection();
    await login(t, conn, 'admin', ADMIN_PASSWORD);
    const tail = auditRows(t.host.db).slice(-2);
    expect(tail.map((e) => [e.action, e.username, e.at, detail(e)])).toEqual([
      ['login.failed', 'admin', wrongAt, { reason: 'wrong_password', whileSealed: true }],
      ['login', 'admin', t.clock.now().toISOString(), {}],
    ]);
    expect((await verifyAudit(t, conn)).ok).toBe(true);
  });

  it('they survive the app quitting before anyone signs in: kept in a file beside the database (no password in it), written once, then removed', async () => {
    const dir = makeTempDir();
    const dbPath = path.join(dir, 'office.civicdesk');
    const first = createTestHost({ dir, dbPath });
    await setupOffice(first);
    await first.close();

    const guessing = createTestHost({ dir, dbPath });
    const wrongKey = newRecoveryKey();
    const wrongAt = guessing.clock.now().toISOString();
    expectFailure(await guessing.call(newConnection(), 'accounts.login', { username: 'admin', password: 'Guess-one-1' }), 'BAD_CREDENTIALS');
    expectFailure(await guessing.call(newConnection(), 'accounts.recover', { username: 'admin', recoveryKey: wrongKey, newPassword: 'Another-pass-2' }), 'INVALID_INPUT');
    await guessing.close();
    const held = fs.readFileSync(sealedFailuresPath(dbPath), 'utf8');
    expect(held).not.toContain('Guess-one-1');
    expect(held).not.toContain(wrongKey.slice(0, 6));

    const t = createTestHost({ dir, dbPath });
    const conn = newConnection();
    await login(t, conn, 'admin', ADMIN_PASSWORD);
    const failed = auditRows(t.host.db).filter((e) => e.action === 'login.failed');
    expect(failed.map((e) => [e.username, e.at, detail(e)])).toEqual([
      ['admin', wrongAt, { reason: 'wrong_password', whileSealed: true }],
      ['admin', wrongAt, { reason: 'wrong_recovery_key', whileSealed: true }],
    ]);
    expect(fs.existsSync(sealedFailuresPath(dbPath))).toBe(false);
    // Signing in again writes nothing twice.
    await login(t, newConnection(), 'admin', ADMIN_PASSWORD);
    expect(auditRows(t.host.db).filter((e) => e.action === 'login.failed')).toHaveLength(2);
    expect((await verifyAudit(t, conn)).ok).toBe(true);
  });
});

describe('reveals, passwords and keys', () => {
  it('every reveal of a full ID is an entry naming the resident and the purpose chosen, never the number', async () => {
    const t = createTestHost();
    const office = await setupRegistry(t);
    const idNumber = newIdNumber();
    const resident = await register(t, office.clerk.conn, { name: '马建国', idNumber, disabilityCert: `${idNumber}41` });
    const before = lastAuditSeq(t.host.db);
    expectOk(await t.call(office.clerk.conn, 'residents.revealId', { id: resident.id, purpose: 'print' }));
    const [entry] = auditRows(t.host.db, before);
    expect(entry).toMatchObject({ action: 'id.reveal', entity: 'residents', entity_id: resident.id, user_id: office.clerk.user.id, fields: '["id_number"]' });
    expect(detail(entry)).toEqual({ purpose: 'print', disabilityCert: true });
    expect(auditText(t.host.db)).not.toContain(idNumber);
  });

  it('password change and reset, user create and remove, key slots, recovery and a new recovery key are entries', async () => {
    const t = createTestHost();
    const office = await setupOffice(t);
    const setupEntry = auditRows(t.host.db).find((e) => e.action === 'office.setup')!;
    expect(setupEntry).toMatchObject({ username: 'admin', entity: 'office' });
    expect(detail(setupEntry)).toMatchObject({ code: 'DWK-CYJ', encrypted: true });

    const before = lastAuditSeq(t.host.db);
    const clerk = await createUser(t, office, 'clerk', 'zhao.lei');
    expectOk(await t.call(clerk.conn, 'accounts.changePassword', { currentPassword: USER_PASSWORD, newPassword: 'Changed-pass-7' }));
    const current = expectOk(await t.call(office.adminConn, 'accounts.users.list', {})).find((u) => u.id === clerk.user.id)!;
    const reset = expectOk(await t.call(office.adminConn, 'accounts.users.resetPassword', { id: clerk.user.id, version: current.version, newPassword: 'Reset-pass-42' }));
    const { recoveryKey } = expectOk(await t.call(office.adminConn, 'accounts.recoveryKey.renew', { password: ADMIN_PASSWORD }));
    expectOk(await t.call(newConnection(), 'accounts.recover', { recoveryKey: recoveryKey!, username: 'zhao.lei', newPassword: 'Recovered-pass-3' }));
    expectFailure(await t.call(newConnection(), 'accounts.recover', { recoveryKey: 'AAAAAA-AAAAAA-AAAAAA-AAAAAA-AAAAAA-AAAAAA-AAAAAA-AAAAAA', username: 'zhao.lei', newPassword: 'Guess-pass-1' }), 'INVALID_INPUT');
    const latest = expectOk(await t.call(office.adminConn, 'accounts.users.list', {})).find((u) => u.id === clerk.user.id)!;
    expect(latest.version).toBeGreaterThan(reset.version);
    expectOk(await t.call(office.adminConn, 'accounts.users.remove', { id: clerk.user.id, version: latest.version }));

    const actions = auditRows(t.host.db, before)
      .filter((e) => !e.action.startsWith('record.'))
      .map((e) => `${e.action} ${e.username}`);
    expect(actions).toEqual([
      'user.create admin',
      'keyslot.set admin',
      'login zhao.lei',
      'password.change zhao.lei',
      'keyslot.set zhao.lei',
      'password.reset admin',
      'keyslot.set admin',
      'recoverykey.renew admin',
      'recovery zhao.lei',
      'keyslot.set zhao.lei',
      'login.failed zhao.lei',
      'user.remove admin',
      'keyslot.remove admin',
    ]);
    expect(auditText(t.host.db)).not.toContain(recoveryKey!);
    expect((await verifyAudit(t, office.adminConn)).ok).toBe(true);
  });
});

describe('nothing secret in the trail', () => {
  it('no raw ID number, password or recovery key appears anywhere in the audit table, whatever was typed', async () => {
    const t = createTestHost();
    const office = await setupRegistry(t);
    const ids = [newIdNumber(), newIdNumber(), newIdNumber()];
    const passwords = [ADMIN_PASSWORD, USER_PASSWORD, 'Typed-in-name-field-9', 'New-secret-pass-5'];
    const a = await register(t, office.clerk.conn, { name: '陈德明', idNumber: ids[0], notes: `原证号 ${ids[1]}` });
    // A disability certificate number begins with its holder's full ID number.
    await register(t, office.clerk.conn, { name: '高桂兰', idNumber: ids[1], disabilityCert: `${ids[1]}43` });
    expectOk(await t.call(office.clerk.conn, 'residents.update', { id: a.id, version: a.version, idNumber: ids[2] }));
    expectOk(await t.call(office.clerk.conn, 'residents.revealId', { id: a.id, purpose: 'edit' }));
    // A clerk who types an ID number, or a password, into the user-name box.
    expectFailure(await t.call(newConnection(), 'accounts.login', { username: ids[0], password: passwords[2] }), 'BAD_CREDENTIALS');
    expectFailure(await t.call(newConnection(), 'accounts.login', { username: 'admin', password: passwords[2] }), 'BAD_CREDENTIALS');
    expectOk(await t.call(office.clerk.conn, 'accounts.changePassword', { currentPassword: USER_PASSWORD, newPassword: passwords[3] }));
    const text = auditText(t.host.db);
    expect(text.length).toBeGreaterThan(1000);
    for (const secret of [...ids, ...passwords]) expect(text, secret).not.toContain(secret);
    // The hashes of passwords are not in it either: only the name of the column that changed.
    const hashes = t.host.db.prepare('SELECT password_hash FROM users').pluck().all() as string[];
    for (const h of hashes) expect(text).not.toContain(h);
    expect(text).toContain('password_hash');
  });
});

describe('browsing the trail', () => {
  it('audit.list pages newest first and filters by user, action, entity, record and time; only supervisors and admins may', async () => {
    const t = createTestHost({ extra: { encryption: false } });
    const office = await setupRegistry(t);
    const resident = await register(t, office.clerk.conn, { name: '陈德明' });
    // Later the same morning (within the idle lock, so nobody has to sign in again).
    t.clock.advanceMinutes(5);
    const later = t.clock.now().toISOString();
    expectOk(await t.call(office.clerk.conn, 'residents.revealId', { id: resident.id, purpose: 'view' }));
    expectOk(await t.call(office.clerk.conn, 'residents.update', { id: resident.id, version: resident.version, phone: '13995120001' }));

    const list = (conn: string, input: MethodInput<'audit.list'>) => t.call(conn, 'audit.list', input);
    const all = expectOk(await list(office.supervisor.conn, { limit: 500 }));
    expect(all.total).toBe(lastAuditSeq(t.host.db));
    expect(all.items.map((e) => e.seq)).toEqual([...all.items.map((e) => e.seq)].sort((x, y) => y - x));

    const page = expectOk(await list(office.supervisor.conn, { limit: 5, offset: 5 }));
    expect(page.items.map((e) => e.seq)).toEqual(all.items.slice(5, 10).map((e) => e.seq));

    const byClerk = expectOk(await list(office.supervisor.conn, { username: office.clerk.user.username }));
    expect(byClerk.items.length).toBeGreaterThan(0);
    expect(byClerk.items.every((e) => e.userId === office.clerk.user.id)).toBe(true);
    expect(expectOk(await list(office.supervisor.conn, { userId: office.clerk.user.id })).total).toBe(byClerk.total);

    const reveals = expectOk(await list(office.adminConn, { action: 'id.reveal' }));
    expect(reveals.items.map((e) => [e.entityId, e.detail])).toEqual([[resident.id, { purpose: 'view', disabilityCert: false }]]);

    const history = expectOk(await list(office.adminConn, { entity: 'residents', entityId: resident.id }));
    expect(history.items.map((e) => e.action)).toEqual(['record.update', 'id.reveal', 'record.insert']);
    expect(history.items[0].fields).toContain('phone');

    // (audit.start carries the wall-clock time of the migration, not the test clock's: bound both ends.)
    const untilEnd = new Date(t.clock.now().getTime() + 60_000).toISOString();
    const sinceLater = expectOk(await list(office.adminConn, { from: later, to: untilEnd }));
    expect(sinceLater.items.map((e) => e.action).sort()).toEqual(['id.reveal', 'record.update']);
    const before = expectOk(await list(office.adminConn, { to: later, limit: 500 }));
    expect(before.items.length).toBeGreaterThan(5);
    expect(before.items.every((e) => e.at < later)).toBe(true);

    const facets = expectOk(await t.call(office.supervisor.conn, 'audit.facets', {}));
    expect(facets.usernames).toEqual(expect.arrayContaining(['admin', office.clerk.user.username]));
    expect(facets.actions).toEqual(expect.arrayContaining(['audit.start', 'login', 'id.reveal', 'record.insert']));
    expect(facets.entities).toEqual(expect.arrayContaining(['residents', 'users']));

    for (const who of [office.clerk, office.viewer]) {
      expectFailure(await list(who.conn, {}), 'FORBIDDEN');
      expectFailure(await t.call(who.conn, 'audit.head', {}), 'FORBIDDEN');
      expectFailure(await t.host.runJob(who.conn, 'audit.verify', {}), 'FORBIDDEN');
    }
  });

  it('audit.head is the newest entry, and verify reports the same head', async () => {
    const t = createTestHost({ extra: { encryption: false } });
    const office = await setupOffice(t);
    const { head } = expectOk(await t.call(office.adminConn, 'audit.head', {}));
    const last = auditRows(t.host.db).at(-1)!;
    expect(head).toEqual({ seq: last.seq, hash: last.hash, at: last.at });
    const verified = await verifyAudit(t, office.adminConn, { anchor: { seq: head!.seq, hash: head!.hash } });
    expect(verified).toEqual({ entries: last.seq, ok: true, head: { seq: last.seq, hash: last.hash } });
  });
});
