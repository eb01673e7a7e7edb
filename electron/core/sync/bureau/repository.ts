/**
 * The bureau side's SQL: its identity and enrolled offices, the intake (accepted bundles, the intake
 * log, alarms, merged rows), receipts, publications, and what its views read.
 */
import type { Db } from '../../db/connection';
import { prepareCached } from '../../db/writes';
import type { IntakeStatus } from '../format';

export interface BureauIdentityRow {
  bureau_id: string;
  name: string;
  recipient: string;
  verify_key: string;
  created_at: string;
}

/** The bureau's own identity row; none unless this database is a bureau. */
export function bureauIdentity(db: Db): BureauIdentityRow | undefined {
  return prepareCached(db, 'SELECT * FROM bureau_identity').get() as BureauIdentityRow | undefined;
}

export function insertBureauIdentity(db: Db, b: Omit<BureauIdentityRow, 'created_at'>, now: string): void {
  prepareCached(db, 'INSERT INTO bureau_identity (singleton, bureau_id, name, recipient, verify_key, created_at) VALUES (1, ?, ?, ?, ?, ?)').run(
    b.bureau_id,
    b.name,
    b.recipient,
    b.verify_key,
    now,
  );
}

/**
 * How many changes this database holds to records, beyond what `office.setup` writes (the office,
 * settings, users): a bureau is made only from a database with none.
 */
export function recordChangeCount(db: Db): number {
  return prepareCached(db, "SELECT COUNT(*) FROM change_log WHERE entity NOT IN ('office', 'settings', 'users')").pluck().get() as number;
}

// --- enrolled offices ---

/** When this office was enrolled, if it is. */
export function enrolledAt(db: Db, code: string): string | undefined {
  return prepareCached(db, 'SELECT enrolled_at FROM bureau_offices WHERE office_code = ?').pluck().get(code) as string | undefined;
}

export function insertOffice(
  db: Db,
  o: { code: string; name: string; enrollmentId: string; enrollSecret: Buffer; at: string; by: string | null },
): void {
  prepareCached(db, 'INSERT INTO bureau_offices (office_code, name, enrollment_id, enroll_secret, enrolled_at, enrolled_by) VALUES (?, ?, ?, ?, ?, ?)').run(
    o.code,
    o.name,
    o.enrollmentId,
    o.enrollSecret,
    o.at,
    o.by,
  );
}

export function enrolledOfficeCodes(db: Db): string[] {
  return prepareCached(db, 'SELECT office_code FROM bureau_offices').pluck().all() as string[];
}

export interface UploadOfficeKeys {
  enrollment_id: string;
  enroll_secret: Buffer;
  verify_key: string | null;
  applied_sequence: number;
}

/** What the bureau holds to recognise an office's signature: its enrollment and pinned key, if any. */
export function bureauOfficeKeys(db: Db, officeCode: string): UploadOfficeKeys | undefined {
  return prepareCached(db, 'SELECT enrollment_id, enroll_secret, verify_key, applied_sequence FROM bureau_offices WHERE office_code = ?').get(officeCode) as UploadOfficeKeys | undefined;
}

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
export function advanceOffice(
  db: Db,
  code: string,
  sequence: number,
  sha: string,
  at: string,
  officeKey: string,
  auditHead: { seq: number; hash: string } | null,
  claimedHead: { seq: number; hash: string } | null,
): void {
  prepareCached(
    db,
    `UPDATE bureau_offices SET applied_sequence = ?, applied_hash = ?, last_bundle_at = ?, verify_key = coalesce(verify_key, ?),
       audit_head_seq = coalesce(?, audit_head_seq), audit_head_hash = coalesce(?, audit_head_hash),
       claimed_head_seq = coalesce(?, claimed_head_seq), claimed_head_hash = coalesce(?, claimed_head_hash)
     WHERE office_code = ?`,
  ).run(sequence, sha, at, officeKey, auditHead?.seq ?? null, auditHead?.hash ?? null, claimedHead?.seq ?? null, claimedHead?.hash ?? null, code);
}

