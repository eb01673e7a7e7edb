/**
 * One write context per contract call: every row a call writes — however many repositories it goes
 * through — carries the call's one transaction id (sync ships and applies changes by it), new rows
 * are stamped with the office, and the result names the entities the call changed (the renderer
 * refetches by them). Writing a table no feature registered as a record table is refused.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { MethodName, Result } from '../../shared/contract';
import { insertRecord } from '../../electron/core/db/writes';
import { uuidv7 } from '../../electron/core/ids';
import { changeLogRows, maxSeq, snapshotTables } from '../support/db-inspect';
import { expectFailure, expectOk } from '../support/results';
import { registerHousehold, setupRegistry } from '../support/residents-registry';
import { createTestHost, type TestHost } from '../support/test-host';
import { disposeTestResources } from '../support/temp-dir';
import { family, inDir, personRow, writeCsv } from './imports-fixtures';

afterEach(disposeTestResources);

const HEADER = ['序号', '姓名', '身份证号', '性别', '出生日期', '与户主关系', '联系电话', '现住址'];

/** Run `call`, then the change-log rows it wrote and its result. */
async function written(t: TestHost, call: () => Promise<Result<unknown>>) {
  const seq = maxSeq(t.host.db);
  const result = await call();
  expect(result.ok, JSON.stringify(result)).toBe(true);
  return { rows: changeLogRows(t.host.db, seq), result };
}

function expectOneTx(rows: { tx: string }[], atLeast = 2): void {
  expect(rows.length).toBeGreaterThanOrEqual(atLeast);
  expect(new Set(rows.map((r) => r.tx)).size).toBe(1);
}

/** The entities a result names are exactly those its change-log rows touched. */
function expectChangedNames(result: Result<unknown>, rows: { entity: string }[]): void {
  expect(result.changed).toEqual([...new Set(rows.map((r) => r.entity))].sort());
}

describe('one transaction id per call', () => {
  it('a household split, merge and move each write all their rows under one tx, and say which entities changed', async () => {
    const t = createTestHost();
    const office = await setupRegistry(t);
    const conn = office.clerk.conn;
    const [head, , son, daughterInLaw] = await registerHousehold(t, conn, ['杨德福', '林秀英', '杨军', '何丽']);
    const [otherHead] = await registerHousehold(t, conn, ['郑国强', '郑小强']);

    const h = expectOk(await t.call(conn, 'households.get', { id: head.householdId! }));
    const split = await written(t, () => t.call(conn, 'households.split', { id: h.id, version: h.version, memberIds: [son.id, daughterInLaw.id], newHeadId: son.id }));
    expectOneTx(split.rows, 6);
    expectChangedNames(split.result, split.rows);
    expect(split.result.changed).toEqual(['household_members', 'households', 'residents']);

    const keep = expectOk(await t.call(conn, 'households.get', { id: head.householdId! }));
    const merge = expectOk(await t.call(conn, 'households.get', { id: otherHead.householdId! }));
    const merged = await written(t, () =>
      t.call(conn, 'households.merge', { keepId: keep.id, keepVersion: keep.version, mergeId: merge.id, mergeVersion: merge.version, relations: { [otherHead.id]: 'sibling' } }),
    );
    expectOneTx(merged.rows, 6);
    expectChangedNames(merged.result, merged.rows);

    // The head leaves and names a successor: the old household's head changes too.
    const moved = await written(t, () => t.call(conn, 'households.moveMember', { residentId: son.id, to: { mode: 'new', address: '星海镇幸福小区9号楼' }, newHeadId: daughterInLaw.id }));
    expectOneTx(moved.rows, 4);
    expectChangedNames(moved.result, moved.rows);
    // Calls do not share one: three calls, three transaction ids.
    expect(new Set([split.rows[0].tx, merged.rows[0].tx, moved.rows[0].tx]).size).toBe(3);
  });

  it('a resident merge writes all its rows under one tx', async () => {
    const t = createTestHost();
    const office = await setupRegistry(t);
    const [keep] = await registerHousehold(t, office.clerk.conn, ['王建华']);
    const [, duplicate] = await registerHousehold(t, office.clerk.conn, ['王大山', '王建华']);
    const a = expectOk(await t.call(office.clerk.conn, 'residents.get', { id: keep.id }));
    const b = expectOk(await t.call(office.clerk.conn, 'residents.get', { id: duplicate.id }));
    const merge = await written(t, () => t.call(office.supervisor.conn, 'residents.merge', { keepId: a.id, keepVersion: a.version, mergeId: b.id, mergeVersion: b.version }));
    expectOneTx(merge.rows, 2);
    expectChangedNames(merge.result, merge.rows);
  });

  it('an import (a job writing in checkpointed batches) and its undo each write under one tx, and the job result names the entities', async () => {
    const t = createTestHost();
    const office = await setupRegistry(t);
    const conn = office.clerk.conn;
    const file = writeCsv(inDir(t.dir, '花名册.csv'), [HEADER, ...family().map(personRow)], 'utf8');
    const run = (method: MethodName, input: unknown) => () => t.host.runJob(conn, method, input);
    const imported = await written(t, run('imports.commit', { file }));
    expectOneTx(imported.rows, 8);
    expectChangedNames(imported.result, imported.rows);
    const importId = (imported.result as { value: { importId: string } }).value.importId;
    const undone = await written(t, () => t.call(conn, 'imports.undo', { importId }));
    expectOneTx(undone.rows, 4);
    expect(undone.rows[0].tx).not.toBe(imported.rows[0].tx);
  });

  it('a query, and a mutation that writes no record, name no changed entities', async () => {
    const t = createTestHost();
    const office = await setupRegistry(t);
    const list = await t.call(office.clerk.conn, 'grids.list', {});
    expect(list.ok).toBe(true);
    expect('changed' in list).toBe(false);
    const draft = await t.call(office.clerk.conn, 'drafts.save', { key: 'resident:new', payload: { name: '张' }, baseVersion: null });
    expect(draft.ok).toBe(true);
    expect('changed' in draft).toBe(false);
  });
});

describe('the write context stamps the office and knows the record tables', () => {
  it('every new record row carries the office id, though no caller passes it', async () => {
    const t = createTestHost();
    const office = await setupRegistry(t);
    await registerHousehold(t, office.clerk.conn, ['马建国', '海秀兰']);
    const officeId = t.host.db.prepare('SELECT id FROM office').pluck().get();
    for (const table of ['settings', 'users', 'households', 'residents', 'household_members']) {
      const offices = t.host.db.prepare(`SELECT DISTINCT office_id FROM ${table}`).pluck().all();
      expect(offices, table).toEqual([officeId]);
    }
  });

  it('writing a table that no feature registered is a programming error: INTERNAL, nothing written', async () => {
    const t = createTestHost({
      handlerOverrides: {
        'grids.create': (_input, ctx) => {
          insertRecord(ctx.write(), 'grids', uuidv7(), { code: 'G9', name: '九', worker: null });
          insertRecord(ctx.write(), 'drafts', uuidv7(), { user_id: 'x', key: 'k', payload: '{}', base_version: null, saved_at: ctx.now.toISOString() });
          throw new Error('unreachable');
        },
      },
    });
    const office = await setupRegistry(t);
    const before = snapshotTables(t.host.db);
    expectFailure(await t.call(office.adminConn, 'grids.create', { code: 'G9', name: '九' }), 'INTERNAL');
    expect(snapshotTables(t.host.db)).toEqual(before);
    expect(t.logs.some((line) => line.message.includes('drafts is not a record table'))).toBe(true);
  });
});
