/**
 * Migration 13 (eldercare coverage): known walks and grid areas, on a v12 database with a grid, a
 * compound and a facility (migration 11's tables) and an older resident placed in the compound.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { databaseAt, upgradeTo } from '../../support/migration-db';
import { disposeTestResources } from '../../support/temp-dir';

afterEach(disposeTestResources);

const OFFICE = '0195a1b2-0000-7000-8000-000000000001';
const GRID = '0195a1b2-0000-7000-8000-000000000005';
const RESIDENT = '0195a1b2-0000-7000-8000-000000000007';
const COMPOUND = '0195a1b2-0000-7000-8000-0000000000c1';
const FACILITY = '0195a1b2-0000-7000-8000-0000000000f1';
const PLACE = '0195a1b2-0000-7000-8000-0000000000b1';
const T0 = '2025-01-06T01:30:00.000Z';

const V12_SEED = `
  INSERT INTO office (id, code, name, division_code, created_at, updated_at) VALUES ('${OFFICE}', 'DWK-CYJ', '朝阳街社区居委会', '640202', '${T0}', '${T0}');
  INSERT INTO grids (id, office_id, code, name, created_at, updated_at) VALUES ('${GRID}', '${OFFICE}', 'A1', '一网格', '${T0}', '${T0}');
  INSERT INTO residents (id, office_id, name, name_pinyin, id_number, birth_date, sex, division_code, grid_id, created_at, updated_at)
    VALUES ('${RESIDENT}', '${OFFICE}', '马建国', 'majianguo 马建国', '640202195203154517', '1952-03-15', 'male', '640202', '${GRID}', '${T0}', '${T0}');
  INSERT INTO compounds (id, office_id, name, grid_id, lng, lat, crs, wgs_lng, wgs_lat, created_at, updated_at)
    VALUES ('${COMPOUND}', '${OFFICE}', '康乐小区', '${GRID}', 106.3833067, 38.9832384, 'gcj02', 106.3785968, 38.9823974, '${T0}', '${T0}');
  INSERT INTO resident_places (id, office_id, resident_id, compound_id, created_at, updated_at)
    VALUES ('${PLACE}', '${OFFICE}', '${RESIDENT}', '${COMPOUND}', '${T0}', '${T0}');
  INSERT INTO facilities (id, office_id, name, kind, operator, lng, lat, crs, wgs_lng, wgs_lat, services, created_at, updated_at)
    VALUES ('${FACILITY}', '${OFFICE}', '朝阳老年食堂', 'meal_point', 'public', 106.38, 38.99, 'wgs84', 106.38, 38.99, '[{"code":"meal","days":[1,2,3,4,5]}]', '${T0}', '${T0}');
`;

function migrated() {
  const db = databaseAt(12, V12_SEED);
  upgradeTo(db, 13);
  return db;
}

describe('migration 13 (eldercare coverage) on a populated v12 database', () => {
  it('keeps every row of v12 and leaves the file consistent', () => {
    const db = migrated();
    expect(db.prepare('SELECT name, wgs_lng FROM compounds').all()).toEqual([{ name: '康乐小区', wgs_lng: 106.3785968 }]);
    expect(db.prepare('SELECT compound_id FROM resident_places').pluck().all()).toEqual([COMPOUND]);
  });

  it('holds one known walk per compound and facility, whole non-negative metres, naming rows that exist', () => {
    const db = migrated();
    const insert = db.prepare('INSERT INTO compound_walks (id, office_id, compound_id, facility_id, meters, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    insert.run('w1', OFFICE, COMPOUND, FACILITY, 850, T0, T0);
    expect(() => insert.run('w2', OFFICE, COMPOUND, FACILITY, 900, T0, T0)).toThrow(/UNIQUE/);
    // A removed walk (tombstone) does not stop a new one for the same pair.
    db.prepare("UPDATE compound_walks SET deleted_at = ? WHERE id = 'w1'").run(T0);
    insert.run('w3', OFFICE, COMPOUND, FACILITY, 900, T0, T0);
    expect(() => insert.run('w4', OFFICE, COMPOUND, FACILITY, -1, T0, T0)).toThrow(/CHECK|UNIQUE/);
    expect(() => insert.run('w5', OFFICE, 'no-such-compound', FACILITY, 10, T0, T0)).toThrow(/FOREIGN KEY/);
    expect(() => insert.run('w6', OFFICE, COMPOUND, 'no-such-facility', 10, T0, T0)).toThrow(/FOREIGN KEY/);
    expect(() => insert.run('w7', OFFICE, COMPOUND, FACILITY, 12.5, T0, T0)).toThrow(/cannot store REAL|CHECK|UNIQUE/);
  });

  it('holds one boundary per grid, as JSON, with the system it came in', () => {
    const db = migrated();
    const insert = db.prepare('INSERT INTO grid_areas (id, office_id, grid_id, geometry, source_crs, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const polygon = JSON.stringify({ type: 'Polygon', coordinates: [[[106.37, 38.98], [106.38, 38.98], [106.38, 38.99], [106.37, 38.98]]] });
    insert.run('a1', OFFICE, GRID, polygon, 'gcj02', T0, T0);
    expect(() => insert.run('a2', OFFICE, GRID, polygon, 'wgs84', T0, T0)).toThrow(/UNIQUE/);
    db.prepare("UPDATE grid_areas SET deleted_at = ? WHERE id = 'a1'").run(T0);
    expect(() => insert.run('a3', OFFICE, GRID, 'not json', 'wgs84', T0, T0)).toThrow(/CHECK/);
    expect(() => insert.run('a4', OFFICE, GRID, polygon, 'epsg3857', T0, T0)).toThrow(/CHECK/);
    expect(() => insert.run('a5', OFFICE, 'no-such-grid', polygon, 'wgs84', T0, T0)).toThrow(/FOREIGN KEY/);
    insert.run('a6', OFFICE, GRID, polygon, 'bd09', T0, T0);
    expect(db.prepare('SELECT id FROM grid_areas WHERE deleted_at IS NULL').pluck().all()).toEqual(['a6']);
  });
});
