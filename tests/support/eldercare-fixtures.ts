/**
 * Elderly-care test data written the way the app writes: insertRecord through a write context
 * (change log, audit), never raw SQL. Compounds, residents' places, facilities and older residents
 * for the service-circle tests and bench, before (and independent of) the facilities API.
 */
import type { Db } from '../../electron/core/db/connection';
import { insertRecord, type WriteContext } from '../../electron/core/db/writes';
import { callWriteContext } from '../../electron/core/write-context';
import { insertResident } from '../../electron/core/residents';
import { uuidv7 } from '../../electron/core/ids';
import { composeIdNumber } from '../../shared/domain/id-number';
import { toWgs84, type Position } from '../../shared/domain/eldercare/positions';

/** A write context as the admin (one transaction id for everything written with it). */
export function fixtureWriter(db: Db, userId: string, now: Date): WriteContext {
  return callWriteContext(db, { userId, username: 'admin' }, now);
}

/** Run `fn` in one SQLite transaction (fast bulk inserts, all or nothing). */
export function inTransaction<T>(db: Db, fn: () => T): T {
  return db.transaction(fn)();
}

function positionColumns(p: Position | null | undefined) {
  if (!p) return { lng: null, lat: null, crs: null, wgs_lng: null, wgs_lat: null };
  const w = toWgs84(p);
  return { lng: p.lng, lat: p.lat, crs: p.crs, wgs_lng: w.lng, wgs_lat: w.lat };
}

export function addCompound(w: WriteContext, v: { name: string; gridId?: string | null; position?: Position | null }): string {
  const id = uuidv7();
  insertRecord(w, 'compounds', id, { name: v.name, address: null, grid_id: v.gridId ?? null, ...positionColumns(v.position) });
  return id;
}

export interface FixtureFacility {
  name: string;
  kind?: string;
  status?: 'active' | 'planned' | 'closed';
  position?: Position | null;
  /** Default: meal aid every day. */
  services?: { code: string; days: number[] }[];
}

export function addFacility(w: WriteContext, v: FixtureFacility): string {
  const id = uuidv7();
  insertRecord(w, 'facilities', id, {
    name: v.name,
    kind: v.kind ?? 'meal_point',
    operator: 'public',
    status: v.status ?? 'active',
    ...positionColumns(v.position),
    services: JSON.stringify(v.services ?? [{ code: 'meal', days: [1, 2, 3, 4, 5, 6, 7] }]),
  });
  return id;
}

/** Where a resident lives: their compound, and their own point if given. */
export function placeResident(w: WriteContext, residentId: string, v: { compoundId?: string | null; position?: Position | null }): string {
  const id = uuidv7();
  insertRecord(w, 'resident_places', id, { resident_id: residentId, compound_id: v.compoundId ?? null, ...positionColumns(v.position) });
  return id;
}

let sequence = 0;

/** A resident with a valid ID number for the birth date (`sequence` 0–499 keeps it distinct among those born that day); active unless told otherwise. */
export function addResident(
  w: WriteContext,
  v: { name: string; birthDate: string; gridId?: string | null; status?: 'active' | 'moved_out' | 'deceased'; sex?: 'male' | 'female'; sequence?: number },
): string {
  sequence = (sequence + 1) % 499;
  const sex = v.sex ?? (sequence % 2 === 0 ? 'female' : 'male');
  const id = uuidv7();
  insertResident(w, id, {
    name: v.name,
    id_number: composeIdNumber('640202', v.birthDate, (v.sequence ?? sequence) * 2 + (sex === 'male' ? 1 : 0)),
    birth_date: v.birthDate,
    sex,
    division_code: '640202',
    grid_id: v.gridId ?? null,
    status: v.status ?? 'active',
  });
  return id;
}

export function addGrid(w: WriteContext, v: { code: string; name: string }): string {
  const id = uuidv7();
  insertRecord(w, 'grids', id, { code: v.code, name: v.name, worker: null });
  return id;
}

/**
 * A point `meters` east (or north) of `from`, WGS-84, on the same sphere distanceMeters uses: the
 * tests place facilities at exact walking distances.
 */
export function offset(from: { lng: number; lat: number }, metersEast: number, metersNorth = 0): { lng: number; lat: number; crs: 'wgs84' } {
  const R = 6_371_008.8;
  const rad = Math.PI / 180;
  const lat = from.lat + metersNorth / R / rad;
  const lng = from.lng + metersEast / (R * Math.cos(from.lat * rad)) / rad;
  return { lng, lat, crs: 'wgs84' };
}
