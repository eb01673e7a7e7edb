import type { Migration } from '../migrate';

/**
 * v7: unsaved form drafts, kept here (encrypted with the rest of the database) instead of in the
 * renderer's localStorage, which is plain text on a shared office PC. Drafts are each user's own
 * scratch space, not records: no version, no change log, no audit entry, never synced; they are
 * overwritten in place, removed when the form is saved, and expire (see shared/contract/drafts.ts).
 */
export const migration0007: Migration = {
  version: 7,
  name: 'drafts',
  up(db) {
    db.exec(`
      CREATE TABLE drafts (
        office_id TEXT NOT NULL REFERENCES office(id),
        user_id TEXT NOT NULL REFERENCES users(id),
        -- <form>:<which>, e.g. resident:new or resident:<resident id>.
        key TEXT NOT NULL,
        -- JSON text; the contract limits it to 64 KiB, this is the backstop.
        payload TEXT NOT NULL CHECK (json_valid(payload) AND length(CAST(payload AS BLOB)) <= 65536),
        base_version INTEGER,
        saved_at TEXT NOT NULL,
        PRIMARY KEY (user_id, key)
      ) STRICT;
      CREATE INDEX drafts_saved_at ON drafts (saved_at);
    `);
  },
};
