/**
 * The 15-minute service circle against hand-computed cases, through the real core on a real SQLite
 * file. Defaults: 15 minutes × 67 m/min = 1005 m of walking; detour 1.3, so a facility reaches
 * 1005 / 1.3 ≈ 773.08 m in a straight line; a service counts when offered ≥ 5 days a week.
 * Today is 2025-03-10 in Beijing: older = born on or before 1965-03-10.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { CoverageOutput } from '../../shared/contract';
import { idMaskFor } from '../../shared/domain/id-number';
import { distanceMeters } from '../../shared/domain/eldercare/positions';
import { beijingDate, bornBy } from '../../shared/domain/calendar';
import { Circle, computeCircle, reachAllPairs, type CircleFacility, type CirclePoint } from '../../electron/core/eldercare/coverage/engine';
import { maxSeq } from '../support/db-inspect';
import { expectFailure, expectOk } from '../support/results';
import { setupRegistry, type RegistryOffice } from '../support/residents-registry';
import { createTestHost, type TestHost } from '../support/test-host';
import { disposeTestResources } from '../support/temp-dir';
import { addCompound, addFacility, addGrid, addResident, fixtureWriter, offset, placeResident } from '../support/eldercare-fixtures';

afterEach(disposeTestResources);

const BASE = { lng: 106.38, lat: 39.01 };
const LIMIT_M = 15 * 67;
const REACH_M = LIMIT_M / 1.3;
const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7];
/** Compound k's point: 10 km apart east-west, so no facility reaches another compound. */
const site = (k: number) => offset(BASE, k * 10_000);

interface World {
  t: TestHost;
  office: RegistryOffice;
  grids: { g1: string; g2: string };
  c: Record<'exact' | 'beyond' | 'days' | 'closed' | 'far' | 'near' | 'nopos', string>;
  f: Record<'exact' | 'beyond' | 'days' | 'closed' | 'plannedDb' | 'far' | 'near', string>;
  r: Record<'r1' | 'r2' | 'r3' | 'r4' | 'r5' | 'r6' | 'r7' | 'r8' | 'r9' | 'r10' | 'r11' | 'young' | 'moved', string>;
}

/**
 * r1  C_exact, facility exactly at the limit (north, 773.08 m)         → covered
 * r2  C_beyond, facility 0.5 m beyond the straight-line reach          → not covered
 * r3  C_days, meal every day, bath only Sat–Sun (2 < 5 days)           → covered (meal), not for bath
 * r4  C_closed: a closed and a DB-planned facility 100 m away          → not covered
 * r5  C_far: facility 3 km away, known walk 900 m                      → covered
 * r6  C_near: facility 100 m away, known walk 2000 m                   → not covered
 * r7  lives in C_closed but own point 50 m from F_exact                → covered (own point wins)
 * r8  lives in C_exact but own point 5 km south                        → not covered
 * r9  no place at all (grid G2 in the register)                        → unplaced
 * r10 in C_nopos (a compound with no position)                         → unplaced
 * r11 turns 60 today, C_exact                                          → older, covered
 * young (60 tomorrow) and moved (moved out) in C_exact                 → not counted
 */
