import type { Db } from '../db/connection';
import { insertRecord, updateRecord, deleteRecord, prepareCached, type RecordChange, type Row, type WriteContext } from '../db/writes';
import { buildSearchDocument, pinyinSortKey } from './search/document';

/** A residents row as stored (snake_case); the service maps it to the contract's Resident. */
export interface ResidentRow {
  n: number;
  id: string;
  office_id: string;
  name: string;
  id_number: string;
  id_legacy: number;
  birth_date: string;
  sex: 'male' | 'female';
  division_code: string;
  phone: string | null;
  phone2: string | null;
  address: string | null;
  grid_id: string | null;
  grid_name?: string | null;
  household_id: string | null;
  relation: string | null;
  ethnicity: string | null;
  marital_status: string | null;
  hukou_type: string | null;
  employment: string | null;
  health_status: string | null;
  living_alone: number;
  empty_nest: number;
  left_behind: number;
  serious_illness: number;
  disability_cert: string | null;
  disability_category: number | null;
  disability_grade: number | null;
  low_income_category: string | null;
  notes: string | null;
  status: 'active' | 'moved_out' | 'deceased';
  status_date: string | null;
  merged_into: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export const RESIDENT_SELECT = 'SELECT r.*, g.name AS grid_name FROM residents r LEFT JOIN grids g ON g.id = r.grid_id';

export function findResident(db: Db, id: string): ResidentRow | undefined {
  return db.prepare(`${RESIDENT_SELECT} WHERE r.id = ? AND r.deleted_at IS NULL`).get(id) as ResidentRow | undefined;
}

export function findResidentByIdNumber(db: Db, idNumber: string): ResidentRow | undefined {
  return db.prepare(`${RESIDENT_SELECT} WHERE r.id_number = ? AND r.deleted_at IS NULL`).get(idNumber) as ResidentRow | undefined;
}

/** Is this normalized number registered to a live record? A cached index probe: bulk work asks it once per person. */
export function idNumberRegistered(db: Db, idNumber: string): boolean {
  return prepareCached(db, 'SELECT 1 FROM residents WHERE id_number = ? AND deleted_at IS NULL').get(idNumber) !== undefined;
}

/** Does the office hold any resident record (live or not)? */
export function anyResidents(db: Db): boolean {
  return db.prepare('SELECT 1 FROM residents LIMIT 1').get() !== undefined;
}

export function findLikelyDuplicates(db: Db, q: { name: string; birthDate?: string; phone?: string; excludeId?: string }): (ResidentRow & { reason: 'name_birth' | 'name_phone' })[] {
  const out: (ResidentRow & { reason: 'name_birth' | 'name_phone' })[] = [];
  if (q.birthDate) {
    const rows = db.prepare(`${RESIDENT_SELECT} WHERE r.name = ? AND r.birth_date = ? AND r.deleted_at IS NULL LIMIT 10`).all(q.name, q.birthDate) as ResidentRow[];
    out.push(...rows.map((r) => ({ ...r, reason: 'name_birth' as const })));
  }
  if (q.phone) {
    const rows = db.prepare(`${RESIDENT_SELECT} WHERE r.phone = ? AND r.name = ? AND r.deleted_at IS NULL LIMIT 10`).all(q.phone, q.name) as ResidentRow[];
    out.push(...rows.filter((r) => !out.some((o) => o.id === r.id)).map((r) => ({ ...r, reason: 'name_phone' as const })));
  }
  return out.filter((r) => r.id !== q.excludeId);
}

/** Column values for an insert or update, already in storage form. */
export type ResidentValues = Row;

function indexDocument(db: Db, n: number, r: { name: string; idNumber: string; phone: string | null; phone2: string | null; address: string | null }): void {
  const doc = buildSearchDocument(r);
  prepareCached(db, 'INSERT INTO resident_search (rowid, name, py) VALUES (?, ?, ?)').run(n, doc.name, doc.py);
  prepareCached(db, 'INSERT INTO resident_lookup (rowid, idn, phone, addr) VALUES (?, ?, ?, ?)').run(n, doc.idn, doc.phone, doc.addr);
}

function refreshSearch(db: Db, id: string): void {
  const row = prepareCached(db, 'SELECT n, name, id_number, phone, phone2, address, deleted_at FROM residents WHERE id = ?').get(id) as
    | { n: number; name: string; id_number: string; phone: string | null; phone2: string | null; address: string | null; deleted_at: string | null }
    | undefined;
  if (!row) return;
  prepareCached(db, 'DELETE FROM resident_search WHERE rowid = ?').run(row.n);
  prepareCached(db, 'DELETE FROM resident_lookup WHERE rowid = ?').run(row.n);
  if (row.deleted_at !== null) return;
  indexDocument(db, row.n, { name: row.name, idNumber: row.id_number, phone: row.phone, phone2: row.phone2, address: row.address });
}

export function insertResident(w: WriteContext, id: string, values: ResidentValues): void {
  const n = insertRecord(w, 'residents', id, { ...values, name_pinyin: pinyinSortKey(String(values.name)) });
  const text = (k: string) => (values[k] == null ? null : String(values[k]));
  indexDocument(w.db, n, { name: String(values.name), idNumber: String(values.id_number), phone: text('phone'), phone2: text('phone2'), address: text('address') });
}

export function updateResident(w: WriteContext, id: string, expectedVersion: number | null, patch: ResidentValues): number {
  const withKey = patch.name !== undefined ? { ...patch, name_pinyin: pinyinSortKey(String(patch.name)) } : patch;
  return updateRecord(w, 'residents', id, expectedVersion, withKey);
}

export function tombstoneResident(w: WriteContext, id: string, expectedVersion: number | null): void {
  deleteRecord(w, 'residents', id, expectedVersion);
}

const SEARCHED_COLUMNS = new Set(['name', 'id_number', 'phone', 'phone2', 'address', 'deleted_at']);

/**
 * The search index follows every change to a resident's searched columns, whoever wrote it (a
 * household move changes the address too): the residents feature's change hook. Inserts are
 * indexed by insertResident, which has the values in hand (reading each row back would slow imports).
 */
export function keepSearchInStep(w: WriteContext, change: RecordChange): void {
  if (change.entity !== 'residents' || change.op === 'insert') return;
  if (change.fields.some((f) => SEARCHED_COLUMNS.has(f))) refreshSearch(w.db, change.entityId);
}
