/** The office side's SQL: its enrollment, its outbox of bundles (and what goes into one), the receipts it took. */
import type { Db } from '../../db/connection';

export interface EnrollmentRow {
  enrollment_id: string;
  office_code: string;
  bureau_id: string;
  bureau_name: string;
  bureau_recipient: string;
  bureau_verify_key: string;
  office_verify_key: string;
  key_proof: string;
  upload_url: string | null;
  enrolled_at: string;
}

export function enrollmentOf(db: Db): EnrollmentRow | undefined {
  return db.prepare('SELECT * FROM sync_enrollment').get() as EnrollmentRow | undefined;
}

/** The one enrollment row (singleton), with no upload address yet. */
export function insertEnrollment(
  db: Db,
  e: Omit<EnrollmentRow, 'upload_url'> & { enrolled_by: string | null },
): void {
  db.prepare(
    `INSERT INTO sync_enrollment (singleton, enrollment_id, office_code, bureau_id, bureau_name, bureau_recipient, bureau_verify_key,
       office_verify_key, key_proof, upload_url, enrolled_at, enrolled_by)
     VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)`,
  ).run(
    e.enrollment_id,
    e.office_code,
    e.bureau_id,
    e.bureau_name,
    e.bureau_recipient,
    e.bureau_verify_key,
    e.office_verify_key,
    e.key_proof,
    e.enrolled_at,
    e.enrolled_by,
  );
}

/** The bureau's upload address (settings), or none. */
export function setEnrollmentUploadUrl(db: Db, url: string | null): void {
  db.prepare('UPDATE sync_enrollment SET upload_url = ?').run(url);
}

export interface OutboxRow {
  sequence: number;
  bundle_id: string;
  change_from: number;
  change_to: number;
  audit_from: number;
  audit_to: number;
  audit_head_hash: string;
  changes: number;
  file_name: string;
  sha256: string;
  bytes: number;
  content: Buffer | null;
  created_at: string;
  exported_at: string | null;
  exported_to: string | null;
  uploaded_at: string | null;
  acknowledged_at: string | null;
  bureau_status: 'applied' | 'duplicate' | 'held' | 'rejected' | null;
  bureau_reason: string | null;
  /** The tus address of its upload while one is under way (migration 16); only `unacknowledged` reads it. */
  upload_url?: string | null;
}

const LIST_COLUMNS =
  'sequence, bundle_id, change_from, change_to, audit_from, audit_to, audit_head_hash, changes, file_name, sha256, bytes, NULL AS content, created_at, exported_at, exported_to, uploaded_at, acknowledged_at, bureau_status, bureau_reason';

/** Newest first, without their bytes. */
export function outboxList(db: Db, limit = 200): OutboxRow[] {
  return db.prepare(`SELECT ${LIST_COLUMNS} FROM sync_outbox ORDER BY sequence DESC LIMIT ?`).all(limit) as OutboxRow[];
}

export function lastBundle(db: Db): OutboxRow | undefined {
  return db.prepare(`SELECT ${LIST_COLUMNS} FROM sync_outbox ORDER BY sequence DESC LIMIT 1`).get() as OutboxRow | undefined;
}

/** Bundles the bureau has not acknowledged, oldest first, with their bytes. */
/** Bundles the bureau has not acknowledged, oldest first, without their bytes (read each with `outboxContent`, one at a time). */
export function unacknowledged(db: Db): OutboxRow[] {
  return db.prepare(`SELECT ${LIST_COLUMNS} FROM sync_outbox WHERE acknowledged_at IS NULL ORDER BY sequence`).all() as OutboxRow[];
}

/** One kept bundle's bytes; null once acknowledged. */
export function outboxContent(db: Db, sequence: number): Buffer | null {
  return (db.prepare('SELECT content FROM sync_outbox WHERE sequence = ?').pluck().get(sequence) as Buffer | null | undefined) ?? null;
}

export function acknowledgedSequence(db: Db): number {
  return (db.prepare('SELECT MAX(sequence) FROM sync_outbox WHERE acknowledged_at IS NOT NULL').pluck().get() as number | null) ?? 0;
}

