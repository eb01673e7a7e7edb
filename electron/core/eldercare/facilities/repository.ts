/**
 * All SQL of facilities and places: compounds, residents' places, facilities, licences and
 * inspections (written here), and what the facility page reads of others: care profiles naming a
 * facility (the care part's table) and service orders (the orders part's), read-only.
 */
import type { Db } from '../../db/connection';
import { deleteRecord, insertRecord, prepareCached, updateRecord, type Row, type WriteContext } from '../../db/writes';

// ── Positions as columns ─────────────────────────────────────────────────────────────────────────

export interface PositionColumns {
  lng: number | null;
  lat: number | null;
  crs: string | null;
  wgs_lng: number | null;
  wgs_lat: number | null;
}

// ── Compounds ────────────────────────────────────────────────────────────────────────────────────

export interface CompoundRow extends PositionColumns {
  id: string;
  version: number;
  name: string;
  address: string | null;
  grid_id: string | null;
  grid_name: string | null;
  residents: number;
  older_residents: number;
}

/**
 * Compounds with the live residents placed in them and those born on or before `olderBorn` (60 or
 * older today). One grouped pass over resident_places, not a query per compound.
 */
export function listCompounds(db: Db, q: { gridId?: string; query?: string; id?: string; olderBorn: string }): CompoundRow[] {
  const where = ['c.deleted_at IS NULL'];
  if (q.gridId !== undefined) where.push('c.grid_id = @gridId');
  if (q.id !== undefined) where.push('c.id = @id');
  if (q.query) where.push("(instr(c.name, @query) > 0 OR instr(coalesce(c.address, ''), @query) > 0)");
  return db
    .prepare(
      `WITH placed AS (
         SELECT p.compound_id, count(*) AS residents, sum(r.birth_date <= @olderBorn) AS older
         FROM resident_places p JOIN residents r ON r.id = p.resident_id
         WHERE p.deleted_at IS NULL AND p.compound_id IS NOT NULL AND r.deleted_at IS NULL AND r.status = 'active'
         GROUP BY p.compound_id)
       SELECT c.id, c.version, c.name, c.address, c.grid_id, g.name AS grid_name, c.lng, c.lat, c.crs, c.wgs_lng, c.wgs_lat,
              coalesce(placed.residents, 0) AS residents, coalesce(placed.older, 0) AS older_residents
       FROM compounds c LEFT JOIN grids g ON g.id = c.grid_id LEFT JOIN placed ON placed.compound_id = c.id
       WHERE ${where.join(' AND ')} ORDER BY c.name`,
    )
    .all({ gridId: q.gridId ?? null, id: q.id ?? null, query: q.query ?? null, olderBorn: q.olderBorn }) as CompoundRow[];
}

export interface CompoundBrief extends PositionColumns {
  id: string;
  version: number;
  name: string;
  address: string | null;
  grid_id: string | null;
}

export function findCompound(db: Db, id: string): CompoundBrief | undefined {
  return prepareCached(db, 'SELECT id, version, name, address, grid_id, lng, lat, crs, wgs_lng, wgs_lat FROM compounds WHERE id = ? AND deleted_at IS NULL').get(id) as
    | CompoundBrief
    | undefined;
}

export function findCompoundByName(db: Db, name: string): CompoundBrief | undefined {
  return prepareCached(db, 'SELECT id, version, name, address, grid_id, lng, lat, crs, wgs_lng, wgs_lat FROM compounds WHERE name = ? AND deleted_at IS NULL').get(name) as
    | CompoundBrief
    | undefined;
}

export interface CompoundValues extends PositionColumns {
  name: string;
  address: string | null;
  grid_id: string | null;
}

export function insertCompound(w: WriteContext, id: string, v: CompoundValues | Row): void {
  insertRecord(w, 'compounds', id, { ...v });
}

/** Only the columns named change. */
export function updateCompound(w: WriteContext, id: string, version: number | null, patch: Partial<CompoundValues> | Row): number {
  return updateRecord(w, 'compounds', id, version, { ...patch } as Row);
}

// ── Residents' places ────────────────────────────────────────────────────────────────────────────

export interface PlaceRow extends PositionColumns {
  id: string;
  version: number;
  resident_id: string;
  compound_id: string | null;
}

export function findPlace(db: Db, residentId: string): PlaceRow | undefined {
  return db.prepare('SELECT id, version, resident_id, compound_id, lng, lat, crs, wgs_lng, wgs_lat FROM resident_places WHERE resident_id = ? AND deleted_at IS NULL').get(residentId) as
    | PlaceRow
    | undefined;
}

