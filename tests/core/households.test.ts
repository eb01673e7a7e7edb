/**
 * Households (户): a head and members with relations; moving people between households keeps who
 * was a member when; the head's leaving needs a new head; split (分户) and merge (合户) keep every
 * member's history; an emptied household is closed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Household } from '../../shared/contract';
import { changeLogRows, maxSeq, snapshotTables } from '../support/db-inspect';
import { expectFailure, expectOk } from '../support/results';
import { register, registerHousehold, setupRegistry } from '../support/residents-registry';
import { householdProblems } from '../support/residents-invariants';
import { createTestHost, type TestHost } from '../support/test-host';
import { disposeTestResources } from '../support/temp-dir';

afterEach(disposeTestResources);

const T0 = '2025-03-10T08:00:00.000Z';
/** Ten minutes on: less than the idle lock, so sessions stay open. */
const T1 = '2025-03-10T08:10:00.000Z';

async function registry() {
  const t = createTestHost();
  const office = await setupRegistry(t);
  return { t, office, conn: office.clerk.conn };
}

async function household(t: TestHost, conn: string, id: string): Promise<Household> {
  return expectOk(await t.call(conn, 'households.get', { id }));
}

interface Period {
  household_id: string;
  relation: string;
  from_at: string;
  to_at: string | null;
}
function periodsOf(t: TestHost, residentId: string): Period[] {
  return t.host.db
    .prepare('SELECT household_id, relation, from_at, to_at FROM household_members WHERE resident_id = ? ORDER BY from_at, rowid')
    .all(residentId) as Period[];
}

const memberView = (h: Household) => h.members.map((m) => [m.name, m.relation]);
/** History as [name, relation, from, to], by start time then name in code-point order (periods opened together have no order of their own). */
const historyView = (h: Household) => {
  const key = (p: Household['history'][number]) => `${p.from} ${p.name} ${p.relation}`;
  return [...h.history].sort((x, y) => (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0)).map((p) => [p.name, p.relation, p.from, p.to]);
};

describe('registering into households', () => {
  it('a new household has the resident as its head, with the address and grid given', async () => {
    const { t, office, conn } = await registry();
    const grid = expectOk(await t.call(office.adminConn, 'grids.create', { code: 'G01', name: '第一网格', worker: '刘红' }));
    const head = await register(t, conn, { name: '张三', household: { mode: 'new', address: '朝阳街道康乐小区1号楼', gridId: grid.id } });
    expect(head).toMatchObject({ relation: 'head', address: '朝阳街道康乐小区1号楼', gridId: grid.id, gridName: '第一网格' });
    const h = await household(t, conn, head.householdId!);
    expect(h).toMatchObject({ headResidentId: head.id, address: '朝阳街道康乐小区1号楼', gridId: grid.id, version: 1 });
    expect(memberView(h)).toEqual([['张三', 'head']]);
    expect(h.history).toEqual([{ residentId: head.id, name: '张三', relation: 'head', from: T0, to: null }]);
  });

  it('joining an existing household takes the relation given and the household’s address and grid', async () => {
    const { t, conn } = await registry();
    const [head, spouse] = await registerHousehold(t, conn, ['张三', '李梅'], { address: '人民路街道胜利小区2号楼', relation: 'spouse' });
    expect(spouse).toMatchObject({ householdId: head.householdId, relation: 'spouse', address: '人民路街道胜利小区2号楼' });
    const kid = await register(t, conn, { name: '张小宝', household: { mode: 'existing', householdId: head.householdId!, relation: 'grandchild' } });
    expect(kid.relation).toBe('grandchild');
    expect(memberView(await household(t, conn, head.householdId!))).toEqual([
      ['张三', 'head'],
      ['李梅', 'spouse'],
      ['张小宝', 'grandchild'],
    ]);
  });
});

