import { createHmac, randomBytes } from 'node:crypto';
import type { Migration } from '../migrate';

/*
 * The chain's first link as electron/core/audit/chain.ts hashed entries at schema version 5, frozen
 * here: what this migration wrote must not change when the app's code does. (A change to how entries
 * are hashed would break every stored chain anyway and come with a migration of its own.)
 */
const GENESIS_HASH = '0'.repeat(64);

function entryHash(
  secret: Buffer,
  prevHash: string,
  e: { seq: number; at: string; userId: string | null; username: string | null; action: string; entity: string | null; entityId: string | null; fields: string; detail: string },
): string {
  const canonical = JSON.stringify([e.seq, e.at, e.userId, e.username, e.action, e.entity, e.entityId, e.fields, e.detail]);
  return createHmac('sha256', secret).update(prevHash).update('\n').update(canonical).digest('hex');
}

/**
 * v5: the audit trail (审计日志) and the office's audit secret.
 *
 * `audit_log` is append-only: each entry holds the previous entry's hash, and its own hash is an
 * HMAC keyed with the office secret (electron/core/audit/chain.ts says why keyed). AUTOINCREMENT keeps
 * sqlite_sequence at the highest number ever issued, so deleting the newest entries shows as a
 * truncation. Triggers refuse UPDATE and DELETE: the app's own code can never rewrite the trail by
 * mistake (someone editing the file can drop them, which is what the chain is for).
 *
 * The secret is 32 random bytes inside the encrypted database (`office_secrets`), not in the key
 * file: it must travel with the data (backups, restores) and be as unreadable as the data is.
 * Existing databases get theirs here; every database's chain starts with an `audit.start` entry that
 * says how much of the change log predates the trail, so an emptied trail is itself a break.
 */
export const migration0005: Migration = {
  version: 5,
  name: 'audit-trail',
  up(db) {
    db.exec(`
      CREATE TABLE office_secrets (
        name TEXT PRIMARY KEY,
        value BLOB NOT NULL CHECK (length(value) >= 32),
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        user_id TEXT,
        -- As it was at the time; a failed sign-in keeps what was typed (ID numbers masked).
        username TEXT,
        action TEXT NOT NULL,
        entity TEXT,
        entity_id TEXT,
        -- JSON array of field names, never values.
        fields TEXT NOT NULL DEFAULT '[]',
        -- JSON object, sanitized: no raw ID numbers, passwords or keys.
        detail TEXT NOT NULL DEFAULT '{}',
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      ) STRICT;

      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
    `);
    const secret = randomBytes(32);
    const now = new Date().toISOString();
    db.prepare("INSERT INTO office_secrets (name, value, created_at) VALUES ('audit', ?, ?)").run(secret, now);
    const changeLogThrough = db.prepare('SELECT coalesce(max(seq), 0) FROM change_log').pluck().get() as number;
    const start = {
      seq: 1,
      at: now,
      userId: null,
      username: null,
      action: 'audit.start',
      entity: null,
      entityId: null,
      fields: '[]',
      detail: JSON.stringify({ changeLogThrough }),
    };
    db.prepare(
      'INSERT INTO audit_log (seq, at, user_id, username, action, entity, entity_id, fields, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(start.seq, start.at, start.userId, start.username, start.action, start.entity, start.entityId, start.fields, start.detail, GENESIS_HASH, entryHash(secret, GENESIS_HASH, start));
  },
};
