/**
 * Every write to a record goes through these three functions, which bump `version`, stamp times and
 * the office, refuse stale versions, and append to the change log in the same transaction — and hand
 * each change-log row to the call's `onChange` hook (the audit trail: ../audit/service.ts).
 * Nothing writes record tables around them. This folder imports no feature: which tables are records
 * and what happens on a change come in through the WriteContext (the core registry builds it).
 */
import type { Db } from './connection';
import type { Statement } from 'better-sqlite3-multiple-ciphers';
import { ContractFailure } from '../errors';

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

/** A table whose rows are records (versioned, change-logged, carried by sync): each feature names its own in the core registry. */
export type RecordTable = string;

/** One change-log row as written, for the call's `onChange` hook. */
export interface RecordChange {
  entity: RecordTable;
  entityId: string;
  op: 'insert' | 'update' | 'delete';
  version: number;
  fields: string[];
  /** The change log's sequence number for it. */
  changeSeq: number;
}

/**
 * One per contract call (the host builds it once, on the first `ctx.write()`): every row the call
 * writes carries its `tx`, which is how sync ships and applies a call's changes together.
 */
export interface WriteContext {
  db: Db;
  userId: string | null;
  /** ISO timestamp for this transaction. */
  now: string;
  /** Groups the change-log entries of one call. */
  tx: string;
  /** The user's name for the audit trail; looked up from `userId` when left out. */
  username?: string | null;
  /** The office this database belongs to: stamped as `office_id` on every new row of a table that has the column. */
  officeId(): string;
  /** Record tables the core registry names; writing any other table is a programming error. */
  recordTables: ReadonlySet<RecordTable>;
  /** Called for each change-log row in the same transaction (the audit trail appends its entry). */
  onChange(w: WriteContext, change: RecordChange): void;
  /** The record tables this call has written so far (results carry it: the renderer refetches by entity). */
  changed: Set<RecordTable>;
  /** Bulk jobs: the audit hook collects these writes into one entry (see audit/service.ts). */
  auditBatch?: { from: number; to: number };
}

const COLUMN = /^[a-z][a-z0-9_]*$/;
const STANDARD = new Set(['id', 'version', 'created_at', 'updated_at', 'deleted_at']);

function columnsOf(row: Row): string[] {
  const cols = Object.keys(row);
  for (const c of cols) if (!COLUMN.test(c)) throw new Error(`bad column name ${JSON.stringify(c)}`);
  return cols;
}

/** `fields`: the changed columns, sorted; `fieldsJson` their JSON when already made (once per insert shape). */
function logChange(w: WriteContext, entity: RecordTable, id: string, op: RecordChange['op'], version: number, fields: string[], fieldsJson = JSON.stringify(fields)) {
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
  w.changed.add(entity);
  w.onChange(w, { entity, entityId: id, op, version, fields, changeSeq: Number(info.lastInsertRowid) });
}

function requireRecordTable(w: WriteContext, table: RecordTable): void {
  if (!w.recordTables.has(table)) throw new Error(`${table} is not a record table: name it in its feature's recordTables (electron/core/registry.ts)`);
}

/** What an insert of one set of columns needs, worked out once per table and column list. */
interface InsertShape {
  stmt: Statement;
  columns: string[];
  /** The table has an `office_id` column the values leave out: stamped from the write context. */
  stampsOffice: boolean;
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
    const tableColumns = db.pragma(`table_info(${table})`) as { name: string }[];
    const stampsOffice = !('office_id' in values) && tableColumns.some((c) => c.name === 'office_id');
    const columns = columnsOf({ ...values, ...(stampsOffice ? { office_id: null } : {}), id: null, version: null, created_at: null, updated_at: null });
    const stmt = db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
    const fields = columns.filter((c) => !STANDARD.has(c)).sort();
    shape = { stmt, columns, stampsOffice, fields, fieldsJson: JSON.stringify(fields) };
    shapes.set(key, shape);
  }
  return shape;
}

/** Insert a new record at version 1; returns its rowid. */
export function insertRecord(w: WriteContext, table: RecordTable, id: string, values: Row): number {
  requireRecordTable(w, table);
  const shape = insertShape(w.db, table, values);
  const row: Row = { ...values, ...(shape.stampsOffice ? { office_id: w.officeId() } : {}), id, version: 1, created_at: w.now, updated_at: w.now };
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
  requireRecordTable(w, table);
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
  requireRecordTable(w, table);
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