describe('households.moveMember', () => {
  it('closes the old membership period and opens a new one, so each household shows who was a member when', async () => {
    const { t, conn } = await registry();
    const [a1, a2] = await registerHousehold(t, conn, ['王大山', '王小山']);
    const [b1] = await registerHousehold(t, conn, ['李秀兰']);
    t.clock.advanceMinutes(10);
    const seq = maxSeq(t.host.db);

    const target = expectOk(await t.call(conn, 'households.moveMember', { residentId: a2.id, to: { mode: 'existing', householdId: b1.householdId!, relation: 'spouse' } }));
    expect(target.id).toBe(b1.householdId);
    expect(memberView(target)).toEqual([
      ['李秀兰', 'head'],
      ['王小山', 'spouse'],
    ]);
    expect(periodsOf(t, a2.id)).toEqual([
      { household_id: a1.householdId, relation: 'child', from_at: T0, to_at: T1 },
      { household_id: b1.householdId, relation: 'spouse', from_at: T1, to_at: null },
    ]);
    const old = await household(t, conn, a1.householdId!);
    expect(memberView(old)).toEqual([['王大山', 'head']]);
    expect(historyView(old)).toEqual([
      ['王大山', 'head', T0, null],
      ['王小山', 'child', T0, T1],
    ]);
    expect(old.history.find((p) => p.name === '王小山')?.residentId).toBe(a2.id);
    expect(historyView(target)).toEqual([
      ['李秀兰', 'head', T0, null],
      ['王小山', 'spouse', T1, null],
    ]);
    expect(expectOk(await t.call(conn, 'residents.get', { id: a2.id }))).toMatchObject({ householdId: b1.householdId, relation: 'spouse' });

    // Change log: the old period closed, the new one opened, the resident row pointed at the new household.
    const membershipIds = t.host.db.prepare('SELECT id FROM household_members WHERE resident_id = ? ORDER BY from_at').pluck().all(a2.id);
    expect(changeLogRows(t.host.db, seq).map((r) => [r.entity, r.entity_id, r.op, JSON.parse(r.fields)])).toEqual([
      ['household_members', membershipIds[0], 'update', ['to_at']],
      ['household_members', membershipIds[1], 'insert', ['from_at', 'household_id', 'office_id', 'relation', 'resident_id', 'to_at']],
      ['residents', a2.id, 'update', ['household_id', 'relation']],
    ]);
    expect(householdProblems(t.host.db)).toEqual([]);
  });

  it('the head leaving while others remain needs newHeadId: without it INVALID_INPUT head_required and nothing written', async () => {
    const { t, conn } = await registry();
    const [head, , child] = await registerHousehold(t, conn, ['赵刚', '钱芳', '赵小刚']);
    const before = snapshotTables(t.host.db);
    for (const newHeadId of [undefined, head.id, '0195a1b2-3c4d-7e5f-8a9b-0000000000bb']) {
      const error = expectFailure(await t.call(conn, 'households.moveMember', { residentId: head.id, to: { mode: 'new', address: '长兴街道' }, newHeadId }), 'INVALID_INPUT');
      expect(error.issues).toEqual([expect.objectContaining({ path: ['newHeadId'], code: 'households.head_required' })]);
    }
    expect(snapshotTables(t.host.db)).toEqual(before);
    expect(expectOk(await t.call(conn, 'residents.get', { id: child.id })).householdId).toBe(head.householdId);
  });

  it('with newHeadId the head moves out to a new household of their own and the named member becomes head', async () => {
    const { t, conn } = await registry();
    const [head, spouse, child] = await registerHousehold(t, conn, ['赵刚', '钱芳', '赵小刚'], { address: '沟口街道和平小区4号楼' });
    t.clock.advanceMinutes(10);
    const own = expectOk(await t.call(conn, 'households.moveMember', { residentId: head.id, to: { mode: 'new' }, newHeadId: spouse.id }));
    expect(own).toMatchObject({ headResidentId: head.id, address: '沟口街道和平小区4号楼' });
    expect(memberView(own)).toEqual([['赵刚', 'head']]);

    const old = await household(t, conn, head.householdId!);
    expect(old.headResidentId).toBe(spouse.id);
    expect(old.version).toBe(2);
    expect(memberView(old)).toEqual([
      ['钱芳', 'head'],
      ['赵小刚', 'child'],
    ]);
    // History: 钱芳 was a child until T1 and head from T1; 赵刚 was head until T1.
    expect(historyView(old)).toEqual([
      ['赵刚', 'head', T0, T1],
      ['赵小刚', 'child', T0, null],
      ['钱芳', 'child', T0, T1],
      ['钱芳', 'head', T1, null],
    ]);
    expect(expectOk(await t.call(conn, 'residents.get', { id: child.id })).relation).toBe('child');
    expect(householdProblems(t.host.db)).toEqual([]);
  });

  it('a household emptied by a move is closed (tombstoned), its history kept in the membership rows', async () => {
    const { t, conn } = await registry();
    const [alone] = await registerHousehold(t, conn, ['孙丽']);
    const [other] = await registerHousehold(t, conn, ['周强']);
    t.clock.advanceMinutes(10);
    const seq = maxSeq(t.host.db);
    expectOk(await t.call(conn, 'households.moveMember', { residentId: alone.id, to: { mode: 'existing', householdId: other.householdId!, relation: 'spouse' } }));
    expectFailure(await t.call(conn, 'households.get', { id: alone.householdId! }), 'NOT_FOUND');
    expect(t.host.db.prepare('SELECT deleted_at FROM households WHERE id = ?').pluck().get(alone.householdId)).toBe(T1);
    expect(periodsOf(t, alone.id).map((p) => [p.household_id, p.to_at])).toEqual([
      [alone.householdId, T1],
      [other.householdId, null],
    ]);
    expect(changeLogRows(t.host.db, seq).map((r) => [r.entity, r.op])).toEqual([
      ['household_members', 'update'],
      ['household_members', 'insert'],
      ['residents', 'update'],
      ['households', 'delete'],
    ]);
    expect(householdProblems(t.host.db)).toEqual([]);
  });

  it('refuses a move into the household the person is already in, or into one that does not exist', async () => {
    const { t, conn } = await registry();
    const [head, member] = await registerHousehold(t, conn, ['韩梅', '韩雪']);
    const same = expectFailure(await t.call(conn, 'households.moveMember', { residentId: member.id, to: { mode: 'existing', householdId: head.householdId!, relation: 'other' } }), 'INVALID_INPUT');
    expect(same.issues).toEqual([expect.objectContaining({ path: ['to', 'householdId'], code: 'households.same_household' })]);
    expectFailure(
      await t.call(conn, 'households.moveMember', { residentId: member.id, to: { mode: 'existing', householdId: '0195a1b2-3c4d-7e5f-8a9b-0000000000cc', relation: 'other' } }),
      'NOT_FOUND',
    );
    expect(householdProblems(t.host.db)).toEqual([]);
  });
});

