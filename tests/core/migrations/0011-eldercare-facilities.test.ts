/** Migration 11 (eldercare-facilities): settings, code tables, compounds, places, facilities, licences, inspections — on a v10 database with an alert. */
import { afterEach, describe, expect, it } from 'vitest';
import { databaseAt, upgradeTo } from '../../support/migration-db';
import { disposeTestResources } from '../../support/temp-dir';

afterEach(disposeTestResources);

const OFFICE = '0195a1b2-0000-7000-8000-000000000001';
const CLERK = '0195a1b2-0000-7000-8000-000000000004';
const HEAD = '0195a1b2-0000-7000-8000-000000000007';
const GRID = '0195a1b2-0000-7000-8000-000000000009';
const ALERT = '0195a1b2-0000-7000-8000-0000000000a1';
const T0 = '2025-01-06T01:30:00.000Z';
const HASH = 'scrypt$10$8$1$c2FsdHNhbHRzYWx0c2FsdA==$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g=';

const V10_SEED = `
  INSERT INTO office (id, code, name, division_code, created_at, updated_at) VALUES ('${OFFICE}', 'DWK-CYJ', '朝阳街社区居委会', '640202', '${T0}', '${T0}');
  INSERT INTO users (id, office_id, username, display_name, role, password_hash, created_at, updated_at) VALUES
    ('${CLERK}', '${OFFICE}', 'li.na', '李娜', 'clerk', '${HASH}', '${T0}', '${T0}');
  INSERT INTO grids (id, office_id, code, name, created_at, updated_at) VALUES ('${GRID}', '${OFFICE}', 'G01', '第一网格', '${T0}', '${T0}');
  INSERT INTO residents (id, office_id, name, name_pinyin, id_number, birth_date, sex, division_code, grid_id, created_at, updated_at)
    VALUES ('${HEAD}', '${OFFICE}', '马建国', 'majianguo 马建国', '640205195203154517', '1952-03-15', 'male', '640205', '${GRID}', '${T0}', '${T0}');
  INSERT INTO alerts (id, office_id, source, key, severity, params, raised_at, created_at, updated_at)
    VALUES ('${ALERT}', '${OFFICE}', 'demo.rule', 'k1', 'info', '{}', '${T0}', '${T0}', '${T0}');
  INSERT INTO change_log (tx, entity, entity_id, op, version, fields, user_id, at)
    VALUES ('tx-1', 'residents', '${HEAD}', 'insert', 1, '["id_number","name"]', '${CLERK}', '${T0}');
`;

function migrated() {
  const db = databaseAt(10, V10_SEED);
  upgradeTo(db, 11);
  return db;
}

const id = (n: number) => `0195a1b2-0000-7000-8000-${String(n).padStart(12, '0')}`;

