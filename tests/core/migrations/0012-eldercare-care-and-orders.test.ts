/**
 * Migration 12 (elderly care: profiles, assessments, service series and orders), on a v11 database
 * with an older resident, a grid and a facility: the data comes through, the tables take what the
 * core writes and refuse what it must never hold, and statistics read the covering index.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { databaseAt, upgradeTo } from '../../support/migration-db';
import { disposeTestResources } from '../../support/temp-dir';

afterEach(disposeTestResources);

const OFFICE = '0195a1b2-0000-7000-8000-000000000001';
const GRID = '0195a1b2-0000-7000-8000-000000000002';
const ELDER = '0195a1b2-0000-7000-8000-000000000007';
const FACILITY = '0195a1b2-0000-7000-8000-000000000009';
const SERIES = '0195a1b2-0000-7000-8000-00000000000a';
const T0 = '2025-01-06T01:30:00.000Z';

/** A v11 office with a grid, an older resident and a day-care centre offering meal aid. */
const V11_SEED = `
  INSERT INTO office (id, code, name, division_code, created_at, updated_at) VALUES ('${OFFICE}', 'HN-HBL', '河滨街道红果子社区', '640205', '${T0}', '${T0}');
  INSERT INTO grids (id, office_id, code, name, created_at, updated_at) VALUES ('${GRID}', '${OFFICE}', 'G01', '第一网格', '${T0}', '${T0}');
  INSERT INTO residents (id, office_id, name, name_pinyin, id_number, birth_date, sex, division_code, grid_id, created_at, updated_at)
    VALUES ('${ELDER}', '${OFFICE}', '马建国', 'majianguo 马建国', '640205195203154517', '1952-03-15', 'male', '640205', '${GRID}', '${T0}', '${T0}');
  INSERT INTO facilities (id, office_id, name, kind, operator, services, created_at, updated_at)
    VALUES ('${FACILITY}', '${OFFICE}', '红果子日间照料中心', 'day_care', 'public', '[{"code":"meal","days":[1,2,3,4,5]}]', '${T0}', '${T0}');
`;

function migrated() {
  const db = databaseAt(11, V11_SEED);
  upgradeTo(db, 12);
  return db;
}

describe('migration 12 (care and orders) on a populated v11 database', () => {
  it('keeps every row of v11 and leaves the file consistent', () => {
    const db = migrated();
    expect(db.prepare('SELECT name FROM residents WHERE id = ?').pluck().get(ELDER)).toBe('马建国');
    expect(db.prepare('SELECT name FROM facilities WHERE id = ?').pluck().get(FACILITY)).toBe('红果子日间照料中心');
  });

  it('holds profiles, assessments, series and orders as the core writes them, and refuses what it must not hold', () => {
    const db = migrated();
    const stamp = `'${T0}', '${T0}'`;
    db.exec(`
      INSERT INTO care_profiles (id, office_id, resident_id, living, care_needs, emergency_contacts, facility_id, created_at, updated_at)
        VALUES ('p1', '${OFFICE}', '${ELDER}', 'alone', '["meal"]', '[{"name":"马小红","relation":"child","phone":"13995231234"}]', '${FACILITY}', ${stamp});
      INSERT INTO care_assessments (id, office_id, resident_id, assessed_on, assessor, self_care, motor, mental, perception, level, next_due, created_at, updated_at)
        VALUES ('a1', '${OFFICE}', '${ELDER}', '2025-01-05', '李评估', 24, 12, 20, 10, 'mild', '2026-01-05', ${stamp});
      INSERT INTO service_series (id, office_id, resident_id, service, facility_id, rule, starts_on, cost_cents, subsidy_cents, created_at, updated_at)
        VALUES ('${SERIES}', '${OFFICE}', '${ELDER}', 'meal', '${FACILITY}', 'FREQ=WEEKLY;INTERVAL=1;BYDAY=MO,TU,WE,TH,FR', '2025-01-06', 1200, 800, ${stamp});
      INSERT INTO service_orders (id, office_id, resident_id, service, grid_id, channel, status, requested_on, facility_id, dispatched_on, due_on, done_on,
          duration_minutes, cost_cents, subsidy_cents, series_id, occurrence_on, created_at, updated_at)
        VALUES ('o1', '${OFFICE}', '${ELDER}', 'meal', '${GRID}', 'series', 'done', '2025-01-06', '${FACILITY}', '2025-01-06', '2025-01-06', '2025-01-06', 20, 1200, 800, '${SERIES}', '2025-01-06', ${stamp});
    `);
    const order = (id: string, values: Partial<Record<string, string | number | null>>) => () =>
      db
        .prepare(
          `INSERT INTO service_orders (id, office_id, resident_id, service, channel, status, requested_on, series_id, occurrence_on, satisfaction, cost_cents, created_at, updated_at)
           VALUES (@id, '${OFFICE}', '${ELDER}', 'meal', @channel, @status, '2025-01-07', @series, @occurrence, @satisfaction, @cost, '${T0}', '${T0}')`,
        )
        .run({ id, channel: 'phone', status: 'recorded', series: null, occurrence: null, satisfaction: null, cost: null, ...values });
    // One occurrence per series and date.
    expect(order('o2', { channel: 'series', status: 'dispatched', series: SERIES, occurrence: '2025-01-06' })).toThrow(/UNIQUE/);
    order('o3', { channel: 'series', status: 'dispatched', series: SERIES, occurrence: '2025-01-07' })();
    // Statuses, channels, satisfaction and money are checked by the table too.
    expect(order('o4', { status: 'lost' })).toThrow(/CHECK/);
    expect(order('o5', { channel: 'pigeon' })).toThrow(/CHECK/);
    expect(order('o6', { satisfaction: 6 })).toThrow(/CHECK/);
    expect(order('o7', { cost: -1 })).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE care_assessments SET level = 'fine' WHERE id = 'a1'").run()).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE care_profiles SET living = 'commune' WHERE id = 'p1'").run()).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE care_profiles SET care_needs = 'meal' WHERE id = 'p1'").run()).toThrow(/CHECK/);
    // A second live profile for the same resident is refused.
    expect(() => db.exec(`INSERT INTO care_profiles (id, office_id, resident_id, living, created_at, updated_at) VALUES ('p2', '${OFFICE}', '${ELDER}', 'alone', ${stamp})`)).toThrow(/UNIQUE/);
    expect(() => db.prepare("UPDATE service_orders SET resident_id = 'nobody' WHERE id = 'o1'").run()).toThrow(/FOREIGN KEY/);
  });

  it('statistics read a period from the covering index, which holds delivered services only', () => {
    const db = migrated();
    const sql = `SELECT substr(done_on, 1, 7), service, facility_id, grid_id, resident_id, COUNT(*) FROM service_orders INDEXED BY service_orders_done
      WHERE deleted_at IS NULL AND status IN ('done', 'closed') AND substr(done_on, 1, 7) BETWEEN '2025-01' AND '2025-03' AND done_on BETWEEN '2025-01-01' AND '2025-03-31'
      GROUP BY 1, 2, 3, 4, 5`;
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((p) => p.detail).join('\n');
    expect(plan).toMatch(/COVERING INDEX service_orders_done/);
    expect(plan).not.toMatch(/TEMP B-TREE/);
    // A query that does not state the rule cannot use the index (so no caller can count other statuses from it).
    expect(() => db.prepare("SELECT COUNT(*) FROM service_orders INDEXED BY service_orders_done WHERE done_on >= '2025-01-01'").all()).toThrow(/no query solution/);
  });
});
