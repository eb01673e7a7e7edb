/**
 * One person, one record: the same normalized ID number is never registered twice, not even by two
 * cores writing to the same file at once; likely duplicates are found before save; a supervisor
 * merges two records of one person, keeping the history.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startCoreWorker, type CoreClient } from '../../electron/core/worker-client';
import type { Result } from '../../shared/contract';
import { composeIdNumber } from '../../shared/domain/id-number';
import { captureLogger } from '../support/captured-log';
import { changeLogRows, maxSeq, rowCount, snapshotTables } from '../support/db-inspect';
import { USER_PASSWORD, login, newConnection } from '../support/office';
import { expectFailure, expectOk } from '../support/results';
import { fullWidth, idNumberEndingInX, newIdNumber, register, registerHousehold, setupRegistry } from '../support/residents-registry';
import { householdProblems } from '../support/residents-invariants';
import { TEST_APP_VERSION, TEST_PASSWORD_COST, createTestHost, type TestHost } from '../support/test-host';
import { disposeTestResources, onDispose } from '../support/temp-dir';

afterEach(disposeTestResources);

/** Starting worker threads (each loads tsx) on a shared two-core machine can take a while. */
const WORKER_TIMEOUT_MS = 90_000;

const WORKER_ENTRY = path.resolve('electron/core/worker-dev-entry.cjs');

function residentsWithId(t: TestHost, idNumber: string): number {
  return t.host.db.prepare('SELECT count(*) FROM residents WHERE id_number = ? AND deleted_at IS NULL').pluck().get(idNumber) as number;
}

/** Exactly one attempt won; every other one is DUPLICATE_ID naming the winner (never INTERNAL). */
function expectOneWinner(results: Result<unknown>[]): { id: string; name: string } {
  const winners = results.filter((r) => r.ok);
  expect(winners, JSON.stringify(results.filter((r) => !r.ok && r.error.code !== 'DUPLICATE_ID'))).toHaveLength(1);
  const winner = (winners[0] as { ok: true; value: { id: string; name: string } }).value;
  for (const r of results.filter((x) => !x.ok)) {
    const error = expectFailure(r, 'DUPLICATE_ID');
    expect(error.params).toMatchObject({ existingId: winner.id, existingName: winner.name });
  }
  return winner;
}

