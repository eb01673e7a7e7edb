/** SQL for imports and exports: lookups while checking rows, the import journal, mappings, export pages. */
import type { Db } from '../db/connection';
import { prepareCached, type Row, type SqlValue } from '../db/writes';
import { RESIDENT_SELECT, type ResidentRow } from '../residents';
import type { FilterSql } from '../residents';

export interface ExistingResident {
  id: string;
  version: number;
  name: string;
  household_id: string | null;
  relation: string | null;
  /** The stored row, to compare an import's values with. */
  row: Record<string, SqlValue>;
}

type StoredResident = Record<string, SqlValue> & { id: string; version: number; name: string; household_id: string | null; relation: string | null; id_number: string };

function toExisting(row: StoredResident): ExistingResident {
  return { id: row.id, version: row.version, name: row.name, household_id: row.household_id, relation: row.relation, row };
}

/** A lookup by ID number for the duration of one import (one prepared statement). */
export function existingResidentFinder(db: Db): (idNumber: string) => ExistingResident | undefined {
  const stmt = db.prepare('SELECT * FROM residents WHERE id_number = ? AND deleted_at IS NULL');
  return (idNumber) => {
    const row = stmt.get(idNumber) as StoredResident | undefined;
    return row && toExisting(row);
  };
}

/**
 * Registered residents among many ID numbers at once. Outside a transaction every statement pays
 * for opening a read snapshot; asking for a thousand rows' IDs in one statement pays it once.
 */
export function existingResidentsAmong(db: Db, idNumbers: string[]): Map<string, ExistingResident> {
  const found = new Map<string, ExistingResident>();
  const unique = [...new Set(idNumbers)].filter(Boolean);
  for (let i = 0; i < unique.length; i += 500) {
    const part = unique.slice(i, i + 500);
    const rows = prepareCached(db, `SELECT * FROM residents WHERE id_number IN (${part.map(() => '?').join(',')}) AND deleted_at IS NULL`).all(...part) as StoredResident[];
    for (const row of rows) found.set(row.id_number, toExisting(row));
  }
  return found;
}

/** Grid code and grid name → id, so a roster may name grids either way. */
export function gridLookup(db: Db): Map<string, string> {
  const rows = db.prepare('SELECT id, code, name FROM grids WHERE deleted_at IS NULL ORDER BY code').all() as { id: string; code: string; name: string }[];
  const map = new Map<string, string>();
  for (const g of rows) {
    map.set(g.code.normalize('NFKC').trim(), g.id);
    if (!map.has(g.name.normalize('NFKC').trim())) map.set(g.name.normalize('NFKC').trim(), g.id);
  }
  return map;
}

/*
 * An import's writes form one transaction that stays open across its progress checkpoints (so it can
 * report progress and be cancelled); better-sqlite3's transaction() wraps only synchronous work,
 * so this one is opened and closed by hand.
 */
export function beginImmediate(db: Db): void {
  db.exec('BEGIN IMMEDIATE');
}
export function commit(db: Db): void {
  db.exec('COMMIT');
}
export function rollback(db: Db): void {
  if (db.inTransaction) db.exec('ROLLBACK');
}

export interface ImportRecord {
  id: string;
  office_id: string;
  tx: string;
  file_name: string;
  file_sha256: string;
  file_format: 'xlsx' | 'csv';
  total: number;
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
  households: number;
  user_id: string | null;
  at: string;
  undone_at: string | null;
  undone_by: string | null;
  undo_tx: string | null;
}

export function insertImport(db: Db, r: Omit<ImportRecord, 'undone_at' | 'undone_by' | 'undo_tx'>): void {
  db.prepare(
    `INSERT INTO imports (id, office_id, tx, file_name, file_sha256, file_format, total, created, updated, unchanged, skipped, households, user_id, at)
     VALUES (@id, @office_id, @tx, @file_name, @file_sha256, @file_format, @total, @created, @updated, @unchanged, @skipped, @households, @user_id, @at)`,
  ).run(r);
}

export interface ImportChange {
  entity: 'residents' | 'households' | 'household_members';
  entityId: string;
  op: 'insert' | 'update';
  versionAfter: number;
  /** Previous values of the columns an update changed. */
  before: Row | null;
}

export function insertImportChanges(db: Db, importId: string, changes: ImportChange[]): void {
  const stmt = prepareCached(db, 'INSERT INTO import_changes (import_id, seq, entity, entity_id, op, version_after, before) VALUES (?, ?, ?, ?, ?, ?, ?)');
  changes.forEach((c, i) => stmt.run(importId, i + 1, c.entity, c.entityId, c.op, c.versionAfter, c.before ? JSON.stringify(c.before) : null));
}

export function findImport(db: Db, id: string): ImportRecord | undefined {
  return db.prepare('SELECT * FROM imports WHERE id = ?').get(id) as ImportRecord | undefined;
}

