/**
 * Service orders (十助): the board, one-off demands through the state machine of
 * shared/domain/eldercare/orders.ts (an illegal transition is refused with its reason), and
 * recurring series generating their occurrences.
 */
import type { PartHandlers } from '../../handlers';
import type { Ctx } from '../../context';
import type { ServiceOrder, ServiceSeries, ordersContract } from '../../../../shared/contract';
import { ContractFailure, invalidInput } from '../../errors';
import { expectVersion } from '../../db/writes';
import { uuidv7 } from '../../ids';
import { BOARD_COLUMNS, STATUSES_OF_COLUMN, illegalTransition, nextStatus, overdueThresholds, type OrderEvent, type OrderStatus } from '../../../../shared/domain/eldercare/orders';
import { normalizeRrule, ruleToRrule } from '../../../../shared/domain/eldercare/recurrence';
import { OLDER_AGE, addDays, ageOnDate } from '../../../../shared/domain/eldercare/care';
import { activeCodes, readSettings } from '../settings/service';
import { callerMask, todayOf } from '../care/people';
import {
  activeSeriesPlans,
  countByStatus,
  findFacilityBrief,
  findOrder,
  findResidentBrief,
  findSeries,
  findSeriesPlan,
  type SeriesPlan,
  insertOrder,
  insertSeries,
  listOrders,
  listSeries,
  updateOrder,
  updateSeries,
  type OrderRow,
  type ResidentBrief,
} from './repository';
import { toOrder, toSeries, type OrderViewContext } from './views';
import { cancelOccurrencesAfter, generateOccurrences } from './series';

export const ORDER_TABLES = ['service_series', 'service_orders'] as const;

export function orderViewContext(ctx: Ctx): OrderViewContext {
  return { mask: callerMask(ctx), today: todayOf(ctx), settings: readSettings(ctx.db) };
}

export function orderView(ctx: Ctx, id: string, v: OrderViewContext = orderViewContext(ctx)): ServiceOrder {
  const row = findOrder(ctx.db, id);
  if (!row) throw new ContractFailure('NOT_FOUND');
  return toOrder(row, v);
}

function seriesView(ctx: Ctx, id: string): ServiceSeries {
  const row = findSeries(ctx.db, id);
  if (!row) throw new ContractFailure('NOT_FOUND');
  return toSeries(row, callerMask(ctx));
}

/** An order may be recorded for a resident who is in the register and alive here. */
/** How far ahead series.generate may be asked to go. */
export const SERIES_GENERATE_MAX_DAYS = 366;

/**
 * End a series on `endsOn`: its occurrences after that day that were not delivered are cancelled
 * ("series ended"), and it generates nothing more. Used by series.end and when its facility closes.
 */
export function endSeries(ctx: Ctx, plan: SeriesPlan, endsOn: string): number {
  const cancelled = cancelOccurrencesAfter(ctx, plan.id, endsOn);
  const generatedThrough = plan.generated_through !== null && plan.generated_through > endsOn ? endsOn : plan.generated_through;
  const status = generatedThrough !== null && generatedThrough >= endsOn ? 'ended' : plan.status;
  updateSeries(ctx.write(), plan.id, plan.version, { ends_on: endsOn, generated_through: generatedThrough, status });
  return cancelled;
}

/** Ten-assistance orders are for active residents of 60 or over on the day the demand is recorded. */
function requireResident(ctx: Ctx, id: string, on: string): ResidentBrief {
  const r = findResidentBrief(ctx.db, id);
  if (!r) throw new ContractFailure('NOT_FOUND');
  if (r.status !== 'active') throw invalidInput(['residentId'], 'eldercare.resident_inactive');
  const age = ageOnDate(r.birth_date, on);
  if (age < OLDER_AGE) throw invalidInput(['residentId'], 'eldercare.order_not_older', { age });
  return r;
}

function requireService(ctx: Ctx, code: string): void {
  if (!activeCodes(ctx.db, 'service').has(code)) throw invalidInput(['service'], 'eldercare.unknown_service', { code });
}

