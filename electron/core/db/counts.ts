/** Row counts by table, for `db info` and backup headers; the core registry says which tables. */
import type { Db } from './connection';

function tableExists(db: Db, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

/**
 * `live`: label → record table, counting rows that are not tombstones; then the change log and the
 * audit trail, every row. A copy from an older version may lack a table: its count is left out.
 */
export function countRows(db: Db, live: ReadonlyArray<readonly [string, string]>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const [label, table] of live) {
    if (tableExists(db, table)) counts[label] = (db.prepare(`SELECT count(*) AS n FROM "${table}" WHERE deleted_at IS NULL`).get() as { n: number }).n;
  }
  for (const [label, table] of [
    ['changeLog', 'change_log'],
    ['auditLog', 'audit_log'],
  ] as const) {
    if (tableExists(db, table)) counts[label] = (db.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
  }
  return counts;
}