export function insertPlace(w: WriteContext, id: string, v: { resident_id: string; compound_id: string | null } & PositionColumns): void {
  insertRecord(w, 'resident_places', id, { ...v });
}

export function updatePlace(w: WriteContext, id: string, version: number | null, patch: Row): number {
  return updateRecord(w, 'resident_places', id, version, patch);
}

export function residentExists(db: Db, id: string): boolean {
  return db.prepare('SELECT 1 FROM residents WHERE id = ? AND deleted_at IS NULL').get(id) !== undefined;
}

// ── Grids (read) ─────────────────────────────────────────────────────────────────────────────────

export function gridsForLookup(db: Db): { id: string; code: string; name: string }[] {
  return db.prepare('SELECT id, code, name FROM grids WHERE deleted_at IS NULL').all() as { id: string; code: string; name: string }[];
}

// ── Facilities ───────────────────────────────────────────────────────────────────────────────────

export interface FacilityRow extends PositionColumns {
  id: string;
  version: number;
  code: string | null;
  name: string;
  kind: string;
  operator: string;
  operator_name: string | null;
  status: string;
  address: string | null;
  grid_id: string | null;
  grid_name: string | null;
  compound_id: string | null;
  phone: string | null;
  beds: number;
  places: string;
  staff: string;
  services: string;
  opening_hours: string | null;
  pilot: string;
  opened_on: string | null;
  closed_on: string | null;
  notes: string | null;
  created_at: string;
  updated_at: string;
  /** Residents whose live care profile names it (active residents). */
  served: number;
  next_expiry: string | null;
}

const FACILITY_SELECT = `SELECT f.id, f.version, f.code, f.name, f.kind, f.operator, f.operator_name, f.status, f.address, f.grid_id, g.name AS grid_name,
  f.compound_id, f.lng, f.lat, f.crs, f.wgs_lng, f.wgs_lat, f.phone, f.beds, f.places, f.staff, f.services, f.opening_hours, f.pilot,
  f.opened_on, f.closed_on, f.notes, f.created_at, f.updated_at,
  coalesce(served.n, 0) AS served,
  (SELECT min(l.expires_on) FROM facility_licences l WHERE l.facility_id = f.id AND l.deleted_at IS NULL) AS next_expiry
  FROM facilities f LEFT JOIN grids g ON g.id = f.grid_id
  LEFT JOIN (SELECT cp.facility_id, count(*) AS n FROM care_profiles cp JOIN residents r ON r.id = cp.resident_id
             WHERE cp.deleted_at IS NULL AND cp.facility_id IS NOT NULL AND r.deleted_at IS NULL AND r.status = 'active'
             GROUP BY cp.facility_id) served ON served.facility_id = f.id`;

export interface FacilityQuery {
  id?: string;
  status?: string;
  kind?: string;
  service?: string;
  gridId?: string;
  query?: string;
}

export function listFacilities(db: Db, q: FacilityQuery): FacilityRow[] {
  const where = ['f.deleted_at IS NULL'];
  if (q.id !== undefined) where.push('f.id = @id');
  if (q.status !== undefined) where.push('f.status = @status');
  if (q.kind !== undefined) where.push('f.kind = @kind');
  if (q.gridId !== undefined) where.push('f.grid_id = @gridId');
  if (q.service !== undefined) where.push("EXISTS (SELECT 1 FROM json_each(f.services) s WHERE json_extract(s.value, '$.code') = @service)");
  if (q.query) {
    where.push("(instr(f.name, @query) > 0 OR instr(coalesce(f.code, ''), @query) > 0 OR instr(coalesce(f.address, ''), @query) > 0 OR instr(coalesce(f.operator_name, ''), @query) > 0)");
  }
  return db
    .prepare(`${FACILITY_SELECT} WHERE ${where.join(' AND ')} ORDER BY f.status = 'closed', f.name`)
    .all({ id: q.id ?? null, status: q.status ?? null, kind: q.kind ?? null, gridId: q.gridId ?? null, service: q.service ?? null, query: q.query ?? null }) as FacilityRow[];
}

export function findFacilityBrief(db: Db, id: string): { id: string; version: number; name: string; code: string | null; status: string; opened_on: string | null } | undefined {
  return prepareCached(db, 'SELECT id, version, name, code, status, opened_on FROM facilities WHERE id = ? AND deleted_at IS NULL').get(id) as
    | { id: string; version: number; name: string; code: string | null; status: string; opened_on: string | null }
    | undefined;
}

