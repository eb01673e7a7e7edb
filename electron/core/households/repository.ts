import type { Db } from '../db/connection';
import { deleteRecord, insertRecord, updateRecord, type WriteContext } from '../db/writes';
import { uuidv7 } from '../ids';

export interface HouseholdRow {
  id: string;
  office_id: string;
  address: string | null;
  grid_id: string | null;
  head_resident_id: string | null;
  version: number;
}

export interface MemberRow {
  resident_id: string;
  name: string;
  relation: string;
  id_number: string;
  birth_date: string;
  sex: 'male' | 'female';
  status: 'active' | 'moved_out' | 'deceased';
}

export interface HistoryRow {
  resident_id: string;
  name: string;
  relation: string;
  from_at: string;
  to_at: string | null;
}

export function findHousehold(db: Db, id: string): HouseholdRow | undefined {
  return db.prepare('SELECT id, office_id, address, grid_id, head_resident_id, version FROM households WHERE id = ? AND deleted_at IS NULL').get(id) as
    | HouseholdRow
    | undefined;
}

export function insertHousehold(w: WriteContext, id: string, v: { address: string | null; gridId: string | null; headResidentId: string | null }): void {
  insertRecord(w, 'households', id, { address: v.address, grid_id: v.gridId, head_resident_id: v.headResidentId });
}

export function updateHousehold(w: WriteContext, id: string, expectedVersion: number | null, patch: Partial<{ address: string | null; gridId: string | null; headResidentId: string | null }>): number {
  const row: Record<string, string | null> = {};
  if (patch.address !== undefined) row.address = patch.address;
  if (patch.gridId !== undefined) row.grid_id = patch.gridId;
  if (patch.headResidentId !== undefined) row.head_resident_id = patch.headResidentId;
  return updateRecord(w, 'households', id, expectedVersion, row);
}

export function tombstoneHousehold(w: WriteContext, id: string, expectedVersion: number | null): void {
  deleteRecord(w, 'households', id, expectedVersion);
}

export function currentMembers(db: Db, householdId: string): MemberRow[] {
  return db
    .prepare(
      `SELECT id AS resident_id, name, relation, id_number, birth_date, sex, status FROM residents
       WHERE household_id = ? AND deleted_at IS NULL ORDER BY CASE relation WHEN 'head' THEN 0 ELSE 1 END, birth_date`,
    )
    .all(householdId) as MemberRow[];
}

export function membershipHistory(db: Db, householdId: string): HistoryRow[] {
  return db
    .prepare(
      `SELECT m.resident_id, r.name, m.relation, m.from_at, m.to_at FROM household_members m JOIN residents r ON r.id = m.resident_id
       WHERE m.household_id = ? AND m.deleted_at IS NULL ORDER BY m.from_at, m.created_at`,
    )
    .all(householdId) as HistoryRow[];
}

export interface PeriodRow {
  household_id: string;
  address: string | null;
  closed: 0 | 1;
  relation: string;
  from_at: string;
  to_at: string | null;
}

/** A person's periods in every household, closed households included. */
export function periodsOfResident(db: Db, residentId: string): PeriodRow[] {
  return db
    .prepare(
      `SELECT m.household_id, h.address, h.deleted_at IS NOT NULL AS closed, m.relation, m.from_at, m.to_at
       FROM household_members m JOIN households h ON h.id = m.household_id
       WHERE m.resident_id = ? AND m.deleted_at IS NULL ORDER BY m.from_at, m.created_at, m.rowid`,
    )
    .all(residentId) as PeriodRow[];
}

/** Open a membership period: from now, until closed. */
export function openMembership(w: WriteContext, v: { householdId: string; residentId: string; relation: string }): void {
  insertRecord(w, 'household_members', uuidv7(), {
    household_id: v.householdId,
    resident_id: v.residentId,
    relation: v.relation,
    from_at: w.now,
    to_at: null,
  });
}

/** Close the resident's open membership period (moving out, merged, deceased). */
export function closeMembership(w: WriteContext, residentId: string): void {
  const open = w.db.prepare('SELECT id FROM household_members WHERE resident_id = ? AND to_at IS NULL AND deleted_at IS NULL').all(residentId) as { id: string }[];
  for (const m of open) updateRecord(w, 'household_members', m.id, null, { to_at: w.now });
}

/** A relation change inside the household is a new period, so history shows who was head when. */
export function changeRelation(w: WriteContext, v: { householdId: string; residentId: string; relation: string }): void {
  closeMembership(w, v.residentId);
  openMembership(w, v);
}

/**
 * Where a resident is placed — the columns of the resident row that follow membership. The row is
 * the residents feature's; a move writes only these (through the change log as any record write),
 * and the residents feature keeps its search index in step through its change hook.
 */
export interface PlacementRow {
  id: string;
  household_id: string | null;
  relation: string | null;
  address: string | null;
  grid_id: string | null;
}

export function findPlacement(db: Db, residentId: string): PlacementRow | undefined {
  return db.prepare('SELECT id, household_id, relation, address, grid_id FROM residents WHERE id = ? AND deleted_at IS NULL').get(residentId) as PlacementRow | undefined;
}

export function updatePlacement(w: WriteContext, residentId: string, patch: Partial<Omit<PlacementRow, 'id'>>): void {
  updateRecord(w, 'residents', residentId, null, patch);
}
