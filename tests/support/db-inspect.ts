/** Direct reads of the database file, to check what services really wrote. */
import type { Db } from '../../electron/core/db/connection';

export interface ChangeLogRow {
  seq: number;
  tx: string;
  entity: string;
  entity_id: string;
  op: 'insert' | 'update' | 'delete';
  version: number;
  fields: string;
  user_id: string | null;
  at: string;
}

export function changeLogRows(db: Db, afterSeq = 0): ChangeLogRow[] {
  return db.prepare('SELECT * FROM change_log WHERE seq > ? ORDER BY seq').all(afterSeq) as ChangeLogRow[];
}

export function maxSeq(db: Db): number {
  return (db.prepare('SELECT coalesce(max(seq), 0) AS n FROM change_log').get() as { n: number }).n;
}

export function rowCount(db: Db, table: string): number {
  return (db.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
}

/**
 * Every row of every real table (sqlite_sequence and full-text shadow tables included, virtual
 * tables themselves left out: their shadow tables hold their content), for before/after comparisons.
 */
export function snapshotTables(db: Db): Record<string, unknown[]> {
  const tables = db
    .prepare("SELECT name, wr FROM pragma_table_list WHERE schema = 'main' AND type IN ('table', 'shadow') AND name <> 'sqlite_schema' ORDER BY name")
    .all() as { name: string; wr: number }[];
  // WITHOUT ROWID tables have no rowid and come back in primary-key order anyway.
  return Object.fromEntries(tables.map((t) => [t.name, db.prepare(`SELECT * FROM "${t.name}"${t.wr ? '' : ' ORDER BY rowid'}`).all()]));
}