describe('the same ID number is never registered twice', () => {
  it('a second registration → DUPLICATE_ID naming the existing resident at idNumber, in any typed form, writing nothing', async () => {
    const t = createTestHost();
    const office = await setupRegistry(t);
    const id = idNumberEndingInX();
    const first = await register(t, office.clerk.conn, { name: '王建国', idNumber: id });
    const before = snapshotTables(t.host.db);

    for (const typed of [id, id.toLowerCase(), fullWidth(id), ` ${id.slice(0, 9)} ${id.slice(9)} `]) {
      const error = expectFailure(await t.call(office.clerk.conn, 'residents.create', { name: '王建军', idNumber: typed, household: { mode: 'new' } }), 'DUPLICATE_ID');
      expect(error.params).toMatchObject({ existingId: first.id, existingName: '王建国' });
      expect(error.issues).toEqual([expect.objectContaining({ path: ['idNumber'], code: 'residents.duplicate_id', params: expect.objectContaining({ existingId: first.id }) })]);
      // The error names the person but shows the number masked only.
      expect(JSON.stringify(error)).not.toContain(id);
    }
    // Joining an existing household instead makes no difference.
    expectFailure(
      await t.call(office.clerk.conn, 'residents.create', { name: '王建军', idNumber: id, household: { mode: 'existing', householdId: first.householdId!, relation: 'sibling' } }),
      'DUPLICATE_ID',
    );
    expect(snapshotTables(t.host.db)).toEqual(before);
  });

  it('changing a resident’s number to one already registered → DUPLICATE_ID, and the record keeps its own', async () => {
    const t = createTestHost();
    const office = await setupRegistry(t);
    const taken = newIdNumber();
    const owner = await register(t, office.clerk.conn, { name: '李娜', idNumber: taken });
    const other = await register(t, office.clerk.conn, { name: '李静' });
    const seq = maxSeq(t.host.db);
    const error = expectFailure(await t.call(office.clerk.conn, 'residents.update', { id: other.id, version: other.version, idNumber: fullWidth(taken) }), 'DUPLICATE_ID');
    expect(error.params).toMatchObject({ existingId: owner.id, existingName: '李娜' });
    expect(maxSeq(t.host.db)).toBe(seq);
    expect(residentsWithId(t, taken)).toBe(1);
  });

  it('two hosts on one file (the app and the CLI) racing with the same number: one registers, the others get DUPLICATE_ID', async () => {
    const app = createTestHost();
    const office = await setupRegistry(app);
    const cli = createTestHost({ dir: app.dir, dbPath: app.dbPath, clock: app.clock });
    const cliConn = newConnection('cli');
    await login(cli, cliConn, office.clerk.user.username, USER_PASSWORD);
    const id = newIdNumber();
    const households = rowCount(app.host.db, 'households');

    const forms = [id, id.toLowerCase(), fullWidth(id)];
    const attempts = Array.from({ length: 12 }, (_, i) => {
      const [host, conn] = i % 2 === 0 ? [app, office.clerk.conn] : [cli, cliConn];
      return host.call(conn, 'residents.create', { name: `抢先${i}`, idNumber: forms[i % forms.length], household: { mode: 'new' } });
    });
    const winner = expectOneWinner(await Promise.all(attempts));

    expect(residentsWithId(app, id)).toBe(1);
    expect(rowCount(app.host.db, 'households')).toBe(households + 1);
    expect(expectOk(await cli.call(cliConn, 'residents.get', { id: winner.id })).name).toBe(winner.name);
    expect([...app.logs, ...cli.logs].filter((l) => l.level === 'error')).toEqual([]);
  });

  it('two core worker threads writing the same file in parallel: exactly one row, the rest DUPLICATE_ID, never INTERNAL', async () => {
    const t = createTestHost();
    const office = await setupRegistry(t);
    const logs = captureLogger();
    const workers: CoreClient[] = [];
    for (let i = 0; i < 2; i++) {
      const worker = await startCoreWorker(WORKER_ENTRY, { dbPath: t.dbPath, appVersion: TEST_APP_VERSION, passwordCostLog2: TEST_PASSWORD_COST }, logs.logger);
      onDispose(() => worker.close());
      expectOk(await worker.dispatch('w', 'accounts.login', { username: office.clerk.user.username, password: USER_PASSWORD }));
      workers.push(worker);
    }
    const seq = maxSeq(t.host.db);

    // Several rounds, each a fresh number: every round must have exactly one winner.
    for (let round = 0; round < 3; round++) {
      const id = newIdNumber();
      const forms = [id, fullWidth(id), ` ${id} `];
      const attempts = workers.flatMap((worker, w) =>
        Array.from({ length: 6 }, (_, i) =>
          worker.dispatch('w', 'residents.create', { name: `并发${round}${w}${i}`, idNumber: forms[i % forms.length], household: { mode: 'new', address: '锦林街道' } }),
        ),
      );
      expectOneWinner(await Promise.all(attempts));
      expect(residentsWithId(t, id)).toBe(1);
    }

    // Only the winners’ writes landed: three registrations of three entries each.
    expect(changeLogRows(t.host.db, seq).map((r) => r.entity)).toEqual(Array.from({ length: 3 }, () => ['households', 'residents', 'household_members']).flat());
    expect(householdProblems(t.host.db)).toEqual([]);
    expect(logs.lines.filter((l) => l.level === 'error')).toEqual([]);
  }, WORKER_TIMEOUT_MS);

  it('a writer that slips in between the check and the insert still meets the unique index, answered as DUPLICATE_ID', async () => {
    const t = createTestHost();
    const office = await setupRegistry(t);
    const id = newIdNumber();
    // Plays the other writer: right after the pre-check, as the new household is written, a row with
    // the same number appears (in its own statement, so our failing insert does not undo it).
    t.host.db.exec(`CREATE TRIGGER other_writer AFTER INSERT ON households WHEN NEW.address = '抢先地址' BEGIN
      INSERT INTO residents (id, office_id, name, name_pinyin, id_number, birth_date, sex, division_code, created_at, updated_at)
      VALUES ('other-writer-row', NEW.office_id, '先到者', 'xiandaozhe', '${id}', '1985-06-12', 'male', '640202', NEW.created_at, NEW.created_at);
    END`);
    const before = snapshotTables(t.host.db);
    const error = expectFailure(await t.call(office.clerk.conn, 'residents.create', { name: '后到者', idNumber: id, household: { mode: 'new', address: '抢先地址' } }), 'DUPLICATE_ID');
    expect(error.params).toMatchObject({ existingId: 'other-writer-row', existingName: '先到者' });
    expect(error.issues).toEqual([expect.objectContaining({ path: ['idNumber'], code: 'residents.duplicate_id' })]);
    expect(t.logs.filter((l) => l.level === 'error')).toEqual([]);
    expect(snapshotTables(t.host.db)).toEqual(before);
  });
});

