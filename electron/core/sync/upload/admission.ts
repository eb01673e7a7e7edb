/**
 * The bureau's door for uploads: before the server takes a byte of a bundle, the creation request's
 * clear head (the bundle's first three lines, sent as tus metadata) must be signed by an enrolled
 * office with its pinned key — or, before the first bundle pinned one, a key the enrollment's secret
 * proves — and the announced length must be exactly that bundle's. The intake checks all of this
 * again on the whole file; this only keeps strangers from filling the bureau's disk.
 */
import type { Db } from '../../db/connection';
import { bureauOfficeKeys } from '../bureau/repository';
import { bundleSignatureHolds, keyProofHolds, MAX_BUNDLE_BYTES, readBundleHead, SyncFileError, type BundleHeader } from '../format';

/** Why a creation request is refused (the 403/413 body; codes under sync.reasons). */
export type UploadRefusal = 'not_a_bundle' | 'tampered' | 'unknown_office' | 'unknown_signer' | 'bad_signature' | 'length_mismatch' | 'too_large' | 'already_applied';

export type Admission = { ok: true; header: BundleHeader } | { ok: false; reason: UploadRefusal };

export { bureauOfficeKeys } from '../bureau/repository';

/** May an upload of `uploadLength` bytes whose file starts with `head` begin? */
export function admitUpload(db: Db, head: Buffer, uploadLength: number, maxBytes = MAX_BUNDLE_BYTES): Admission {
  let header: BundleHeader;
  let signature: string;
  let headBytes: number;
  try {
    ({ header, signature, headBytes } = readBundleHead(head));
  } catch (error) {
    if (error instanceof SyncFileError) return { ok: false, reason: error.problem === 'tampered' ? 'tampered' : 'not_a_bundle' };
    throw error;
  }
  if (headBytes + header.payloadBytes > maxBytes) return { ok: false, reason: 'too_large' };
  if (uploadLength !== headBytes + header.payloadBytes) return { ok: false, reason: 'length_mismatch' };
  const office = bureauOfficeKeys(db, header.office);
  if (!office || office.enrollment_id !== header.enrollmentId) return { ok: false, reason: 'unknown_office' };
  const keyIsTheOffices =
    office.verify_key !== null
      ? office.verify_key === header.officeKey
      : keyProofHolds(office.enroll_secret, header.enrollmentId, header.office, header.officeKey, header.keyProof);
  if (!keyIsTheOffices) return { ok: false, reason: 'unknown_signer' };
  if (!bundleSignatureHolds({ header, signature }, header.officeKey)) return { ok: false, reason: 'bad_signature' };
  // The head of a bundle already taken in (any old copy on a stick) admits nothing: it would only fill
  // the bureau's disk. The office asks /status first, so it never sends one of these itself.
  if (header.sequence <= office.applied_sequence) return { ok: false, reason: 'already_applied' };
  return { ok: true, header };
}