async function world(): Promise<World> {
  const t = createTestHost();
  const office = await setupRegistry(t);
  const db = t.host.db;
  const w = fixtureWriter(db, office.admin.userId, t.clock.now());
  return db.transaction(() => {
    const g1 = addGrid(w, { code: 'A1', name: '一网格' });
    const g2 = addGrid(w, { code: 'A2', name: '二网格' });
    const c = {
      exact: addCompound(w, { name: '甲-恰好', gridId: g1, position: site(0) }),
      beyond: addCompound(w, { name: '乙-超出', gridId: g1, position: site(1) }),
      days: addCompound(w, { name: '丙-部分天数', gridId: g2, position: site(2) }),
      closed: addCompound(w, { name: '丁-已关闭', gridId: g2, position: site(3) }),
      far: addCompound(w, { name: '戊-远但实测近', position: site(4) }),
      near: addCompound(w, { name: '己-近但实测远', gridId: g1, position: site(5) }),
      nopos: addCompound(w, { name: '庚-无位置' }),
    };
    const f = {
      exact: addFacility(w, { name: 'F恰好', position: offset(site(0), 0, REACH_M) }),
      beyond: addFacility(w, { name: 'F超出', position: offset(site(1), 0, REACH_M + 0.5) }),
      days: addFacility(w, { name: 'F部分天数', position: offset(site(2), 0, 200), services: [{ code: 'meal', days: EVERY_DAY }, { code: 'bath', days: [6, 7] }] }),
      closed: addFacility(w, { name: 'F已关闭', status: 'closed', position: offset(site(3), 0, 100) }),
      plannedDb: addFacility(w, { name: 'F规划中', status: 'planned', position: offset(site(3), 0, -100) }),
      far: addFacility(w, { name: 'F远', position: offset(site(4), 0, 3000) }),
      near: addFacility(w, { name: 'F近', position: offset(site(5), 0, 100) }),
    };
    const older = (name: string, birthDate = '1950-05-01', gridId: string | null = null) => addResident(w, { name, birthDate, gridId });
    const r = {
      r1: older('一号'),
      r2: older('二号'),
      r3: older('三号'),
      r4: older('四号'),
      r5: older('五号'),
      r6: older('六号'),
      r7: older('七号'),
      r8: older('八号'),
      r9: older('九号', '1950-05-01', g2),
      r10: older('十号'),
      r11: older('十一号', '1965-03-10'),
      young: older('年轻', '1965-03-11'),
      moved: addResident(w, { name: '迁出', birthDate: '1940-01-01', status: 'moved_out' }),
    };
    placeResident(w, r.r1, { compoundId: c.exact });
    placeResident(w, r.r2, { compoundId: c.beyond });
    placeResident(w, r.r3, { compoundId: c.days });
    placeResident(w, r.r4, { compoundId: c.closed });
    placeResident(w, r.r5, { compoundId: c.far });
    placeResident(w, r.r6, { compoundId: c.near });
    placeResident(w, r.r7, { compoundId: c.closed, position: offset(site(0), 0, REACH_M - 50) });
    placeResident(w, r.r8, { compoundId: c.exact, position: offset(site(0), 0, -5000) });
    placeResident(w, r.r10, { compoundId: c.nopos });
    placeResident(w, r.r11, { compoundId: c.exact });
    placeResident(w, r.young, { compoundId: c.exact });
    placeResident(w, r.moved, { compoundId: c.exact });
    return { t, office, grids: { g1, g2 }, c, f, r };
  })();
}

async function knownWalks(wd: World): Promise<void> {
  const conn = wd.office.clerk.conn;
  expectOk(await wd.t.call(conn, 'eldercare.walks.save', { compoundId: wd.c.far, facilityId: wd.f.far, meters: 900, version: null }));
  expectOk(await wd.t.call(conn, 'eldercare.walks.save', { compoundId: wd.c.near, facilityId: wd.f.near, meters: 2000, version: null }));
}

async function compute(wd: World, input: Parameters<TestHost['call']>[2] & object = {}, conn = wd.office.clerk.conn): Promise<CoverageOutput> {
  return expectOk(await wd.t.call(conn, 'eldercare.coverage.compute', input as never));
}

const listed = (out: CoverageOutput) => out.list.items.map((i) => i.person.name).sort();

