/**
 * 提醒 the alert inbox. Modules raise alerts with `raiseAlert` inside their own write (so an alert and
 * the change that raised it land together); raising an alert whose (source, key) exists — in any
 * status — does nothing, so a daily scan fires each alert exactly once. When the condition is gone
 * (a licence renewed, a rectification followed up) the module resolves it with `resolveAlertsFor`.
 */
import type { SectionHandlers } from '../handlers';
import type { HostHooks } from '../feature';
import { beijingDate } from '../../../shared/domain/calendar';
import type { Ctx } from '../context';
import type { WriteContext } from '../db/writes';
import { ContractFailure, invalidInput } from '../errors';
import { uuidv7 } from '../ids';
import type { Alert, AlertSeverity } from '../../../shared/contract/alerts';
import { ROLE_PERMISSIONS, type Permission } from '../../../shared/domain/roles';
import { countAlerts, findAlert, findAlertByKey, insertAlert, listAlerts, unresolvedAlerts, updateAlert, type AlertRow } from './repository';

export interface AlertSpec {
  /** `<module>.<rule>`; its message is alerts.sources.<source>. */
  source: string;
  /** What makes it this alert and no other (e.g. `<licence id>:<expiry date>`). */
  key: string;
  severity: AlertSeverity;
  entity?: string;
  entityId?: string;
  /** The message's parameters: never a full ID number. */
  params: Record<string, string | number>;
  dueOn?: string | null;
  /** The permission whose holders should act; absent = everyone who may read records. */
  audience?: Permission;
}

/** Raise an alert once: returns its id when it was raised now, null when (source, key) was raised before. */
export function raiseAlert(w: WriteContext, spec: AlertSpec): string | null {
  if (findAlertByKey(w.db, spec.source, spec.key)) return null;
  const id = uuidv7();
  insertAlert(w, id, {
    source: spec.source,
    key: spec.key,
    severity: spec.severity,
    entity: spec.entity ?? null,
    entity_id: spec.entityId ?? null,
    params: JSON.stringify(spec.params),
    due_on: spec.dueOn ?? null,
    raised_at: w.now,
    audience: spec.audience ?? null,
  });
  return id;
}

export interface ResolveFilter {
  source: string;
  entity?: string;
  entityId?: string;
  /** Only keys starting with this (e.g. `<licence id>:`). */
  keyPrefix?: string;
  /** Keys whose condition still holds: left open. */
  keep?: ReadonlySet<string>;
}

/** Resolve the unresolved alerts matching `filter` (the module's condition is gone); returns how many. */
export function resolveAlertsFor(w: WriteContext, filter: ResolveFilter): number {
  let resolved = 0;
  for (const a of unresolvedAlerts(w.db, filter)) {
    if (filter.keep?.has(a.key)) continue;
    updateAlert(w, a.id, a.version, { status: 'resolved', resolved_at: w.now, resolved_by: null, resolution: null });
    resolved += 1;
  }
  return resolved;
}

function audiencesOf(ctx: Ctx): readonly string[] {
  return ctx.actor ? ROLE_PERMISSIONS[ctx.actor.role] : [];
}

function toAlert(r: AlertRow): Alert {
  return {
    id: r.id,
    version: r.version,
    source: r.source,
    key: r.key,
    severity: r.severity,
    entity: r.entity,
    entityId: r.entity_id,
    params: JSON.parse(r.params) as Alert['params'],
    dueOn: r.due_on,
    raisedAt: r.raised_at,
    audience: r.audience,
    status: r.status,
    acknowledgedBy: r.acknowledged_by_name ?? r.acknowledged_by,
    acknowledgedAt: r.acknowledged_at,
    resolvedBy: r.resolved_by_name ?? r.resolved_by,
    resolvedAt: r.resolved_at,
    resolution: r.resolution,
  };
}

/** An alert the caller may see; another audience's is NOT_FOUND, as if it were not there. */
function visibleAlert(ctx: Ctx, id: string): AlertRow {
  const row = findAlert(ctx.db, id);
  if (!row || (row.audience !== null && !audiencesOf(ctx).includes(row.audience))) throw new ContractFailure('NOT_FOUND');
  return row;
}

export const alertsHandlers = (host: HostHooks): SectionHandlers<'alerts'> => ({
  'alerts.list': (input, ctx) => {
    const statuses = input.status === 'active' ? ['open', 'acknowledged'] : [input.status];
    const { rows, total } = listAlerts(ctx.db, { ...input, statuses, audiences: audiencesOf(ctx) });
    return { items: rows.map(toAlert), total };
  },
  'alerts.acknowledge': (input, ctx) => {
    const row = visibleAlert(ctx, input.id);
    if (row.status === 'resolved') throw invalidInput(['id'], 'alerts.already_resolved');
    const w = ctx.write();
    updateAlert(w, row.id, input.version, { status: 'acknowledged', acknowledged_by: w.userId, acknowledged_at: w.now });
    return toAlert(findAlert(ctx.db, row.id)!);
  },
  'alerts.resolve': (input, ctx) => {
    const row = visibleAlert(ctx, input.id);
    if (row.status === 'resolved') throw invalidInput(['id'], 'alerts.already_resolved');
    const w = ctx.write();
    updateAlert(w, row.id, input.version, { status: 'resolved', resolved_by: w.userId, resolved_at: w.now, resolution: input.note ?? null });
    return toAlert(findAlert(ctx.db, row.id)!);
  },
  'alerts.counts': (_input, ctx) => {
    const out = { open: 0, acknowledged: 0, urgent: 0, bySource: {} as Record<string, number> };
    for (const c of countAlerts(ctx.db, audiencesOf(ctx))) {
      if (c.status === 'open') out.open += c.n;
      else out.acknowledged += c.n;
      if (c.severity === 'urgent') out.urgent += c.n;
      out.bySource[c.source] = (out.bySource[c.source] ?? 0) + c.n;
    }
    return out;
  },
  'alerts.refresh': (_input, ctx) => {
    const w = ctx.write();
    const today = beijingDate(ctx.now);
    let raised = 0;
    let resolved = 0;
    for (const { step } of host.dailyScans()) {
      const found = step(w, today);
      raised += found.raised;
      resolved += found.resolved;
    }
    return { raised, resolved };
  },
});

