/**
 * Drafts are each user's own: every statement here is keyed by the user, so no call can read,
 * replace or remove someone else's. They are not records (see migration 0007): plain SQL, no
 * change log.
 */
import type { Db } from '../db/connection';

export interface DraftRow {
  key: string;
  payload: string;
  base_version: number | null;
  saved_at: string;
}

export interface DraftSummaryRow {
  key: string;
  base_version: number | null;
  saved_at: string;
  bytes: number;
}

export function upsertDraft(db: Db, v: { officeId: string; userId: string; key: string; payload: string; baseVersion: number | null; savedAt: string }): void {
  db.prepare(
    `INSERT INTO drafts (office_id, user_id, key, payload, base_version, saved_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (user_id, key) DO UPDATE SET payload = excluded.payload, base_version = excluded.base_version, saved_at = excluded.saved_at`,
  ).run(v.officeId, v.userId, v.key, v.payload, v.baseVersion, v.savedAt);
}

/** The user's draft under `key`, unless it was last saved before `notBefore` (expired). */
export function findDraft(db: Db, userId: string, key: string, notBefore: string): DraftRow | undefined {
  return db.prepare('SELECT key, payload, base_version, saved_at FROM drafts WHERE user_id = ? AND key = ? AND saved_at >= ?').get(userId, key, notBefore) as
    | DraftRow
    | undefined;
}

export function listDrafts(db: Db, userId: string, notBefore: string): DraftSummaryRow[] {
  return db
    .prepare(
      `SELECT key, base_version, saved_at, length(CAST(payload AS BLOB)) AS bytes FROM drafts
       WHERE user_id = ? AND saved_at >= ? ORDER BY saved_at DESC, key`,
    )
    .all(userId, notBefore) as DraftSummaryRow[];
}

export function deleteDraft(db: Db, userId: string, key: string): boolean {
  return db.prepare('DELETE FROM drafts WHERE user_id = ? AND key = ?').run(userId, key).changes > 0;
}

/** Everyone's drafts last saved before `cutoff`: nobody can see them any more. */
export function deleteExpiredDrafts(db: Db, cutoff: string): number {
  return db.prepare('DELETE FROM drafts WHERE saved_at < ?').run(cutoff).changes;
}

/** Keep the user's `keep` newest drafts, drop the rest. */
export function trimDrafts(db: Db, userId: string, keep: number): number {
  return db.prepare(
    `DELETE FROM drafts WHERE user_id = ? AND key NOT IN (
       SELECT key FROM drafts WHERE user_id = ? ORDER BY saved_at DESC, key LIMIT ?)`,
  ).run(userId, userId, keep).changes;
}