/** A facility may take an order only if it is operating and offers the service. */
function requireFacilityFor(ctx: Ctx, facilityId: string, service: string): void {
  const f = findFacilityBrief(ctx.db, facilityId);
  if (!f) throw invalidInput(['facilityId'], 'eldercare.unknown_facility');
  if (f.status !== 'active') throw invalidInput(['facilityId'], 'eldercare.facility_inactive', { facility: f.name });
  let offered: { code?: unknown }[] = [];
  try {
    const parsed: unknown = JSON.parse(f.services);
    if (Array.isArray(parsed)) offered = parsed as { code?: unknown }[];
  } catch {
    offered = [];
  }
  if (!offered.some((s) => s && (s.code === service || s === (service as unknown)))) {
    throw invalidInput(['facilityId'], 'eldercare.facility_lacks_service', { facility: f.name });
  }
}

/**
 * One step of the machine: the order must exist, be at the version the clerk saw, and allow the
 * event from its status; otherwise the refusal names why (validation.eldercare.<reason>).
 */
function transition(ctx: Ctx, id: string, version: number, event: OrderEvent, patch: Record<string, string | number | null>): ServiceOrder {
  const row = findOrder(ctx.db, id);
  if (!row) throw new ContractFailure('NOT_FOUND');
  expectVersion(row.version, version);
  const reason = illegalTransition(row.status, event);
  if (reason !== null) throw invalidInput(['status'], `eldercare.${reason}`, { status: row.status });
  const status = nextStatus(row.status, event) as OrderStatus;
  updateOrder(ctx.write(), id, version, { ...patch, status });
  return orderView(ctx, id);
}

function notInFuture(ctx: Ctx, date: string, path: string): void {
  if (date > todayOf(ctx)) throw invalidInput([path], 'eldercare.date_in_future');
}

function requireOrder(ctx: Ctx, id: string): OrderRow {
  const row = findOrder(ctx.db, id);
  if (!row) throw new ContractFailure('NOT_FOUND');
  return row;
}

