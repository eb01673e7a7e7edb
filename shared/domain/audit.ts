/**
 * 审计日志 audit trail. Which actions an entry can name is each feature's to say (its `auditActions`
 * in electron/core/<feature>/feature.ts, gathered by the core registry; its labels under
 * `audit.actions` in its messages). The stored column is plain text, so an entry written by a newer
 * app lists as it is stored.
 */

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
