/**
 * Statistics: all their SQL. Person-times follow the one rule (personTimeSql): whole months are read
 * from the roll-up person_time_months (migration 0014, kept in step by ./rollup.ts), the days of a
 * month a period only partly covers from the orders through the index service_orders_done.
 */
import type { Db } from '../../db/connection';
import { prepareCached } from '../../db/writes';
import { personTimeSql, type OrderStatus } from '../../../../shared/domain/eldercare/orders';
import type { AssessmentLevel } from '../../../../shared/domain/eldercare/assessment';
import { ORDER_SELECT, type OrderRow } from '../orders/repository';
import type { PersonColumns } from '../care/people';

/** One group of delivered services: month, service, facility, grid, person, and how many (raw rows, in this order). */
export type PersonTimeGroup = [month: string, service: string, facilityId: string | null, gridId: string | null, residentId: string, n: number];

/**
 * A period's person-times straight from the orders, grouped by month, service, facility, grid and
 * person, read in order from the covering index service_orders_done (its WHERE is the person-time
 * rule itself; the month term lets the index's leading expression bound the scan). The statistics
 * use it for the days of a month the period covers only in part; whole months come from the roll-up.
 */
export const PERSON_TIME_GROUPS_SQL = `SELECT substr(done_on, 1, 7) AS month, service, facility_id, grid_id, resident_id, COUNT(*) AS n
  FROM service_orders INDEXED BY service_orders_done
  WHERE ${personTimeSql()} AND substr(done_on, 1, 7) BETWEEN substr(@from, 1, 7) AND substr(@to, 1, 7) AND done_on BETWEEN @from AND @to
  GROUP BY 1, 2, 3, 4, 5`;

/** Raw arrays: at 600,000 person-times the groups number in the hundreds of thousands, and objects cost more than the query. */
export function personTimeGroups(db: Db, from: string, to: string): PersonTimeGroup[] {
  return prepareCached(db, PERSON_TIME_GROUPS_SQL).raw(true).all({ from, to }) as PersonTimeGroup[];
}

// --- the person-time roll-up (derived tables of migration 0014; '' stands for "no facility / grid") ---

/**
 * The roll-up's whole months [fromMonth, toMonth] ('YYYY-MM'), one row per month, service, facility
 * and grid ('' turned back into NULL): its person-times and its people, comma-separated (ids are
 * UUIDs). Streams in primary-key order with no sort; a year is ~60,000 rows instead of ~150,000 —
 * each row fetched into JS costs more than SQLite's concatenation, and three UUID strings a row more still.
 */
export const PERSON_TIME_MONTHS_SQL = `SELECT month, service, NULLIF(facility_id, ''), NULLIF(grid_id, ''), SUM(n), group_concat(resident_id)
  FROM person_time_months WHERE month BETWEEN @fromMonth AND @toMonth
  GROUP BY month, service, facility_id, grid_id`;

/** One roll-up row of PERSON_TIME_MONTHS_SQL: month, service, facility, grid, person-times, the people ('id,id,…'). */
export type PersonTimeBundle = [month: string, service: string, facilityId: string | null, gridId: string | null, personTimes: number, residentIds: string];

export function personTimeMonthBundles(db: Db, fromMonth: string, toMonth: string): PersonTimeBundle[] {
  return prepareCached(db, PERSON_TIME_MONTHS_SQL).raw(true).all({ fromMonth, toMonth }) as PersonTimeBundle[];
}

/** Where one order's person-time goes: its roll-up key (facility and grid '' for none). */
export interface PersonTimeKey {
  month: string;
  service: string;
  facility_id: string;
  grid_id: string;
  resident_id: string;
}

/** What the person-time rule and the roll-up key need of an order, as it stands (undefined: no such row). */
export interface OrderCountingRow {
  status: OrderStatus;
  deleted_at: string | null;
  done_on: string | null;
  service: string;
  facility_id: string | null;
  grid_id: string | null;
  resident_id: string;
}

export function orderCountingRow(db: Db, orderId: string): OrderCountingRow | undefined {
  return prepareCached(db, 'SELECT status, deleted_at, done_on, service, facility_id, grid_id, resident_id FROM service_orders WHERE id = ?').get(orderId) as
    | OrderCountingRow
    | undefined;
}

/** What the order contributes to the roll-up now (undefined: nothing). */
export function contributionOf(db: Db, orderId: string): PersonTimeKey | undefined {
  return prepareCached(db, 'SELECT month, service, facility_id, grid_id, resident_id FROM person_time_contributions WHERE order_id = ?').get(orderId) as
    | PersonTimeKey
    | undefined;
}