export const ordersHandlers: PartHandlers<typeof ordersContract> = {
  'eldercare.orders.list': (input, ctx) => {
    const v = orderViewContext(ctx);
    const thresholds = overdueThresholds(v.today, v.settings);
    const statuses = input.status ? [input.status] : input.column ? STATUSES_OF_COLUMN[input.column] : undefined;
    const filter = { statuses, service: input.service, facilityId: input.facilityId, residentId: input.residentId, seriesId: input.seriesId, overdueOnly: input.overdueOnly, ...thresholds };
    const { rows, total } = listOrders(ctx.db, filter, input.overdueFirst, input.offset, input.limit);
    const { counts, overdue } = countByStatus(ctx.db, filter);
    const columns = Object.fromEntries(BOARD_COLUMNS.map((c) => [c, STATUSES_OF_COLUMN[c].reduce((s, st) => s + (counts.get(st) ?? 0), 0)])) as Record<(typeof BOARD_COLUMNS)[number], number>;
    return { items: rows.map((r) => toOrder(r, v)), total, columns, overdue };
  },
  'eldercare.orders.get': (input, ctx) => orderView(ctx, input.id),
  'eldercare.orders.create': (input, ctx) => {
    const resident = requireResident(ctx, input.residentId, input.requestedOn);
    requireService(ctx, input.service);
    notInFuture(ctx, input.requestedOn, 'requestedOn');
    if (input.dueOn && input.dueOn < input.requestedOn) throw invalidInput(['dueOn'], 'eldercare.due_before_request');
    const id = uuidv7();
    insertOrder(ctx.write(), id, {
      resident_id: input.residentId,
      service: input.service,
      grid_id: resident.grid_id,
      channel: input.channel,
      status: 'recorded',
      requested_on: input.requestedOn,
      request_note: input.note ?? null,
      due_on: input.dueOn ?? null,
    });
    return orderView(ctx, id);
  },
  'eldercare.orders.dispatch': (input, ctx) => {
    const row = requireOrder(ctx, input.id);
    // The machine's refusal first: dispatching a done order is wrong whatever the facility.
    expectVersion(row.version, input.version);
    const reason = illegalTransition(row.status, 'dispatch');
    if (reason !== null) throw invalidInput(['status'], `eldercare.${reason}`, { status: row.status });
    if (input.facilityId) requireFacilityFor(ctx, input.facilityId, row.service);
    if (input.dueOn < row.requested_on) throw invalidInput(['dueOn'], 'eldercare.due_before_request');
    return transition(ctx, input.id, input.version, 'dispatch', {
      facility_id: input.facilityId ?? null,
      provider: input.facilityId ? null : (input.provider ?? null),
      dispatched_on: todayOf(ctx) < row.requested_on ? row.requested_on : todayOf(ctx),
      due_on: input.dueOn,
    });
  },
  'eldercare.orders.complete': (input, ctx) => {
    const row = requireOrder(ctx, input.id);
    expectVersion(row.version, input.version);
    const reason = illegalTransition(row.status, 'complete');
    if (reason !== null) throw invalidInput(['status'], `eldercare.${reason}`, { status: row.status });
    notInFuture(ctx, input.doneOn, 'doneOn');
    if (input.doneOn < row.requested_on) throw invalidInput(['doneOn'], 'eldercare.done_before_request');
    return transition(ctx, input.id, input.version, 'complete', {
      done_on: input.doneOn,
      duration_minutes: input.durationMinutes,
      cost_cents: input.costCents,
      subsidy_cents: input.subsidyCents,
    });
  },
  'eldercare.orders.feedback': (input, ctx) =>
    transition(ctx, input.id, input.version, 'feedback', { satisfaction: input.satisfaction, feedback: input.comment ?? null, feedback_on: todayOf(ctx) }),
  'eldercare.orders.cancel': (input, ctx) => transition(ctx, input.id, input.version, 'cancel', { cancel_reason: input.reason }),
  'eldercare.orders.miss': (input, ctx) => transition(ctx, input.id, input.version, 'miss', { cancel_reason: input.reason }),

  'eldercare.series.create': (input, ctx) => {
    requireResident(ctx, input.residentId, input.startsOn);
    requireService(ctx, input.service);
    if (input.facilityId) requireFacilityFor(ctx, input.facilityId, input.service);
    const rule = typeof input.rule === 'string' ? normalizeRrule(input.rule) : ruleToRrule(input.rule);
    if (rule === null) throw invalidInput(['rule'], 'eldercare.rrule_invalid');
    const id = uuidv7();
    insertSeries(ctx.write(), id, {
      resident_id: input.residentId,
      service: input.service,
      facility_id: input.facilityId ?? null,
      provider: input.facilityId ? null : (input.provider ?? null),
      rule,
      starts_on: input.startsOn,
      ends_on: input.endsOn ?? null,
      duration_minutes: input.durationMinutes ?? null,
      cost_cents: input.costCents,
      subsidy_cents: input.subsidyCents,
      status: 'active',
    });
    const horizon = addDays(todayOf(ctx), readSettings(ctx.db).seriesHorizonDays);
    const generated = generateOccurrences(ctx, findSeriesPlan(ctx.db, id)!, horizon);
    return { series: seriesView(ctx, id), generated };
  },
  'eldercare.series.generate': (input, ctx) => {
    // At most a year ahead: a far date would write decades of orders in one call (a cold trial's
    // "through 2076" wrote 77,000). Without a date, to the office's horizon.
    const today = todayOf(ctx);
    const latest = addDays(today, SERIES_GENERATE_MAX_DAYS);
    if (input.through !== undefined && input.through > latest) throw invalidInput(['through'], 'eldercare.series_beyond_horizon', { date: latest });
    const through = input.through ?? addDays(today, readSettings(ctx.db).seriesHorizonDays);
    const plans = activeSeriesPlans(ctx.db);
    let generated = 0;
    for (const plan of plans) generated += generateOccurrences(ctx, plan, through);
    return { series: plans.length, generated, through };
  },
  'eldercare.series.end': (input, ctx) => {
    const plan = findSeriesPlan(ctx.db, input.id);
    if (!plan) throw new ContractFailure('NOT_FOUND');
    expectVersion(plan.version, input.version);
    if (input.endsOn < plan.starts_on) throw invalidInput(['endsOn'], 'eldercare.series_end_before_start', { startsOn: plan.starts_on });
    if (plan.ends_on !== null && plan.ends_on <= input.endsOn && plan.status === 'ended') throw invalidInput(['endsOn'], 'eldercare.series_already_ended');
    const cancelled = endSeries(ctx, plan, input.endsOn);
    return { series: seriesView(ctx, plan.id), cancelled };
  },
  'eldercare.series.get': (input, ctx) => seriesView(ctx, input.id),
  'eldercare.series.list': (input, ctx) => {
    const mask = callerMask(ctx);
    const { rows, total } = listSeries(ctx.db, { residentId: input.residentId, status: input.status, service: input.service }, input.offset, input.limit);
    return { items: rows.map((r) => toSeries(r, mask)), total };
  },
};
