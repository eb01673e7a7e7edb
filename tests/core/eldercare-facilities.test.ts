/**
 * 养老服务设施 through the real core: positions kept in the system they came in (and converted for
 * computing), compounds and residents' places, facility rules (codes, services, days, versions),
 * the list's filters and warnings, the facility page (capacity use, served residents masked for the
 * caller, orders, history), closing that keeps history, and who may do what.
 */
import { afterEach, describe, expect, it } from 'vitest';
import gcoord from 'gcoord';
import type { MethodInput } from '../../shared/contract';
import { distanceMeters } from '../../shared/domain/eldercare/positions';
import { parseWeekdays, readCrs } from '../../shared/domain/eldercare/facilities';
import { expectFailure, expectOk } from '../support/results';
import { newIdNumber, register, setupRegistry } from '../support/residents-registry';
import { createTestHost, type TestHost } from '../support/test-host';
import { disposeTestResources } from '../support/temp-dir';

afterEach(disposeTestResources);

/** Tiananmen as Amap shows it (GCJ-02), and its WGS-84 position as published (e.g. the gcoord README / the GCJ-02 literature's check point). */
const TIANANMEN_GCJ02 = { lng: 116.403988, lat: 39.914266 };
const TIANANMEN_WGS84 = { lng: 116.397743, lat: 39.912862 };

type FacilityInput = MethodInput<'eldercare.facilities.save'>;
const dayCare = (over: Partial<FacilityInput> = {}): FacilityInput => ({
  name: '朝阳街道日间照料中心',
  kind: 'day_care',
  operator: 'public_private',
  operatorName: '石嘴山市颐康养老服务有限公司',
  address: '大武口区朝阳西街 8 号',
  position: { lng: 106.3831, lat: 39.0148, crs: 'gcj02' },
  beds: 10,
  places: { day_care: 20, meal_seats: 10 },
  staff: { manager: 1, caregiver: 6 },
  services: [
    { code: 'meal', days: [5, 1, 2, 3, 4, 4] },
    { code: 'bath', days: [6] },
  ],
  ...over,
});

async function office() {
  const t = createTestHost();
  const o = await setupRegistry(t);
  return { t, o, clerk: o.clerk.conn, viewer: o.viewer.conn };
}

/** A care profile naming a facility: the care part's table, written here as its rows look (the care part has its own tests). */
function careProfile(t: TestHost, residentId: string, facilityId: string) {
  const n = t.host.db.prepare('SELECT count(*) FROM care_profiles').pluck().get() as number;
  const office = t.host.db.prepare('SELECT id FROM office').pluck().get() as string;
  t.host.db
    .prepare(`INSERT INTO care_profiles (id, office_id, resident_id, living, facility_id, created_at, updated_at) VALUES (?, ?, ?, 'alone', ?, '2025-03-01', '2025-03-01')`)
    .run(`0195a1b2-3c4d-7e5f-8a9b-${String(n + 1).padStart(12, '0')}`, office, residentId, facilityId);
}