export function maxChangeSeq(db: Db): number {
  return (db.prepare('SELECT MAX(seq) FROM change_log').pluck().get() as number | null) ?? 0;
}

export function lastReceipt(db: Db): { receipt_seq: number; issued_at: string; imported_at: string; acknowledged_sequence: number; audit_head_seq: number | null; audit_head_hash: string | null; content: Buffer } | undefined {
  return db.prepare('SELECT * FROM sync_receipts ORDER BY receipt_seq DESC LIMIT 1').get() as ReturnType<typeof lastReceipt>;
}

// --- what goes into a bundle (read inside the snapshot's transaction) ---

/** How many change-log rows lie in (from, to]. */
export function changeCount(db: Db, from: number, to: number): number {
  return db.prepare('SELECT COUNT(*) FROM change_log WHERE seq > ? AND seq <= ?').pluck().get(from, to) as number;
}

/** The entities changed in (from, to]. */
export function changedEntities(db: Db, from: number, to: number): string[] {
  return db.prepare('SELECT DISTINCT entity FROM change_log WHERE seq > ? AND seq <= ?').pluck().all(from, to) as string[];
}

/**
 * Each row of `table` changed in (from, to] once, as it stands now, as raw arrays
 * `[tx, lastChangeSeq, ...columns]`, in the order of their last change. SQLite takes the bare
 * columns of a MAX() aggregate from the row that has the maximum, so `tx` is that last change's.
 * `table` and `columns` are the registry's names (quoted here, never user input).
 */
export function changedRows(db: Db, table: string, columns: readonly string[], from: number, to: number): IterableIterator<unknown[]> {
  return db
    .prepare(
      `SELECT c.tx, c.last, ${columns.map((col) => `t."${col}"`).join(', ')}
         FROM (SELECT entity_id, tx, MAX(seq) AS last FROM change_log WHERE entity = ? AND seq > ? AND seq <= ? GROUP BY entity_id) c
         JOIN "${table}" t ON t.id = c.entity_id
        ORDER BY c.last`,
    )
    .raw(true)
    .iterate(table, from, to) as IterableIterator<unknown[]>;
}

/** The audit entries after `seq`, oldest first, as raw arrays in the bundle's wire order. */
export function auditEntriesAfter<T extends unknown[]>(db: Db, seq: number): IterableIterator<T> {
  return db
    .prepare('SELECT seq, at, user_id, username, action, entity, entity_id, fields, detail, prev_hash, hash FROM audit_log WHERE seq > ? ORDER BY seq')
    .raw(true)
    .iterate(seq) as IterableIterator<T>;
}

// --- the outbox ---