describe('the service circle, hand-computed', () => {
  it('counts the older, the placed and the covered as worked out by hand', async () => {
    const wd = await world();
    await knownWalks(wd);
    const out = await compute(wd);
    expect(out.settings).toMatchObject({ minutes: 15, walkingMetersPerMinute: 67, detourFactor: 1.3, coverageMinDaysPerWeek: 5, asOf: '2025-03-10' });
    expect(out.settings.radiusMeters).toBeCloseTo(REACH_M, 6);
    expect(out).toMatchObject({ olderResidents: 11, withPosition: 9, covered: 5, uncovered: 4, unplaced: 2 });
    expect(out.coverageShare).toBeCloseTo(5 / 9, 12);
    // The uncovered, with a position: beyond the limit, closed facility, known walk too long, own point far.
    expect(out.list.kind).toBe('uncovered');
    expect(out.list.total).toBe(4);
    expect(listed(out)).toEqual(['二号', '八号', '六号', '四号'].sort());
  });

  it('a facility exactly at the limit covers; half a metre beyond does not; the nearest says how far', async () => {
    const wd = await world();
    const out = await compute(wd, { listCompoundId: wd.c.beyond });
    const beyond = out.list.items.find((i) => i.person.name === '二号')!;
    expect(beyond.positionSource).toBe('compound');
    const meal = beyond.nearest.find((n) => n.service === 'meal')!;
    expect(meal.facility).toMatchObject({ id: wd.f.beyond, name: 'F超出', planned: false, knownWalk: false });
    expect(meal.facility!.meters).toBeCloseTo((REACH_M + 0.5) * 1.3, 6);
    expect(meal.facility!.minutes).toBeGreaterThan(15);
    // Exactly at the limit: r1 and r11 of C_exact are covered, so only r8 (own point far) is listed there.
    const exact = await compute(wd, { listCompoundId: wd.c.exact });
    expect(listed(exact)).toEqual(['八号']);
    expect(exact.compounds.find((c) => c.id === wd.c.exact)).toMatchObject({ older: 3, withPosition: 3, covered: 2 });
  });

  it('a facility offering a service on fewer than coverageMinDaysPerWeek days does not count for it', async () => {
    const wd = await world();
    const out = await compute(wd);
    expect(out.byService.meal).toMatchObject({ covered: 5 });
    expect(out.byService.bath).toMatchObject({ covered: 0, facilities: 0 });
    expect(Object.keys(out.byService)).toContain('visit');
    const bath = await compute(wd, { service: 'bath' });
    expect(bath).toMatchObject({ service: 'bath', covered: 0, uncovered: 9 });
    // With bath on three more days (5 in all) the same facility counts for it.
    const settings = expectOk(await wd.t.call(wd.office.adminConn, 'eldercare.settings.get', {}));
    expectOk(await wd.t.call(wd.office.adminConn, 'eldercare.settings.update', { ...settings, coverageMinDaysPerWeek: 2 }));
    const relaxed = await compute(wd, { service: 'bath' });
    expect(relaxed).toMatchObject({ covered: 1 });
    expect(relaxed.settings.coverageMinDaysPerWeek).toBe(2);
  });

  it('known walks: one brings a far facility within reach, another puts a near one out of it', async () => {
    const wd = await world();
    // Without them: C_far (3 km) uncovered, C_near (100 m) covered.
    const before = await compute(wd);
    expect(before.compounds.find((c) => c.id === wd.c.far)).toMatchObject({ covered: 0 });
    expect(before.compounds.find((c) => c.id === wd.c.near)).toMatchObject({ covered: 1 });
    await knownWalks(wd);
    const after = await compute(wd, { listCompoundId: wd.c.near });
    expect(after.compounds.find((c) => c.id === wd.c.far)).toMatchObject({ covered: 1 });
    expect(after.compounds.find((c) => c.id === wd.c.near)).toMatchObject({ covered: 0 });
    const near = after.list.items[0];
    expect(near.nearest.find((n) => n.service === 'meal')!.facility).toMatchObject({ id: wd.f.near, meters: 2000, knownWalk: true });
    expect(near.nearest.find((n) => n.service === 'meal')!.facility!.minutes).toBeCloseTo(2000 / 67, 9);
    expect(near.nearest.find((n) => n.service === 'bath')!.facility).toBeNull();
  });

  it('a resident with no position counts as older but not placed, and is listed apart from the uncovered', async () => {
    const wd = await world();
    const out = await compute(wd, { list: 'unplaced' });
    expect(out.list).toMatchObject({ kind: 'unplaced', total: 2 });
    expect(listed(out)).toEqual(['九号', '十号'].sort());
    for (const item of out.list.items) expect(item).toMatchObject({ positionSource: null, nearest: [] });
    expect(out.list.items.find((i) => i.person.name === '十号')!.compound).toEqual({ id: wd.c.nopos, name: '庚-无位置' });
    const uncovered = await compute(wd);
    expect(listed(uncovered)).not.toContain('九号');
  });

  it('a write between two computes is seen by the second (the placements read is kept only while nothing changes)', async () => {
    const wd = await world();
    const before = await compute(wd, { list: 'unplaced' });
    expect(before.list.total).toBe(2);
    // 九号 gets their own point next to the facility at the limit: placed now, and covered.
    const nine = before.list.items.find((i) => i.person.name === '九号')!;
    expectOk(await wd.t.call(wd.office.clerk.conn, 'eldercare.places.set', { residentId: nine.person.residentId, position: { ...offset(site(0), 0, 10), crs: 'wgs84' } }));
    const after = await compute(wd, { list: 'unplaced' });
    expect(after.list.total).toBe(1);
    expect(after.withPosition).toBe(before.withPosition + 1);
    expect(after.covered).toBe(before.covered + 1);
  });

  it("an own position wins over the compound's, both ways", async () => {
    const wd = await world();
    const closed = await compute(wd, { listCompoundId: wd.c.closed });
    // r7 lives in C_closed (nothing counts there) but their own point is near F_exact.
    expect(closed.compounds.find((c) => c.id === wd.c.closed)).toMatchObject({ older: 2, withPosition: 2, covered: 1 });
    expect(listed(closed)).toEqual(['四号']);
    const exact = await compute(wd, { listCompoundId: wd.c.exact });
    expect(exact.list.items[0]).toMatchObject({ positionSource: 'own', person: { name: '八号' } });
  });

  it('byGrid: own grid, else the compound’s, else none; the rows add up to the totals', async () => {
    const wd = await world();
    await knownWalks(wd);
    const out = await compute(wd);
    const row = (gridId: string | null) => out.byGrid.find((g) => g.gridId === gridId)!;
    expect(row(wd.grids.g1)).toMatchObject({ code: 'A1', name: '一网格', olderResidents: 5, withPosition: 5, covered: 2 });
    expect(row(wd.grids.g2)).toMatchObject({ code: 'A2', olderResidents: 4, withPosition: 3, covered: 2 });
    expect(row(null)).toMatchObject({ code: null, olderResidents: 2, withPosition: 1, covered: 1 });
    const sum = (k: 'olderResidents' | 'withPosition' | 'covered') => out.byGrid.reduce((s, g) => s + g[k], 0);
    expect([sum('olderResidents'), sum('withPosition'), sum('covered')]).toEqual([out.olderResidents, out.withPosition, out.covered]);
    expect(row(wd.grids.g1).share).toBeCloseTo(2 / 5, 12);
    const g2List = await compute(wd, { listGridId: wd.grids.g2 });
    expect(listed(g2List)).toEqual(['四号']);
  });

  it('what-if: a planned facility raises the share, closing one lowers it, and nothing is written', async () => {
    const wd = await world();
    await knownWalks(wd);
    const seq = maxSeq(wd.t.host.db);
    const base = await compute(wd);
    const plan = (key: string, at: { lng: number; lat: number }, days: number[]) => ({ key, name: `规划${key}`, position: { ...at, crs: 'wgs84' as const }, services: [{ code: 'meal', days }] });
    const added = await compute(wd, {
      whatIf: {
        add: [plan('p1', offset(site(1), 0, 100), EVERY_DAY), plan('p2', offset(site(5), 0, 50), [1, 3, 5])],
        close: [],
      },
    });
    // p1 covers C_beyond; p2 opens only three days a week and counts for nothing.
    expect(added.covered).toBe(base.covered + 1);
    expect(added.coverageShare!).toBeGreaterThan(base.coverageShare!);
    expect(added.byService.meal.facilities).toBe(base.byService.meal.facilities + 1);
    const closed = await compute(wd, { whatIf: { add: [], close: [wd.f.exact] } });
    // r1, r11 (C_exact) and r7 (own point near F_exact) lose their facility.
    expect(closed.covered).toBe(base.covered - 3);
    expect(closed.coverageShare!).toBeLessThan(base.coverageShare!);
    // A planned facility shows as the nearest, marked planned; a GCJ-02 point is converted first.
    const gcj = await compute(wd, {
      listCompoundId: wd.c.beyond,
      whatIf: { add: [{ key: 'far-plan', name: '远处规划', position: { lng: 106.3842, lat: 39.0151, crs: 'gcj02' }, services: [{ code: 'meal', days: EVERY_DAY }] }], close: [] },
    });
    expect(gcj.list.items[0].nearest.find((n) => n.service === 'meal')!.facility).toMatchObject({ id: wd.f.beyond });
    expect(maxSeq(wd.t.host.db)).toBe(seq);
  });

  it('minutes from the input widen or narrow the circle', async () => {
    const wd = await world();
    const wide = await compute(wd, { minutes: 60 });
    // 60 min × 67 = 4020 m: r8's own point is 5 km from F_exact (still not); C_far's 3 km × 1.3 = 3900 m is.
    expect(wide.settings.minutes).toBe(60);
    expect(wide.compounds.find((c) => c.id === wd.c.far)).toMatchObject({ covered: 1 });
    expect(wide.compounds.find((c) => c.id === wd.c.beyond)).toMatchObject({ covered: 1 });
    // 1 min × 67 = 67 m: only r7, whose own point is 50 m (× 1.3 = 65 m) from F_exact.
    const narrow = await compute(wd, { minutes: 1 });
    expect(narrow.covered).toBe(1);
    expect(narrow.compounds.find((c) => c.id === wd.c.closed)).toMatchObject({ covered: 1 });
  });

  it('a viewer sees the strict ID mask in the list; a clerk the usual one', async () => {
    const wd = await world();
    const viewer = await compute(wd, {}, wd.office.viewer.conn);
    const clerk = await compute(wd);
    const idOf = (name: string) => (wd.t.host.db.prepare('SELECT id_number FROM residents WHERE name = ?').get(name) as { id_number: string }).id_number;
    const v = viewer.list.items.find((i) => i.person.name === '二号')!;
    const c = clerk.list.items.find((i) => i.person.name === '二号')!;
    expect(v.person.idMasked).toBe(idMaskFor(false)(idOf('二号')));
    expect(c.person.idMasked).toBe(idMaskFor(true)(idOf('二号')));
    expect(v.person.idMasked).not.toContain(idOf('二号').slice(14));
  });

  it('pages the list in compound, then name order', async () => {
    const wd = await world();
    const all = await compute(wd, { listLimit: 10 });
    const page = await compute(wd, { listOffset: 1, listLimit: 2 });
    expect(page.list).toMatchObject({ total: 4, offset: 1 });
    expect(page.list.items.map((i) => i.person.residentId)).toEqual(all.list.items.slice(1, 3).map((i) => i.person.residentId));
    const names = all.list.items.map((i) => i.compound!.name);
    expect(names).toEqual([...names].sort());
  });
});

