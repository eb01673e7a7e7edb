/**
 * What the bureau sees: each enrolled office and where its sync stands (last bundle, the sequence
 * applied with no gap, bundles held and the ones they wait for, open alarms, its records by table),
 * the city's totals under the same labels an office's `db info` uses, the alarms, and residents
 * registered in more than one office.
 */
import type { Ctx } from '../../context';
import type { BureauFigure, SyncTable } from '../../feature';
import { invalidInput } from '../../errors';
import { recordAudit } from '../../audit';
import { roleHas } from '../../../../shared/domain/roles';
import { idMaskFor } from '../../../../shared/domain/id-number';
import { requireBureau } from './enroll';
import { alarmById, alarmRows, allHeldBundles, allOffices, duplicateEntries, duplicateIdCount, duplicateIds, liveRowCounts, mergedTable, openAlarmCounts, openAuditAlarm, reanchorOffice, resolveAlarmRow } from './repository';

export { mergedTable } from './repository';

function labelled(tables: readonly SyncTable[], byEntity: Map<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of tables) for (const label of t.countLabels) out[label] = (out[label] ?? 0) + (byEntity.get(t.table) ?? 0);
  return out;
}

export function bureauOffices(ctx: Ctx, tables: readonly SyncTable[]) {
  const bureau = requireBureau(ctx);
  const offices = allOffices(ctx.db);
  const counts = liveRowCounts(ctx.db);
  const held = allHeldBundles(ctx.db);
  const alarms = openAlarmCounts(ctx.db);
  const totals = new Map<string, number>();
  const perOffice = new Map<string, Map<string, number>>();
  for (const c of counts) {
    totals.set(c.entity, (totals.get(c.entity) ?? 0) + c.n);
    let m = perOffice.get(c.office_code);
    if (!m) perOffice.set(c.office_code, (m = new Map()));
    m.set(c.entity, c.n);
  }
  return {
    bureau: { id: bureau.bureau_id, name: bureau.name },
    offices: offices.map((o) => {
      const heldSeqs = held.filter((h) => h.office_code === o.office_code).map((h) => h.sequence);
      const missing: number[] = [];
      if (heldSeqs.length > 0) for (let s = o.applied_sequence + 1; s < heldSeqs[heldSeqs.length - 1]; s++) if (!heldSeqs.includes(s)) missing.push(s);
      return {
        code: o.office_code,
        name: o.name,
        enrolledAt: o.enrolled_at,
        active: o.verify_key !== null,
        appliedSequence: o.applied_sequence,
        lastBundleAt: o.last_bundle_at,
        held: heldSeqs,
        missing,
        openAlarms: alarms.find((a) => a.office_code === o.office_code)?.n ?? 0,
        auditHeadSeq: o.audit_head_seq,
        counts: labelled(tables, perOffice.get(o.office_code) ?? new Map()),
      };
    }),
    totals: labelled(tables, totals),
  };
}

export function bureauAlarms(ctx: Ctx, input: { open?: boolean }) {
  requireBureau(ctx);
  const rows = alarmRows(ctx.db, input.open);
  return {
    items: rows.map((r) => {
      const detail = JSON.parse(r.detail) as Record<string, unknown>;
      const flat: Record<string, string | number | null> = {};
      for (const [k, v] of Object.entries(detail)) flat[k] = typeof v === 'string' || typeof v === 'number' || v === null ? v : JSON.stringify(v);
      return { id: r.id, at: r.at, office: r.office_code, kind: r.kind, detail: flat, resolvedAt: r.resolved_at };
    }),
  };
}

const AUDIT_ALARMS = new Set(['audit_fork', 'audit_gap', 'audit_rewritten']);

export function resolveAlarm(ctx: Ctx, input: { id: number }) {
  requireBureau(ctx, ['id']);
  const row = alarmById(ctx.db, input.id);
  if (!row) throw invalidInput(['id'], 'not_found');
  if (row.resolved_at) throw invalidInput(['id'], 'sync.alarm_resolved');
  resolveAlarmRow(ctx.db, input.id, ctx.now.toISOString(), ctx.actor?.userId ?? null);
  // An audit alarm looked into and closed: the chain is watched again from where the office now stands
  // (else every later bundle would break on the old head and no alarm would ever be raised again).
  const reanchoredAt = AUDIT_ALARMS.has(row.kind) && row.office_code && !openAuditAlarm(ctx.db, row.office_code) ? reanchorOffice(ctx.db, row.office_code) : null;
  recordAudit(ctx, 'bureau.alarm.resolve', { id: input.id, kind: row.kind, ...(reanchoredAt !== null ? { reanchoredAt } : {}) });
  return { id: input.id };
}

/** Residents whose normalized ID number is live in two or more offices; masked for the caller's role. */
export function bureauDuplicates(ctx: Ctx, input: { limit?: number }) {
  requireBureau(ctx);
  const mask = idMaskFor(ctx.actor !== null && roleHas(ctx.actor.role, 'records.revealId'));
  const total = duplicateIdCount(ctx.db);
  const norms = duplicateIds(ctx.db, input.limit ?? 200);
  return {
    total,
    items: norms.map((n) => ({
      idMasked: mask(n),
      entries: duplicateEntries(ctx.db, n).map((e) => ({ ...e, name: e.name ?? '' })),
    })),
  };
}

export function bureauStats(ctx: Ctx, figures: ReadonlyMap<string, BureauFigure>, period: { from: string; to: string }) {
  requireBureau(ctx);
  if (period.from > period.to) throw invalidInput(['to'], 'sync.period_order');
  return {
    figures: [...figures].map(([key, figure]) => {
      const byOffice = figure(ctx.db, period, mergedTable);
      return { key, byOffice, total: Object.values(byOffice).reduce((a, b) => a + b, 0) };
    }),
  };
}
