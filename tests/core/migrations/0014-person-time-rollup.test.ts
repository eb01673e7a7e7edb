/**
 * Migration 14 (the person-time roll-up), on a v13 database with orders in every status — done and
 * closed ones over two months, with and without a facility and a grid, a tombstoned done order, a
 * done order without a done date: the roll-up holds exactly what a direct GROUP BY over the orders
 * under the person-time rule gives, each counted order once in the contributions, and the tables
 * refuse what they must never hold.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { databaseAt, upgradeTo } from '../../support/migration-db';
import { disposeTestResources } from '../../support/temp-dir';

afterEach(disposeTestResources);

const OFFICE = '0195a1b2-0000-7000-8000-000000000001';
const GRID = '0195a1b2-0000-7000-8000-000000000002';
const ELDER = '0195a1b2-0000-7000-8000-000000000007';
const OTHER = '0195a1b2-0000-7000-8000-000000000008';
const FACILITY = '0195a1b2-0000-7000-8000-000000000009';
const T0 = '2025-01-06T01:30:00.000Z';

/** [id, resident, service, grid, facility, status, done_on, deleted_at] */
const ORDERS: [string, string, string, string | null, string | null, string, string | null, string | null][] = [
  ['o01', ELDER, 'meal', GRID, FACILITY, 'done', '2025-01-06', null],
  ['o02', ELDER, 'meal', GRID, FACILITY, 'closed', '2025-01-07', null],
  ['o03', ELDER, 'meal', GRID, FACILITY, 'closed', '2025-02-03', null],
  ['o04', ELDER, 'bath', GRID, null, 'done', '2025-01-20', null],
  ['o05', OTHER, 'meal', null, FACILITY, 'closed', '2025-01-08', null],
  ['o06', OTHER, 'clean', null, null, 'done', '2025-01-09', null],
  ['o07', OTHER, 'clean', null, null, 'done', '2025-01-31', null],
  // Count none: open, cancelled, missed, tombstoned, and a "done" order with no date (it falls in no period).
  ['o08', ELDER, 'meal', GRID, null, 'recorded', null, null],
  ['o09', ELDER, 'meal', GRID, FACILITY, 'dispatched', null, null],
  ['o10', OTHER, 'meal', null, FACILITY, 'cancelled', null, null],
  ['o11', OTHER, 'meal', null, FACILITY, 'missed', null, null],
  ['o12', ELDER, 'meal', GRID, FACILITY, 'done', '2025-01-06', T0],
  ['o13', ELDER, 'meal', GRID, FACILITY, 'done', null, null],
];

/** A v13 office with a grid, two older residents, a facility and the orders above. */
const V13_SEED = `
  INSERT INTO office (id, code, name, division_code, created_at, updated_at) VALUES ('${OFFICE}', 'HN-HBL', '河滨街道红果子社区', '640205', '${T0}', '${T0}');
  INSERT INTO grids (id, office_id, code, name, created_at, updated_at) VALUES ('${GRID}', '${OFFICE}', 'G01', '第一网格', '${T0}', '${T0}');
  INSERT INTO residents (id, office_id, name, name_pinyin, id_number, birth_date, sex, division_code, grid_id, created_at, updated_at)
    VALUES ('${ELDER}', '${OFFICE}', '马建国', 'majianguo 马建国', '640205195203154517', '1952-03-15', 'male', '640205', '${GRID}', '${T0}', '${T0}');
  INSERT INTO residents (id, office_id, name, name_pinyin, id_number, birth_date, sex, division_code, created_at, updated_at)
    VALUES ('${OTHER}', '${OFFICE}', '李秀英', 'lixiuying 李秀英', '640205194811020028', '1948-11-02', 'female', '640205', '${T0}', '${T0}');
  INSERT INTO facilities (id, office_id, name, kind, operator, services, created_at, updated_at)
    VALUES ('${FACILITY}', '${OFFICE}', '红果子日间照料中心', 'day_care', 'public', '[{"code":"meal","days":[1,2,3,4,5]}]', '${T0}', '${T0}');
  ${ORDERS.map(
    ([id, resident, service, grid, facility, status, doneOn, deletedAt]) =>
      `INSERT INTO service_orders (id, office_id, resident_id, service, grid_id, channel, status, requested_on, facility_id, done_on, created_at, updated_at, deleted_at)
        VALUES ('${id}', '${OFFICE}', '${resident}', '${service}', ${sqlText(grid)}, 'phone', '${status}', '2025-01-06', ${sqlText(facility)}, ${sqlText(doneOn)}, '${T0}', '${T0}', ${sqlText(deletedAt)});`,
  ).join('\n')}
`;

