/**
 * 审计日志 audit trail: the actions an entry can name. Shared so the renderer can translate them
 * and the contract can validate filters; the stored column stays plain text, so an older app reading
 * a newer database shows an unknown action as it is stored instead of failing.
 */
export const AUDIT_ACTIONS = [
  // Where the chain of this database begins (written by the migration that introduced it).
  'audit.start',
  // Every record create/update/delete, one entry per change-log row, written by db/writes.ts.
  'record.insert',
  'record.update',
  'record.delete',
  // Bulk work that names a range of change-log rows and their hash in one entry.
  'records.batch',
  'office.setup',
  'login',
  'login.failed',
  'logout',
  'unlock',
  'lock',
  'unlock.failed',
  'id.reveal',
  'password.change',
  'password.reset',
  'user.create',
  'user.remove',
  'keyslot.set',
  'keyslot.remove',
  'recovery',
  'recoverykey.renew',
  // Called by the import/export, backup and sync features through recordAudit().
  'export',
  'import',
  'import.undo',
  'backup',
  'restore',
  'bundle.export',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/**
 * Why `audit.verify` stopped at an entry:
 * - `missing`: a sequence number is absent (an entry was deleted, or the chain's start is gone);
 * - `broken_link`: the entry does not carry the previous entry's hash (reordered or spliced);
 * - `hash_mismatch`: the entry's content or hash was edited (or recomputed without the office secret);
 * - `truncated`: the newest entries were deleted (numbers were issued beyond the last entry left);
 * - `change_log_mismatch`: the change-log row an entry names differs from it, or is missing;
 * - `change_log_unaudited`: change-log rows exist that no entry covers;
 * - `anchor_mismatch`: the entry an outside anchor (the bureau's copy of the head) names differs.
 */
export const AUDIT_BREAK_REASONS = [
  'missing',
  'broken_link',
  'hash_mismatch',
  'truncated',
  'change_log_mismatch',
  'change_log_unaudited',
  'anchor_mismatch',
] as const;
export type AuditBreakReason = (typeof AUDIT_BREAK_REASONS)[number];