describe('the map data', () => {
  it('has compounds shaded, facilities with what they count for, the radius and the bounds', async () => {
    const wd = await world();
    await knownWalks(wd);
    const map = expectOk(await wd.t.call(wd.office.viewer.conn, 'eldercare.map.data', {}));
    expect(map.radiusMeters).toBeCloseTo(REACH_M, 6);
    expect(map).toMatchObject({ olderResidents: 11, withPosition: 9, covered: 5 });
    expect(map.compounds.find((c) => c.id === wd.c.days)).toMatchObject({ older: 1, covered: 1, share: 1 });
    expect(map.compounds.find((c) => c.id === wd.c.nopos)).toMatchObject({ wgs84: null, older: 1, withPosition: 0, share: null });
    const fac = (id: string) => map.facilities.find((f) => f.id === id)!;
    expect(fac(wd.f.days).countsFor).toEqual(['meal']);
    expect(fac(wd.f.days).services).toEqual([{ code: 'meal', days: EVERY_DAY }, { code: 'bath', days: [6, 7] }]);
    expect(fac(wd.f.closed)).toMatchObject({ status: 'closed', countsFor: [] });
    expect(fac(wd.f.plannedDb)).toMatchObject({ status: 'planned', countsFor: [] });
    const { west, east, south, north } = map.bbox!;
    for (const p of [...map.compounds.flatMap((c) => (c.wgs84 ? [c.wgs84] : [])), ...map.facilities.flatMap((f) => (f.wgs84 ? [f.wgs84] : []))]) {
      expect(p.lng).toBeGreaterThanOrEqual(west);
      expect(p.lng).toBeLessThanOrEqual(east);
      expect(p.lat).toBeGreaterThanOrEqual(south);
      expect(p.lat).toBeLessThanOrEqual(north);
    }
    expect(west).toBeCloseTo(BASE.lng, 9);
  });
});

