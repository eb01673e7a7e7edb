/** Service orders and recurring series: all their SQL. */
import type { Db } from '../../db/connection';
import { insertRecord, prepareCached, updateRecord, type Row, type WriteContext } from '../../db/writes';
import { overdueSql, personTimeSql, type OrderStatus } from '../../../../shared/domain/eldercare/orders';
import type { PersonColumns } from '../care/people';

export interface OrderRow extends PersonColumns {
  id: string;
  version: number;
  service: string;
  grid_id: string | null;
  grid_name: string | null;
  channel: 'phone' | 'visit' | 'desk' | 'online' | 'series';
  status: OrderStatus;
  requested_on: string;
  request_note: string | null;
  facility_id: string | null;
  facility_name: string | null;
  provider: string | null;
  dispatched_on: string | null;
  due_on: string | null;
  done_on: string | null;
  duration_minutes: number | null;
  cost_cents: number | null;
  subsidy_cents: number | null;
  satisfaction: number | null;
  feedback: string | null;
  feedback_on: string | null;
  cancel_reason: string | null;
  series_id: string | null;
  occurrence_on: string | null;
  created_at: string;
  updated_at: string;
}

/** Orders with the person, the facility's and the grid's names (alias o for the order). */
export const ORDER_SELECT = `SELECT o.*, r.name, r.id_number, r.birth_date, r.sex, f.name AS facility_name, g.name AS grid_name
  FROM service_orders o JOIN residents r ON r.id = o.resident_id
  LEFT JOIN facilities f ON f.id = o.facility_id LEFT JOIN grids g ON g.id = o.grid_id`;

export function findOrder(db: Db, id: string): OrderRow | undefined {
  return prepareCached(db, `${ORDER_SELECT} WHERE o.id = ? AND o.deleted_at IS NULL`).get(id) as OrderRow | undefined;
}

export interface OrderFilter {
  statuses?: readonly OrderStatus[];
  service?: string;
  facilityId?: string;
  residentId?: string;
  seriesId?: string;
  overdueOnly?: boolean;
  /** Bound for the overdue expression. */
  recordedBefore: string;
  dueBefore: string;
}

function orderWhere(f: OrderFilter, withStatus: boolean): { where: string; params: Record<string, string> } {
  const where = ['o.deleted_at IS NULL'];
  const params: Record<string, string> = { recordedBefore: f.recordedBefore, dueBefore: f.dueBefore };
  if (withStatus && f.statuses) {
    where.push(`o.status IN (${f.statuses.map((_, i) => `@s${i}`).join(', ')})`);
    f.statuses.forEach((s, i) => (params[`s${i}`] = s));
  }
  if (f.service) {
    where.push('o.service = @service');
    params.service = f.service;
  }
  if (f.facilityId) {
    where.push('o.facility_id = @facilityId');
    params.facilityId = f.facilityId;
  }
  if (f.residentId) {
    where.push('o.resident_id = @residentId');
    params.residentId = f.residentId;
  }
  if (f.seriesId) {
    where.push('o.series_id = @seriesId');
    params.seriesId = f.seriesId;
  }
  if (f.overdueOnly) where.push(`${overdueSql('o')} = 1`);
  return { where: where.join(' AND '), params };
}

/**
 * A page of orders: overdue first (when asked); then the open ones by the day they are due, soonest
 * first (a series' occurrences a month ahead come last, not first); then the rest, most recent first.
 */
export function listOrders(db: Db, f: OrderFilter, overdueFirst: boolean, offset: number, limit: number): { rows: OrderRow[]; total: number } {
  const { where, params } = orderWhere(f, true);
  const next = "CASE WHEN o.status IN ('recorded', 'dispatched') THEN coalesce(o.due_on, o.requested_on) END";
  const order = `${overdueFirst ? `${overdueSql('o')} DESC, ` : ''}${next} IS NULL, ${next} ASC, o.requested_on DESC, o.id DESC`;
  const rows = db.prepare(`${ORDER_SELECT} WHERE ${where} ORDER BY ${order} LIMIT @limit OFFSET @offset`).all({ ...params, limit, offset }) as OrderRow[];
  const total = (db.prepare(`SELECT COUNT(*) AS n FROM service_orders o WHERE ${where}`).get(params) as { n: number }).n;
  return { rows, total };
}

