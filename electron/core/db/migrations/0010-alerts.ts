import type { Migration } from '../migrate';

/**
 * v10: the shared alert inbox (提醒). Any module raises alerts here — licences about to expire,
 * overdue rectifications, later assistance reviews and bureau receipts. An alert is raised at most
 * once for its (source, key): raising it again is a no-op, so a daily scan cannot fire it twice.
 * Alerts are records (synced, change-logged): the bureau sees what the office was told.
 */
export const migration0010: Migration = {
  version: 10,
  name: 'alerts',
  up(db) {
    db.exec(`
      CREATE TABLE alerts (
        id TEXT PRIMARY KEY,
        office_id TEXT NOT NULL REFERENCES office(id),
        -- The module and rule that raised it, e.g. eldercare.licence_expiring.
        source TEXT NOT NULL,
        -- What makes it this alert and no other, e.g. <licence id>:<expiry date>.
        key TEXT NOT NULL,
        severity TEXT NOT NULL CHECK (severity IN ('info', 'warning', 'urgent')),
        -- The record it is about (table and id), to open it from the inbox.
        entity TEXT,
        entity_id TEXT,
        -- Parameters of its message (JSON object), the message itself comes from the catalogs by source.
        params TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(params)),
        due_on TEXT,
        raised_at TEXT NOT NULL,
        -- Who should act: a permission (records.write …); null = everyone who may read records.
        audience TEXT,
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'acknowledged', 'resolved')),
        acknowledged_by TEXT,
        acknowledged_at TEXT,
        resolved_by TEXT,
        resolved_at TEXT,
        resolution TEXT,
        version INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
      ) STRICT;
      CREATE UNIQUE INDEX alerts_source_key ON alerts (source, key);
      CREATE INDEX alerts_status ON alerts (status, raised_at) WHERE deleted_at IS NULL;
      CREATE INDEX alerts_entity ON alerts (entity, entity_id);
    `);
  },
};
