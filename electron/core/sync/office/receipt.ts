/**
 * 导入回执 the office takes the bureau's receipt. Refused, with nothing changed: a file that is no
 * receipt, a signature that is not the enrolled bureau's (forged or altered), a receipt for another
 * office or enrollment, one not newer than the last taken (a replay or a stale copy), and one that
 * acknowledges a bundle this office never made or names another bundle's hash at that sequence.
 * A valid one advances the acknowledged point (those bundles are not re-sent and their bytes are
 * dropped), records what the bureau said of each bundle, and puts its news in the alert inbox.
 */
import type { Ctx } from '../../context';
import { invalidInput } from '../../errors';
import { readableFile } from '../../files';
import { readChosenFile } from '../files';
import { recordAudit } from '../../audit';
import { raiseAlert, resolveAlertsFor } from '../../alerts';
import { translate } from '../../../../shared/i18n';
import { openReceipt, SyncFileError, type Receipt } from '../format';
import type { BureauUpdate } from '../../feature';
import { requireEnrollment } from './enroll';
import { acknowledgeThrough, appliedUpdateVersion, insertReceipt, lastReceipt, outboxSha256, recordAppliedUpdate, residentName, setBureauStatuses } from './repository';

const MAX_RECEIPT_BYTES = 16 * 1024 * 1024;

export function importReceipt(ctx: Ctx, updates: ReadonlyMap<string, BureauUpdate>, input: { file: string }) {
  const enrollment = requireEnrollment(ctx, ['file']);
  const file = readableFile(ctx, input.file, ['file']);
  // A refusal is kept in the audit trail (keepWrites), so forged receipts leave a trace.
  const refuse = (code: Parameters<typeof invalidInput>[1], params: Record<string, string | number> = {}) => {
    recordAudit(ctx, 'sync.receipt.refused', { reason: code, ...params });
    return invalidInput(['file'], code, params, { keepWrites: true });
  };
  const bytes = readChosenFile(file, ['file'], MAX_RECEIPT_BYTES);
  let receipt: Receipt;
  try {
    receipt = openReceipt(bytes, enrollment.bureau_verify_key);
  } catch (error) {
    if (error instanceof SyncFileError) throw refuse(error.problem === 'bad_signature' ? 'sync.receipt_forged' : 'sync.not_a_receipt');
    throw error;
  }
  if (receipt.office !== enrollment.office_code || receipt.enrollmentId !== enrollment.enrollment_id || receipt.bureauId !== enrollment.bureau_id) {
    throw refuse('sync.receipt_foreign', { office: receipt.office });
  }
  const last = lastReceipt(ctx.db);
  if (last && receipt.receiptSeq <= last.receipt_seq) throw refuse('sync.receipt_stale', { seq: receipt.receiptSeq, last: last.receipt_seq });
  if (receipt.acknowledgedSequence > 0) {
    const acked = outboxSha256(ctx.db, receipt.acknowledgedSequence);
    if (acked === undefined) throw refuse('sync.receipt_ahead', { sequence: receipt.acknowledgedSequence });
    if (acked !== receipt.acknowledgedHash) throw refuse('sync.receipt_mismatch', { sequence: receipt.acknowledgedSequence });
  }
  const now = ctx.now.toISOString();
  acknowledgeThrough(ctx.db, receipt.acknowledgedSequence, now);
  setBureauStatuses(ctx.db, receipt.bundles);
  insertReceipt(ctx.db, {
    receiptSeq: receipt.receiptSeq,
    issuedAt: receipt.issuedAt,
    importedAt: now,
    acknowledgedSequence: receipt.acknowledgedSequence,
    auditHead: receipt.auditHead,
    content: bytes,
  });

  // The bureau's news, in the shared inbox, each raised once.
  const w = ctx.write();
  // Alert parameters are stored; the reason is written in the office's language (Chinese), as the clerk reads it.
  const language = 'zh-CN';
  let alertsRaised = 0;
  for (const d of receipt.returnData.duplicates) {
    const name = residentName(ctx.db, d.residentId);
    const exists = name !== undefined;
    const offices = d.otherOffices.map((o) => `${o.name}（${o.code}）`).join('、');
    const key = `${d.residentId}:${d.otherOffices.map((o) => o.code).sort().join(',')}`;
    const raised = raiseAlert(w, {
      source: 'sync.cross_office_duplicate',
      key,
      severity: 'warning',
      ...(exists ? { entity: 'residents', entityId: d.residentId } : {}),
      params: { name: name ?? '—', idMasked: d.idMasked, offices },
      audience: 'records.write',
    });
    if (raised) alertsRaised += 1;
  }
  const heldNow = new Set<string>();
  for (const b of receipt.bundles) {
    if (b.status === 'rejected') {
      const reason = translate(language, `sync.reasons.${b.reason ?? 'bad_payload'}`);
      if (raiseAlert(w, { source: 'sync.bundle_rejected', key: `${b.bundleId ?? b.sequence}:${b.reason ?? ''}`, severity: 'urgent', params: { sequence: b.sequence, reason }, audience: 'records.write' })) alertsRaised += 1;
    }
    if (b.status === 'held') {
      const key = `${b.bundleId ?? b.sequence}`;
      heldNow.add(key);
      if (raiseAlert(w, { source: 'sync.bundle_held', key, severity: 'warning', params: { sequence: b.sequence, missing: receipt.acknowledgedSequence + 1 }, audience: 'records.write' })) alertsRaised += 1;
    }
  }
  // Standards and code tables the bureau published: each version applied once, by the feature that owns it.
  // A kind this version of the app does not know (a newer bureau) is left for an update of the app.
  for (const u of receipt.returnData.updates ?? []) {
    const update = updates.get(u.kind);
    if (!update) continue;
    const applied = appliedUpdateVersion(ctx.db, u.kind);
    if (applied !== undefined && applied >= u.version) continue;
    const parsed = update.schema.safeParse(u.payload);
    if (!parsed.success) continue;
    update.apply(w, parsed.data);
    recordAppliedUpdate(ctx.db, u.kind, u.version, now);
    recordAudit(ctx, 'sync.update.applied', { kind: u.kind, version: u.version });
    const [folder, name] = u.kind.split('.');
    if (raiseAlert(w, { source: 'sync.standards_updated', key: `${u.kind}:${u.version}`, severity: 'info', params: { kind: translate(language, `sync.updateKinds.${folder}.${name}`), version: u.version.slice(0, 10) }, audience: 'office.manage' })) alertsRaised += 1;
  }
  // A held bundle the bureau has since applied: its alert's condition is gone.
  resolveAlertsFor(w, { source: 'sync.bundle_held', keep: heldNow });
  recordAudit(ctx, 'sync.receipt', { receiptSeq: receipt.receiptSeq, acknowledgedSequence: receipt.acknowledgedSequence, alertsRaised, bureau: receipt.bureauName });
  return {
    receiptSeq: receipt.receiptSeq,
    acknowledgedSequence: receipt.acknowledgedSequence,
    bundles: receipt.bundles.map((b) => ({ sequence: b.sequence, status: b.status, ...(b.reason ? { reason: b.reason } : {}) })),
    auditHead: receipt.auditHead,
    alertsRaised,
  };
}