describe('known walks', () => {
  it('are saved, changed with the version seen, removed, and refused for what does not exist', async () => {
    const wd = await world();
    const conn = wd.office.clerk.conn;
    const saved = expectOk(await wd.t.call(conn, 'eldercare.walks.save', { compoundId: wd.c.far, facilityId: wd.f.far, meters: 900, note: '穿过公园', version: null }))!;
    expect(saved).toMatchObject({ compoundName: '戊-远但实测近', facilityName: 'F远', meters: 900, note: '穿过公园', version: 1 });
    expect(saved.estimateMeters).toBe(Math.round(3000 * 1.3));
    // Saving again as if none existed would overwrite a walk the caller has not seen.
    expectFailure(await wd.t.call(conn, 'eldercare.walks.save', { compoundId: wd.c.far, facilityId: wd.f.far, meters: 800, version: null }), 'STALE_VERSION');
    const changed = expectOk(await wd.t.call(conn, 'eldercare.walks.save', { compoundId: wd.c.far, facilityId: wd.f.far, meters: 800, version: 1 }))!;
    expect(changed).toMatchObject({ meters: 800, note: null, version: 2 });
    expect(expectOk(await wd.t.call(conn, 'eldercare.walks.list', { compoundId: wd.c.far }))).toHaveLength(1);
    expect(expectOk(await wd.t.call(conn, 'eldercare.walks.save', { compoundId: wd.c.far, facilityId: wd.f.far, meters: null, version: 2 }))).toBeNull();
    expect(expectOk(await wd.t.call(conn, 'eldercare.walks.list', {}))).toEqual([]);
    const changes = wd.t.host.db.prepare("SELECT op FROM change_log WHERE entity = 'compound_walks' ORDER BY seq").all() as { op: string }[];
    expect(changes.map((c) => c.op)).toEqual(['insert', 'update', 'delete']);

    const noCompound = expectFailure(await wd.t.call(conn, 'eldercare.walks.save', { compoundId: wd.f.far, facilityId: wd.f.far, meters: 1, version: null }), 'INVALID_INPUT');
    expect(noCompound.issues).toMatchObject([{ path: ['compoundId'], code: 'eldercare.walk_no_compound' }]);
    const noFacility = expectFailure(await wd.t.call(conn, 'eldercare.walks.save', { compoundId: wd.c.far, facilityId: wd.c.far, meters: 1, version: null }), 'INVALID_INPUT');
    expect(noFacility.issues).toMatchObject([{ path: ['facilityId'], code: 'eldercare.walk_no_facility' }]);
    expectFailure(await wd.t.call(wd.office.viewer.conn, 'eldercare.walks.save', { compoundId: wd.c.far, facilityId: wd.f.far, meters: 1, version: null }), 'FORBIDDEN');
  });

  it('apply to residents at their compound’s point, not to those with their own', async () => {
    const wd = await world();
    // r8 lives in C_exact with an own point 5 km away; a known 10 m walk from C_exact to F_beyond
    // covers nobody extra there (r1, r11 already covered) and does not reach r8.
    expectOk(await wd.t.call(wd.office.clerk.conn, 'eldercare.walks.save', { compoundId: wd.c.exact, facilityId: wd.f.beyond, meters: 10, version: null }));
    const out = await compute(wd, { listCompoundId: wd.c.exact });
    expect(listed(out)).toEqual(['八号']);
  });
});

