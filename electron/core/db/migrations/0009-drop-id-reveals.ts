import { createHmac } from 'node:crypto';
import type { Migration } from '../migrate';

/*
 * How the audit chain hashed an entry at schema version 9 (electron/core/audit/chain.ts then),
 * frozen here: what this migration appends must not change when the app's code does.
 */
const GENESIS_HASH = '0'.repeat(64);

interface Entry {
  seq: number;
  at: string;
  userId: string | null;
  username: string | null;
  action: string;
  entity: string | null;
  entityId: string | null;
  fields: string;
  detail: string;
}

function entryHash(secret: Buffer, prevHash: string, e: Entry): string {
  const canonical = JSON.stringify([e.seq, e.at, e.userId, e.username, e.action, e.entity, e.entityId, e.fields, e.detail]);
  return createHmac('sha256', secret).update(prevHash).update('\n').update(canonical).digest('hex');
}

/**
 * v9: drop `id_reveals`. Since v5 every showing of a full ID number writes an `id.reveal` entry to
 * the audit trail in the same transaction, with the same resident, user, purpose and time, and the
 * trail is tamper-evident where this table never was; nothing read the table. Reveals recorded
 * before the trail existed (a database that lived through v3–v4) have no entry, so they are first
 * appended to the trail — at the time they happened, marked as carried over — and only then is the
 * table dropped: an upgrade never forgets who saw whose number.
 */
export const migration0009: Migration = {
  version: 9,
  name: 'drop-id-reveals',
  up(db) {
    const orphans = db
      .prepare(
        `SELECT r.resident_id, r.user_id, r.purpose, r.at, u.username
           FROM id_reveals r LEFT JOIN users u ON u.id = r.user_id
          WHERE NOT EXISTS (SELECT 1 FROM audit_log a
                             WHERE a.action = 'id.reveal' AND a.entity_id = r.resident_id AND a.user_id = r.user_id AND a.at = r.at)
          ORDER BY r.seq`,
      )
      .all() as { resident_id: string; user_id: string; purpose: string; at: string; username: string | null }[];
    if (orphans.length > 0) {
      const secret = db.prepare("SELECT value FROM office_secrets WHERE name = 'audit'").pluck().get() as Buffer;
      const last = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
      const issued = (db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'").pluck().get() as number | undefined) ?? 0;
      let seq = Math.max(issued, last?.seq ?? 0);
      let prevHash = last?.hash ?? GENESIS_HASH;
      const insert = db.prepare(
        'INSERT INTO audit_log (seq, at, user_id, username, action, entity, entity_id, fields, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      );
      for (const r of orphans) {
        seq += 1;
        const entry: Entry = {
          seq,
          at: r.at,
          userId: r.user_id,
          username: r.username,
          action: 'id.reveal',
          entity: 'residents',
          entityId: r.resident_id,
          fields: '["id_number"]',
          detail: JSON.stringify({ purpose: r.purpose, carriedFrom: 'id_reveals' }),
        };
        const hash = entryHash(secret, prevHash, entry);
        insert.run(entry.seq, entry.at, entry.userId, entry.username, entry.action, entry.entity, entry.entityId, entry.fields, entry.detail, prevHash, hash);
        prevHash = hash;
      }
    }
    db.exec('DROP TABLE id_reveals');
  },
};
