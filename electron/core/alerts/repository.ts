/** All SQL of the alert inbox. */
import type { Db } from '../db/connection';
import { insertRecord, prepareCached, updateRecord, type WriteContext } from '../db/writes';

export interface AlertRow {
  id: string;
  version: number;
  source: string;
  key: string;
  severity: 'info' | 'warning' | 'urgent';
  entity: string | null;
  entity_id: string | null;
  params: string;
  due_on: string | null;
  raised_at: string;
  audience: string | null;
  status: 'open' | 'acknowledged' | 'resolved';
  acknowledged_by: string | null;
  acknowledged_by_name: string | null;
  acknowledged_at: string | null;
  resolved_by: string | null;
  resolved_by_name: string | null;
  resolved_at: string | null;
  resolution: string | null;
}

const SELECT = `SELECT a.id, a.version, a.source, a.key, a.severity, a.entity, a.entity_id, a.params, a.due_on, a.raised_at, a.audience, a.status,
  a.acknowledged_by, ua.display_name AS acknowledged_by_name, a.acknowledged_at, a.resolved_by, ur.display_name AS resolved_by_name, a.resolved_at, a.resolution
  FROM alerts a LEFT JOIN users ua ON ua.id = a.acknowledged_by LEFT JOIN users ur ON ur.id = a.resolved_by`;

/** The alert raised for (source, key), in any status (a tombstoned one counts: it was raised). */
export function findAlertByKey(db: Db, source: string, key: string): { id: string; status: string } | undefined {
  return prepareCached(db, 'SELECT id, status FROM alerts WHERE source = ? AND key = ?').get(source, key) as { id: string; status: string } | undefined;
}

export function findAlert(db: Db, id: string): AlertRow | undefined {
  return db.prepare(`${SELECT} WHERE a.id = ? AND a.deleted_at IS NULL`).get(id) as AlertRow | undefined;
}

export interface NewAlert {
  source: string;
  key: string;
  severity: string;
  entity: string | null;
  entity_id: string | null;
  params: string;
  due_on: string | null;
  raised_at: string;
  audience: string | null;
}

export function insertAlert(w: WriteContext, id: string, values: NewAlert): void {
  insertRecord(w, 'alerts', id, { ...values, status: 'open' });
}

export function updateAlert(w: WriteContext, id: string, version: number | null, patch: Record<string, string | null>): number {
  return updateRecord(w, 'alerts', id, version, patch);
}

/** Unresolved alerts of a source, optionally about one record or keys starting with a prefix. */
export function unresolvedAlerts(db: Db, q: { source: string; entity?: string; entityId?: string; keyPrefix?: string }): { id: string; key: string; version: number }[] {
  const where = ["source = @source", "status <> 'resolved'", 'deleted_at IS NULL'];
  if (q.entity !== undefined) where.push('entity = @entity');
  if (q.entityId !== undefined) where.push('entity_id = @entityId');
  if (q.keyPrefix !== undefined) where.push('substr(key, 1, length(@keyPrefix)) = @keyPrefix');
  return db
    .prepare(`SELECT id, key, version FROM alerts WHERE ${where.join(' AND ')}`)
    .all({ source: q.source, entity: q.entity ?? null, entityId: q.entityId ?? null, keyPrefix: q.keyPrefix ?? null }) as { id: string; key: string; version: number }[];
}

export interface AlertQuery {
  statuses: string[];
  source?: string;
  entity?: string;
  entityId?: string;
  /** The permissions the caller's role has: an alert for another audience is left out. */
  audiences: readonly string[];
  offset: number;
  limit: number;
}

function whereOf(q: Omit<AlertQuery, 'offset' | 'limit'>): { sql: string; params: Record<string, unknown> } {
  const where = ['a.deleted_at IS NULL', `a.status IN (${q.statuses.map((_, i) => `@s${i}`).join(', ')})`, `(a.audience IS NULL OR a.audience IN (SELECT value FROM json_each(@audiences)))`];
  const params: Record<string, unknown> = { audiences: JSON.stringify(q.audiences) };
  q.statuses.forEach((s, i) => (params[`s${i}`] = s));
  if (q.source !== undefined) {
    where.push('a.source = @source');
    params.source = q.source;
  }
  if (q.entity !== undefined) {
    where.push('a.entity = @entity');
    params.entity = q.entity;
  }
  if (q.entityId !== undefined) {
    where.push('a.entity_id = @entityId');
    params.entityId = q.entityId;
  }
  return { sql: where.join(' AND '), params };
}

export function listAlerts(db: Db, q: AlertQuery): { rows: AlertRow[]; total: number } {
  const { sql, params } = whereOf(q);
  const total = db.prepare(`SELECT count(*) FROM alerts a WHERE ${sql}`).pluck().get(params) as number;
  const rows = db
    .prepare(
      `${SELECT} WHERE ${sql}
       ORDER BY a.status = 'resolved', CASE a.severity WHEN 'urgent' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, a.due_on IS NULL, a.due_on, a.raised_at DESC, a.id
       LIMIT @limit OFFSET @offset`,
    )
    .all({ ...params, limit: q.limit, offset: q.offset }) as AlertRow[];
  return { rows, total };
}

export function countAlerts(db: Db, audiences: readonly string[]): { status: string; severity: string; source: string; n: number }[] {
  const { sql, params } = whereOf({ statuses: ['open', 'acknowledged'], audiences });
  return db.prepare(`SELECT a.status, a.severity, a.source, count(*) AS n FROM alerts a WHERE ${sql} GROUP BY a.status, a.severity, a.source`).all(params) as {
    status: string;
    severity: string;
    source: string;
    n: number;
  }[];
}
