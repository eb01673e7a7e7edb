/** All of the service circle's SQL: what it reads to compute, its known walks and grid areas. */
import type { Db } from '../../db/connection';
import { deleteRecord, insertRecord, updateRecord, type WriteContext } from '../../db/writes';

/**
 * One older resident as the circle needs them, as a raw row (no per-row objects for 100,000 people):
 * [id, name_pinyin, own grid, compound id, own lng, own lat, compound lng, compound lat, compound grid].
 */
export type OlderRow = [string, string, string | null, string | null, number | null, number | null, number | null, number | null, string | null];

/** Active residents born on or before `bornOnOrBefore` (aged 60+ on the day), with where they live. */
export function listOlderPlaces(db: Db, bornOnOrBefore: string): OlderRow[] {
  return db
    .prepare(
      `SELECT r.id, r.name_pinyin, r.grid_id, p.compound_id, p.wgs_lng, p.wgs_lat, c.wgs_lng, c.wgs_lat, c.grid_id
         FROM residents r
         LEFT JOIN resident_places p ON p.resident_id = r.id AND p.deleted_at IS NULL
         LEFT JOIN compounds c ON c.id = p.compound_id AND c.deleted_at IS NULL
        WHERE r.deleted_at IS NULL AND r.status = 'active' AND r.birth_date <= ?`,
    )
    .raw(true)
    .all(bornOnOrBefore) as OlderRow[];
}

export interface PersonRow {
  id: string;
  name: string;
  id_number: string;
  birth_date: string;
  sex: 'male' | 'female';
}

/** The few residents a page of the list shows. */
export function findPeople(db: Db, ids: readonly string[]): PersonRow[] {
  if (ids.length === 0) return [];
  return db
    .prepare(`SELECT id, name, id_number, birth_date, sex FROM residents WHERE id IN (SELECT value FROM json_each(?))`)
    .all(JSON.stringify(ids)) as PersonRow[];
}

export interface CompoundRow {
  id: string;
  name: string;
  grid_id: string | null;
  wgs_lng: number | null;
  wgs_lat: number | null;
}

export function listCompounds(db: Db): CompoundRow[] {
  return db.prepare('SELECT id, name, grid_id, wgs_lng, wgs_lat FROM compounds WHERE deleted_at IS NULL ORDER BY name').all() as CompoundRow[];
}

export function findCompound(db: Db, id: string): CompoundRow | undefined {
  return db.prepare('SELECT id, name, grid_id, wgs_lng, wgs_lat FROM compounds WHERE id = ? AND deleted_at IS NULL').get(id) as CompoundRow | undefined;
}

export interface FacilityRow {
  id: string;
  name: string;
  kind: string;
  status: 'active' | 'planned' | 'closed';
  wgs_lng: number | null;
  wgs_lat: number | null;
  services: string;
}

export function listFacilities(db: Db): FacilityRow[] {
  return db.prepare('SELECT id, name, kind, status, wgs_lng, wgs_lat, services FROM facilities WHERE deleted_at IS NULL ORDER BY name').all() as FacilityRow[];
}

export function findFacility(db: Db, id: string): FacilityRow | undefined {
  return db.prepare('SELECT id, name, kind, status, wgs_lng, wgs_lat, services FROM facilities WHERE id = ? AND deleted_at IS NULL').get(id) as FacilityRow | undefined;
}

export interface WalkRow {
  id: string;
  compound_id: string;
  compound_name: string;
  facility_id: string;
  facility_name: string;
  meters: number;
  note: string | null;
  version: number;
  c_lng: number | null;
  c_lat: number | null;
  f_lng: number | null;
  f_lat: number | null;
}

const WALK_SELECT = `SELECT w.id, w.compound_id, c.name AS compound_name, w.facility_id, f.name AS facility_name, w.meters, w.note, w.version,
         c.wgs_lng AS c_lng, c.wgs_lat AS c_lat, f.wgs_lng AS f_lng, f.wgs_lat AS f_lat
    FROM compound_walks w
    JOIN compounds c ON c.id = w.compound_id AND c.deleted_at IS NULL
    JOIN facilities f ON f.id = w.facility_id AND f.deleted_at IS NULL
   WHERE w.deleted_at IS NULL`;

