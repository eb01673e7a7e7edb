import type { Migration } from '../migrate';

/** v2: user accounts. Password hashes are scrypt with a per-user salt; never synced to the bureau. */
export const migration0002: Migration = {
  version: 2,
  name: 'accounts',
  up(db) {
    db.exec(`
      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        office_id TEXT NOT NULL REFERENCES office(id),
        username TEXT NOT NULL,
        display_name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('admin', 'supervisor', 'clerk', 'viewer')),
        password_hash TEXT NOT NULL,
        disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
        failed_attempts INTEGER NOT NULL DEFAULT 0,
        locked_until TEXT,
        last_login_at TEXT,
        version INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
      ) STRICT;
      CREATE UNIQUE INDEX users_username ON users (username COLLATE NOCASE) WHERE deleted_at IS NULL;
    `);
  },
};
