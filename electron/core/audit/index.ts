/** What other features may use of audit (they import nothing else from this folder; eslint-plugin-boundaries checks). */
export { SealedFailureStore, maskTypedName } from './sealed-failures';
export type { LockoutRule, SealedLockState } from './sealed-failures';
export { auditRecordChange, finishAuditBatch, flushSealedLoginFailures, holdSealedLoginFailure, recordAudit, startAuditBatch, toAuditValue } from './service';
