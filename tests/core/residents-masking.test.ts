/**
 * Full ID numbers never leave the core in ordinary answers: every resident output carries the
 * masked number only, and the one way to see a full number (residents.revealId) is permission-
 * checked and recorded. Edits are checked against the version the clerk saw.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { composeIdNumber } from '../../shared/domain/id-number';
import { maxSeq, snapshotTables } from '../support/db-inspect';
import { expectFailure, expectOk } from '../support/results';
import { idNumberEndingInX, register, setupRegistry } from '../support/residents-registry';
import { createTestHost, type TestHost } from '../support/test-host';
import { disposeTestResources } from '../support/temp-dir';

afterEach(disposeTestResources);

interface Reveal {
  resident_id: string;
  user_id: string;
  purpose: string;
  at: string;
}
/** The reveals the audit trail holds (its `id.reveal` entries are the only record of them). */
const reveals = (t: TestHost) =>
  t.host.db
    .prepare("SELECT entity_id AS resident_id, user_id, json_extract(detail, '$.purpose') AS purpose, at FROM audit_log WHERE action = 'id.reveal' ORDER BY seq")
    .all() as Reveal[];

/** A household of two: a head with a disability certificate (which embeds the full ID) and a spouse. */
async function householdOfTwo() {
  const t = createTestHost();
  const office = await setupRegistry(t);
  const headId = idNumberEndingInX('1948-04-16', '640202');
  const spouseId = composeIdNumber('640221', '1950-12-01', 402);
  const head = await register(t, office.clerk.conn, {
    name: '陈德明',
    idNumber: headId,
    phone: '13995120001',
    disabilityCert: `${headId}43`,
    household: { mode: 'new', address: '青山街道文明小区8号楼1单元302室' },
  });
  const spouse = await register(t, office.clerk.conn, { name: '高桂兰', idNumber: spouseId, household: { mode: 'existing', householdId: head.householdId!, relation: 'spouse' } });
  return { t, office, head, spouse, fullIds: [headId, spouseId] };
}

describe('ID numbers leave the core masked', () => {
  it('search, list, get, households.get, checkDuplicates and every mutation answer hold no full ID number, for any role', async () => {
    const { t, office, head, spouse, fullIds } = await householdOfTwo();
    const answers: unknown[] = [head, spouse];
    for (const conn of [office.viewer.conn, office.clerk.conn, office.adminConn]) {
      for (const query of ['陈德明', 'cdm', fullIds[0], fullIds[0].slice(-4), fullIds[1], '文明小区', '13995120001']) {
        const found = expectOk(await t.call(conn, 'residents.search', { query }));
        // A viewer may not search by ID number or its tail (each answer would confirm a guess).
        const byId = query === fullIds[0] || query === fullIds[1] || query === fullIds[0].slice(-4);
        if (conn === office.viewer.conn && byId) expect(found.items.filter((i) => i.match === 'id_exact' || i.match === 'id_suffix'), query).toEqual([]);
        else expect(found.items.length, query).toBeGreaterThan(0);
        answers.push(found);
      }
      answers.push(expectOk(await t.call(conn, 'residents.list', {})));
      answers.push(expectOk(await t.call(conn, 'residents.get', { id: head.id })));
      answers.push(expectOk(await t.call(conn, 'households.get', { id: head.householdId! })));
      answers.push(expectOk(await t.call(conn, 'residents.checkDuplicates', { name: '陈德明', idNumber: composeIdNumber('640205', '1948-04-16', 11) })));
    }
    const updated = expectOk(await t.call(office.clerk.conn, 'residents.update', { id: head.id, version: head.version, notes: '独居' }));
    answers.push(updated);
    answers.push(expectOk(await t.call(office.clerk.conn, 'residents.setStatus', { id: spouse.id, version: spouse.version, status: 'moved_out', date: '2025-03-01' })));
    answers.push(expectOk(await t.call(office.clerk.conn, 'households.setHead', { id: head.householdId!, version: 1, headResidentId: spouse.id })));

    const text = JSON.stringify(answers);
    for (const id of fullIds) {
      expect(text).not.toContain(id);
      expect(text).not.toContain(id.toLowerCase());
    }
    expect(text).toContain(`${fullIds[0].slice(0, 6)}********${fullIds[0].slice(14)}`);
    expect(text).not.toMatch(/"idNumber"|"disabilityCert"/);
    expect(updated.disabilityCertMasked).toBe(`${fullIds[0].slice(0, 6)}********${fullIds[0].slice(14)}43`);
  });
});