describe('migration 11 (eldercare-facilities) on a populated v10 database', () => {
  it('keeps every row of v10 and leaves the file consistent', () => {
    const db = migrated();
    expect(db.prepare('SELECT source FROM alerts').pluck().all()).toEqual(['demo.rule']);
  });

  it('stores a position whole (point, system and WGS-84 form) or not at all, and compound names once among live rows', () => {
    const db = migrated();
    const insert = db.prepare(
      `INSERT INTO compounds (id, office_id, name, grid_id, lng, lat, crs, wgs_lng, wgs_lat, created_at, updated_at, deleted_at)
       VALUES (@id, '${OFFICE}', @name, '${GRID}', @lng, @lat, @crs, @wgsLng, @wgsLat, '${T0}', '${T0}', @deleted)`,
    );
    const c = { id: id(100), name: '星海湾小区', lng: 106.3825, lat: 39.0153, crs: 'gcj02', wgsLng: 106.3765, wgsLat: 39.0142, deleted: null };
    insert.run(c);
    insert.run({ ...c, id: id(101), name: '无坐标小区', lng: null, lat: null, crs: null, wgsLng: null, wgsLat: null });
    expect(() => insert.run({ ...c, id: id(102), name: '缺坐标系', crs: null })).toThrow(/CHECK/);
    expect(() => insert.run({ ...c, id: id(103), name: '缺纬度', lat: null })).toThrow(/CHECK/);
    expect(() => insert.run({ ...c, id: id(104), name: '缺计算坐标', wgsLng: null })).toThrow(/CHECK/);
    expect(() => insert.run({ ...c, id: id(105), name: '坐标系错', crs: 'cgcs2000' })).toThrow(/CHECK/);
    expect(() => insert.run({ ...c, id: id(106) })).toThrow(/UNIQUE/);
    // A tombstoned compound leaves its name free.
    db.prepare('UPDATE compounds SET deleted_at = ? WHERE id = ?').run(T0, id(100));
    insert.run({ ...c, id: id(107) });

    const place = db.prepare(
      `INSERT INTO resident_places (id, office_id, resident_id, compound_id, created_at, updated_at) VALUES (?, '${OFFICE}', ?, ?, '${T0}', '${T0}')`,
    );
    place.run(id(110), HEAD, id(107));
    expect(() => place.run(id(111), HEAD, id(101))).toThrow(/UNIQUE/);
    expect(() => place.run(id(112), 'no-such-resident', null)).toThrow(/FOREIGN KEY/);
  });

  it('facilities: checked operator, status and pilot, JSON columns, a live code once; licences and inspections belong to a facility', () => {
    const db = migrated();
    const insert = db.prepare(
      `INSERT INTO facilities (id, office_id, code, name, kind, operator, status, pilot, services, created_at, updated_at)
       VALUES (@id, '${OFFICE}', @code, @name, 'day_care', @operator, @status, @pilot, @services, '${T0}', '${T0}')`,
    );
    const f = { id: id(200), code: 'YL-01', name: '朝阳街道日间照料中心', operator: 'public_private', status: 'active', pilot: 'city', services: '[{"code":"meal","days":[1,2,3,4,5]}]' };
    insert.run(f);
    expect(db.prepare('SELECT beds, places, staff, version FROM facilities WHERE id = ?').get(id(200))).toEqual({ beds: 0, places: '{}', staff: '{}', version: 1 });
    expect(() => insert.run({ ...f, id: id(201) })).toThrow(/UNIQUE/);
    insert.run({ ...f, id: id(202), code: null, name: '无编号助餐点' });
    insert.run({ ...f, id: id(203), code: null, name: '另一个无编号助餐点' });
    expect(() => insert.run({ ...f, id: id(204), code: 'YL-04', operator: 'state' })).toThrow(/CHECK/);
    expect(() => insert.run({ ...f, id: id(205), code: 'YL-05', status: 'open' })).toThrow(/CHECK/);
    expect(() => insert.run({ ...f, id: id(206), code: 'YL-06', pilot: 'district' })).toThrow(/CHECK/);
    expect(() => insert.run({ ...f, id: id(207), code: 'YL-07', services: '[{' })).toThrow(/CHECK/);

    const licence = db.prepare(
      `INSERT INTO facility_licences (id, office_id, facility_id, kind, title, number, expires_on, created_at, updated_at) VALUES (?, '${OFFICE}', ?, ?, '备案回执', 'NO-1', '2026-06-30', '${T0}', '${T0}')`,
    );
    licence.run(id(300), id(200), 'filing');
    expect(() => licence.run(id(301), id(200), 'permit')).toThrow(/CHECK/);
    expect(() => licence.run(id(302), 'no-such-facility', 'licence')).toThrow(/FOREIGN KEY/);
    const inspection = db.prepare(
      `INSERT INTO facility_inspections (id, office_id, facility_id, inspected_on, inspector, rectification_due, created_at, updated_at) VALUES (?, '${OFFICE}', ?, '2025-01-05', '王建国', '2025-01-20', '${T0}', '${T0}')`,
    );
    inspection.run(id(400), id(200));
    expect(() => inspection.run(id(401), 'no-such-facility')).toThrow(/FOREIGN KEY/);
    // The overdue-rectification scan reads an index of open rectifications by due date.
    const plan = db.prepare("EXPLAIN QUERY PLAN SELECT id FROM facility_inspections WHERE deleted_at IS NULL AND followed_up_on IS NULL AND rectification_due < '2025-02-01'").all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/facility_inspections_due/);
  });
});
