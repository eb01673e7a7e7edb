/**
 * The sync's keys: the names of its secrets in `office_secrets` (inside the encrypted file, opened by
 * the key slots like the data). Reading and writing them, and the database's sync role, is SQL in
 * ./repository.ts, re-exported here for the files that import them from this one.
 */
export { readSecret, setSyncRole, syncRole, writeSecret, type SyncRole } from './repository';

export const SECRET = {
  /** An office's Ed25519 signing key (PKCS#8 DER). */
  officeSigningKey: 'sync.office_signing_key',
  /** The enrollment secret the office got from the bureau (proves its key at the first bundle). */
  enrollSecret: 'sync.enroll_secret',
  /** A bureau's age identity (`AGE-SECRET-KEY-1…`, UTF-8). */
  bureauIdentity: 'sync.bureau_age_identity',
  /** A bureau's Ed25519 signing key (PKCS#8 DER). */
  bureauSigningKey: 'sync.bureau_signing_key',
} as const;
