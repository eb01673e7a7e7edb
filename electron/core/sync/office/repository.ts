/** The office side's SQL: its enrollment, its outbox of bundles, the receipts it took. */
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
export function unacknowledged(db: Db): OutboxRow[] {
  return db.prepare('SELECT * FROM sync_outbox WHERE acknowledged_at IS NULL ORDER BY sequence').all() as OutboxRow[];
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
