import type { Migration } from '../migrate';

/**
 * v1: the office itself, its settings, and the change log every later write appends to.
 * Synced tables share: UUIDv7 `id`, `office_id`, `version`, `created_at`, `updated_at`, `deleted_at`.
 */
export const migration0001: Migration = {
  version: 1,
  name: 'office-and-change-log',
  up(db) {
    db.exec(`
      CREATE TABLE office (
        id TEXT PRIMARY KEY,
        singleton INTEGER NOT NULL DEFAULT 1 UNIQUE CHECK (singleton = 1),
        code TEXT NOT NULL,
        name TEXT NOT NULL,
        division_code TEXT NOT NULL,
        version INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
      ) STRICT;

      CREATE TABLE settings (
        id TEXT PRIMARY KEY,
        office_id TEXT NOT NULL REFERENCES office(id),
        idle_lock_minutes INTEGER NOT NULL,
        lockout_threshold INTEGER NOT NULL,
        lockout_minutes INTEGER NOT NULL,
        version INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
      ) STRICT;

      -- Appended in the same transaction as every write; sync reads it, audit cross-checks it.
      -- AUTOINCREMENT: a sequence number is never reused, so gaps mean lost entries.
      CREATE TABLE change_log (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        tx TEXT NOT NULL,
        entity TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        op TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
        version INTEGER NOT NULL,
        fields TEXT NOT NULL,
        user_id TEXT,
        at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX change_log_entity ON change_log (entity, entity_id, seq);
    `);
  },
};