export function findFacilityByCode(db: Db, code: string): { id: string; version: number; name: string } | undefined {
  return prepareCached(db, 'SELECT id, version, name FROM facilities WHERE code = ? AND deleted_at IS NULL').get(code) as { id: string; version: number; name: string } | undefined;
}

export function findFacilityByName(db: Db, name: string): { id: string; version: number; name: string; code: string | null } | undefined {
  return prepareCached(db, 'SELECT id, version, name, code FROM facilities WHERE name = ? AND deleted_at IS NULL ORDER BY created_at LIMIT 1').get(name) as
    | { id: string; version: number; name: string; code: string | null }
    | undefined;
}

/** The stored columns of a facility, as written (no derived ones): for comparing an import row with it. */
export function facilityColumns(db: Db, id: string): Row | undefined {
  return prepareCached(
    db,
    `SELECT code, name, kind, operator, operator_name, status, address, grid_id, lng, lat, crs, wgs_lng, wgs_lat, phone, beds, places, staff, services,
            opening_hours, pilot, opened_on, notes FROM facilities WHERE id = ? AND deleted_at IS NULL`,
  ).get(id) as Row | undefined;
}

export function insertFacility(w: WriteContext, id: string, v: Row): void {
  insertRecord(w, 'facilities', id, v);
}

export function updateFacility(w: WriteContext, id: string, version: number | null, patch: Row): number {
  return updateRecord(w, 'facilities', id, version, patch);
}

// ── Licences and inspections ─────────────────────────────────────────────────────────────────────

export interface LicenceRow {
  id: string;
  version: number;
  facility_id: string;
  kind: 'licence' | 'filing';
  title: string;
  number: string;
  authority: string | null;
  issued_on: string | null;
  expires_on: string | null;
}

const LICENCE_SELECT = 'SELECT id, version, facility_id, kind, title, number, authority, issued_on, expires_on FROM facility_licences';

export function licencesOf(db: Db, facilityId: string): LicenceRow[] {
  return db.prepare(`${LICENCE_SELECT} WHERE facility_id = ? AND deleted_at IS NULL ORDER BY expires_on IS NULL, expires_on, title`).all(facilityId) as LicenceRow[];
}

export function findLicence(db: Db, id: string): LicenceRow | undefined {
  return db.prepare(`${LICENCE_SELECT} WHERE id = ? AND deleted_at IS NULL`).get(id) as LicenceRow | undefined;
}

export function insertLicence(w: WriteContext, id: string, v: Row): void {
  insertRecord(w, 'facility_licences', id, v);
}

export function updateLicence(w: WriteContext, id: string, version: number | null, patch: Row): number {
  return updateRecord(w, 'facility_licences', id, version, patch);
}

export function deleteLicence(w: WriteContext, id: string, version: number): void {
  deleteRecord(w, 'facility_licences', id, version);
}

export interface InspectionRow {
  id: string;
  version: number;
  facility_id: string;
  inspected_on: string;
  inspector: string;
  findings: string | null;
  rectification_due: string | null;
  followed_up_on: string | null;
  follow_up_note: string | null;
}

const INSPECTION_SELECT = 'SELECT id, version, facility_id, inspected_on, inspector, findings, rectification_due, followed_up_on, follow_up_note FROM facility_inspections';

export function inspectionsOf(db: Db, facilityId: string): InspectionRow[] {
  return db.prepare(`${INSPECTION_SELECT} WHERE facility_id = ? AND deleted_at IS NULL ORDER BY inspected_on DESC, created_at DESC`).all(facilityId) as InspectionRow[];
}

export function findInspection(db: Db, id: string): InspectionRow | undefined {
  return db.prepare(`${INSPECTION_SELECT} WHERE id = ? AND deleted_at IS NULL`).get(id) as InspectionRow | undefined;
}

export function insertInspection(w: WriteContext, id: string, v: Row): void {
  insertRecord(w, 'facility_inspections', id, v);
}

export function updateInspection(w: WriteContext, id: string, version: number | null, patch: Row): number {
  return updateRecord(w, 'facility_inspections', id, version, patch);
}

export function deleteInspection(w: WriteContext, id: string, version: number): void {
  deleteRecord(w, 'facility_inspections', id, version);
}