export function listImports(db: Db, limit: number): (ImportRecord & { user_name: string | null })[] {
  return db
    .prepare('SELECT i.*, u.display_name AS user_name FROM imports i LEFT JOIN users u ON u.id = i.user_id ORDER BY i.at DESC, i.id DESC LIMIT ?')
    .all(limit) as (ImportRecord & { user_name: string | null })[];
}

export function listImportChanges(db: Db, importId: string): ImportChange[] {
  const rows = db.prepare('SELECT entity, entity_id, op, version_after, before FROM import_changes WHERE import_id = ? ORDER BY seq').all(importId) as {
    entity: ImportChange['entity'];
    entity_id: string;
    op: ImportChange['op'];
    version_after: number;
    before: string | null;
  }[];
  return rows.map((r) => ({ entity: r.entity, entityId: r.entity_id, op: r.op, versionAfter: r.version_after, before: r.before ? (JSON.parse(r.before) as Row) : null }));
}

export function markImportUndone(db: Db, id: string, userId: string | null, at: string, tx: string): void {
  db.prepare('UPDATE imports SET undone_at = ?, undone_by = ?, undo_tx = ? WHERE id = ?').run(at, userId, tx, id);
}

const ENTITY_TABLES = new Set(['residents', 'households', 'household_members']);

/** Current version of a record (or null once tombstoned or gone). */
export function liveVersion(db: Db, entity: ImportChange['entity'], id: string): number | null {
  if (!ENTITY_TABLES.has(entity)) throw new Error(`not an import entity: ${entity}`);
  const row = prepareCached(db, `SELECT version, deleted_at FROM ${entity} WHERE id = ?`).get(id) as { version: number; deleted_at: string | null } | undefined;
  return row && row.deleted_at === null ? row.version : null;
}

/** Live residents of a household, whoever registered them. */
export function residentsOfHousehold(db: Db, householdId: string): string[] {
  return db.prepare('SELECT id FROM residents WHERE household_id = ? AND deleted_at IS NULL').pluck().all(householdId) as string[];
}

/** Membership periods of a resident, so undo can take back the ones the import opened. */
export function membershipsOf(db: Db, residentId: string): { id: string; version: number }[] {
  return prepareCached(db, 'SELECT id, version FROM household_members WHERE resident_id = ? AND deleted_at IS NULL').all(residentId) as { id: string; version: number }[];
}

export function findMapping(db: Db, layout: string): { headers: string[]; mapping: { column: number; field: string | null }[] } | undefined {
  const row = db.prepare('SELECT headers, mapping FROM import_mappings WHERE layout = ?').get(layout) as { headers: string; mapping: string } | undefined;
  return row && { headers: JSON.parse(row.headers) as string[], mapping: JSON.parse(row.mapping) as { column: number; field: string | null }[] };
}

export function saveMapping(db: Db, layout: string, headers: string[], mapping: unknown, at: string, userId: string | null): void {
  db.prepare(
    `INSERT INTO import_mappings (layout, headers, mapping, updated_at, updated_by) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (layout) DO UPDATE SET headers = excluded.headers, mapping = excluded.mapping, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
  ).run(layout, JSON.stringify(headers), JSON.stringify(mapping), at, userId);
}

export function listMappings(db: Db): { layout: string; headers: string; mapping: string; updated_at: string }[] {
  return db.prepare('SELECT layout, headers, mapping, updated_at FROM import_mappings ORDER BY updated_at DESC').all() as {
    layout: string;
    headers: string;
    mapping: string;
    updated_at: string;
  }[];
}

export function deleteMapping(db: Db, layout: string): boolean {
  return db.prepare('DELETE FROM import_mappings WHERE layout = ?').run(layout).changes > 0;
}

/** One page of the export, in registration order, after resident number `afterN` (keyset paging). */
export function exportPage(db: Db, filters: FilterSql, afterN: number, limit: number): ResidentRow[] {
  const sql = `${RESIDENT_SELECT} WHERE ${filters.where.join(' AND ')} AND r.n > @afterN ORDER BY r.n LIMIT @limit`;
  return prepareCached(db, sql).all({ ...filters.params, afterN, limit }) as ResidentRow[];
}

export function exportCount(db: Db, filters: FilterSql): number {
  return (db.prepare(`SELECT count(*) AS n FROM residents r WHERE ${filters.where.join(' AND ')}`).get(filters.params) as { n: number }).n;
}

export function logExport(db: Db, e: { userId: string | null; at: string; fileName: string; format: 'xlsx' | 'csv'; rows: number; idsFull: boolean; filters: unknown }): void {
  db.prepare('INSERT INTO exports (user_id, at, file_name, format, rows, ids_full, filters) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    e.userId,
    e.at,
    e.fileName,
    e.format,
    e.rows,
    e.idsFull ? 1 : 0,
    JSON.stringify(e.filters),
  );
}
