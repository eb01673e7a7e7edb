import type { Migration } from '../migrate';

/**
 * v15: sync with the city bureau (electron/core/sync). None of these tables are records: they are the
 * sync's own bookkeeping and are never carried in a bundle themselves.
 *
 * An office database fills the `sync_*` tables; a bureau database (`civicdesk bureau init`) fills the
 * `bureau_*` tables. Both kinds are the same schema, opened and encrypted the same way (key slots,
 * recovery key): the keys each side signs and decrypts with sit in `office_secrets`, inside the
 * encrypted file, never beside it.
 */
export const migration0015: Migration = {
  version: 15,
  name: 'sync',
  up(db) {
    db.exec(`
      -- What this database is in the sync: an office enrolled with a bureau, or a bureau.
      CREATE TABLE sync_role (
        singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
        role TEXT NOT NULL CHECK (role IN ('office', 'bureau')),
        created_at TEXT NOT NULL
      ) STRICT;

      -- An office's enrollment: the bureau's public keys and where to upload (its signing key is in office_secrets).
      CREATE TABLE sync_enrollment (
        singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
        enrollment_id TEXT NOT NULL,
        office_code TEXT NOT NULL,
        bureau_id TEXT NOT NULL,
        bureau_name TEXT NOT NULL,
        -- age X25519 recipient (age1…): bundles are encrypted to it.
        bureau_recipient TEXT NOT NULL,
        -- Ed25519 public key (SPKI DER, base64): receipts must verify with it.
        bureau_verify_key TEXT NOT NULL,
        -- The office's Ed25519 public key (SPKI DER, base64) and the proof that ties it to the enrollment.
        office_verify_key TEXT NOT NULL,
        key_proof TEXT NOT NULL,
        upload_url TEXT,
        enrolled_at TEXT NOT NULL,
        enrolled_by TEXT
      ) STRICT;

      -- Bundles this office made, kept byte for byte until the bureau acknowledges them (re-sent unchanged).
      CREATE TABLE sync_outbox (
        sequence INTEGER PRIMARY KEY,
        bundle_id TEXT NOT NULL UNIQUE,
        change_from INTEGER NOT NULL,
        change_to INTEGER NOT NULL,
        audit_from INTEGER NOT NULL,
        audit_to INTEGER NOT NULL,
        audit_head_hash TEXT NOT NULL,
        changes INTEGER NOT NULL,
        file_name TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        bytes INTEGER NOT NULL,
        -- The whole file; dropped once acknowledged.
        content BLOB,
        created_at TEXT NOT NULL,
        created_by TEXT,
        exported_at TEXT,
        exported_to TEXT,
        uploaded_at TEXT,
        acknowledged_at TEXT,
        -- What the bureau's last receipt said of it: applied, duplicate, held, rejected.
        bureau_status TEXT,
        bureau_reason TEXT
      ) STRICT;

      -- Receipts the office accepted (signed text kept as it came, for audit verify --anchor).
      CREATE TABLE sync_receipts (
        receipt_seq INTEGER PRIMARY KEY,
        issued_at TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        acknowledged_sequence INTEGER NOT NULL,
        audit_head_seq INTEGER,
        audit_head_hash TEXT,
        content BLOB NOT NULL
      ) STRICT;

      -- A bureau: its identity (keys are in office_secrets).
      CREATE TABLE bureau_identity (
        singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
        bureau_id TEXT NOT NULL,
        name TEXT NOT NULL,
        recipient TEXT NOT NULL,
        verify_key TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;

      -- The offices a bureau enrolled, and where each one's sync stands.
      CREATE TABLE bureau_offices (
        office_code TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        enrollment_id TEXT NOT NULL UNIQUE,
        -- 32 random bytes given to the office (sealed to its one-time code): proves the office's first key.
        enroll_secret BLOB NOT NULL,
        enrolled_at TEXT NOT NULL,
        enrolled_by TEXT,
        -- Pinned at the first valid bundle.
        verify_key TEXT,
        -- Highest sequence applied with no gap before it; its bundle's hash (the next one's prev).
        applied_sequence INTEGER NOT NULL DEFAULT 0,
        applied_hash TEXT,
        last_bundle_at TEXT,
        -- The office's audit chain head as the bureau holds it.
        audit_head_seq INTEGER NOT NULL DEFAULT 0,
        audit_head_hash TEXT,
        -- The head the office's latest applied bundle stated: after a person resolves an audit alarm,
        -- the held head moves here (the chain is watched again from where the office now stands).
        claimed_head_seq INTEGER,
        claimed_head_hash TEXT,
        receipt_seq INTEGER NOT NULL DEFAULT 0
      ) STRICT;

      -- Every bundle the bureau accepted (applied or held); a held one keeps its file until the gap fills.
      CREATE TABLE bureau_bundles (
        office_code TEXT NOT NULL REFERENCES bureau_offices(office_code),
        sequence INTEGER NOT NULL,
        bundle_id TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('applied', 'held')),
        changes INTEGER NOT NULL,
        received_at TEXT NOT NULL,
        applied_at TEXT,
        content BLOB,
        PRIMARY KEY (office_code, sequence)
      ) STRICT;
      CREATE UNIQUE INDEX bureau_bundles_id ON bureau_bundles (bundle_id);

      -- Every intake outcome, rejected ones included (what the receipt reports and the screen lists).
      CREATE TABLE bureau_intake_log (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        file_name TEXT NOT NULL,
        office_code TEXT,
        sequence INTEGER,
        bundle_id TEXT,
        sha256 TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('applied', 'duplicate', 'held', 'rejected')),
        reason TEXT,
        reported INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE INDEX bureau_intake_log_office ON bureau_intake_log (office_code, seq);

      -- The city-wide merged records: each office's rows as they stand, by table and id, tombstones kept.
      CREATE TABLE bureau_rows (
        office_code TEXT NOT NULL,
        entity TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        deleted INTEGER NOT NULL CHECK (deleted IN (0, 1)),
        tx TEXT NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (office_code, entity, entity_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX bureau_rows_entity ON bureau_rows (entity, office_code) WHERE deleted = 0;

      -- Residents by normalized ID number across offices (cross-office duplicates), kept in step by the intake.
      CREATE TABLE bureau_person_ids (
        id_norm TEXT NOT NULL,
        office_code TEXT NOT NULL,
        resident_id TEXT NOT NULL,
        PRIMARY KEY (office_code, resident_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX bureau_person_ids_norm ON bureau_person_ids (id_norm);

      -- Code tables and standards the bureau publishes (the newest per kind goes out in every receipt).
      CREATE TABLE bureau_publications (
        kind TEXT PRIMARY KEY,
        version TEXT NOT NULL,
        payload TEXT NOT NULL CHECK (json_valid(payload)),
        published_at TEXT NOT NULL,
        published_by TEXT
      ) STRICT;

      -- Which published version of each kind this office has applied from a receipt.
      CREATE TABLE sync_applied_updates (
        kind TEXT PRIMARY KEY,
        version TEXT NOT NULL,
        applied_at TEXT NOT NULL
      ) STRICT;

      -- What needs a person at the bureau: a forked audit trail, a bundle reusing a sequence with other content …
      CREATE TABLE bureau_alarms (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        office_code TEXT,
        kind TEXT NOT NULL,
        detail TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(detail)),
        resolved_at TEXT,
        resolved_by TEXT
      ) STRICT;
    `);
  },
};