/** Orders per status, and how many are overdue, under the filter (its status choice aside). */
export function countByStatus(db: Db, f: OrderFilter): { counts: Map<OrderStatus, number>; overdue: number } {
  const { where, params } = orderWhere({ ...f, overdueOnly: false }, false);
  const rows = db.prepare(`SELECT o.status AS status, COUNT(*) AS n, SUM(${overdueSql('o')}) AS late FROM service_orders o WHERE ${where} GROUP BY o.status`).all(params) as {
    status: OrderStatus;
    n: number;
    late: number;
  }[];
  return { counts: new Map(rows.map((r) => [r.status, r.n])), overdue: rows.reduce((s, r) => s + r.late, 0) };
}

export function insertOrder(w: WriteContext, id: string, values: Row): void {
  insertRecord(w, 'service_orders', id, values);
}

export function updateOrder(w: WriteContext, id: string, expectedVersion: number | null, patch: Row): number {
  return updateRecord(w, 'service_orders', id, expectedVersion, patch);
}

/** The latest orders of a resident, newest first. */
/**
 * A resident's recent orders as of `today`: what was asked for or happened up to today, newest first —
 * not a series' occurrences still to come (a cold trial saw only cancelled future ones there).
 */
export function recentOrdersOf(db: Db, residentId: string, today: string, limit: number): OrderRow[] {
  return db
    .prepare(`${ORDER_SELECT} WHERE o.resident_id = ? AND o.deleted_at IS NULL AND o.requested_on <= ? ORDER BY coalesce(o.done_on, o.requested_on) DESC, o.id DESC LIMIT ?`)
    .all(residentId, today, limit) as OrderRow[];
}

/** The date of a resident's latest delivered service (the person-time rule), or null. */
export function lastDeliveredOn(db: Db, residentId: string): string | null {
  const row = prepareCached(db, `SELECT MAX(done_on) AS d FROM service_orders WHERE resident_id = ? AND ${personTimeSql()}`).get(residentId) as { d: string | null };
  return row.d;
}

// --- who an order is about, and where it goes ---------------------------------------------------

export interface ResidentBrief {
  id: string;
  status: 'active' | 'moved_out' | 'deceased';
  birth_date: string;
  grid_id: string | null;
}

export function findResidentBrief(db: Db, id: string): ResidentBrief | undefined {
  return prepareCached(db, 'SELECT id, status, birth_date, grid_id FROM residents WHERE id = ? AND deleted_at IS NULL').get(id) as ResidentBrief | undefined;
}

export interface FacilityBrief {
  id: string;
  name: string;
  status: 'active' | 'planned' | 'closed';
  /** JSON: [{"code": "meal", "days": [1, 2, 3, 4, 5]}, …] */
  services: string;
}

export function findFacilityBrief(db: Db, id: string): FacilityBrief | undefined {
  return prepareCached(db, 'SELECT id, name, status, services FROM facilities WHERE id = ? AND deleted_at IS NULL').get(id) as FacilityBrief | undefined;
}

// --- recurring series -------------------------------------------------------------------------

export interface SeriesRow extends PersonColumns {
  id: string;
  version: number;
  service: string;
  facility_id: string | null;
  facility_name: string | null;
  provider: string | null;
  rule: string;
  starts_on: string;
  ends_on: string | null;
  duration_minutes: number | null;
  cost_cents: number;
  subsidy_cents: number;
  generated_through: string | null;
  status: 'active' | 'ended';
  created_at: string;
  updated_at: string;
  /** Occurrence counts. */
  total: number;
  delivered: number;
  pending: number;
  cancelled: number;
  missed: number;
}