/** For the list's warning flags: per facility, the earliest expiry and whether a rectification is overdue on `today`. */
export function facilityFlags(db: Db, today: string): Map<string, { overdue: boolean }> {
  const rows = db
    .prepare(
      `SELECT facility_id, max(rectification_due < @today) AS overdue FROM facility_inspections
       WHERE deleted_at IS NULL AND followed_up_on IS NULL AND rectification_due IS NOT NULL GROUP BY facility_id`,
    )
    .all({ today }) as { facility_id: string; overdue: number }[];
  return new Map(rows.map((r) => [r.facility_id, { overdue: r.overdue === 1 }]));
}

// ── What the scan reads ──────────────────────────────────────────────────────────────────────────

export interface LicenceForScan extends LicenceRow {
  facility_name: string;
}

/** Licences of facilities not closed that expire on or before `until`. */
export function licencesExpiringBy(db: Db, until: string, facilityId?: string): LicenceForScan[] {
  return db
    .prepare(
      `SELECT l.id, l.version, l.facility_id, l.kind, l.title, l.number, l.authority, l.issued_on, l.expires_on, f.name AS facility_name
       FROM facility_licences l JOIN facilities f ON f.id = l.facility_id
       WHERE l.deleted_at IS NULL AND f.deleted_at IS NULL AND f.status <> 'closed' AND l.expires_on IS NOT NULL AND l.expires_on <= @until
         AND (@facilityId IS NULL OR l.facility_id = @facilityId)`,
    )
    .all({ until, facilityId: facilityId ?? null }) as LicenceForScan[];
}

export interface InspectionForScan extends InspectionRow {
  facility_name: string;
}

/** Inspections of facilities not closed whose rectification is past due with no follow-up. */
export function overdueRectifications(db: Db, today: string, facilityId?: string): InspectionForScan[] {
  return db
    .prepare(
      `SELECT i.id, i.version, i.facility_id, i.inspected_on, i.inspector, i.findings, i.rectification_due, i.followed_up_on, i.follow_up_note, f.name AS facility_name
       FROM facility_inspections i JOIN facilities f ON f.id = i.facility_id
       WHERE i.deleted_at IS NULL AND f.deleted_at IS NULL AND f.status <> 'closed' AND i.followed_up_on IS NULL
         AND i.rectification_due IS NOT NULL AND i.rectification_due < @today
         AND (@facilityId IS NULL OR i.facility_id = @facilityId)`,
    )
    .all({ today, facilityId: facilityId ?? null }) as InspectionForScan[];
}

// ── The facility page: who it serves, its orders, its history ─────────────────────────────────────

export interface ServedRow {
  id: string;
  name: string;
  id_number: string;
  birth_date: string;
  sex: 'male' | 'female';
}

export function servedResidents(db: Db, facilityId: string, limit: number): ServedRow[] {
  return db
    .prepare(
      `SELECT r.id, r.name, r.id_number, r.birth_date, r.sex FROM care_profiles cp JOIN residents r ON r.id = cp.resident_id
       WHERE cp.facility_id = ? AND cp.deleted_at IS NULL AND r.deleted_at IS NULL AND r.status = 'active'
       ORDER BY r.name_pinyin, r.id LIMIT ?`,
    )
    .all(facilityId, limit) as ServedRow[];
}

export function orderCounts(db: Db, facilityId: string): { status: string; n: number }[] {
  return db.prepare('SELECT status, count(*) AS n FROM service_orders WHERE facility_id = ? AND deleted_at IS NULL GROUP BY status').all(facilityId) as {
    status: string;
    n: number;
  }[];
}

export interface HistoryRow {
  seq: number;
  entity: string;
  entity_id: string;
  op: 'insert' | 'update' | 'delete';
  version: number;
  fields: string;
  user_id: string | null;
  user_name: string | null;
  at: string;
}

/** Change-log entries of the facility and of its licences and inspections (live or removed), newest first. */
export function facilityHistory(db: Db, facilityId: string, limit: number): HistoryRow[] {
  return db
    .prepare(
      `SELECT c.seq, c.entity, c.entity_id, c.op, c.version, c.fields, c.user_id, u.display_name AS user_name, c.at
       FROM change_log c LEFT JOIN users u ON u.id = c.user_id
       WHERE (c.entity = 'facilities' AND c.entity_id = @id)
          OR (c.entity = 'facility_licences' AND c.entity_id IN (SELECT id FROM facility_licences WHERE facility_id = @id))
          OR (c.entity = 'facility_inspections' AND c.entity_id IN (SELECT id FROM facility_inspections WHERE facility_id = @id))
       ORDER BY c.seq DESC LIMIT @limit`,
    )
    .all({ id: facilityId, limit }) as HistoryRow[];
}
