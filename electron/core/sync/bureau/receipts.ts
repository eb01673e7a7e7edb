/**
 * 回执 the bureau's signed receipt for one office: the highest sequence applied with no gap before it
 * (and that bundle's hash), what became of each bundle since the last receipt (and the ones still
 * held), the office's audit head as the bureau holds it, and return data — the office's residents
 * that another office has registered too (by normalized ID number) and updates to code tables or
 * standards. Receipts count up per office, so an office refuses one that is older than the last.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Ctx } from '../../context';
import { invalidInput } from '../../errors';
import { chosenFolder } from '../../files';
import { recordAudit } from '../../audit';
import { maskIdNumberStrict } from '../../../../shared/domain/id-number';
import { RECEIPT_EXTENSION, sealReceipt, sha256, type Receipt, type ReceiptDuplicate } from '../format';
import { readSecret, SECRET } from '../secrets';
import { writeVerified } from '../files';
import { requireBureau } from './enroll';
import { publications } from './publish';

interface OfficeRow {
  office_code: string;
  name: string;
  enrollment_id: string;
  applied_sequence: number;
  applied_hash: string | null;
  audit_head_seq: number;
  audit_head_hash: string | null;
  receipt_seq: number;
}

export function receiptFileName(officeCode: string, receiptSeq: number): string {
  return `${officeCode}-receipt-${String(receiptSeq).padStart(6, '0')}${RECEIPT_EXTENSION}`;
}

/** This office's residents whose normalized ID number a live resident of another office has too. */
export function crossOfficeDuplicates(ctx: Pick<Ctx, 'db'>, officeCode: string): ReceiptDuplicate[] {
  const rows = ctx.db
    .prepare(
      `SELECT mine.resident_id AS residentId, mine.id_norm AS idNorm, other.office_code AS code, o.name AS name
         FROM bureau_person_ids mine
         JOIN bureau_person_ids other ON other.id_norm = mine.id_norm AND other.office_code <> mine.office_code
         JOIN bureau_offices o ON o.office_code = other.office_code
        WHERE mine.office_code = ?
        ORDER BY mine.resident_id, other.office_code`,
    )
    .all(officeCode) as { residentId: string; idNorm: string; code: string; name: string }[];
  const byResident = new Map<string, ReceiptDuplicate>();
  for (const r of rows) {
    let d = byResident.get(r.residentId);
    if (!d) byResident.set(r.residentId, (d = { residentId: r.residentId, idMasked: maskIdNumberStrict(r.idNorm), otherOffices: [] }));
    if (!d.otherOffices.some((o) => o.code === r.code)) d.otherOffices.push({ code: r.code, name: r.name });
  }
  return [...byResident.values()];
}

/** Make, sign and write the office's next receipt into `folder`; marks the reported intake outcomes. */
export function writeReceipt(ctx: Ctx, officeCode: string, folder: string) {
  const bureau = requireBureau(ctx, ['officeCode']);
  const office = ctx.db.prepare('SELECT * FROM bureau_offices WHERE office_code = ?').get(officeCode) as OfficeRow | undefined;
  if (!office) throw invalidInput(['officeCode'], 'sync.unknown_office', { code: officeCode });
  const signingKey = readSecret(ctx.db, SECRET.bureauSigningKey);
  if (!signingKey) throw new Error('bureau without its signing key');
  const unreported = ctx.db
    .prepare('SELECT seq, sequence, bundle_id, status, reason FROM bureau_intake_log WHERE office_code = ? AND reported = 0 AND sequence IS NOT NULL ORDER BY seq')
    .all(officeCode) as { seq: number; sequence: number; bundle_id: string | null; status: Receipt['bundles'][number]['status']; reason: string | null }[];
  const held = ctx.db.prepare("SELECT sequence, bundle_id FROM bureau_bundles WHERE office_code = ? AND status = 'held' ORDER BY sequence").all(officeCode) as {
    sequence: number;
    bundle_id: string;
  }[];
  // The latest word on each sequence: a held bundle later applied is reported applied.
  const bundles = new Map<number, Receipt['bundles'][number]>();
  for (const u of unreported) bundles.set(u.sequence, { sequence: u.sequence, bundleId: u.bundle_id, status: u.status, ...(u.reason ? { reason: u.reason } : {}) });
  for (const h of held) bundles.set(h.sequence, { sequence: h.sequence, bundleId: h.bundle_id, status: 'held', reason: 'waiting_for' });
  const receiptSeq = office.receipt_seq + 1;
  const receipt: Receipt = {
    format: 1,
    bureauId: bureau.bureau_id,
    bureauName: bureau.name,
    office: officeCode,
    enrollmentId: office.enrollment_id,
    receiptSeq,
    issuedAt: ctx.now.toISOString(),
    acknowledgedSequence: office.applied_sequence,
    acknowledgedHash: office.applied_hash,
    bundles: [...bundles.values()].sort((a, b) => a.sequence - b.sequence),
    auditHead: office.audit_head_seq > 0 && office.audit_head_hash ? { seq: office.audit_head_seq, hash: office.audit_head_hash } : null,
    returnData: { duplicates: crossOfficeDuplicates(ctx, officeCode), updates: publications(ctx) },
  };
  const content = sealReceipt(receipt, signingKey);
  const name = receiptFileName(officeCode, receiptSeq);
  const file = writeVerified(folder, name, content, sha256(content));
  ctx.db.prepare('UPDATE bureau_offices SET receipt_seq = ? WHERE office_code = ?').run(receiptSeq, officeCode);
  if (unreported.length > 0) ctx.db.prepare('UPDATE bureau_intake_log SET reported = 1 WHERE office_code = ? AND reported = 0 AND seq <= ?').run(officeCode, unreported[unreported.length - 1].seq);
  recordAudit(ctx, 'bureau.receipt', { office: officeCode, receiptSeq, acknowledgedSequence: office.applied_sequence, duplicates: receipt.returnData.duplicates.length });
  return { office: officeCode, file, receiptSeq };
}

export function receiptToFolder(ctx: Ctx, input: { officeCode: string; folder: string }) {
  requireBureau(ctx, ['officeCode']);
  const folder = chosenFolder(ctx, input.folder, ['folder']);
  if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) throw invalidInput(['folder'], 'sync.folder_gone', { folder });
  return writeReceipt(ctx, input.officeCode, path.resolve(folder));
}

/** `bureau import --receipts DIR`: the resolved folder (checked before any bundle is taken in). */
export function receiptFolder(ctx: Ctx, ref: string | undefined): string | undefined {
  if (ref === undefined) return undefined;
  const folder = chosenFolder(ctx, ref, ['receipts']);
  if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) throw invalidInput(['receipts'], 'sync.folder_gone', { folder });
  return folder;
}

/** After an intake: one receipt for each enrolled office a file came from, into `folder`. */
export function receiptsFor(ctx: Ctx, results: readonly { office: string | null }[], folder: string) {
  const enrolled = new Set(ctx.db.prepare('SELECT office_code FROM bureau_offices').pluck().all() as string[]);
  const offices = [...new Set(results.map((r) => r.office).filter((o): o is string => o !== null && enrolled.has(o)))].sort();
  return offices.map((office) => {
    const made = writeReceipt(ctx, office, folder);
    return { office, file: made.file };
  });
}