describe('what a viewer is shown does not add up to an ID number', () => {
  it('the masked number keeps only the division code, so it and the birth date beside it are not the whole number (a cold trial rebuilt 40 of 40 from first 6 + birth date + last 4)', async () => {
    const { t, office, head, fullIds } = await householdOfTwo();
    const shown = [
      expectOk(await t.call(office.viewer.conn, 'residents.get', { id: head.id })),
      ...expectOk(await t.call(office.viewer.conn, 'residents.list', {})).items,
      ...expectOk(await t.call(office.viewer.conn, 'residents.search', { query: '陈德明' })).items,
    ];
    for (const r of shown) {
      expect(r.idNumberMasked).toMatch(/^\d{6}\*{12}$/);
      const rebuilt = r.idNumberMasked.slice(0, 6) + r.birthDate.replace(/-/g, '') + r.idNumberMasked.slice(-4);
      expect(fullIds).not.toContain(rebuilt);
    }
    expect(shown[0].disabilityCertMasked).toBe(`${fullIds[0].slice(0, 6)}************43`);
    const household = expectOk(await t.call(office.viewer.conn, 'households.get', { id: head.householdId! }));
    for (const m of household.members) expect(m.idNumberMasked).toMatch(/^\d{6}\*{12}$/);
    // A clerk, who may reveal, keeps the usual mask (first 6, last 4) the desk identifies people by.
    expect(expectOk(await t.call(office.clerk.conn, 'residents.get', { id: head.id })).idNumberMasked).toBe(`${fullIds[0].slice(0, 6)}********${fullIds[0].slice(14)}`);
  });
});

describe('revealing a full ID number (residents.revealId)', () => {
  it('returns the full number and records who saw whose number, why and when', async () => {
    const { t, office, head, spouse, fullIds } = await householdOfTwo();
    const seq = maxSeq(t.host.db);
    expect(expectOk(await t.call(office.clerk.conn, 'residents.revealId', { id: head.id }))).toEqual({ idNumber: fullIds[0], disabilityCert: `${fullIds[0]}43` });
    t.clock.advanceMinutes(5);
    expect(expectOk(await t.call(office.supervisor.conn, 'residents.revealId', { id: spouse.id, purpose: 'print' }))).toEqual({ idNumber: fullIds[1], disabilityCert: null });

    expect(reveals(t)).toEqual([
      { resident_id: head.id, user_id: office.clerk.user.id, purpose: 'view', at: '2025-03-10T08:00:00.000Z' },
      { resident_id: spouse.id, user_id: office.supervisor.user.id, purpose: 'print', at: '2025-03-10T08:05:00.000Z' },
    ]);
    // An audit record, not a record change: the change log and the resident's version are untouched.
    expect(maxSeq(t.host.db)).toBe(seq);
    expect(expectOk(await t.call(office.clerk.conn, 'residents.get', { id: head.id })).version).toBe(head.version);
  });

  it('a viewer gets FORBIDDEN and no reveal is recorded; an unknown resident is NOT_FOUND, also unrecorded', async () => {
    const { t, office, head } = await householdOfTwo();
    const error = expectFailure(await t.call(office.viewer.conn, 'residents.revealId', { id: head.id }), 'FORBIDDEN');
    expect(error.params).toMatchObject({ permission: 'records.revealId' });
    expect(JSON.stringify(error)).not.toMatch(/\d{17}[\dX]/);
    expectFailure(await t.call(office.clerk.conn, 'residents.revealId', { id: '0195a1b2-3c4d-7e5f-8a9b-0000000000aa' }), 'NOT_FOUND');
    expect(reveals(t)).toEqual([]);
  });
});

describe('optimistic concurrency on residents.update', () => {
  it('an edit based on a stale version → STALE_VERSION with the current version, and nothing is written', async () => {
    const { t, office, head } = await householdOfTwo();
    const first = expectOk(await t.call(office.clerk.conn, 'residents.update', { id: head.id, version: head.version, phone: '13995120002' }));
    expect(first.version).toBe(head.version + 1);

    const before = snapshotTables(t.host.db);
    // A second clerk still has the form open at the old version.
    const error = expectFailure(await t.call(office.supervisor.conn, 'residents.update', { id: head.id, version: head.version, name: '陈得明', address: '长兴街道' }), 'STALE_VERSION');
    expect(error.params).toMatchObject({ current: first.version, expected: head.version });
    expect(snapshotTables(t.host.db)).toEqual(before);
    // The search index was not touched either: the old name is still found, the new one is not.
    expect(expectOk(await t.call(office.clerk.conn, 'residents.search', { query: '陈德明' })).items.map((i) => i.id)).toEqual([head.id]);
    expect(expectOk(await t.call(office.clerk.conn, 'residents.search', { query: '陈得明' })).items).toEqual([]);
  });

  it('setStatus with a stale version is refused the same way', async () => {
    const { t, office, spouse } = await householdOfTwo();
    expectOk(await t.call(office.clerk.conn, 'residents.update', { id: spouse.id, version: spouse.version, notes: '已核实' }));
    const before = snapshotTables(t.host.db);
    const error = expectFailure(await t.call(office.clerk.conn, 'residents.setStatus', { id: spouse.id, version: spouse.version, status: 'deceased', date: '2025-03-09' }), 'STALE_VERSION');
    expect(error.params).toMatchObject({ current: spouse.version + 1 });
    expect(snapshotTables(t.host.db)).toEqual(before);
  });
});