/** Known walks (of live compounds and facilities), optionally of one compound or one facility. */
export function listWalks(db: Db, filter: { compoundId?: string; facilityId?: string } = {}): WalkRow[] {
  return db
    .prepare(`${WALK_SELECT} AND (? IS NULL OR w.compound_id = ?) AND (? IS NULL OR w.facility_id = ?) ORDER BY c.name, f.name`)
    .all(filter.compoundId ?? null, filter.compoundId ?? null, filter.facilityId ?? null, filter.facilityId ?? null) as WalkRow[];
}

export function findWalk(db: Db, compoundId: string, facilityId: string): WalkRow | undefined {
  return db.prepare(`${WALK_SELECT} AND w.compound_id = ? AND w.facility_id = ?`).get(compoundId, facilityId) as WalkRow | undefined;
}

/** The walk row of a pair, even when its compound or facility is gone (so a save replaces it, never duplicates). */
export function findWalkId(db: Db, compoundId: string, facilityId: string): { id: string; version: number } | undefined {
  return db.prepare('SELECT id, version FROM compound_walks WHERE compound_id = ? AND facility_id = ? AND deleted_at IS NULL').get(compoundId, facilityId) as
    | { id: string; version: number }
    | undefined;
}

export function insertWalk(w: WriteContext, id: string, v: { compoundId: string; facilityId: string; meters: number; note: string | null }): void {
  insertRecord(w, 'compound_walks', id, { compound_id: v.compoundId, facility_id: v.facilityId, meters: v.meters, note: v.note });
}

export function updateWalk(w: WriteContext, id: string, version: number | null, v: { meters: number; note: string | null }): void {
  updateRecord(w, 'compound_walks', id, version, { meters: v.meters, note: v.note });
}

export function deleteWalk(w: WriteContext, id: string, version: number | null): void {
  deleteRecord(w, 'compound_walks', id, version);
}

export interface GridRow {
  id: string;
  code: string;
  name: string;
}

/** The office's grids (names for byGrid; codes for the boundary import). */
export function listGridNames(db: Db): GridRow[] {
  return db.prepare('SELECT id, code, name FROM grids WHERE deleted_at IS NULL ORDER BY code').all() as GridRow[];
}

export interface AreaRow {
  id: string;
  grid_id: string;
  code: string;
  name: string;
  geometry: string;
  source_crs: 'wgs84' | 'gcj02' | 'bd09';
  version: number;
}

export function listAreas(db: Db): AreaRow[] {
  return db
    .prepare(
      `SELECT a.id, a.grid_id, g.code, g.name, a.geometry, a.source_crs, a.version
         FROM grid_areas a JOIN grids g ON g.id = a.grid_id AND g.deleted_at IS NULL
        WHERE a.deleted_at IS NULL ORDER BY g.code`,
    )
    .all() as AreaRow[];
}

export function findAreaOfGrid(db: Db, gridId: string): { id: string; version: number } | undefined {
  return db.prepare('SELECT id, version FROM grid_areas WHERE grid_id = ? AND deleted_at IS NULL').get(gridId) as { id: string; version: number } | undefined;
}

export function findArea(db: Db, id: string): { id: string; version: number } | undefined {
  return db.prepare('SELECT id, version FROM grid_areas WHERE id = ? AND deleted_at IS NULL').get(id) as { id: string; version: number } | undefined;
}

export function insertArea(w: WriteContext, id: string, v: { gridId: string; geometry: string; sourceCrs: string }): void {
  insertRecord(w, 'grid_areas', id, { grid_id: v.gridId, geometry: v.geometry, source_crs: v.sourceCrs });
}

export function updateArea(w: WriteContext, id: string, version: number, v: { geometry: string; sourceCrs: string }): void {
  updateRecord(w, 'grid_areas', id, version, { geometry: v.geometry, source_crs: v.sourceCrs });
}

export function deleteArea(w: WriteContext, id: string, version: number | null): void {
  deleteRecord(w, 'grid_areas', id, version);
}
