/** All SQL of the audit trail: the secret, the chain's head, appending, browsing and the walk. */
import type { Db } from '../db/connection';
import type { Statement } from 'better-sqlite3-multiple-ciphers';
import type { ChainEntry, ChangeRef, StoredEntry } from './chain';

/*
 * A statement cache of its own (not db/writes.ts's prepareCached): writes.ts calls into the audit
 * trail for every record write, and sharing its cache would make the two modules import each other.
 */
const statements = new WeakMap<Db, Map<string, Statement>>();
function stmt(db: Db, sql: string): Statement {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let s = cache.get(sql);
  if (!s) cache.set(sql, (s = db.prepare(sql)));
  return s;
}

export const AUDIT_SECRET_NAME = 'audit';

/** The office's audit secret (32 bytes), created by the v5 migration. Never leaves the core. */
export function readAuditSecret(db: Db): Buffer | undefined {
  const value = stmt(db, 'SELECT value FROM office_secrets WHERE name = ?').pluck().get(AUDIT_SECRET_NAME) as Buffer | undefined;
  return value ?? undefined;
}

export interface ChainTip {
  /** The next sequence number to use. */
  nextSeq: number;
  prevHash: string | null;
}

/**
 * Where the next entry goes: after the newest entry and after every number ever issued, so an
 * entry appended after the newest ones were deleted leaves the gap visible instead of filling it.
 */
export function chainTip(db: Db): ChainTip {
  const last = stmt(db, 'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
  const issued = (stmt(db, "SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'").pluck().get() as number | undefined) ?? 0;
  return { nextSeq: Math.max(issued, last?.seq ?? 0) + 1, prevHash: last?.hash ?? null };
}

/** A record write names its user by id; the entry also keeps the name, as it was at the time. */
export function usernameOf(db: Db, userId: string): string | undefined {
  return stmt(db, 'SELECT username FROM users WHERE id = ?').pluck().get(userId) as string | undefined;
}

export function insertAuditRow(db: Db, e: ChainEntry & { prevHash: string; hash: string }): void {
  stmt(
    db,
    'INSERT INTO audit_log (seq, at, user_id, username, action, entity, entity_id, fields, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(e.seq, e.at, e.userId, e.username, e.action, e.entity, e.entityId, e.fields, e.detail, e.prevHash, e.hash);
}

export function auditHead(db: Db): { seq: number; hash: string; at: string } | null {
  const row = stmt(db, 'SELECT seq, hash, at FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string; at: string } | undefined;
  return row ?? null;
}

/** An audit_log row as stored. */
export interface AuditRow {
  seq: number;
  at: string;
  user_id: string | null;
  username: string | null;
  action: string;
  entity: string | null;
  entity_id: string | null;
  fields: string;
  detail: string;
  prev_hash: string;
  hash: string;
}

export const toStored = (r: AuditRow): StoredEntry => ({
  seq: r.seq,
  at: r.at,
  userId: r.user_id,
  username: r.username,
  action: r.action,
  entity: r.entity,
  entityId: r.entity_id,
  fields: r.fields,
  detail: r.detail,
  prevHash: r.prev_hash,
  hash: r.hash,
});

export interface AuditFilter {
  userId?: string;
  username?: string;
  action?: string;
  entity?: string;
  entityId?: string;
  /** ISO instants, inclusive from, exclusive to. */
  from?: string;
  to?: string;
}

function whereOf(f: AuditFilter): { sql: string; params: Record<string, string> } {
  const where: string[] = [];
  const params: Record<string, string> = {};
  const add = (column: string, key: keyof AuditFilter, op = '=') => {
    const value = f[key];
    if (value === undefined) return;
    where.push(`${column} ${op} @${key}`);
    params[key] = value;
  };
  add('user_id', 'userId');
  add('username', 'username');
  add('action', 'action');
  add('entity', 'entity');
  add('entity_id', 'entityId');
  add('at', 'from', '>=');
  add('at', 'to', '<');
  return { sql: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
}

/** Newest first, one page; the total counts every entry the filter matches. */
export function listAuditEntries(db: Db, f: AuditFilter, offset: number, limit: number): { rows: StoredEntry[]; total: number } {
  const { sql, params } = whereOf(f);
  const rows = db.prepare(`SELECT * FROM audit_log ${sql} ORDER BY seq DESC LIMIT @limit OFFSET @offset`).all({ ...params, limit, offset }) as AuditRow[];
  const total = db.prepare(`SELECT count(*) FROM audit_log ${sql}`).pluck().get(params) as number;
  return { rows: rows.map(toStored), total };
}

/** What the filters can offer: the user names, actions and entities that occur in the trail. */
export function auditFacets(db: Db): { usernames: string[]; actions: string[]; entities: string[] } {
  const distinct = (column: string) =>
    db.prepare(`SELECT DISTINCT ${column} FROM audit_log WHERE ${column} IS NOT NULL ORDER BY ${column}`).pluck().all() as string[];
  return { usernames: distinct('username'), actions: distinct('action'), entities: distinct('entity') };
}

/** Entries in (afterSeq, upToSeq], ascending: the verifier walks the chain in pages. */
export function auditPage(db: Db, afterSeq: number, upToSeq: number, limit: number): StoredEntry[] {
  return (stmt(db, 'SELECT * FROM audit_log WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?').all(afterSeq, upToSeq, limit) as AuditRow[]).map(toStored);
}

/** The newest entry and the highest number ever issued, read together as the walk's end point. */
export function auditBounds(db: Db): { count: number; maxSeq: number; issuedSeq: number; maxChangeSeq: number } {
  return stmt(
    db,
    `SELECT (SELECT count(*) FROM audit_log) AS count,
            coalesce((SELECT max(seq) FROM audit_log), 0) AS maxSeq,
            coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'), 0) AS issuedSeq,
            coalesce((SELECT max(seq) FROM change_log), 0) AS maxChangeSeq`,
  ).get() as { count: number; maxSeq: number; issuedSeq: number; maxChangeSeq: number };
}

interface ChangeRow {
  seq: number;
  entity: string;
  entity_id: string;
  op: string;
  version: number;
  fields: string;
}
const toChangeRef = (r: ChangeRow): ChangeRef => ({ seq: r.seq, entity: r.entity, entityId: r.entity_id, op: r.op, version: r.version, fields: r.fields });

export function changeRow(db: Db, seq: number): ChangeRef | undefined {
  const row = stmt(db, 'SELECT seq, entity, entity_id, op, version, fields FROM change_log WHERE seq = ?').get(seq) as ChangeRow | undefined;
  return row && toChangeRef(row);
}

export function changeRange(db: Db, from: number, to: number): ChangeRef[] {
  return (stmt(db, 'SELECT seq, entity, entity_id, op, version, fields FROM change_log WHERE seq BETWEEN ? AND ? ORDER BY seq').all(from, to) as ChangeRow[]).map(
    toChangeRef,
  );
}