describe('likely duplicates before save (residents.checkDuplicates)', () => {
  it('finds the same name with the same birth date, and the same name with the same phone, each with its reason', async () => {
    const t = createTestHost();
    const office = await setupRegistry(t);
    const sameBirth = await register(t, office.clerk.conn, { name: '张伟', idNumber: composeIdNumber('640202', '1980-05-05', 11) });
    const samePhone = await register(t, office.clerk.conn, { name: '张伟', idNumber: composeIdNumber('640205', '1991-01-20', 13), phone: '13995123456' });
    await register(t, office.clerk.conn, { name: '张伟', idNumber: composeIdNumber('640221', '1970-09-09', 15) }); // neither
    await register(t, office.clerk.conn, { name: '张卫', idNumber: composeIdNumber('640202', '1980-05-05', 17), phone: '13995123456' }); // other name

    const typedId = composeIdNumber('640221', '1980-05-05', 19);
    const found = expectOk(await t.call(office.clerk.conn, 'residents.checkDuplicates', { name: ' 张伟 ', idNumber: typedId, phone: '139-9512-3456' }));
    expect(found).toEqual([
      { id: sameBirth.id, name: '张伟', idNumberMasked: sameBirth.idNumberMasked, reason: 'name_birth' },
      { id: samePhone.id, name: '张伟', idNumberMasked: samePhone.idNumberMasked, reason: 'name_phone' },
    ]);
  });

  it('leaves out the record being edited (excludeId) and a record with the identical number (that is DUPLICATE_ID on save)', async () => {
    const t = createTestHost();
    const office = await setupRegistry(t);
    const id = composeIdNumber('640202', '1980-05-05', 21);
    const self = await register(t, office.clerk.conn, { name: '刘洋', idNumber: id, phone: '13800000001' });
    const twin = await register(t, office.clerk.conn, { name: '刘洋', idNumber: composeIdNumber('640205', '1980-05-05', 23) });

    const editing = expectOk(await t.call(office.clerk.conn, 'residents.checkDuplicates', { name: '刘洋', idNumber: id, phone: '13800000001', excludeId: self.id }));
    expect(editing.map((d) => [d.id, d.reason])).toEqual([[twin.id, 'name_birth']]);

    const sameNumber = expectOk(await t.call(office.clerk.conn, 'residents.checkDuplicates', { name: '刘洋', idNumber: fullWidth(id) }));
    expect(sameNumber.map((d) => d.id)).toEqual([twin.id]);
    expect(expectOk(await t.call(office.clerk.conn, 'residents.checkDuplicates', { name: '刘阳', idNumber: id, phone: '13800000001' }))).toEqual([]);
  });
});