const KEY_WHERE = 'month = @month AND service = @service AND facility_id = @facility_id AND grid_id = @grid_id AND resident_id = @resident_id';

/** Take back an order's contribution: one fewer in its group (the group gone at zero), its contribution row gone. */
export function withdrawContribution(db: Db, orderId: string, key: PersonTimeKey): void {
  const decremented = prepareCached(db, `UPDATE person_time_months SET n = n - 1 WHERE ${KEY_WHERE} AND n > 1`).run(key).changes;
  if (decremented === 0) prepareCached(db, `DELETE FROM person_time_months WHERE ${KEY_WHERE}`).run(key);
  prepareCached(db, 'DELETE FROM person_time_contributions WHERE order_id = ?').run(orderId);
}

/** Record an order's contribution: one more in its group, and the contribution row saying so. */
export function addContribution(db: Db, orderId: string, key: PersonTimeKey): void {
  prepareCached(
    db,
    `INSERT INTO person_time_months (month, service, facility_id, grid_id, resident_id, n) VALUES (@month, @service, @facility_id, @grid_id, @resident_id, 1)
     ON CONFLICT (month, service, facility_id, grid_id, resident_id) DO UPDATE SET n = n + 1`,
  ).run(key);
  prepareCached(
    db,
    'INSERT INTO person_time_contributions (order_id, month, service, facility_id, grid_id, resident_id) VALUES (@order_id, @month, @service, @facility_id, @grid_id, @resident_id)',
  ).run({ ...key, order_id: orderId });
}

/**
 * Fill the roll-up afresh from the orders (rows written around the change hook: the bench's bulk
 * insert). The rule is personTimeSql(); orders without a done date fall in no period and count in none.
 */
export function rebuildPersonTimeRollup(db: Db): void {
  db.transaction(() => {
    db.exec('DELETE FROM person_time_months; DELETE FROM person_time_contributions;');
    db.exec(`INSERT INTO person_time_contributions (order_id, month, service, facility_id, grid_id, resident_id)
      SELECT id, substr(done_on, 1, 7), service, COALESCE(facility_id, ''), COALESCE(grid_id, ''), resident_id
      FROM service_orders WHERE ${personTimeSql()} AND done_on IS NOT NULL`);
    db.exec(`INSERT INTO person_time_months (month, service, facility_id, grid_id, resident_id, n)
      SELECT month, service, facility_id, grid_id, resident_id, COUNT(*) FROM person_time_contributions GROUP BY 1, 2, 3, 4, 5`);
  })();
}

export function facilityNames(db: Db): Map<string, string> {
  const rows = db.prepare('SELECT id, name FROM facilities').all() as { id: string; name: string }[];
  return new Map(rows.map((r) => [r.id, r.name]));
}

export function gridNames(db: Db): Map<string, string> {
  const rows = db.prepare('SELECT id, name FROM grids').all() as { id: string; name: string }[];
  return new Map(rows.map((r) => [r.id, r.name]));
}

export interface CapacityRow {
  id: string;
  name: string;
  beds: number;
  /** JSON {"day_care": 30, …} */
  places: string;
}

export function activeFacilities(db: Db): CapacityRow[] {
  return db.prepare("SELECT id, name, beds, places FROM facilities WHERE deleted_at IS NULL AND status = 'active' ORDER BY name, id").all() as CapacityRow[];
}

export function assessmentsDone(db: Db, from: string, to: string): number {
  return (
    db
      .prepare('SELECT COUNT(*) AS n FROM care_assessments a JOIN residents r ON r.id = a.resident_id AND r.deleted_at IS NULL WHERE a.deleted_at IS NULL AND a.assessed_on BETWEEN ? AND ?')
      .get(from, to) as { n: number }
  ).n;
}

/** The latest assessment of each active resident, as of now. */
const LATEST = `SELECT r.id AS resident_id, r.name, r.id_number, r.birth_date, r.sex, a.id AS assessment_id, a.assessed_on, a.level, a.next_due
  FROM residents r JOIN care_assessments a ON a.id = (SELECT a2.id FROM care_assessments a2 WHERE a2.resident_id = r.id AND a2.deleted_at IS NULL
    ORDER BY a2.assessed_on DESC, a2.created_at DESC, a2.id DESC LIMIT 1)
  WHERE r.deleted_at IS NULL AND r.status = 'active'`;

/** How many active residents' latest assessment falls due in [from, to], and how many of those before `overdueBefore`. */
export function assessmentsDueCounts(db: Db, from: string, to: string, overdueBefore: string): { due: number; overdue: number } {
  const row = db
    .prepare(`SELECT COUNT(*) AS due, COALESCE(SUM(x.next_due < @before), 0) AS overdue FROM (${LATEST}) x WHERE x.next_due BETWEEN @from AND @to`)
    .get({ from, to, before: overdueBefore }) as { due: number; overdue: number };
  return row;
}

