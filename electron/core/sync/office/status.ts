/** Where an office's sync stands: its enrollment, what is not bundled yet, each bundle's way to the bureau. */
import type { Ctx } from '../../context';
import { auditHeadCode } from '../../../../shared/domain/sync';
import { syncRole } from '../secrets';
import { enrollmentView } from './enroll';
import { acknowledgedSequence, auditHead, changesAfter, enrollmentOf, lastBundle, lastReceipt, outboxList } from './repository';

export function syncStatus(ctx: Ctx) {
  const db = ctx.db;
  const role = syncRole(db);
  const enrollment = enrollmentOf(db);
  const head = auditHead(db);
  const receipt = lastReceipt(db);
  const bundled = lastBundle(db)?.change_to ?? 0;
  const pendingChanges = role === 'bureau' ? 0 : changesAfter(db, bundled);
  return {
    role,
    enrollment: enrollment ? enrollmentView(enrollment) : null,
    pendingChanges,
    acknowledgedSequence: acknowledgedSequence(db),
    lastReceiptAt: receipt?.imported_at ?? null,
    auditHead: head ? { seq: head.seq, hash: head.hash, code: auditHeadCode(head.seq, head.hash) } : null,
    anchoredHead: receipt && receipt.audit_head_seq !== null && receipt.audit_head_hash ? { seq: receipt.audit_head_seq, hash: receipt.audit_head_hash } : null,
    bundles: outboxList(db).map((b) => ({
      sequence: b.sequence,
      bundleId: b.bundle_id,
      fileName: b.file_name,
      changes: b.changes,
      bytes: b.bytes,
      sha256: b.sha256,
      createdAt: b.created_at,
      exportedAt: b.exported_at,
      exportedTo: b.exported_to,
      uploadedAt: b.uploaded_at,
      acknowledgedAt: b.acknowledged_at,
      bureauStatus: b.bureau_status,
      bureauReason: b.bureau_reason,
    })),
  };
}