describe('households.setHead', () => {
  it('makes another member head, giving the others the relations named (the old head otherwise “other”)', async () => {
    const { t, conn } = await registry();
    const [father, mother, son] = await registerHousehold(t, conn, ['冯建国', '蒋桂英', '冯伟']);
    const h1 = await household(t, conn, father.householdId!);
    t.clock.advanceMinutes(10);
    const h2 = expectOk(await t.call(conn, 'households.setHead', { id: h1.id, version: h1.version, headResidentId: son.id, relations: { [father.id]: 'parent' } }));
    expect(h2).toMatchObject({ headResidentId: son.id, version: h1.version + 1 });
    expect(memberView(h2)).toEqual([
      ['冯伟', 'head'],
      ['冯建国', 'parent'],
      ['蒋桂英', 'child'],
    ]);
    expect(historyView(h2)).toEqual([
      ['冯伟', 'child', T0, T1],
      ['冯建国', 'head', T0, T1],
      ['蒋桂英', 'child', T0, null],
      ['冯伟', 'head', T1, null],
      ['冯建国', 'parent', T1, null],
    ]);
    expect(expectOk(await t.call(conn, 'residents.get', { id: father.id })).relation).toBe('parent');

    const h3 = expectOk(await t.call(conn, 'households.setHead', { id: h2.id, version: h2.version, headResidentId: mother.id }));
    expect(memberView(h3)).toEqual([
      ['蒋桂英', 'head'],
      ['冯建国', 'parent'],
      ['冯伟', 'other'],
    ]);
    expect(householdProblems(t.host.db)).toEqual([]);
  });

  it('refuses a head who is not a member, a second head among the relations, and a stale version, writing nothing', async () => {
    const { t, conn } = await registry();
    const [head, member] = await registerHousehold(t, conn, ['冯建国', '冯伟']);
    const [stranger] = await registerHousehold(t, conn, ['路人甲']);
    const h = await household(t, conn, head.householdId!);
    const before = snapshotTables(t.host.db);
    const notMember = expectFailure(await t.call(conn, 'households.setHead', { id: h.id, version: h.version, headResidentId: stranger.id }), 'INVALID_INPUT');
    expect(notMember.issues).toEqual([expect.objectContaining({ path: ['headResidentId'], code: 'households.not_member' })]);
    const twoHeads = expectFailure(
      await t.call(conn, 'households.setHead', { id: h.id, version: h.version, headResidentId: member.id, relations: { [head.id]: 'head' } }),
      'INVALID_INPUT',
    );
    expect(twoHeads.issues).toEqual([expect.objectContaining({ path: ['relations', head.id], code: 'households.one_head' })]);
    const stale = expectFailure(await t.call(conn, 'households.setHead', { id: h.id, version: h.version + 1, headResidentId: member.id }), 'STALE_VERSION');
    expect(stale.params).toMatchObject({ current: h.version });
    expect(snapshotTables(t.host.db)).toEqual(before);
  });
});

