/**
 * Every write to a record goes through these three functions, which bump `version`, stamp times,
 * refuse stale versions, and append to the change log and the audit trail in the same transaction.
 * Nothing writes record tables around them.
 */
import type { Db } from './connection';
import type { Statement } from 'better-sqlite3-multiple-ciphers';
import { ContractFailure } from '../errors';
import { auditRecordChange, type AuditBatch } from '../audit/service';

/*
 * Prepared statements are cached per connection and SQL text: compiling costs more than running
 * for these small statements, and bulk work (imports, demo data) runs them hundreds of thousands of times.
 */
const statementCache = new WeakMap<Db, Map<string, Statement>>();
export function prepareCached(db: Db, sql: string): Statement {
  let cache = statementCache.get(db);
  if (!cache) statementCache.set(db, (cache = new Map()));
  let stmt = cache.get(sql);
  if (!stmt) {
    stmt = db.prepare(sql);
    cache.set(sql, stmt);
  }
  return stmt;
}

export type SqlValue = string | number | bigint | null | Buffer;
export type Row = Record<string, SqlValue>;

/** Tables whose rows are records (versioned, change-logged). */
export const RECORD_TABLES = ['office', 'settings', 'users', 'grids', 'households', 'residents', 'household_members'] as const;
export type RecordTable = (typeof RECORD_TABLES)[number];

export interface WriteContext {
  db: Db;
  userId: string | null;
  /** ISO timestamp for this transaction. */
  now: string;
  /** Groups the change-log entries of one call. */
  tx: string;
  /** The user's name for the audit trail; looked up from `userId` when left out. */
  username?: string | null;
  /** Bulk jobs: collect the audit of these writes into one entry (see audit/service.ts). */
  auditBatch?: AuditBatch;
}

const COLUMN = /^[a-z][a-z0-9_]*$/;
const STANDARD = new Set(['id', 'version', 'created_at', 'updated_at', 'deleted_at']);

function columnsOf(row: Row): string[] {
  const cols = Object.keys(row);
  for (const c of cols) if (!COLUMN.test(c)) throw new Error(`bad column name ${JSON.stringify(c)}`);
  return cols;
}

/** `fields`: the changed columns, sorted; `fieldsJson` their JSON when already made (once per insert shape). */
function logChange(w: WriteContext, entity: RecordTable, id: string, op: 'insert' | 'update' | 'delete', version: number, fields: string[], fieldsJson = JSON.stringify(fields)) {
  const info = prepareCached(w.db, 'INSERT INTO change_log (tx, entity, entity_id, op, version, fields, user_id, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
    w.tx,
    entity,
    id,
    op,
    version,
    fieldsJson,
    w.userId,
    w.now,
  );
  auditRecordChange(w, entity, id, op, version, fields, Number(info.lastInsertRowid));
}

/** What an insert of one set of columns needs, worked out once per table and column list. */
interface InsertShape {
  stmt: Statement;
  columns: string[];
  /** The change log's field list for it, and its JSON. */
  fields: string[];
  fieldsJson: string;
}
const insertShapes = new WeakMap<Db, Map<string, InsertShape>>();

function insertShape(db: Db, table: RecordTable, values: Row): InsertShape {
  let shapes = insertShapes.get(db);
  if (!shapes) insertShapes.set(db, (shapes = new Map()));
  const key = `${table}:${Object.keys(values).join(',')}`;
  let shape = shapes.get(key);
  if (!shape) {
    const columns = columnsOf({ ...values, id: null, version: null, created_at: null, updated_at: null });
    const stmt = db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
    const fields = columns.filter((c) => !STANDARD.has(c)).sort();
    shape = { stmt, columns, fields, fieldsJson: JSON.stringify(fields) };
    shapes.set(key, shape);
  }
  return shape;
}

/** Insert a new record at version 1; returns its rowid. */
export function insertRecord(w: WriteContext, table: RecordTable, id: string, values: Row): number {
  const shape = insertShape(w.db, table, values);
  const row: Row = { ...values, id, version: 1, created_at: w.now, updated_at: w.now };
  const info = shape.stmt.run(...shape.columns.map((c) => row[c]));
  logChange(w, table, id, 'insert', 1, shape.fields, shape.fieldsJson);
  return Number(info.lastInsertRowid);
}

/** Optimistic concurrency: the version the client saw must still be the record's. */
export function expectVersion(current: number, expected: number | null): void {
  if (expected !== null && expected !== current) throw new ContractFailure('STALE_VERSION', { current, expected });
}

function currentVersion(w: WriteContext, table: RecordTable, id: string): number {
  const found = prepareCached(w.db, `SELECT version, deleted_at FROM ${table} WHERE id = ?`).get(id) as
    | { version: number; deleted_at: string | null }
    | undefined;
  if (!found || found.deleted_at !== null) throw new ContractFailure('NOT_FOUND');
  return found.version;
}

/**
 * Update only the columns that really change. `expectedVersion` is what the client saw:
 * if the row moved on since, STALE_VERSION (nothing written). Returns the new version.
 */
export function updateRecord(w: WriteContext, table: RecordTable, id: string, expectedVersion: number | null, patch: Row): number {
  const version = currentVersion(w, table, id);
  expectVersion(version, expectedVersion);
  const cols = columnsOf(patch);
  const before = w.db.prepare(`SELECT ${cols.length ? cols.join(', ') : 'id'} FROM ${table} WHERE id = ?`).get(id) as Row;
  const changed = cols.filter((c) => !sameValue(before[c], patch[c]));
  if (changed.length === 0) return version;
  const next = version + 1;
  w.db
    .prepare(`UPDATE ${table} SET ${changed.map((c) => `${c} = ?`).join(', ')}, version = ?, updated_at = ? WHERE id = ? AND version = ?`)
    .run(...changed.map((c) => patch[c]), next, w.now, id, version);
  logChange(w, table, id, 'update', next, [...changed].sort());
  return next;
}

/** Tombstone: synced rows are never hard-deleted. */
export function deleteRecord(w: WriteContext, table: RecordTable, id: string, expectedVersion: number | null): number {
  const version = currentVersion(w, table, id);
  expectVersion(version, expectedVersion);
  const next = version + 1;
  w.db.prepare(`UPDATE ${table} SET deleted_at = ?, updated_at = ?, version = ? WHERE id = ?`).run(w.now, w.now, next, id);
  logChange(w, table, id, 'delete', next, ['deleted_at']);
  return next;
}

function sameValue(a: SqlValue | undefined, b: SqlValue): boolean {
  if (Buffer.isBuffer(a) && Buffer.isBuffer(b)) return a.equals(b);
  if (typeof a === 'bigint' || typeof b === 'bigint') return String(a) === String(b);
  return a === b;
}
