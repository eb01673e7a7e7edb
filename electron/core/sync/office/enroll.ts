/**
 * An office takes the bureau's enrollment file: checks it is for this office and opens its sealed
 * secret with the one-time code, makes its own Ed25519 signing key, and keeps the bureau's public
 * keys. Once per office database; the bureau pins the office's key at its first bundle.
 */
import type { Ctx } from '../../context';
import { invalidInput } from '../../errors';
import { readableFile } from '../../files';
import { readChosenFile } from '../files';
import { recordAudit } from '../../audit';
import { keyProof, newSigningKey, parseEnrollmentFile, SyncFileError, unsealEnrollment } from '../format';
import { SECRET, setSyncRole, syncRole, writeSecret } from '../secrets';
import { enrollmentOf, insertEnrollment, setEnrollmentUploadUrl, type EnrollmentRow } from './repository';

/** The enrollment as the contract shows it. */
export function enrollmentView(e: EnrollmentRow) {
  return { officeCode: e.office_code, bureauId: e.bureau_id, bureauName: e.bureau_name, enrolledAt: e.enrolled_at, uploadUrl: e.upload_url };
}

/** Refuses unless this database is an enrolled office; returns its enrollment. */
export function requireEnrollment(ctx: Pick<Ctx, 'db'>, field: (string | number)[] = []): EnrollmentRow {
  const role = syncRole(ctx.db);
  if (role === 'bureau') throw invalidInput(field, 'sync.is_bureau');
  const e = enrollmentOf(ctx.db);
  if (!e) throw invalidInput(field, 'sync.not_enrolled');
  return e;
}

export function enrollOffice(ctx: Ctx, input: { file: string; code: string }) {
  const role = syncRole(ctx.db);
  if (role === 'bureau') throw invalidInput(['file'], 'sync.is_bureau');
  const existing = enrollmentOf(ctx.db);
  if (existing) throw invalidInput(['file'], 'sync.already_enrolled', { bureau: existing.bureau_name, at: existing.enrolled_at.slice(0, 10) });
  const file = readableFile(ctx, input.file, ['file']);
  let enrollment;
  try {
    enrollment = parseEnrollmentFile(readChosenFile(file, ['file'], 1024 * 1024));
  } catch (error) {
    if (error instanceof SyncFileError) throw invalidInput(['file'], 'sync.not_an_enrollment');
    throw error;
  }
  const office = ctx.office();
  if (enrollment.office.code !== office.code) {
    throw invalidInput(['file'], 'sync.other_office', { fileOffice: `${enrollment.office.name}（${enrollment.office.code}）`, office: office.code });
  }
  const secret = unsealEnrollment(enrollment, input.code);
  if (!secret) throw invalidInput(['code'], 'sync.wrong_code');
  const keys = newSigningKey();
  const now = ctx.now.toISOString();
  insertEnrollment(ctx.db, {
    enrollment_id: enrollment.enrollmentId,
    office_code: office.code,
    bureau_id: enrollment.bureau.id,
    bureau_name: enrollment.bureau.name,
    bureau_recipient: enrollment.bureau.recipient,
    bureau_verify_key: enrollment.bureau.verifyKey,
    office_verify_key: keys.publicKey,
    key_proof: keyProof(secret, enrollment.enrollmentId, office.code, keys.publicKey),
    enrolled_at: now,
    enrolled_by: ctx.actor?.userId ?? null,
  });
  writeSecret(ctx.db, SECRET.officeSigningKey, keys.privateKey, now);
  writeSecret(ctx.db, SECRET.enrollSecret, secret, now);
  setSyncRole(ctx.db, 'office', now);
  recordAudit(ctx, 'sync.enroll', { bureau: enrollment.bureau.name, bureauId: enrollment.bureau.id, enrollmentId: enrollment.enrollmentId });
  return enrollmentView(enrollmentOf(ctx.db)!);
}

/** The bureau's upload address: http(s) only, or none. */
export function setUploadUrl(ctx: Ctx, url: string | null) {
  requireEnrollment(ctx, ['uploadUrl']);
  const value = url === null || url === '' ? null : url;
  if (value !== null) {
    let parsed: URL;
    try {
      parsed = new URL(value);
    } catch {
      throw invalidInput(['uploadUrl'], 'sync.bad_url');
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw invalidInput(['uploadUrl'], 'sync.bad_url');
  }
  setEnrollmentUploadUrl(ctx.db, value);
  recordAudit(ctx, 'sync.settings', { uploadUrl: value });
  return enrollmentView(enrollmentOf(ctx.db)!);
}