describe('the engine', () => {
  it('the index finds exactly what every-pair comparison finds, known walks both ways included', () => {
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const services = ['meal', 'bath', 'clean'];
    const facilities: CircleFacility[] = Array.from({ length: 120 }, (_, i) => ({
      id: `f${i}`,
      name: `F${i}`,
      planned: false,
      lng: 106.3 + random() * 0.15,
      lat: 38.95 + random() * 0.12,
      services: services.filter(() => random() < 0.5),
    }));
    const walks = new Map<string, Map<string, number>>();
    const points: CirclePoint[] = Array.from({ length: 1500 }, (_, i) => {
      const p = { lng: 106.3 + random() * 0.15, lat: 38.95 + random() * 0.12, compoundId: i % 3 === 0 ? null : `c${i}` };
      if (p.compoundId && random() < 0.3) walks.set(p.compoundId, new Map([[`f${Math.floor(random() * 120)}`, random() < 0.5 ? 200 : 5000]]));
      return p;
    });
    // A facility placed exactly at the limit of one point, straight north.
    const edge = offset({ lng: points[1].lng, lat: points[1].lat }, 0, REACH_M);
    facilities.push({ id: 'edge', name: 'edge', planned: false, lng: edge.lng, lat: edge.lat, services: ['clean'] });
    const circle = new Circle(facilities, { minutes: 15, walkingMetersPerMinute: 67, detourFactor: 1.3, coverageMinDaysPerWeek: 5 }, services, walks);
    let coveredSomewhere = 0;
    for (const p of points) {
      const fast = [...circle.reach(p)];
      expect(fast).toEqual([...reachAllPairs(circle, p)]);
      if (fast.includes(1)) coveredSomewhere++;
    }
    expect(coveredSomewhere).toBeGreaterThan(100);
    expect(coveredSomewhere).toBeLessThan(points.length);
    expect(distanceMeters(points[1], edge) * 1.3).toBeCloseTo(LIMIT_M, 6);
    expect(circle.reach(points[1])[2]).toBe(1);
  });

  it('a facility exactly at the limit is found and covers, whatever the float rounding; 1 cm beyond does not', () => {
    // Placed at limit ÷ detour, the product comes out a hair over the limit in about one case in six:
    // both the index query's radius and the comparison must allow for it.
    let cases = 0;
    for (let minutes = 1; minutes <= 40; minutes++) {
      for (const speed of [55, 67, 80.5]) {
        for (const detourFactor of [1, 1.25, 1.3, 1.7]) {
          const from = { lng: 106.38 + minutes * 0.001, lat: 39.01, compoundId: null };
          for (const [east, north] of [[0, 1], [1, 0], [0.6, 0.8], [-1, 0], [0, -1]]) {
            const planned = (minutes * speed) / detourFactor;
            const at = offset(from, planned * east, planned * north);
            // Off a meridian the offset is not exactly `planned` metres: the limit is the real distance × detour.
            const walk = distanceMeters(from, at) * detourFactor;
            const rules = { minutes, walkingMetersPerMinute: east === 0 ? speed : walk / minutes, detourFactor, coverageMinDaysPerWeek: 5 };
            const beyond = offset(from, (planned + 0.01) * east, (planned + 0.01) * north);
            expect(distanceMeters(from, beyond) * detourFactor).toBeGreaterThan(minutes * rules.walkingMetersPerMinute + 0.005);
            const circle = new Circle(
              [
                { id: 'f', name: 'F', planned: false, lng: at.lng, lat: at.lat, services: ['meal'] },
                { id: 'g', name: 'G', planned: false, lng: beyond.lng, lat: beyond.lat, services: ['bath'] },
              ],
              rules,
              ['meal', 'bath'],
            );
            expect([...circle.reach(from)], `${minutes} min, ${speed} m/min, detour ${detourFactor}, bearing ${east},${north}`).toEqual([1, 0]);
            cases++;
          }
        }
      }
    }
    expect(cases).toBe(40 * 3 * 4 * 5);
  });

  it('counts people per point once: byService multiplies by the people at a point', () => {
    const circle = new Circle([{ id: 'f', name: 'F', planned: false, lng: BASE.lng, lat: BASE.lat, services: ['meal'] }], { minutes: 15, walkingMetersPerMinute: 67, detourFactor: 1.3, coverageMinDaysPerWeek: 5 }, ['meal', 'bath']);
    const points = [{ ...BASE, compoundId: 'c1' }, { ...offset(BASE, 2000), compoundId: 'c2' }];
    const people = [0, 0, 0, 1, -1].map((point) => ({ point, gridId: null, compoundId: point === 1 ? 'c2' : 'c1' }));
    const figures = computeCircle(circle, points, people, null);
    expect(figures).toMatchObject({ older: 5, withPosition: 4, covered: 3, byService: [3, 0] });
    expect(figures.byCompound.get('c1')).toEqual({ older: 4, withPosition: 3, covered: 3 });
    expect(computeCircle(circle, points, people, 'bath').covered).toBe(0);
  });

  it('with no facility at all, nobody is covered and nothing is nearest', () => {
    const circle = new Circle([], { minutes: 15, walkingMetersPerMinute: 67, detourFactor: 1.3, coverageMinDaysPerWeek: 5 }, ['meal']);
    expect([...circle.reach({ ...BASE, compoundId: null })]).toEqual([0]);
    expect(circle.nearest({ ...BASE, compoundId: null }, 'meal')).toBeNull();
  });
});

describe('the older and the office day', () => {
  it("takes today's date in Beijing, and a birthday counts from that day (29 February too)", () => {
    expect(beijingDate(new Date('2025-03-09T16:00:00.000Z'))).toBe('2025-03-10');
    expect(beijingDate(new Date('2025-03-09T15:59:59.999Z'))).toBe('2025-03-09');
    expect(bornBy('2025-03-10', 60)).toBe('1965-03-10');
    expect(bornBy('2024-02-29', 60)).toBe('1964-02-29');
    expect(bornBy('2100-02-28', 60)).toBe('2040-02-28');
    expect(bornBy('2160-02-29', 60)).toBe('2100-02-28');
  });
});