/** A sealed bundle into the outbox; the sequence is the PK, so a second bundle at the same one is refused. */
export function insertOutboxBundle(
  db: Db,
  b: Pick<OutboxRow, 'sequence' | 'bundle_id' | 'change_from' | 'change_to' | 'audit_from' | 'audit_to' | 'audit_head_hash' | 'changes' | 'file_name' | 'sha256' | 'bytes' | 'created_at'> & {
    content: Buffer;
    created_by: string | null;
  },
): void {
  db.prepare(
    `INSERT INTO sync_outbox (sequence, bundle_id, change_from, change_to, audit_from, audit_to, audit_head_hash, changes, file_name, sha256, bytes, content, created_at, created_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    b.sequence,
    b.bundle_id,
    b.change_from,
    b.change_to,
    b.audit_from,
    b.audit_to,
    b.audit_head_hash,
    b.changes,
    b.file_name,
    b.sha256,
    b.bytes,
    b.content,
    b.created_at,
    b.created_by,
  );
}

export function markExported(db: Db, sequence: number, at: string, folder: string): void {
  db.prepare('UPDATE sync_outbox SET exported_at = ?, exported_to = ? WHERE sequence = ?').run(at, folder, sequence);
}

/** The tus address of a bundle's upload under way, or null. */
export function outboxUploadUrl(db: Db, sequence: number): string | null {
  return (db.prepare('SELECT upload_url FROM sync_outbox WHERE sequence = ?').pluck().get(sequence) as string | null) ?? null;
}

/** Keeps (or with null forgets) the tus address of a bundle's upload, so a later try resumes it. */
export function setOutboxUploadUrl(db: Db, sequence: number, url: string | null): void {
  db.prepare('UPDATE sync_outbox SET upload_url = ? WHERE sequence = ?').run(url, sequence);
}

/** The bureau has the whole file: uploaded, and its upload address is no longer needed. */
export function markUploaded(db: Db, sequence: number, at: string): void {
  db.prepare('UPDATE sync_outbox SET uploaded_at = ?, upload_url = NULL WHERE sequence = ?').run(at, sequence);
}

/** The hash of the bundle at `sequence`, undefined when this office never made one there. */
export function outboxSha256(db: Db, sequence: number): string | undefined {
  return db.prepare('SELECT sha256 FROM sync_outbox WHERE sequence = ?').pluck().get(sequence) as string | undefined;
}

/**
 * A receipt's acknowledged point: every bundle up to `sequence` not yet acknowledged is, its bytes
 * are dropped (never re-sent), and one the receipt names no status for counts as applied.
 */
export function acknowledgeThrough(db: Db, sequence: number, at: string): void {
  db.prepare('UPDATE sync_outbox SET acknowledged_at = ?, content = NULL, bureau_status = COALESCE(bureau_status, ?) WHERE sequence <= ? AND acknowledged_at IS NULL').run(
    at,
    'applied',
    sequence,
  );
}

/** What the bureau said of each bundle; one with a bundle id only if the outbox's bundle at that sequence is that one. */
export function setBureauStatuses(db: Db, bundles: readonly { sequence: number; bundleId: string | null; status: string; reason?: string }[]): void {
  // A bundle the bureau acknowledged stays applied whatever a later line says of another copy.
  const setStatus = db.prepare(
    "UPDATE sync_outbox SET bureau_status = ?, bureau_reason = ? WHERE sequence = ? AND (? IS NULL OR bundle_id = ?) AND (acknowledged_at IS NULL OR ? = 'applied')",
  );
  for (const b of bundles) setStatus.run(b.status, b.reason ?? null, b.sequence, b.bundleId, b.bundleId, b.status);
}

// --- receipts and what they bring ---

export function insertReceipt(
  db: Db,
  r: { receiptSeq: number; issuedAt: string; importedAt: string; acknowledgedSequence: number; auditHead: { seq: number; hash: string } | null; content: Buffer },
): void {
  db.prepare('INSERT INTO sync_receipts (receipt_seq, issued_at, imported_at, acknowledged_sequence, audit_head_seq, audit_head_hash, content) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    r.receiptSeq,
    r.issuedAt,
    r.importedAt,
    r.acknowledgedSequence,
    r.auditHead?.seq ?? null,
    r.auditHead?.hash ?? null,
    r.content,
  );
}

/** Does this office have a resident with this id (deleted or not)? A duplicate's alert points at it only then. */
/** The office's own resident's name (for an alert about them); undefined when there is no such resident. */
export function residentName(db: Db, id: string): string | undefined {
  return (db.prepare('SELECT name FROM residents WHERE id = ?').pluck().get(id) as string | undefined) ?? undefined;
}

/** The version of a bureau update kind this office last applied. */
export function appliedUpdateVersion(db: Db, kind: string): string | undefined {
  return db.prepare('SELECT version FROM sync_applied_updates WHERE kind = ?').pluck().get(kind) as string | undefined;
}

export function recordAppliedUpdate(db: Db, kind: string, version: string, at: string): void {
  db.prepare('INSERT INTO sync_applied_updates (kind, version, applied_at) VALUES (?, ?, ?) ON CONFLICT (kind) DO UPDATE SET version = excluded.version, applied_at = excluded.applied_at').run(
    kind,
    version,
    at,
  );
}

// --- status ---

/** The audit chain's head (its newest entry), if any. */
export function auditHead(db: Db): { seq: number; hash: string } | undefined {
  return db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
}

/** How many change-log rows come after `seq` (not bundled yet, when `seq` is the last bundle's end). */
export function changesAfter(db: Db, seq: number): number {
  return db.prepare('SELECT COUNT(*) FROM change_log WHERE seq > ?').pluck().get(seq) as number;
}