describe('supervisor merge of two records of one person (residents.merge)', () => {
  async function twoRecords() {
    const t = createTestHost();
    const office = await setupRegistry(t);
    const keep = await register(t, office.clerk.conn, { name: '马德福', idNumber: composeIdNumber('640202', '1950-02-02', 31), address: '朝阳街道1号楼', phone: null });
    const duplicate = await register(t, office.clerk.conn, {
      name: '马德福',
      idNumber: composeIdNumber('640205', '1950-02-02', 33),
      phone: '13995001122',
      ethnicity: '回族',
      livingAlone: true,
      lowIncomeCategory: 'dibao',
      notes: '旧档案',
    });
    return { t, office, keep, duplicate };
  }

  it('tombstones the merged record pointing at the kept one; the kept one gains only what it lacked', async () => {
    const { t, office, keep, duplicate } = await twoRecords();
    const merged = expectOk(
      await t.call(office.supervisor.conn, 'residents.merge', { keepId: keep.id, keepVersion: keep.version, mergeId: duplicate.id, mergeVersion: duplicate.version }),
    );
    expect(merged).toMatchObject({ id: keep.id, version: keep.version + 1, address: '朝阳街道1号楼', phone: '13995001122', ethnicity: '回族', livingAlone: true, lowIncomeCategory: 'dibao', notes: '旧档案' });
    expect(merged.idNumberMasked).toBe(keep.idNumberMasked);

    const row = t.host.db.prepare('SELECT merged_into, deleted_at, household_id FROM residents WHERE id = ?').get(duplicate.id);
    expect(row).toEqual({ merged_into: keep.id, deleted_at: t.clock.now().toISOString(), household_id: null });
    expectFailure(await t.call(office.clerk.conn, 'residents.get', { id: duplicate.id }), 'NOT_FOUND');
    // Its household had only them: closed.
    expectFailure(await t.call(office.clerk.conn, 'households.get', { id: duplicate.householdId! }), 'NOT_FOUND');
    expect(householdProblems(t.host.db)).toEqual([]);
  });

  it('keeps the history: earlier change-log entries stay, the merge adds its own; the membership period is closed, not removed', async () => {
    const { t, office, keep, duplicate } = await twoRecords();
    const before = changeLogRows(t.host.db);
    const seq = maxSeq(t.host.db);
    expectOk(await t.call(office.supervisor.conn, 'residents.merge', { keepId: keep.id, keepVersion: keep.version, mergeId: duplicate.id, mergeVersion: duplicate.version }));
    expect(changeLogRows(t.host.db).slice(0, before.length)).toEqual(before);
    const entries = changeLogRows(t.host.db, seq);
    expect(entries.filter((e) => e.entity_id === keep.id).map((e) => e.op)).toEqual(['update']);
    expect(entries.filter((e) => e.entity_id === duplicate.id).map((e) => e.op)).toEqual(['update', 'delete']);
    expect(entries.every((e) => e.user_id === office.supervisor.user.id)).toBe(true);
    const periods = t.host.db.prepare('SELECT from_at, to_at FROM household_members WHERE resident_id = ?').all(duplicate.id);
    expect(periods).toEqual([{ from_at: duplicate.createdAt, to_at: t.clock.now().toISOString() }]);
  });

  it('a kept record that gains a disability category from the other record stays editable', async () => {
    const t = createTestHost();
    const office = await setupRegistry(t);
    const keep = await register(t, office.clerk.conn, { name: '杨帆' });
    const otherId = newIdNumber();
    const duplicate = await register(t, office.clerk.conn, { name: '杨帆', idNumber: otherId, disabilityCert: `${otherId}41` });
    const merged = expectOk(
      await t.call(office.supervisor.conn, 'residents.merge', { keepId: keep.id, keepVersion: keep.version, mergeId: duplicate.id, mergeVersion: duplicate.version }),
    );
    // The other record's certificate begins with the other number: it is no certificate of the kept
    // record (taking it made every later edit fail disability_cert_id). Category and grade carry over.
    expect(merged).toMatchObject({ disabilityCategory: 4, disabilityGrade: 1, disabilityCertMasked: null });
    expectOk(await t.call(office.clerk.conn, 'residents.update', { id: keep.id, version: merged.version, phone: '13995001122' }));
  });

  it('checks both versions (STALE_VERSION with the current one) and writes nothing', async () => {
    const { t, office, keep, duplicate } = await twoRecords();
    expectOk(await t.call(office.clerk.conn, 'residents.update', { id: duplicate.id, version: duplicate.version, notes: '又改了' }));
    const before = snapshotTables(t.host.db);
    const staleMerge = expectFailure(
      await t.call(office.supervisor.conn, 'residents.merge', { keepId: keep.id, keepVersion: keep.version, mergeId: duplicate.id, mergeVersion: duplicate.version }),
      'STALE_VERSION',
    );
    expect(staleMerge.params).toMatchObject({ current: duplicate.version + 1 });
    const staleKeep = expectFailure(
      await t.call(office.supervisor.conn, 'residents.merge', { keepId: keep.id, keepVersion: keep.version + 5, mergeId: duplicate.id, mergeVersion: duplicate.version + 1 }),
      'STALE_VERSION',
    );
    expect(staleKeep.params).toMatchObject({ current: keep.version });
    expect(snapshotTables(t.host.db)).toEqual(before);
  });

  it('only records.approve may merge: a clerk gets FORBIDDEN and nothing changes', async () => {
    const { t, office, keep, duplicate } = await twoRecords();
    const before = snapshotTables(t.host.db);
    const error = expectFailure(
      await t.call(office.clerk.conn, 'residents.merge', { keepId: keep.id, keepVersion: keep.version, mergeId: duplicate.id, mergeVersion: duplicate.version }),
      'FORBIDDEN',
    );
    expect(error.params).toMatchObject({ permission: 'records.approve' });
    expectFailure(
      await t.call(office.viewer.conn, 'residents.merge', { keepId: keep.id, keepVersion: keep.version, mergeId: duplicate.id, mergeVersion: duplicate.version }),
      'FORBIDDEN',
    );
    expect(snapshotTables(t.host.db)).toEqual(before);
  });

  it('refuses to merge a record into itself, or one that heads a household with others in it', async () => {
    const t = createTestHost();
    const office = await setupRegistry(t);
    const keep = await register(t, office.clerk.conn, { name: '周杰' });
    const [head] = await registerHousehold(t, office.clerk.conn, ['周杰', '周小米']);
    const self = expectFailure(await t.call(office.supervisor.conn, 'residents.merge', { keepId: keep.id, keepVersion: 1, mergeId: keep.id, mergeVersion: 1 }), 'INVALID_INPUT');
    expect(self.issues).toEqual([expect.objectContaining({ path: ['mergeId'], code: 'residents.merge_self' })]);
    const before = snapshotTables(t.host.db);
    const heads = expectFailure(
      await t.call(office.supervisor.conn, 'residents.merge', { keepId: keep.id, keepVersion: keep.version, mergeId: head.id, mergeVersion: head.version }),
      'INVALID_INPUT',
    );
    expect(heads.issues).toEqual([expect.objectContaining({ path: ['mergeId'], code: 'residents.merge_head' })]);
    expect(snapshotTables(t.host.db)).toEqual(before);
  });

  it('a merged member leaves their household, which keeps its head', async () => {
    const t = createTestHost();
    const office = await setupRegistry(t);
    const keep = await register(t, office.clerk.conn, { name: '吴敏' });
    const [head, member] = await registerHousehold(t, office.clerk.conn, ['吴刚', '吴敏']);
    expectOk(await t.call(office.supervisor.conn, 'residents.merge', { keepId: keep.id, keepVersion: keep.version, mergeId: member.id, mergeVersion: member.version }));
    const household = expectOk(await t.call(office.clerk.conn, 'households.get', { id: head.householdId! }));
    expect(household.members.map((m) => m.residentId)).toEqual([head.id]);
    expect(household.history.find((h) => h.residentId === member.id)).toMatchObject({ to: t.clock.now().toISOString() });
    expect(householdProblems(t.host.db)).toEqual([]);
  });
});