describe('positions are stored with their system and shown back in it', () => {
  it('a GCJ-02 point is shown back as GCJ-02; its WGS-84 form is gcoord’s transform and within 2 m of the published figure', async () => {
    const { t, clerk } = await office();
    const saved = expectOk(await t.call(clerk, 'eldercare.facilities.save', dayCare({ position: { ...TIANANMEN_GCJ02, crs: 'gcj02' } })));
    const got = expectOk(await t.call(clerk, 'eldercare.facilities.get', { id: saved.id }));
    expect(got.position).toMatchObject({ lng: TIANANMEN_GCJ02.lng, lat: TIANANMEN_GCJ02.lat, crs: 'gcj02' });
    const [lng, lat] = gcoord.transform([TIANANMEN_GCJ02.lng, TIANANMEN_GCJ02.lat], gcoord.GCJ02, gcoord.WGS84);
    expect(got.position!.wgs84.lng).toBeCloseTo(lng, 7);
    expect(got.position!.wgs84.lat).toBeCloseTo(lat, 7);
    expect(distanceMeters(got.position!.wgs84, TIANANMEN_WGS84)).toBeLessThan(2);
    // The offset between the systems is real (hundreds of metres): storing the typed point as WGS-84 would be wrong.
    expect(distanceMeters(got.position!.wgs84, TIANANMEN_GCJ02)).toBeGreaterThan(400);
  });

  it('BD-09 and WGS-84 points come back as typed; WGS-84 is its own computing form', async () => {
    const { t, clerk } = await office();
    const bd = gcoord.transform([TIANANMEN_GCJ02.lng, TIANANMEN_GCJ02.lat], gcoord.GCJ02, gcoord.BD09);
    const bdPoint = { lng: Math.round(bd[0] * 1e6) / 1e6, lat: Math.round(bd[1] * 1e6) / 1e6 };
    const a = expectOk(await t.call(clerk, 'eldercare.compounds.save', { name: '百度坐标小区', position: { ...bdPoint, crs: 'bd09' } }));
    expect(a.position).toMatchObject({ ...bdPoint, crs: 'bd09' });
    expect(distanceMeters(a.position!.wgs84, TIANANMEN_WGS84)).toBeLessThan(3);
    const b = expectOk(await t.call(clerk, 'eldercare.compounds.save', { name: 'GPS小区', position: { ...TIANANMEN_WGS84, crs: 'wgs84' } }));
    expect(b.position).toEqual({ ...TIANANMEN_WGS84, crs: 'wgs84', wgs84: TIANANMEN_WGS84 });
  });

  it('refuses a point outside China (a mistyped longitude) next to the field', async () => {
    const { t, clerk } = await office();
    const error = expectFailure(await t.call(clerk, 'eldercare.compounds.save', { name: '输错了', position: { lng: 10.63831, lat: 39.0148, crs: 'gcj02' } }), 'INVALID_INPUT');
    expect(error.issues?.[0]).toMatchObject({ code: 'eldercare.position_outside' });
  });

  it('reads the coordinate-system labels offices write', () => {
    expect(['高德', '腾讯地图', 'GCJ-02', 'gcj02'].map(readCrs)).toEqual(['gcj02', 'gcj02', 'gcj02', 'gcj02']);
    expect(['百度', 'BD-09'].map(readCrs)).toEqual(['bd09', 'bd09']);
    expect(['GPS', 'WGS-84', 'wgs84'].map(readCrs)).toEqual(['wgs84', 'wgs84', 'wgs84']);
    expect(readCrs('谷歌')).toBeUndefined();
    expect(parseWeekdays('周一至周五')).toEqual([1, 2, 3, 4, 5]);
    expect(parseWeekdays('1,3,5')).toEqual([1, 3, 5]);
    expect(parseWeekdays('每天')).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(parseWeekdays('周六、周日')).toEqual([6, 7]);
    expect(parseWeekdays('周八')).toBeNull();
  });
});