function sqlText(v: string | null): string {
  return v === null ? 'NULL' : `'${v}'`;
}

function migrated() {
  const db = databaseAt(13, V13_SEED);
  upgradeTo(db, 14);
  return db;
}

/** The person-time groups straight from the orders (the rule written out here, as the test's oracle). */
const DIRECT = `SELECT substr(done_on, 1, 7) AS month, service, COALESCE(facility_id, '') AS facility_id, COALESCE(grid_id, '') AS grid_id, resident_id, COUNT(*) AS n
  FROM service_orders WHERE deleted_at IS NULL AND status IN ('done', 'closed') AND done_on IS NOT NULL
  GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`;

describe('migration 14 (person-time roll-up) on a populated v13 database', () => {
  it('keeps every row of v13 and fills the roll-up with exactly what a direct GROUP BY over the orders gives', () => {
    const db = migrated();
    expect(db.prepare('SELECT COUNT(*) FROM service_orders').pluck().get()).toBe(ORDERS.length);
    const rollup = db.prepare('SELECT month, service, facility_id, grid_id, resident_id, n FROM person_time_months ORDER BY 1, 2, 3, 4, 5').all();
    expect(rollup).toEqual(db.prepare(DIRECT).all());
    // By hand: seven person-times, none for the open, cancelled, missed, deleted or undated orders.
    expect(rollup).toEqual([
      { month: '2025-01', service: 'bath', facility_id: '', grid_id: GRID, resident_id: ELDER, n: 1 },
      { month: '2025-01', service: 'clean', facility_id: '', grid_id: '', resident_id: OTHER, n: 2 },
      { month: '2025-01', service: 'meal', facility_id: FACILITY, grid_id: '', resident_id: OTHER, n: 1 },
      { month: '2025-01', service: 'meal', facility_id: FACILITY, grid_id: GRID, resident_id: ELDER, n: 2 },
      { month: '2025-02', service: 'meal', facility_id: FACILITY, grid_id: GRID, resident_id: ELDER, n: 1 },
    ]);
    expect(db.prepare('SELECT order_id FROM person_time_contributions ORDER BY order_id').pluck().all()).toEqual(['o01', 'o02', 'o03', 'o04', 'o05', 'o06', 'o07']);
    expect(db.prepare("SELECT month, facility_id, grid_id FROM person_time_contributions WHERE order_id = 'o06'").get()).toEqual({ month: '2025-01', facility_id: '', grid_id: '' });
  });

  it('keys "no facility / no grid" as \'\', one row per group, counts above zero; both tables without rowid', () => {
    const db = migrated();
    const insert = db.prepare("INSERT INTO person_time_months (month, service, facility_id, grid_id, resident_id, n) VALUES ('2025-03', 'meal', ?, ?, ?, ?)");
    insert.run('', '', ELDER, 1);
    expect(() => insert.run('', '', ELDER, 1)).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() => insert.run(null, '', OTHER, 1)).toThrow(/NOT NULL/);
    expect(() => insert.run('', '', OTHER, 0)).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO person_time_contributions (order_id, month, service, facility_id, grid_id, resident_id) VALUES ('o01', '2025-01', 'meal', '', '', ?)").run(ELDER)).toThrow(
      /UNIQUE|PRIMARY KEY/,
    );
    const tables = db.prepare("SELECT name, wr, strict FROM pragma_table_list WHERE name LIKE 'person_time_%' ORDER BY name").all();
    expect(tables).toEqual([
      { name: 'person_time_contributions', wr: 1, strict: 1 },
      { name: 'person_time_months', wr: 1, strict: 1 },
    ]);
  });

  it('reads a range of months by its primary key, in key order', () => {
    const db = migrated();
    const plan = (db.prepare("EXPLAIN QUERY PLAN SELECT * FROM person_time_months WHERE month BETWEEN '2025-01' AND '2025-02'").all() as { detail: string }[]).map((p) => p.detail).join('\n');
    expect(plan).toMatch(/SEARCH person_time_months USING PRIMARY KEY \(month>\? AND month<\?\)/);
  });
});
