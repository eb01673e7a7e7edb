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
import { crossOfficeDuplicateRows, enrolledOfficeCodes, heldBundles, markReported, receiptOfficeRow, setReceiptSeq, unreportedIntake } from './repository';

/** Rejections decided before the signature held: the file's claim to be this office's is unproven. */
const UNPROVEN = new Set(['not_a_bundle', 'truncated', 'tampered', 'too_large', 'unknown_office', 'unknown_signer', 'bad_signature']);

export function receiptFileName(officeCode: string, receiptSeq: number): string {
  return `${officeCode}-receipt-${String(receiptSeq).padStart(6, '0')}${RECEIPT_EXTENSION}`;
}

/** This office's residents whose normalized ID number a live resident of another office has too. */
export function crossOfficeDuplicates(ctx: Pick<Ctx, 'db'>, officeCode: string): ReceiptDuplicate[] {
  const rows = crossOfficeDuplicateRows(ctx.db, officeCode);
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
  const office = receiptOfficeRow(ctx.db, officeCode);
  if (!office) throw invalidInput(['officeCode'], 'sync.unknown_office', { code: officeCode });
  const signingKey = readSecret(ctx.db, SECRET.bureauSigningKey);
  if (!signingKey) throw new Error('bureau without its signing key');
  const unreported = unreportedIntake(ctx.db, officeCode);
  const held = heldBundles(ctx.db, officeCode);
  // The latest word on each sequence (a held bundle later applied is reported applied) — except that a
  // copy sent again ('duplicate') never hides what became of the bundle itself.
  const bundles = new Map<number, Receipt['bundles'][number]>();
  for (const u of unreported) {
    // A refusal made before the office's signature was checked proves nothing about that office
    // (anyone can write its code into a junk file): the bureau sees it, the office's receipt does not.
    if (u.status === 'rejected' && UNPROVEN.has(u.reason ?? '')) continue;
    const before = bundles.get(u.sequence);
    if (u.status === 'duplicate' && before) continue;
    const status = u.status === 'duplicate' && u.sequence <= office.applied_sequence ? 'applied' : u.status;
    bundles.set(u.sequence, { sequence: u.sequence, bundleId: u.bundle_id, status, ...(u.reason && status === u.status ? { reason: u.reason } : {}) });
  }
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
  setReceiptSeq(ctx.db, officeCode, receiptSeq);
  if (unreported.length > 0) markReported(ctx.db, officeCode, unreported[unreported.length - 1].seq);
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
  // A new folder for this batch's receipts is made (its parent must exist: a stick that is out is still refused).
  if (!fs.existsSync(folder) && fs.existsSync(path.dirname(folder))) fs.mkdirSync(folder);
  if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) throw invalidInput(['receipts'], 'sync.receipts_folder_gone', { folder });
  return folder;
}

/** After an intake: one receipt for each enrolled office a file came from, into `folder`. */
export function receiptsFor(ctx: Ctx, results: readonly { office: string | null }[], folder: string) {
  const enrolled = new Set(enrolledOfficeCodes(ctx.db));
  const offices = [...new Set(results.map((r) => r.office).filter((o): o is string => o !== null && enrolled.has(o)))].sort();
  return offices.map((office) => {
    const made = writeReceipt(ctx, office, folder);
    return { office, file: made.file };
  });
}