describe('compounds and residents’ places', () => {
  it('a resident’s position is their compound’s unless their own is entered; compounds count who lives there', async () => {
    const { t, clerk } = await office();
    const compound = expectOk(await t.call(clerk, 'eldercare.compounds.save', { name: '星海湾小区', position: { lng: 106.3825, lat: 39.0153, crs: 'gcj02' } }));
    const older = await register(t, clerk, { name: '马桂英', idNumber: newIdNumber({ birthDate: '1950-02-01' }) });
    const younger = await register(t, clerk, { name: '马小军', idNumber: newIdNumber({ birthDate: '1990-02-01' }) });

    const none = expectOk(await t.call(clerk, 'eldercare.places.get', { residentId: older.id }));
    expect(none).toMatchObject({ version: null, source: 'none', effective: null });
    const placed = expectOk(await t.call(clerk, 'eldercare.places.set', { residentId: older.id, version: null, compoundId: compound.id }));
    expect(placed).toMatchObject({ source: 'compound', compoundName: '星海湾小区', own: null, effective: compound.position });
    expectOk(await t.call(clerk, 'eldercare.places.set', { residentId: younger.id, version: null, compoundId: compound.id }));

    const own = expectOk(await t.call(clerk, 'eldercare.places.set', { residentId: older.id, version: placed.version, position: { lng: 106.38, lat: 39.01, crs: 'wgs84' } }));
    expect(own).toMatchObject({ source: 'own', compoundId: compound.id, own: { lng: 106.38, lat: 39.01, crs: 'wgs84' } });
    expect(own.effective).toEqual(own.own);
    // Clearing the own point falls back to the compound again; an old version is refused.
    expectFailure(await t.call(clerk, 'eldercare.places.set', { residentId: older.id, version: placed.version, position: null }), 'STALE_VERSION');
    const cleared = expectOk(await t.call(clerk, 'eldercare.places.set', { residentId: older.id, version: own.version, position: null }));
    expect(cleared.source).toBe('compound');

    const [listed] = expectOk(await t.call(clerk, 'eldercare.compounds.list', {}));
    expect(listed).toMatchObject({ name: '星海湾小区', residents: 2, olderResidents: 1 });
    expect(expectOk(await t.call(clerk, 'eldercare.compounds.list', { query: '海湾' }))).toHaveLength(1);
    expect(expectOk(await t.call(clerk, 'eldercare.compounds.list', { query: '不存在' }))).toHaveLength(0);
  });

  it('refuses a second compound of the same name, an unknown compound for a place, and an update without its version', async () => {
    const { t, clerk } = await office();
    const c = expectOk(await t.call(clerk, 'eldercare.compounds.save', { name: '星海湾小区' }));
    expect(expectFailure(await t.call(clerk, 'eldercare.compounds.save', { name: '星海湾小区' }), 'INVALID_INPUT').issues?.[0]).toMatchObject({ path: ['name'], code: 'eldercare.compound_name_taken' });
    expect(expectFailure(await t.call(clerk, 'eldercare.compounds.save', { id: c.id, name: '改名' }), 'INVALID_INPUT').issues?.[0]).toMatchObject({ path: ['version'] });
    const r = await register(t, clerk, { name: '马桂英' });
    const unknown = '0195a1b2-3c4d-7e5f-8a9b-0000000000c9';
    expect(expectFailure(await t.call(clerk, 'eldercare.places.set', { residentId: r.id, version: null, compoundId: unknown }), 'INVALID_INPUT').issues?.[0]).toMatchObject({ path: ['compoundId'] });
  });
});

