import type { Migration } from '../migrate';

/**
 * v4: the spreadsheet-import journal, remembered column mappings and the export log. These are the
 * office's own bookkeeping, not synced records: the residents and households an import writes go
 * through the normal record writes (versions, change log); this only says which import did what,
 * so that it can be undone as one step.
 */
export const migration0004: Migration = {
  version: 4,
  name: 'imports',
  up(db) {
    db.exec(`
      CREATE TABLE imports (
        id TEXT PRIMARY KEY,
        office_id TEXT NOT NULL REFERENCES office(id),
        -- The change-log transaction of the import's writes.
        tx TEXT NOT NULL,
        file_name TEXT NOT NULL,
        file_sha256 TEXT NOT NULL,
        file_format TEXT NOT NULL CHECK (file_format IN ('xlsx', 'csv')),
        total INTEGER NOT NULL,
        created INTEGER NOT NULL,
        updated INTEGER NOT NULL,
        unchanged INTEGER NOT NULL,
        skipped INTEGER NOT NULL,
        households INTEGER NOT NULL,
        user_id TEXT,
        at TEXT NOT NULL,
        undone_at TEXT,
        undone_by TEXT,
        undo_tx TEXT
      ) STRICT;
      CREATE INDEX imports_at ON imports (at);

      -- One row per record an import inserted or changed; \`before\` holds the previous values of
      -- the columns an update changed (JSON), so undo can put them back.
      CREATE TABLE import_changes (
        import_id TEXT NOT NULL REFERENCES imports(id),
        seq INTEGER NOT NULL,
        entity TEXT NOT NULL CHECK (entity IN ('residents', 'households', 'household_members')),
        entity_id TEXT NOT NULL,
        op TEXT NOT NULL CHECK (op IN ('insert', 'update')),
        version_after INTEGER NOT NULL,
        before TEXT,
        PRIMARY KEY (import_id, seq)
      ) STRICT;
      CREATE INDEX import_changes_entity ON import_changes (entity, entity_id);

      -- Column mappings a clerk confirmed, per file layout (a hash of the header texts).
      CREATE TABLE import_mappings (
        layout TEXT PRIMARY KEY,
        headers TEXT NOT NULL,
        mapping TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        updated_by TEXT
      ) STRICT;

      -- Every export: who took which rows out, and whether ID numbers were in full.
      CREATE TABLE exports (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        user_id TEXT,
        at TEXT NOT NULL,
        file_name TEXT NOT NULL,
        format TEXT NOT NULL CHECK (format IN ('xlsx', 'csv')),
        rows INTEGER NOT NULL,
        ids_full INTEGER NOT NULL CHECK (ids_full IN (0, 1)),
        filters TEXT NOT NULL
      ) STRICT;
    `);
  },
};
