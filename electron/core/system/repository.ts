import type { Db } from '../db/connection';
import type { ChangeEntry } from '../../../shared/contract';

interface ChangeRow {
  seq: number;
  entity: string;
  entity_id: string;
  op: ChangeEntry['op'];
  version: number;
  fields: string;
  user_id: string | null;
  user_name: string | null;
  at: string;
}

const toEntry = (r: ChangeRow): ChangeEntry => ({
  seq: r.seq,
  entity: r.entity,
  entityId: r.entity_id,
  op: r.op,
  version: r.version,
  fields: JSON.parse(r.fields) as string[],
  userId: r.user_id,
  userName: r.user_name,
  at: r.at,
});

export function listChanges(db: Db, q: { entity?: string; entityId?: string; afterSeq: number; limit: number }): ChangeEntry[] {
  const where = ['c.seq > @afterSeq'];
  if (q.entity !== undefined) where.push('c.entity = @entity');
  if (q.entityId !== undefined) where.push('c.entity_id = @entityId');
  const rows = db
    .prepare(`SELECT c.*, u.display_name AS user_name FROM change_log c LEFT JOIN users u ON u.id = c.user_id WHERE ${where.join(' AND ')} ORDER BY c.seq LIMIT @limit`)
    .all({ afterSeq: q.afterSeq, limit: q.limit, entity: q.entity ?? null, entityId: q.entityId ?? null }) as ChangeRow[];
  return rows.map(toEntry);
}

/**
 * `issuedSeq` is the highest sequence number AUTOINCREMENT ever handed out (sqlite_sequence): when it
 * is above `maxSeq`, the newest entries were deleted, which no gap between the remaining rows shows.
 */
export function changeLogBounds(db: Db): { count: number; minSeq: number | null; maxSeq: number | null; issuedSeq: number | null } {
  const r = db.prepare('SELECT count(*) AS count, min(seq) AS minSeq, max(seq) AS maxSeq FROM change_log').get() as {
    count: number;
    minSeq: number | null;
    maxSeq: number | null;
  };
  const issued = db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'change_log'").pluck().get() as number | undefined;
  return { ...r, issuedSeq: issued ?? null };
}

/** Sequence numbers in (after, after+limit], ascending: the integrity job walks the log in pages. */
export function changeSeqPage(db: Db, afterSeq: number, limit: number): number[] {
  return (db.prepare('SELECT seq FROM change_log WHERE seq > ? ORDER BY seq LIMIT ?').pluck().all(afterSeq, limit) as number[]);
}

export function quickCheck(db: Db): string[] {
  const rows = db.pragma('quick_check') as { quick_check: string }[];
  return rows.map((r) => r.quick_check).filter((m) => m !== 'ok');
}

/**
 * Every b-tree the schema names, the schema's own first (virtual tables have none: their shadow
 * tables are listed), in file order: what the background check checks one at a time.
 */
export function checkedTables(db: Db): string[] {
  return ['sqlite_schema', ...(db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND rootpage > 0 ORDER BY rootpage").pluck().all() as string[])];
}