describe('facilities', () => {
  it('saves every field: services with sorted unique days, places and staff, and the codes it must use', async () => {
    const { t, clerk } = await office();
    const saved = expectOk(await t.call(clerk, 'eldercare.facilities.save', dayCare()));
    expect(saved).toMatchObject({
      name: '朝阳街道日间照料中心',
      kind: 'day_care',
      operator: 'public_private',
      status: 'active',
      pilot: 'none',
      beds: 10,
      places: { day_care: 20, meal_seats: 10 },
      staff: { manager: 1, caregiver: 6 },
      services: [
        { code: 'meal', days: [1, 2, 3, 4, 5] },
        { code: 'bath', days: [6] },
      ],
      capacity: { places: 40, served: 0, share: 0 },
      warnings: [],
    });

    const refused = async (input: FacilityInput) => expectFailure(await t.call(clerk, 'eldercare.facilities.save', input), 'INVALID_INPUT').issues?.[0];
    expect(await refused(dayCare({ kind: 'spaceship' }))).toMatchObject({ path: ['kind'], code: 'eldercare.kind_unknown' });
    expect(await refused(dayCare({ services: [{ code: 'meal', days: [1] }, { code: 'meal', days: [2] }] }))).toMatchObject({ path: ['services', 1, 'code'], code: 'eldercare.service_repeated' });
    expect(await refused(dayCare({ services: [{ code: 'juggling', days: [1] }] }))).toMatchObject({ path: ['services', 0, 'code'], code: 'eldercare.service_unknown' });
    expect(await refused(dayCare({ services: [{ code: 'meal', days: [] }] }))).toMatchObject({ path: ['services', 0, 'days'], code: 'eldercare.days_required' });
    expect(await refused(dayCare({ services: [{ code: 'meal', days: [8] }] }))).toMatchObject({ path: ['services', 0, 'days', 0] });
    expectOk(await t.call(clerk, 'eldercare.facilities.save', dayCare({ code: 'YL-01' })));
    expect(await refused(dayCare({ code: 'YL-01', name: '另一家' }))).toMatchObject({ path: ['code'], code: 'eldercare.facility_code_taken', params: { name: '朝阳街道日间照料中心' } });
  });

  it('a retired kind or service stays on the facility that has it, but no other facility may take it', async () => {
    const { t, o, clerk } = await office();
    const saved = expectOk(await t.call(clerk, 'eldercare.facilities.save', dayCare()));
    expectOk(await t.call(o.adminConn, 'eldercare.codes.save', { table: 'facility_kind', code: 'day_care', zh: '日间照料中心', en: 'Day-care centre', active: false }));
    expectOk(await t.call(o.adminConn, 'eldercare.codes.save', { table: 'service', code: 'bath', zh: '助浴', en: 'Bath aid', active: false }));
    expectOk(await t.call(clerk, 'eldercare.facilities.save', { ...dayCare({ notes: '改了备注' }), id: saved.id, version: saved.version }));
    expect(expectFailure(await t.call(clerk, 'eldercare.facilities.save', dayCare({ name: '新的' })), 'INVALID_INPUT').issues?.[0]).toMatchObject({ code: 'eldercare.kind_unknown' });
  });

  it('lists by status, kind, service, query and warning', async () => {
    const { t, clerk } = await office();
    const a = expectOk(await t.call(clerk, 'eldercare.facilities.save', dayCare()));
    expectOk(await t.call(clerk, 'eldercare.facilities.save', dayCare({ name: '星海湾老年食堂', kind: 'meal_point', services: [{ code: 'meal', days: [1, 2, 3, 4, 5, 6, 7] }] })));
    expectOk(await t.call(clerk, 'eldercare.facilities.save', dayCare({ name: '规划中的站点', kind: 'service_station', status: 'planned', services: [{ code: 'clean', days: [1] }] })));
    const names = async (input: MethodInput<'eldercare.facilities.list'>) => expectOk(await t.call(clerk, 'eldercare.facilities.list', input)).map((f) => f.name).sort();
    expect(await names({})).toHaveLength(3);
    expect(await names({ status: 'planned' })).toEqual(['规划中的站点']);
    expect(await names({ kind: 'meal_point' })).toEqual(['星海湾老年食堂']);
    expect(await names({ service: 'meal' })).toEqual(['星海湾老年食堂', '朝阳街道日间照料中心']);
    expect(await names({ service: 'bath' })).toEqual(['朝阳街道日间照料中心']);
    expect(await names({ query: '食堂' })).toEqual(['星海湾老年食堂']);
    // The clock stands at 2025-03-10: a filing ending in 20 days is within the default 60.
    expectOk(await t.call(clerk, 'eldercare.licences.save', { facilityId: a.id, kind: 'filing', title: '备案回执', number: 'BA-1', expiresOn: '2025-03-30' }));
    expect(await names({ warning: 'licence_expiring' })).toEqual(['朝阳街道日间照料中心']);
    expect(await names({ warning: 'rectification_overdue' })).toEqual([]);
  });

  it('the facility page: capacity use from care profiles, served residents masked for the caller, its orders, its licences, inspections and history', async () => {
    const { t, clerk, viewer } = await office();
    const f = expectOk(await t.call(clerk, 'eldercare.facilities.save', dayCare({ beds: 0, places: { day_care: 4 } })));
    const ids = [newIdNumber({ birthDate: '1948-05-01' }), newIdNumber({ birthDate: '1952-07-09' }), newIdNumber({ birthDate: '1940-01-20' })];
    const people = [];
    for (const [i, idNumber] of ids.entries()) people.push(await register(t, clerk, { name: ['王秀兰', '李德福', '张桂芝'][i], idNumber }));
    for (const p of people) careProfile(t, p.id, f.id);
    // A resident who moved away is no longer served.
    expectOk(await t.call(clerk, 'residents.setStatus', { id: people[2].id, version: people[2].version, status: 'moved_out', date: '2025-03-01' }));

    const l = expectOk(await t.call(clerk, 'eldercare.licences.save', { facilityId: f.id, kind: 'licence', title: '养老机构设立许可', number: 'XK-9', issuedOn: '2024-01-01', expiresOn: '2029-01-01' }));
    const i = expectOk(await t.call(clerk, 'eldercare.inspections.save', { facilityId: f.id, inspectedOn: '2025-03-01', inspector: '王建国', findings: '消防通道堆放杂物', rectificationDue: '2025-03-15' }));
    expect(l).toMatchObject({ state: 'valid', daysLeft: 1393 });
    expect(i).toMatchObject({ state: 'open' });

    const clerkView = expectOk(await t.call(clerk, 'eldercare.facilities.get', { id: f.id }));
    expect(clerkView.capacity).toEqual({ places: 4, served: 2, share: 0.5 });
    expect(clerkView.servedTotal).toBe(2);
    expect(clerkView.served.map((s) => s.name).sort()).toEqual(['李德福', '王秀兰']);
    expect(clerkView.served.find((s) => s.name === '王秀兰')!.idMasked).toBe(`${ids[0].slice(0, 6)}********${ids[0].slice(14)}`);
    expect(clerkView.licences.map((x) => x.number)).toEqual(['XK-9']);
    expect(clerkView.inspections.map((x) => x.findings)).toEqual(['消防通道堆放杂物']);
    expect(clerkView.orders).toEqual({ total: 0, byStatus: {}, personTimes: 0 });
    expect(clerkView.history.map((h) => [h.entity, h.op])).toEqual([
      ['facility_inspections', 'insert'],
      ['facility_licences', 'insert'],
      ['facilities', 'insert'],
    ]);

    // A viewer reads the page with the strict mask, and never a full number.
    const viewerView = expectOk(await t.call(viewer, 'eldercare.facilities.get', { id: f.id }));
    expect(viewerView.served.find((s) => s.name === '王秀兰')!.idMasked).not.toContain(ids[0].slice(14));
    const text = JSON.stringify([clerkView, viewerView]);
    for (const id of ids) expect(text).not.toContain(id);
  });

  it('orders on the page count by status; person-times are the delivered ones', async () => {
    const { t, clerk } = await office();
    const f = expectOk(await t.call(clerk, 'eldercare.facilities.save', dayCare()));
    const r = await register(t, clerk, { name: '王秀兰', idNumber: newIdNumber({ birthDate: '1948-05-01' }) });
    const officeId = t.host.db.prepare('SELECT id FROM office').pluck().get() as string;
    const insert = t.host.db.prepare(
      `INSERT INTO service_orders (id, office_id, resident_id, service, channel, status, requested_on, facility_id, created_at, updated_at) VALUES (?, ?, ?, 'meal', 'phone', ?, '2025-03-01', ?, 'x', 'x')`,
    );
    ['done', 'done', 'closed', 'cancelled', 'recorded'].forEach((status, n) => insert.run(`0195a1b2-3c4d-7e5f-8a9b-0000000001${String(n).padStart(2, '0')}`, officeId, r.id, status, f.id));
    const page = expectOk(await t.call(clerk, 'eldercare.facilities.get', { id: f.id }));
    expect(page.orders).toEqual({ total: 5, byStatus: { done: 2, closed: 1, cancelled: 1, recorded: 1 }, personTimes: 3 });
  });

  it('closing keeps the facility and its history; reopening clears the date; a stale version is refused', async () => {
    const { t, clerk } = await office();
    const f = expectOk(await t.call(clerk, 'eldercare.facilities.save', dayCare({ openedOn: '2020-05-01' })));
    expect(expectFailure(await t.call(clerk, 'eldercare.facilities.setStatus', { id: f.id, version: f.version, status: 'closed', on: '2019-01-01' }), 'INVALID_INPUT').issues?.[0]).toMatchObject({ path: ['on'] });
    const closed = expectOk(await t.call(clerk, 'eldercare.facilities.setStatus', { id: f.id, version: f.version, status: 'closed', on: '2025-03-01' }));
    expect(closed).toMatchObject({ status: 'closed', closedOn: '2025-03-01', version: f.version + 1 });
    expectFailure(await t.call(clerk, 'eldercare.facilities.setStatus', { id: f.id, version: f.version, status: 'active', on: '2025-03-05' }), 'STALE_VERSION');
    expect(expectOk(await t.call(clerk, 'eldercare.facilities.list', { status: 'closed' })).map((x) => x.id)).toEqual([f.id]);
    const reopened = expectOk(await t.call(clerk, 'eldercare.facilities.setStatus', { id: f.id, version: closed.version, status: 'active', on: '2025-03-05' }));
    expect(reopened.closedOn).toBeNull();
    expect(reopened.history.filter((h) => h.entity === 'facilities').map((h) => h.version)).toEqual([3, 2, 1]);
    expect(reopened.history[0].userName).toBe('clerk 用户');
  });

  it('licences and inspections: dates in order, the follow-up not in the future, removal', async () => {
    const { t, clerk } = await office();
    const f = expectOk(await t.call(clerk, 'eldercare.facilities.save', dayCare()));
    const bad = async (method: 'eldercare.licences.save' | 'eldercare.inspections.save', input: object) =>
      expectFailure(await t.call(clerk, method, input as never), 'INVALID_INPUT').issues?.[0]?.code;
    expect(await bad('eldercare.licences.save', { facilityId: f.id, kind: 'licence', title: '许可', number: 'X', issuedOn: '2025-01-01', expiresOn: '2024-12-31' })).toBe('eldercare.expiry_before_issue');
    expect(await bad('eldercare.licences.save', { facilityId: '0195a1b2-3c4d-7e5f-8a9b-0000000000f1', kind: 'licence', title: '许可', number: 'X' })).toBe('eldercare.facility_unknown');
    const base = { facilityId: f.id, inspectedOn: '2025-03-01', inspector: '王建国' };
    expect(await bad('eldercare.inspections.save', { ...base, rectificationDue: '2025-02-01' })).toBe('eldercare.due_before_inspection');
    expect(await bad('eldercare.inspections.save', { ...base, followedUpOn: '2025-02-28' })).toBe('eldercare.follow_up_before_inspection');
    expect(await bad('eldercare.inspections.save', { ...base, followedUpOn: '2025-03-11' })).toBe('eldercare.follow_up_in_future');
    const l = expectOk(await t.call(clerk, 'eldercare.licences.save', { facilityId: f.id, kind: 'licence', title: '许可', number: 'X' }));
    expect(l).toMatchObject({ state: 'no_expiry', daysLeft: null });
    expectFailure(await t.call(clerk, 'eldercare.licences.remove', { id: l.id, version: l.version + 1 }), 'STALE_VERSION');
    expectOk(await t.call(clerk, 'eldercare.licences.remove', { id: l.id, version: l.version }));
    const page = expectOk(await t.call(clerk, 'eldercare.facilities.get', { id: f.id }));
    expect(page.licences).toEqual([]);
    expect(page.history.map((h) => [h.entity, h.op])).toContainEqual(['facility_licences', 'delete']);
  });
});