export interface AssessmentFigureRow extends PersonColumns {
  assessment_id: string;
  assessed_on: string;
  level: AssessmentLevel;
  next_due: string;
}

export function assessmentFigureRows(
  db: Db,
  figure: 'done' | 'due' | 'overdue',
  p: { from: string; to: string; before: string },
  offset: number,
  limit: number,
): { rows: AssessmentFigureRow[]; total: number } {
  const source =
    figure === 'done'
      ? `SELECT r.id AS resident_id, r.name, r.id_number, r.birth_date, r.sex, a.id AS assessment_id, a.assessed_on, a.level, a.next_due
         FROM care_assessments a JOIN residents r ON r.id = a.resident_id AND r.deleted_at IS NULL
         WHERE a.deleted_at IS NULL AND a.assessed_on BETWEEN @from AND @to`
      : `SELECT * FROM (${LATEST}) x WHERE x.next_due BETWEEN @from AND @to${figure === 'overdue' ? ' AND x.next_due < @before' : ''}`;
  const order = figure === 'done' ? 'assessed_on, assessment_id' : 'next_due, resident_id';
  const rows = db.prepare(`SELECT * FROM (${source}) ORDER BY ${order} LIMIT @limit OFFSET @offset`).all({ ...p, limit, offset }) as AssessmentFigureRow[];
  const total = (db.prepare(`SELECT COUNT(*) AS n FROM (${source})`).get(p) as { n: number }).n;
  return { rows, total };
}

export type DrillColumn = 'service' | 'facility_id' | 'grid_id' | 'resident_id' | null;

/** The delivered orders behind a figure: the period's, narrowed to one value (or none) of one column. */
export function drillOrders(
  db: Db,
  p: { from: string; to: string; column: DrillColumn; key: string | null },
  offset: number,
  limit: number,
): { rows: OrderRow[]; total: number } {
  // The month term lets service_orders_done (led by the month) find the period; the count reads that index alone.
  const where = [personTimeSql('o'), 'substr(o.done_on, 1, 7) BETWEEN substr(@from, 1, 7) AND substr(@to, 1, 7)', 'o.done_on BETWEEN @from AND @to'];
  const params: Record<string, string> = { from: p.from, to: p.to };
  if (p.column !== null) {
    if (p.key === null) where.push(`o.${p.column} IS NULL`);
    else {
      where.push(`o.${p.column} = @key`);
      params.key = p.key;
    }
  }
  const w = where.join(' AND ');
  const rows = db.prepare(`${ORDER_SELECT} WHERE ${w} ORDER BY o.done_on, o.id LIMIT @limit OFFSET @offset`).all({ ...params, limit, offset }) as OrderRow[];
  const total = (db.prepare(`SELECT COUNT(*) AS n FROM service_orders o WHERE ${w}`).get(params) as { n: number }).n;
  return { rows, total };
}

// --- the bureau's figures across offices (the bureau's merged rows, through its `table(...)` subquery) ---

function byOffice(db: Db, sql: string, period?: { from: string; to: string }): Record<string, number> {
  const rows = db.prepare(sql).all(...(period ? [period.from, period.to] : [])) as { office_code: string; n: number }[];
  return Object.fromEntries(rows.map((r) => [r.office_code, r.n]));
}

/** Person-times in the period by office, by the same rule the office uses; `orders` is the subquery of service_orders (status, done_on). */
export function bureauPersonTimes(db: Db, orders: string, period: { from: string; to: string }): Record<string, number> {
  return byOffice(db, `SELECT office_code, COUNT(*) AS n FROM (${orders}) WHERE ${personTimeSql()} AND done_on BETWEEN ? AND ? GROUP BY office_code`, period);
}

/** People served in the period (distinct residents with a person-time) by office; `orders` with status, done_on, resident_id. */
export function bureauPeopleServed(db: Db, orders: string, period: { from: string; to: string }): Record<string, number> {
  return byOffice(db, `SELECT office_code, COUNT(DISTINCT resident_id) AS n FROM (${orders}) WHERE ${personTimeSql()} AND done_on BETWEEN ? AND ? GROUP BY office_code`, period);
}

/** Live facilities in service by office; `facilities` is the subquery of facilities (status). */
export function bureauActiveFacilities(db: Db, facilities: string): Record<string, number> {
  return byOffice(db, `SELECT office_code, COUNT(*) AS n FROM (${facilities}) WHERE deleted_at IS NULL AND status = 'active' GROUP BY office_code`);
}
