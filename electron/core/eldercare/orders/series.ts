/**
 * Recurring orders: a series' occurrences become dispatched orders (channel 'series', one per
 * series and date — the unique index service_orders_occurrence makes a second run a no-op).
 */
import type { Ctx } from '../../context';
import { uuidv7 } from '../../ids';
import { occurrences } from '../../../../shared/domain/eldercare/recurrence';
import { addDays } from '../../../../shared/domain/eldercare/care';
import { SERIES_ENDED_REASON } from '../../../../shared/domain/eldercare/orders';
import { findResidentBrief, insertOrder, occurrenceDates, openOccurrencesAfter, updateOrder, updateSeries, type SeriesPlan } from './repository';

/** Create the occurrences of one series through a date; returns how many were new. */
export function generateOccurrences(ctx: Ctx, plan: SeriesPlan, through: string): number {
  const from = plan.generated_through !== null ? addDays(plan.generated_through, 1) : plan.starts_on;
  const dates = occurrences(plan.rule, plan.starts_on, plan.ends_on, from, through);
  let created = 0;
  if (dates.length > 0) {
    const existing = occurrenceDates(ctx.db, plan.id, dates[0], dates[dates.length - 1]);
    const resident = findResidentBrief(ctx.db, plan.resident_id);
    const w = ctx.write();
    for (const date of dates) {
      if (existing.has(date)) continue;
      insertOrder(w, uuidv7(), {
        resident_id: plan.resident_id,
        service: plan.service,
        grid_id: resident?.grid_id ?? null,
        channel: 'series',
        status: 'dispatched',
        requested_on: date,
        facility_id: plan.facility_id,
        provider: plan.provider,
        dispatched_on: date,
        due_on: date,
        duration_minutes: plan.duration_minutes,
        series_id: plan.id,
        occurrence_on: date,
      });
      created += 1;
    }
  }
  // Record how far it got (only forward, and never past its end), and end it once its end is generated.
  const reached = plan.ends_on !== null && plan.ends_on < through ? plan.ends_on : through;
  const patch: Record<string, string> = {};
  if (plan.generated_through === null || reached > plan.generated_through) patch.generated_through = reached;
  if (plan.ends_on !== null && reached >= plan.ends_on && plan.status === 'active') patch.status = 'ended';
  if (Object.keys(patch).length > 0) updateSeries(ctx.write(), plan.id, null, patch);
  return created;
}

/** Cancel a series' open occurrences after a date (its new end): they will not be delivered. */
export function cancelOccurrencesAfter(ctx: Ctx, seriesId: string, after: string): number {
  const open = openOccurrencesAfter(ctx.db, seriesId, after);
  const w = ctx.write();
  for (const o of open) updateOrder(w, o.id, o.version, { status: 'cancelled', cancel_reason: SERIES_ENDED_REASON });
  return open.length;
}