describe('households.split (分户) and households.merge (合户)', () => {
  it('split: the named members leave for a new household headed by newHeadId; everyone’s history is kept', async () => {
    const { t, conn } = await registry();
    const [head, spouse, son, daughterInLaw] = await registerHousehold(t, conn, ['杨德福', '林秀英', '杨军', '何丽'], { address: '星海镇幸福小区' });
    const h = await household(t, conn, head.householdId!);
    t.clock.advanceMinutes(10);
    const split = expectOk(
      await t.call(conn, 'households.split', { id: h.id, version: h.version, memberIds: [son.id, daughterInLaw.id], newHeadId: son.id, address: '星海镇幸福小区9号楼' }),
    );
    expect(split).toMatchObject({ headResidentId: son.id, address: '星海镇幸福小区9号楼', gridId: h.gridId });
    expect(memberView(split)).toEqual([
      ['杨军', 'head'],
      ['何丽', 'other'],
    ]);
    expect(memberView(await household(t, conn, h.id))).toEqual([
      ['杨德福', 'head'],
      ['林秀英', 'child'],
    ]);
    for (const who of [son, daughterInLaw]) {
      expect(periodsOf(t, who.id).map((p) => [p.household_id, p.from_at, p.to_at])).toEqual([
        [h.id, T0, T1],
        [split.id, T1, null],
      ]);
    }
    expect(periodsOf(t, spouse.id)).toHaveLength(1);
    expect((await household(t, conn, h.id)).history.filter((p) => p.to === T1).map((p) => p.name)).toEqual(['杨军', '何丽']);
    expect(householdProblems(t.host.db)).toEqual([]);
  });

  it('split refuses the head leaving without a successor, non-members, a new head outside the leavers, and a stale version, writing nothing', async () => {
    const { t, conn } = await registry();
    const [head, a, b] = await registerHousehold(t, conn, ['杨德福', '杨军', '杨红']);
    const [stranger] = await registerHousehold(t, conn, ['路人乙']);
    const h = await household(t, conn, head.householdId!);
    const before = snapshotTables(t.host.db);
    const cases: Array<[Parameters<typeof split>[0], (string | number)[], string]> = [
      [{ memberIds: [head.id, a.id], newHeadId: a.id }, ['remainingHeadId'], 'households.head_required'],
      [{ memberIds: [head.id, a.id], newHeadId: a.id, remainingHeadId: a.id }, ['remainingHeadId'], 'households.not_member'],
      [{ memberIds: [head.id, a.id], newHeadId: a.id, remainingHeadId: stranger.id }, ['remainingHeadId'], 'households.not_member'],
      [{ memberIds: [head.id, a.id, b.id], newHeadId: a.id, remainingHeadId: b.id }, ['memberIds'], 'households.nobody_left'],
      [{ memberIds: [stranger.id], newHeadId: stranger.id }, ['memberIds'], 'households.not_member'],
      [{ memberIds: [a.id], newHeadId: b.id }, ['newHeadId'], 'households.not_member'],
      [{ memberIds: [a.id, b.id], newHeadId: a.id, relations: { [b.id]: 'head' } }, ['relations', b.id], 'households.one_head'],
      [{ memberIds: [a.id], newHeadId: a.id, gridId: '0195a1b2-3c4d-7e5f-8a9b-0000000000ee' }, ['gridId'], 'not_found'],
    ];
    async function split(input: { memberIds: string[]; newHeadId: string; remainingHeadId?: string; relations?: Record<string, 'head' | 'spouse'>; gridId?: string }) {
      return t.call(conn, 'households.split', { id: h.id, version: h.version, ...input });
    }
    for (const [input, path, code] of cases) {
      expect(expectFailure(await split(input), 'INVALID_INPUT').issues).toEqual([expect.objectContaining({ path, code })]);
    }
    expectFailure(await t.call(conn, 'households.split', { id: h.id, version: h.version + 3, memberIds: [a.id], newHeadId: a.id }), 'STALE_VERSION');
    expect(snapshotTables(t.host.db)).toEqual(before);
  });

  it('split with the head leaving: the named successor heads the old household; the new one gets the grid and relations chosen', async () => {
    const { t, office, conn } = await registry();
    const grid = expectOk(await t.call(office.adminConn, 'grids.create', { code: 'G07', name: '第七网格', worker: '马兰' }));
    const [head, spouse, son, grandson] = await registerHousehold(t, conn, ['杨德福', '林秀英', '杨军', '杨小军'], { address: '星海镇幸福小区' });
    const h = await household(t, conn, head.householdId!);
    t.clock.advanceMinutes(10);
    const split = expectOk(
      await t.call(conn, 'households.split', {
        id: h.id,
        version: h.version,
        memberIds: [head.id, spouse.id],
        newHeadId: head.id,
        relations: { [spouse.id]: 'spouse' },
        gridId: grid.id,
        remainingHeadId: son.id,
      }),
    );
    expect(split).toMatchObject({ headResidentId: head.id, address: '星海镇幸福小区', gridId: grid.id });
    expect(memberView(split)).toEqual([
      ['杨德福', 'head'],
      ['林秀英', 'spouse'],
    ]);
    const old = await household(t, conn, h.id);
    expect(old.headResidentId).toBe(son.id);
    expect(memberView(old)).toEqual([
      ['杨军', 'head'],
      ['杨小军', 'child'],
    ]);
    // The son's periods say when he became head; the old head's that he left.
    expect(periodsOf(t, son.id).map((p) => [p.household_id, p.relation, p.from_at, p.to_at])).toEqual([
      [h.id, 'child', T0, T1],
      [h.id, 'head', T1, null],
    ]);
    expect(periodsOf(t, head.id).map((p) => [p.household_id, p.relation, p.from_at, p.to_at])).toEqual([
      [h.id, 'head', T0, T1],
      [split.id, 'head', T1, null],
    ]);
    expect(periodsOf(t, grandson.id)).toHaveLength(1);
    expect(householdProblems(t.host.db)).toEqual([]);
    // households.periodsOf: the son's two periods in the old household, as child and then as head.
    expect(expectOk(await t.call(conn, 'households.periodsOf', { residentId: son.id })).map((p) => [p.householdId, p.relation, p.from, p.to, p.closed])).toEqual([
      [h.id, 'child', T0, T1, false],
      [h.id, 'head', T1, null, false],
    ]);
    expectFailure(await t.call(conn, 'households.periodsOf', { residentId: '0195a1b2-3c4d-7e5f-8a9b-0000000000ee' }), 'NOT_FOUND');
  });

  it('merge with a new head from the incoming household: they head the result, everyone else takes the relation given', async () => {
    const { t, conn } = await registry();
    const [keepHead, keepChild] = await registerHousehold(t, conn, ['郑国强', '郑小强']);
    const [mergeHead, mergeSpouse] = await registerHousehold(t, conn, ['郑老汉', '王桂芝'], { relation: 'spouse' });
    const keep = await household(t, conn, keepHead.householdId!);
    const merge = await household(t, conn, mergeHead.householdId!);
    t.clock.advanceMinutes(10);
    const merged = expectOk(
      await t.call(conn, 'households.merge', {
        keepId: keep.id,
        keepVersion: keep.version,
        mergeId: merge.id,
        mergeVersion: merge.version,
        headId: mergeHead.id,
        relations: { [mergeSpouse.id]: 'spouse', [keepHead.id]: 'child', [keepChild.id]: 'grandchild' },
      }),
    );
    expect(merged.id).toBe(keep.id);
    expect(merged.headResidentId).toBe(mergeHead.id);
    expect(memberView(merged)[0]).toEqual(['郑老汉', 'head']);
    expect(Object.fromEntries(memberView(merged))).toEqual({ 郑老汉: 'head', 王桂芝: 'spouse', 郑国强: 'child', 郑小强: 'grandchild' });
    // The incoming head never passes through "other": one period in the kept household, as head.
    expect(periodsOf(t, mergeHead.id).map((p) => [p.household_id, p.relation, p.to_at])).toEqual([
      [merge.id, 'head', T1],
      [keep.id, 'head', null],
    ]);
    expectFailure(await t.call(conn, 'households.get', { id: merge.id }), 'NOT_FOUND');
    expect(householdProblems(t.host.db)).toEqual([]);
  });

  it('merge refuses a head who belongs to neither household, writing nothing', async () => {
    const { t, conn } = await registry();
    const [keepHead] = await registerHousehold(t, conn, ['郑国强']);
    const [mergeHead] = await registerHousehold(t, conn, ['郑国富']);
    const [stranger] = await registerHousehold(t, conn, ['路人甲']);
    const before = snapshotTables(t.host.db);
    const error = expectFailure(
      await t.call(conn, 'households.merge', { keepId: keepHead.householdId!, keepVersion: 1, mergeId: mergeHead.householdId!, mergeVersion: 1, headId: stranger.id }),
      'INVALID_INPUT',
    );
    expect(error.issues).toEqual([expect.objectContaining({ path: ['headId'], code: 'households.not_member' })]);
    expect(snapshotTables(t.host.db)).toEqual(before);
  });

  it('merge: every member of the merged household joins the kept one with the relations given (else “other”); the merged one is closed with its history', async () => {
    const { t, conn } = await registry();
    const [keepHead, keepChild] = await registerHousehold(t, conn, ['郑国强', '郑小强']);
    const [mergeHead, mergeChild] = await registerHousehold(t, conn, ['郑国富', '郑小富']);
    const keep = await household(t, conn, keepHead.householdId!);
    const merge = await household(t, conn, mergeHead.householdId!);
    t.clock.advanceMinutes(10);
    const seq = maxSeq(t.host.db);
    const merged = expectOk(
      await t.call(conn, 'households.merge', { keepId: keep.id, keepVersion: keep.version, mergeId: merge.id, mergeVersion: merge.version, relations: { [mergeHead.id]: 'sibling' } }),
    );
    expect(memberView(merged)).toEqual([
      ['郑国强', 'head'],
      ['郑小强', 'child'],
      ['郑国富', 'sibling'],
      ['郑小富', 'other'],
    ]);
    expectFailure(await t.call(conn, 'households.get', { id: merge.id }), 'NOT_FOUND');
    for (const [who, before] of [
      [mergeHead, 'head'],
      [mergeChild, 'child'],
    ] as const) {
      expect(periodsOf(t, who.id).map((p) => [p.household_id, p.relation, p.to_at])).toEqual([
        [merge.id, before, T1],
        [keep.id, who === mergeHead ? 'sibling' : 'other', null],
      ]);
    }
    expect(periodsOf(t, keepChild.id)).toHaveLength(1);
    expect(changeLogRows(t.host.db, seq).filter((r) => r.entity === 'households').map((r) => [r.entity_id, r.op])).toEqual([[merge.id, 'delete']]);
    // The merged household is closed, yet each newcomer's time in it is still listed for them.
    expect(expectOk(await t.call(conn, 'households.periodsOf', { residentId: mergeChild.id }))).toEqual([
      { householdId: merge.id, address: merge.address, closed: true, relation: 'child', from: T0, to: T1 },
      { householdId: keep.id, address: keep.address, closed: false, relation: 'other', from: T1, to: null },
    ]);
    expect(householdProblems(t.host.db)).toEqual([]);
  });

  it('merge refuses a second head, merging a household into itself, and stale versions, writing nothing', async () => {
    const { t, conn } = await registry();
    const [keepHead] = await registerHousehold(t, conn, ['郑国强']);
    const [mergeHead] = await registerHousehold(t, conn, ['郑国富', '郑小富']);
    const keep = await household(t, conn, keepHead.householdId!);
    const merge = await household(t, conn, mergeHead.householdId!);
    const before = snapshotTables(t.host.db);
    const twoHeads = expectFailure(
      await t.call(conn, 'households.merge', { keepId: keep.id, keepVersion: 1, mergeId: merge.id, mergeVersion: 1, relations: { [mergeHead.id]: 'head' } }),
      'INVALID_INPUT',
    );
    expect(twoHeads.issues).toEqual([expect.objectContaining({ path: ['relations', mergeHead.id], code: 'households.one_head' })]);
    const self = expectFailure(await t.call(conn, 'households.merge', { keepId: keep.id, keepVersion: 1, mergeId: keep.id, mergeVersion: 1 }), 'INVALID_INPUT');
    expect(self.issues).toEqual([expect.objectContaining({ path: ['mergeId'], code: 'households.same_household' })]);
    expect(expectFailure(await t.call(conn, 'households.merge', { keepId: keep.id, keepVersion: 1, mergeId: merge.id, mergeVersion: 2 }), 'STALE_VERSION').params).toMatchObject({
      current: 1,
    });
    expect(snapshotTables(t.host.db)).toEqual(before);
  });
});