const SERIES_SELECT = `SELECT s.*, r.name, r.id_number, r.birth_date, r.sex, f.name AS facility_name,
    (SELECT COUNT(*) FROM service_orders o WHERE o.series_id = s.id AND o.deleted_at IS NULL) AS total,
    (SELECT COUNT(*) FROM service_orders o WHERE o.series_id = s.id AND ${personTimeSql('o')}) AS delivered,
    (SELECT COUNT(*) FROM service_orders o WHERE o.series_id = s.id AND o.deleted_at IS NULL AND o.status IN ('recorded', 'dispatched')) AS pending,
    (SELECT COUNT(*) FROM service_orders o WHERE o.series_id = s.id AND o.deleted_at IS NULL AND o.status = 'cancelled') AS cancelled,
    (SELECT COUNT(*) FROM service_orders o WHERE o.series_id = s.id AND o.deleted_at IS NULL AND o.status = 'missed') AS missed
  FROM service_series s JOIN residents r ON r.id = s.resident_id LEFT JOIN facilities f ON f.id = s.facility_id`;

export function findSeries(db: Db, id: string): SeriesRow | undefined {
  return db.prepare(`${SERIES_SELECT} WHERE s.id = ? AND s.deleted_at IS NULL`).get(id) as SeriesRow | undefined;
}

export function listSeries(
  db: Db,
  f: { residentId?: string; status?: 'active' | 'ended'; service?: string },
  offset: number,
  limit: number,
): { rows: SeriesRow[]; total: number } {
  const where = ['s.deleted_at IS NULL'];
  const params: Record<string, string | number> = {};
  if (f.residentId) {
    where.push('s.resident_id = @residentId');
    params.residentId = f.residentId;
  }
  if (f.status) {
    where.push('s.status = @status');
    params.status = f.status;
  }
  if (f.service) {
    where.push('s.service = @service');
    params.service = f.service;
  }
  const w = where.join(' AND ');
  const rows = db.prepare(`${SERIES_SELECT} WHERE ${w} ORDER BY s.starts_on DESC, s.id DESC LIMIT @limit OFFSET @offset`).all({ ...params, limit, offset }) as SeriesRow[];
  const total = (db.prepare(`SELECT COUNT(*) AS n FROM service_series s WHERE ${w}`).get(params) as { n: number }).n;
  return { rows, total };
}

/** The plain series rows generation works from. */
export interface SeriesPlan {
  id: string;
  version: number;
  resident_id: string;
  service: string;
  facility_id: string | null;
  provider: string | null;
  rule: string;
  starts_on: string;
  ends_on: string | null;
  duration_minutes: number | null;
  generated_through: string | null;
  status: 'active' | 'ended';
}

/** The series still generating; with `facilityId`, that facility's only (to end them when it closes). */
export function activeSeriesPlans(db: Db, facilityId?: string): SeriesPlan[] {
  const sql = "SELECT * FROM service_series WHERE deleted_at IS NULL AND status = 'active'";
  return (facilityId === undefined ? db.prepare(`${sql} ORDER BY id`).all() : db.prepare(`${sql} AND facility_id = ? ORDER BY id`).all(facilityId)) as SeriesPlan[];
}

export function findSeriesPlan(db: Db, id: string): SeriesPlan | undefined {
  return db.prepare('SELECT * FROM service_series WHERE id = ? AND deleted_at IS NULL').get(id) as SeriesPlan | undefined;
}

export function insertSeries(w: WriteContext, id: string, values: Row): void {
  insertRecord(w, 'service_series', id, values);
}

export function updateSeries(w: WriteContext, id: string, expectedVersion: number | null, patch: Row): number {
  return updateRecord(w, 'service_series', id, expectedVersion, patch);
}

/** The occurrence dates a series already has (any status) between two dates. */
export function occurrenceDates(db: Db, seriesId: string, from: string, through: string): Set<string> {
  const rows = prepareCached(db, 'SELECT occurrence_on AS d FROM service_orders WHERE series_id = ? AND deleted_at IS NULL AND occurrence_on BETWEEN ? AND ?').all(seriesId, from, through) as {
    d: string;
  }[];
  return new Set(rows.map((r) => r.d));
}

/** A series' occurrences after a date that were not delivered and are still open. */
export function openOccurrencesAfter(db: Db, seriesId: string, after: string): { id: string; version: number }[] {
  return db
    .prepare("SELECT id, version FROM service_orders WHERE series_id = ? AND deleted_at IS NULL AND occurrence_on > ? AND status IN ('recorded', 'dispatched') ORDER BY occurrence_on")
    .all(seriesId, after) as { id: string; version: number }[];
}