describe('who may do what', () => {
  it('a viewer lists and reads facilities and compounds, but saves nothing', async () => {
    const { t, clerk, viewer } = await office();
    const f = expectOk(await t.call(clerk, 'eldercare.facilities.save', dayCare()));
    expect(expectOk(await t.call(viewer, 'eldercare.facilities.list', {}))).toHaveLength(1);
    expectOk(await t.call(viewer, 'eldercare.facilities.get', { id: f.id }));
    expectOk(await t.call(viewer, 'eldercare.compounds.list', {}));
    expectFailure(await t.call(viewer, 'eldercare.facilities.save', dayCare({ name: '看的人不能建' })), 'FORBIDDEN');
    expectFailure(await t.call(viewer, 'eldercare.facilities.setStatus', { id: f.id, version: f.version, status: 'closed', on: '2025-03-01' }), 'FORBIDDEN');
    expectFailure(await t.call(viewer, 'eldercare.compounds.save', { name: '看的人的小区' }), 'FORBIDDEN');
    expectFailure(await t.call(viewer, 'eldercare.licences.save', { facilityId: f.id, kind: 'licence', title: '许可', number: 'X' }), 'FORBIDDEN');
    expectFailure(await t.call(viewer, 'eldercare.alerts.scan', {}), 'FORBIDDEN');
    expect(expectOk(await t.call(clerk, 'eldercare.facilities.list', {})).map((x) => x.name)).toEqual(['朝阳街道日间照料中心']);
  });
});