/** After an audit alarm is resolved: the held head moves to what the office's latest applied bundle stated; the new head, if any. */
export function reanchorOffice(db: Db, code: string): number | null {
  prepareCached(db, 'UPDATE bureau_offices SET audit_head_seq = claimed_head_seq, audit_head_hash = claimed_head_hash WHERE office_code = ? AND claimed_head_seq IS NOT NULL').run(code);
  return (prepareCached(db, 'SELECT claimed_head_seq FROM bureau_offices WHERE office_code = ?').pluck().get(code) as number | null | undefined) ?? null;
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

// --- receipts ---

/** An enrolled office as a receipt needs it: its gap-free point, audit head and last receipt number. */
export interface ReceiptOfficeRow {
  office_code: string;
  name: string;
  enrollment_id: string;
  applied_sequence: number;
  applied_hash: string | null;
  audit_head_seq: number;
  audit_head_hash: string | null;
  receipt_seq: number;
}

export function receiptOfficeRow(db: Db, code: string): ReceiptOfficeRow | undefined {
  return prepareCached(db, 'SELECT * FROM bureau_offices WHERE office_code = ?').get(code) as ReceiptOfficeRow | undefined;
}

export interface UnreportedIntake {
  seq: number;
  sequence: number;
  bundle_id: string | null;
  status: IntakeStatus;
  reason: string | null;
}

/** The office's intake outcomes no receipt has reported yet (those with a sequence), in log order. */
export function unreportedIntake(db: Db, office: string): UnreportedIntake[] {
  return prepareCached(db, 'SELECT seq, sequence, bundle_id, status, reason FROM bureau_intake_log WHERE office_code = ? AND reported = 0 AND sequence IS NOT NULL ORDER BY seq').all(
    office,
  ) as UnreportedIntake[];
}

/** The office's bundles still held, by sequence. */
export function heldBundles(db: Db, office: string): { sequence: number; bundle_id: string }[] {
  return prepareCached(db, "SELECT sequence, bundle_id FROM bureau_bundles WHERE office_code = ? AND status = 'held' ORDER BY sequence").all(office) as {
    sequence: number;
    bundle_id: string;
  }[];
}

export function setReceiptSeq(db: Db, office: string, receiptSeq: number): void {
  prepareCached(db, 'UPDATE bureau_offices SET receipt_seq = ? WHERE office_code = ?').run(receiptSeq, office);
}

/** A receipt told the office: its unreported outcomes up to intake-log `throughSeq` are reported. */
export function markReported(db: Db, office: string, throughSeq: number): void {
  prepareCached(db, 'UPDATE bureau_intake_log SET reported = 1 WHERE office_code = ? AND reported = 0 AND seq <= ?').run(office, throughSeq);
}

/** This office's residents whose normalized ID number a resident of another office has too, one row per other office. */
export function crossOfficeDuplicateRows(db: Db, office: string): { residentId: string; idNorm: string; code: string; name: string }[] {
  return prepareCached(
    db,
    `SELECT mine.resident_id AS residentId, mine.id_norm AS idNorm, other.office_code AS code, o.name AS name
       FROM bureau_person_ids mine
       JOIN bureau_person_ids other ON other.id_norm = mine.id_norm AND other.office_code <> mine.office_code
       JOIN bureau_offices o ON o.office_code = other.office_code
      WHERE mine.office_code = ?
      ORDER BY mine.resident_id, other.office_code`,
  ).all(office) as { residentId: string; idNorm: string; code: string; name: string }[];
}

// --- publications ---

/** The kind's publication, replacing the one before (one row per kind: the newest). */
export function upsertPublication(db: Db, p: { kind: string; version: string; payload: string; at: string; by: string | null }): void {
  prepareCached(
    db,
    `INSERT INTO bureau_publications (kind, version, payload, published_at, published_by) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (kind) DO UPDATE SET version = excluded.version, payload = excluded.payload, published_at = excluded.published_at, published_by = excluded.published_by`,
  ).run(p.kind, p.version, p.payload, p.at, p.by);
}

/** The newest publication of each kind, payloads as stored (JSON text). */
export function publicationRows(db: Db): { kind: string; version: string; payload: string }[] {
  return prepareCached(db, 'SELECT kind, version, payload FROM bureau_publications ORDER BY kind').all() as { kind: string; version: string; payload: string }[];
}

// --- the views ---

export interface OfficeOverviewRow {
  office_code: string;
  name: string;
  enrolled_at: string;
  verify_key: string | null;
  applied_sequence: number;
  last_bundle_at: string | null;
  audit_head_seq: number;
}

export function allOffices(db: Db): OfficeOverviewRow[] {
  return prepareCached(db, 'SELECT * FROM bureau_offices ORDER BY office_code').all() as OfficeOverviewRow[];
}

/** Live (not deleted) merged rows by office and entity. */
export function liveRowCounts(db: Db): { office_code: string; entity: string; n: number }[] {
  return prepareCached(db, 'SELECT office_code, entity, COUNT(*) AS n FROM bureau_rows WHERE deleted = 0 GROUP BY office_code, entity').all() as {
    office_code: string;
    entity: string;
    n: number;
  }[];
}

/** Every office's held bundles, by office and sequence. */
export function allHeldBundles(db: Db): { office_code: string; sequence: number }[] {
  return prepareCached(db, "SELECT office_code, sequence FROM bureau_bundles WHERE status = 'held' ORDER BY office_code, sequence").all() as { office_code: string; sequence: number }[];
}

/** Unresolved alarms by office (office_code null: alarms about no enrolled office). */
export function openAlarmCounts(db: Db): { office_code: string | null; n: number }[] {
  return prepareCached(db, 'SELECT office_code, COUNT(*) AS n FROM bureau_alarms WHERE resolved_at IS NULL GROUP BY office_code').all() as { office_code: string | null; n: number }[];
}

export interface AlarmRow {
  id: number;
  at: string;
  office_code: string | null;
  kind: string;
  detail: string;
  resolved_at: string | null;
}

/** The latest 500 alarms (or only the open ones), open ones first, newest first. */
export function alarmRows(db: Db, openOnly: boolean | undefined): AlarmRow[] {
  return prepareCached(db, `SELECT id, at, office_code, kind, detail, resolved_at FROM bureau_alarms ${openOnly ? 'WHERE resolved_at IS NULL' : ''} ORDER BY (resolved_at IS NOT NULL), id DESC LIMIT 500`).all() as AlarmRow[];
}

export function alarmById(db: Db, id: number): { resolved_at: string | null; kind: string; office_code: string | null } | undefined {
  return prepareCached(db, 'SELECT resolved_at, kind, office_code FROM bureau_alarms WHERE id = ?').get(id) as { resolved_at: string | null; kind: string; office_code: string | null } | undefined;
}

export function resolveAlarmRow(db: Db, id: number, at: string, by: string | null): void {
  prepareCached(db, 'UPDATE bureau_alarms SET resolved_at = ?, resolved_by = ? WHERE id = ?').run(at, by, id);
}

/** How many normalized ID numbers are live in two or more offices. */
export function duplicateIdCount(db: Db): number {
  return prepareCached(db, 'SELECT COUNT(*) FROM (SELECT id_norm FROM bureau_person_ids GROUP BY id_norm HAVING COUNT(DISTINCT office_code) > 1)').pluck().get() as number;
}

/** The first `limit` of those ID numbers, in order. */
export function duplicateIds(db: Db, limit: number): string[] {
  return prepareCached(db, 'SELECT id_norm FROM bureau_person_ids GROUP BY id_norm HAVING COUNT(DISTINCT office_code) > 1 ORDER BY id_norm LIMIT ?').pluck().all(limit) as string[];
}

/** Who holds one ID number: each office's resident, with the name from its merged row (null if none). */
export function duplicateEntries(db: Db, idNorm: string): { office: string; officeName: string; residentId: string; name: string | null }[] {
  return prepareCached(
    db,
    `SELECT p.office_code AS office, o.name AS officeName, p.resident_id AS residentId, json_extract(r.data, '$.name') AS name
       FROM bureau_person_ids p
       JOIN bureau_offices o ON o.office_code = p.office_code
       LEFT JOIN bureau_rows r ON r.office_code = p.office_code AND r.entity = 'residents' AND r.entity_id = p.resident_id
      WHERE p.id_norm = ? ORDER BY p.office_code`,
  ).all(idNorm) as { office: string; officeName: string; residentId: string; name: string | null }[];
}

const NAME = /^[a-z][a-z0-9_]*$/;

/** The bureau's merged rows of one record table as that table's columns (plus office_code, id, deleted_at): a subquery's text. */
export function mergedTable(entity: string, columns: readonly string[]): string {
  if (!NAME.test(entity) || !columns.every((c) => NAME.test(c))) throw new Error(`bad name in ${entity}(${columns.join(', ')})`);
  const extra = columns.filter((c) => c !== 'id' && c !== 'deleted_at').map((c) => `json_extract(data, '$.${c}') AS "${c}"`);
  return `SELECT office_code, entity_id AS id, json_extract(data, '$.deleted_at') AS deleted_at${extra.length ? ', ' + extra.join(', ') : ''} FROM bureau_rows WHERE entity = '${entity}'`;
}
