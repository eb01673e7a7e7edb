/** The bureau side's SQL for the intake: enrolled offices, accepted bundles, the intake log, alarms, merged rows. */
import type { Db } from '../../db/connection';
import { prepareCached } from '../../db/writes';
import type { IntakeStatus } from '../format';

export interface BureauOfficeRow {
  office_code: string;
  name: string;
  enrollment_id: string;
  enroll_secret: Buffer;
  verify_key: string | null;
  applied_sequence: number;
  applied_hash: string | null;
  last_bundle_at: string | null;
  audit_head_seq: number;
  audit_head_hash: string | null;
}

export function officeRow(db: Db, code: string): BureauOfficeRow | undefined {
  return prepareCached(
    db,
    'SELECT office_code, name, enrollment_id, enroll_secret, verify_key, applied_sequence, applied_hash, last_bundle_at, audit_head_seq, audit_head_hash FROM bureau_offices WHERE office_code = ?',
  ).get(code) as BureauOfficeRow | undefined;
}

/** The office's new gap-free point (and its key, pinned at the first bundle applied; never replaced). */
export function advanceOffice(db: Db, code: string, sequence: number, sha: string, at: string, officeKey: string, auditHead: { seq: number; hash: string } | null): void {
  prepareCached(
    db,
    `UPDATE bureau_offices SET applied_sequence = ?, applied_hash = ?, last_bundle_at = ?, verify_key = coalesce(verify_key, ?),
       audit_head_seq = coalesce(?, audit_head_seq), audit_head_hash = coalesce(?, audit_head_hash)
     WHERE office_code = ?`,
  ).run(sequence, sha, at, officeKey, auditHead?.seq ?? null, auditHead?.hash ?? null, code);
}

export interface BureauBundleRow {
  office_code: string;
  sequence: number;
  bundle_id: string;
  sha256: string;
  status: 'applied' | 'held';
}

export function bundleAt(db: Db, office: string, sequence: number): BureauBundleRow | undefined {
  return prepareCached(db, 'SELECT office_code, sequence, bundle_id, sha256, status FROM bureau_bundles WHERE office_code = ? AND sequence = ?').get(office, sequence) as
    | BureauBundleRow
    | undefined;
}

export function bundleById(db: Db, bundleId: string): BureauBundleRow | undefined {
  return prepareCached(db, 'SELECT office_code, sequence, bundle_id, sha256, status FROM bureau_bundles WHERE bundle_id = ?').get(bundleId) as BureauBundleRow | undefined;
}

/** A held bundle's file, kept until the gap before it fills. */
export function heldContent(db: Db, office: string, sequence: number): Buffer | undefined {
  return (prepareCached(db, "SELECT content FROM bureau_bundles WHERE office_code = ? AND sequence = ? AND status = 'held'").pluck().get(office, sequence) as Buffer | null | undefined) ?? undefined;
}

export function insertBundle(
  db: Db,
  b: { office: string; sequence: number; bundleId: string; sha256: string; status: 'applied' | 'held'; changes: number; at: string; content: Buffer | null },
): void {
  prepareCached(
    db,
    'INSERT INTO bureau_bundles (office_code, sequence, bundle_id, sha256, status, changes, received_at, applied_at, content) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(b.office, b.sequence, b.bundleId, b.sha256, b.status, b.changes, b.at, b.status === 'applied' ? b.at : null, b.content);
}

/** A held bundle applied at last: its file is no longer needed. */
export function markApplied(db: Db, office: string, sequence: number, at: string): void {
  prepareCached(db, "UPDATE bureau_bundles SET status = 'applied', applied_at = ?, content = NULL WHERE office_code = ? AND sequence = ? AND status = 'held'").run(at, office, sequence);
}

/** A held bundle that turned out not to follow: dropped, so the office's right one can take its place. */
export function dropHeld(db: Db, office: string, sequence: number): void {
  prepareCached(db, "DELETE FROM bureau_bundles WHERE office_code = ? AND sequence = ? AND status = 'held'").run(office, sequence);
}

export interface IntakeLogEntry {
  at: string;
  fileName: string;
  office: string | null;
  sequence: number | null;
  bundleId: string | null;
  sha256: string;
  status: IntakeStatus;
  reason: string | null;
}

/** Every outcome, rejected ones included; `reported` stays 0 until a receipt tells the office. */
export function logIntake(db: Db, e: IntakeLogEntry): void {
  prepareCached(db, 'INSERT INTO bureau_intake_log (at, file_name, office_code, sequence, bundle_id, sha256, status, reason, reported) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)').run(
    e.at,
    e.fileName,
    e.office,
    e.sequence,
    e.bundleId,
    e.sha256,
    e.status,
    e.reason,
  );
}

/** The file name a held bundle came in under (for the log line of its release). */
export function heldFileName(db: Db, office: string, sequence: number): string | undefined {
  return prepareCached(db, "SELECT file_name FROM bureau_intake_log WHERE office_code = ? AND sequence = ? AND status = 'held' ORDER BY seq DESC LIMIT 1")
    .pluck()
    .get(office, sequence) as string | undefined;
}

export type AlarmDetail = Record<string, string | number | null>;

export function raiseAlarm(db: Db, at: string, office: string | null, kind: string, detail: AlarmDetail): void {
  prepareCached(db, 'INSERT INTO bureau_alarms (at, office_code, kind, detail) VALUES (?, ?, ?, ?)').run(at, office, kind, JSON.stringify(detail));
}

/** Is an audit alarm for this office still waiting for a person? (One is enough while the trail stays broken.) */
export function openAuditAlarm(db: Db, office: string): boolean {
  return (
    prepareCached(db, "SELECT 1 FROM bureau_alarms WHERE office_code = ? AND kind IN ('audit_fork', 'audit_gap', 'audit_rewritten') AND resolved_at IS NULL LIMIT 1").get(office) !==
    undefined
  );
}

/**
 * The bulk path into the merged rows: one statement, prepared once per connection, that inserts a
 * row or replaces it only with a newer version — merge by id and version in SQLite itself, no read
 * before the write. `changes` is 1 when the row went in, 0 when the bureau already had it or newer.
 */
export function rowUpsert(db: Db) {
  return prepareCached(
    db,
    `INSERT INTO bureau_rows (office_code, entity, entity_id, version, deleted, tx, data) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (office_code, entity, entity_id) DO UPDATE SET version = excluded.version, deleted = excluded.deleted, tx = excluded.tx, data = excluded.data
     WHERE excluded.version > bureau_rows.version`,
  );
}

export function personIdUpsert(db: Db) {
  return prepareCached(
    db,
    'INSERT INTO bureau_person_ids (id_norm, office_code, resident_id) VALUES (?, ?, ?) ON CONFLICT (office_code, resident_id) DO UPDATE SET id_norm = excluded.id_norm',
  );
}

export function personIdDelete(db: Db) {
  return prepareCached(db, 'DELETE FROM bureau_person_ids WHERE office_code = ? AND resident_id = ?');
}