describe('households.update', () => {
  it('a person moving in takes the household’s address and grid; a household’s new address reaches the members who lived at the old one', async () => {
    const { t, office, conn } = await registry();
    const grid1 = expectOk(await t.call(office.adminConn, 'grids.create', { code: 'G11', name: '第十一网格', worker: null }));
    const grid2 = expectOk(await t.call(office.adminConn, 'grids.create', { code: 'G12', name: '第十二网格', worker: null }));
    const host = await register(t, conn, { name: '周建华', household: { mode: 'new', address: '朝阳街道康乐小区1号楼', gridId: grid1.id } });
    const mover = await register(t, conn, { name: '吴丽', household: { mode: 'new', address: '人民路街道胜利小区2号楼', gridId: grid2.id } });
    const lodger = await register(t, conn, { name: '郑强', household: { mode: 'existing', householdId: host.householdId!, relation: 'other' } });
    expectOk(await t.call(conn, 'households.moveMember', { residentId: mover.id, to: { mode: 'existing', householdId: host.householdId!, relation: 'spouse' } }));
    const moved = expectOk(await t.call(conn, 'residents.get', { id: mover.id }));
    expect(moved).toMatchObject({ householdId: host.householdId, address: '朝阳街道康乐小区1号楼', gridId: grid1.id });
    // 人户分离: the lodger is registered here but lives elsewhere.
    const lodgerNow = expectOk(await t.call(conn, 'residents.get', { id: lodger.id }));
    expectOk(await t.call(conn, 'residents.update', { id: lodger.id, version: lodgerNow.version, address: '星海镇惠农路8号' }));

    const h = await household(t, conn, host.householdId!);
    expectOk(await t.call(conn, 'households.update', { id: h.id, version: h.version, address: '朝阳街道康乐小区9号楼', gridId: grid2.id }));
    const addresses = await Promise.all([host, mover, lodger].map(async (r) => expectOk(await t.call(conn, 'residents.get', { id: r.id }))));
    expect(addresses.map((r) => [r.name, r.address, r.gridId])).toEqual([
      ['周建华', '朝阳街道康乐小区9号楼', grid2.id],
      ['吴丽', '朝阳街道康乐小区9号楼', grid2.id],
      ['郑强', '星海镇惠农路8号', grid2.id],
    ]);
    expect(householdProblems(t.host.db)).toEqual([]);
  });

  it('changes the address and grid with a version check; an unknown grid is refused at gridId', async () => {
    const { t, office, conn } = await registry();
    const [head] = await registerHousehold(t, conn, ['曹操']);
    const grid = expectOk(await t.call(office.adminConn, 'grids.create', { code: 'G02', name: '第二网格', worker: null }));
    const updated = expectOk(await t.call(conn, 'households.update', { id: head.householdId!, version: 1, address: '锦林街道光明小区', gridId: grid.id }));
    expect(updated).toMatchObject({ version: 2, address: '锦林街道光明小区', gridId: grid.id });
    expectFailure(await t.call(conn, 'households.update', { id: head.householdId!, version: 1, address: '别处' }), 'STALE_VERSION');
    const bad = expectFailure(await t.call(conn, 'households.update', { id: head.householdId!, version: 2, gridId: '0195a1b2-3c4d-7e5f-8a9b-0000000000dd' }), 'INVALID_INPUT');
    expect(bad.issues).toEqual([expect.objectContaining({ path: ['gridId'], code: 'not_found' })]);
  });
});
