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

function labelled(tables: readonly SyncTable[], byEntity: Map<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of tables) for (const label of t.countLabels) out[label] = (out[label] ?? 0) + (byEntity.get(t.table) ?? 0);
  return out;
}

export function bureauOffices(ctx: Ctx, tables: readonly SyncTable[]) {
  const bureau = requireBureau(ctx);
  const offices = ctx.db.prepare('SELECT * FROM bureau_offices ORDER BY office_code').all() as {
    office_code: string;
    name: string;
    enrolled_at: string;
    verify_key: string | null;
    applied_sequence: number;
    last_bundle_at: string | null;
    audit_head_seq: number;
  }[];
  const counts = ctx.db.prepare('SELECT office_code, entity, COUNT(*) AS n FROM bureau_rows WHERE deleted = 0 GROUP BY office_code, entity').all() as {
    office_code: string;
    entity: string;
    n: number;
  }[];
  const held = ctx.db.prepare("SELECT office_code, sequence FROM bureau_bundles WHERE status = 'held' ORDER BY office_code, sequence").all() as { office_code: string; sequence: number }[];
  const alarms = ctx.db.prepare('SELECT office_code, COUNT(*) AS n FROM bureau_alarms WHERE resolved_at IS NULL GROUP BY office_code').all() as { office_code: string | null; n: number }[];
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
  const rows = ctx.db
    .prepare(`SELECT id, at, office_code, kind, detail, resolved_at FROM bureau_alarms ${input.open ? 'WHERE resolved_at IS NULL' : ''} ORDER BY (resolved_at IS NOT NULL), id DESC LIMIT 500`)
    .all() as { id: number; at: string; office_code: string | null; kind: string; detail: string; resolved_at: string | null }[];
  return {
    items: rows.map((r) => {
      const detail = JSON.parse(r.detail) as Record<string, unknown>;
      const flat: Record<string, string | number | null> = {};
      for (const [k, v] of Object.entries(detail)) flat[k] = typeof v === 'string' || typeof v === 'number' || v === null ? v : JSON.stringify(v);
      return { id: r.id, at: r.at, office: r.office_code, kind: r.kind, detail: flat, resolvedAt: r.resolved_at };
    }),
  };
}

export function resolveAlarm(ctx: Ctx, input: { id: number }) {
  requireBureau(ctx, ['id']);
  const row = ctx.db.prepare('SELECT resolved_at FROM bureau_alarms WHERE id = ?').get(input.id) as { resolved_at: string | null } | undefined;
  if (!row) throw invalidInput(['id'], 'not_found');
  if (row.resolved_at) throw invalidInput(['id'], 'sync.alarm_resolved');
  ctx.db.prepare('UPDATE bureau_alarms SET resolved_at = ?, resolved_by = ? WHERE id = ?').run(ctx.now.toISOString(), ctx.actor?.userId ?? null, input.id);
  recordAudit(ctx, 'bureau.alarm.resolve', { id: input.id });
  return { id: input.id };
}

/** Residents whose normalized ID number is live in two or more offices; masked for the caller's role. */
export function bureauDuplicates(ctx: Ctx, input: { limit?: number }) {
  requireBureau(ctx);
  const mask = idMaskFor(ctx.actor !== null && roleHas(ctx.actor.role, 'records.revealId'));
  const total = ctx.db.prepare('SELECT COUNT(*) FROM (SELECT id_norm FROM bureau_person_ids GROUP BY id_norm HAVING COUNT(DISTINCT office_code) > 1)').pluck().get() as number;
  const norms = ctx.db
    .prepare('SELECT id_norm FROM bureau_person_ids GROUP BY id_norm HAVING COUNT(DISTINCT office_code) > 1 ORDER BY id_norm LIMIT ?')
    .pluck()
    .all(input.limit ?? 200) as string[];
  const entries = ctx.db.prepare(
    `SELECT p.office_code AS office, o.name AS officeName, p.resident_id AS residentId, json_extract(r.data, '$.name') AS name
       FROM bureau_person_ids p
       JOIN bureau_offices o ON o.office_code = p.office_code
       LEFT JOIN bureau_rows r ON r.office_code = p.office_code AND r.entity = 'residents' AND r.entity_id = p.resident_id
      WHERE p.id_norm = ? ORDER BY p.office_code`,
  );
  return {
    total,
    items: norms.map((n) => ({
      idMasked: mask(n),
      entries: (entries.all(n) as { office: string; officeName: string; residentId: string; name: string | null }[]).map((e) => ({ ...e, name: e.name ?? '' })),
    })),
  };
}

const NAME = /^[a-z][a-z0-9_]*$/;

/** The bureau's merged rows of one record table as that table's columns (plus office_code, id, deleted_at). */
export function mergedTable(entity: string, columns: readonly string[]): string {
  if (!NAME.test(entity) || !columns.every((c) => NAME.test(c))) throw new Error(`bad name in ${entity}(${columns.join(', ')})`);
  const extra = columns.filter((c) => c !== 'id' && c !== 'deleted_at').map((c) => `json_extract(data, '$.${c}') AS "${c}"`);
  return `SELECT office_code, entity_id AS id, json_extract(data, '$.deleted_at') AS deleted_at${extra.length ? ', ' + extra.join(', ') : ''} FROM bureau_rows WHERE entity = '${entity}'`;
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
