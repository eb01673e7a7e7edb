/**
 * 养老服务 — service orders ("ten assistance", 十助): one-off demands recorded → dispatched → done →
 * feedback, or cancelled / missed; recurring orders (series) that generate their occurrences.
 * The state machine and the person-time rule: shared/domain/eldercare/orders.ts.
 */
import { z } from 'zod';
import { method } from '../define';
import { idSchema, optionalText, timestampSchema, versionSchema } from '../common';
import { centsSchema, codeSchema, isoDate, personRefSchema } from './common';
import { BOARD_COLUMNS, DEMAND_CHANNELS, ORDER_CHANNELS, ORDER_EVENTS, ORDER_STATUSES, SERIES_FREQUENCIES } from '../../domain/eldercare/orders';

const reasonSchema = z.string().trim().min(1, { message: 'required' }).max(200, { message: 'too_long' });
const providerSchema = z.string().trim().min(1, { message: 'required' }).max(80, { message: 'too_long' });
const page = { offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(500).default(100) };

export const orderSchema = z.object({
  id: idSchema,
  version: versionSchema,
  person: personRefSchema,
  /** A service code (eldercare.codes.list table 'service'). */
  service: z.string(),
  channel: z.enum(ORDER_CHANNELS),
  status: z.enum(ORDER_STATUSES),
  /** The board column the status shows in. */
  column: z.enum(BOARD_COLUMNS),
  /** Not dispatched within dispatchWithinDays, or not done completeWithinDays after its due date. */
  overdue: z.boolean(),
  /** What may be done to it now (the machine's legal events). */
  actions: z.array(z.enum(ORDER_EVENTS)),
  requestedOn: z.string(),
  requestNote: z.string().nullable(),
  /** The resident's grid when the order was recorded. */
  gridId: z.string().nullable(),
  gridName: z.string().nullable(),
  facilityId: z.string().nullable(),
  facilityName: z.string().nullable(),
  /** A provider that is not a facility of the office (a company, a volunteer team). */
  provider: z.string().nullable(),
  dispatchedOn: z.string().nullable(),
  dueOn: z.string().nullable(),
  doneOn: z.string().nullable(),
  durationMinutes: z.number().int().nullable(),
  costCents: z.number().int().nullable(),
  subsidyCents: z.number().int().nullable(),
  satisfaction: z.number().int().min(1).max(5).nullable(),
  feedback: z.string().nullable(),
  feedbackOn: z.string().nullable(),
  /** Why it was cancelled or missed. */
  cancelReason: z.string().nullable(),
  seriesId: z.string().nullable(),
  occurrenceOn: z.string().nullable(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type ServiceOrder = z.infer<typeof orderSchema>;

/** A recurrence as a form builds it (ISO weekdays, Monday = 1), or an RFC 5545 RRULE ("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO"). */
export const structuredRuleSchema = z.object({
  freq: z.enum(SERIES_FREQUENCIES),
  interval: z.number().int().min(1).max(52).default(1),
  byWeekday: z.array(z.number().int().min(1).max(7)).max(7).optional(),
  byMonthDay: z.array(z.number().int().min(1).max(31)).max(31).optional(),
});
export const seriesRuleSchema = z.union([structuredRuleSchema, z.string().trim().min(1, { message: 'required' }).max(300, { message: 'too_long' })]);

export const SERIES_STATUSES = ['active', 'ended'] as const;

export const seriesSchema = z.object({
  id: idSchema,
  version: versionSchema,
  person: personRefSchema,
  service: z.string(),
  facilityId: z.string().nullable(),
  facilityName: z.string().nullable(),
  provider: z.string().nullable(),
  /** The rule as stored: an RRULE body. */
  rrule: z.string(),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  durationMinutes: z.number().int().nullable(),
  costCents: z.number().int(),
  subsidyCents: z.number().int(),
  /** Occurrences exist as orders up to and including this date. */
  generatedThrough: z.string().nullable(),
  status: z.enum(SERIES_STATUSES),
  /** Its occurrences by what became of them. */
  occurrences: z.object({ total: z.number().int(), delivered: z.number().int(), pending: z.number().int(), cancelled: z.number().int(), missed: z.number().int() }),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type ServiceSeries = z.infer<typeof seriesSchema>;

const dispatchTarget = {
  /** Exactly one of facilityId (a facility that offers the service) and provider. */
  facilityId: idSchema.optional().nullable(),
  provider: providerSchema.optional().nullable(),
};
const oneTarget = (v: { facilityId?: string | null; provider?: string | null }) => (v.facilityId ? 1 : 0) + (v.provider ? 1 : 0) === 1;

export const ordersContract = {
  /** The board: a page of orders (overdue first by default) and the count in every column. */
  'eldercare.orders.list': method({
    kind: 'query',
    access: 'records.read',
    input: z.object({
      status: z.enum(ORDER_STATUSES).optional(),
      column: z.enum(BOARD_COLUMNS).optional(),
      service: codeSchema.optional(),
      facilityId: idSchema.optional(),
      residentId: idSchema.optional(),
      seriesId: idSchema.optional(),
      overdueOnly: z.boolean().default(false),
      overdueFirst: z.boolean().default(true),
      ...page,
    }),
    output: z.object({
      items: z.array(orderSchema),
      total: z.number().int(),
      /** Orders per board column under the same filters (status and column filters aside). */
      columns: z.record(z.enum(BOARD_COLUMNS), z.number().int()),
      overdue: z.number().int(),
    }),
  }),
  'eldercare.orders.get': method({ kind: 'query', access: 'records.read', input: z.object({ id: idSchema }), output: orderSchema }),
  /** Record a demand (phone, visit, at the desk, online). */
  'eldercare.orders.create': method({
    kind: 'mutation',
    access: 'records.write',
    input: z.object({
      residentId: idSchema,
      service: codeSchema,
      channel: z.enum(DEMAND_CHANNELS),
      requestedOn: isoDate,
      note: optionalText(500),
      dueOn: isoDate.optional().nullable(),
    }),
    output: orderSchema,
  }),
  /** Send it to a facility that offers the service, or a named provider; again to re-dispatch. */
  'eldercare.orders.dispatch': method({
    kind: 'mutation',
    access: 'records.write',
    input: z
      .object({ id: idSchema, version: versionSchema, ...dispatchTarget, dueOn: isoDate })
      .refine(oneTarget, { message: 'eldercare.dispatch_target', path: ['facilityId'] }),
    output: orderSchema,
  }),
  'eldercare.orders.complete': method({
    kind: 'mutation',
    access: 'records.write',
    input: z
      .object({
        id: idSchema,
        version: versionSchema,
        doneOn: isoDate,
        durationMinutes: z.number().int().min(0).max(1440),
        costCents: centsSchema,
        subsidyCents: centsSchema,
      })
      .refine((v) => v.subsidyCents <= v.costCents, { message: 'eldercare.subsidy_over_cost', path: ['subsidyCents'] }),
    output: orderSchema,
  }),
  /** The resident's feedback (回访): closes a done order. */
  'eldercare.orders.feedback': method({
    kind: 'mutation',
    access: 'records.write',
    input: z.object({ id: idSchema, version: versionSchema, satisfaction: z.number().int().min(1).max(5), comment: optionalText(500) }),
    output: orderSchema,
  }),
  'eldercare.orders.cancel': method({
    kind: 'mutation',
    access: 'records.write',
    input: z.object({ id: idSchema, version: versionSchema, reason: reasonSchema }),
    output: orderSchema,
  }),
  /** A dispatched service (often a recurring occurrence) that was not delivered: counts no person-time. */
  'eldercare.orders.miss': method({
    kind: 'mutation',
    access: 'records.write',
    input: z.object({ id: idSchema, version: versionSchema, reason: reasonSchema }),
    output: orderSchema,
  }),

  /** A recurring order: its occurrences up to today + seriesHorizonDays become dispatched orders at once. */
  'eldercare.series.create': method({
    kind: 'mutation',
    access: 'records.write',
    input: z
      .object({
        residentId: idSchema,
        service: codeSchema,
        ...dispatchTarget,
        rule: seriesRuleSchema,
        startsOn: isoDate,
        endsOn: isoDate.optional().nullable(),
        durationMinutes: z.number().int().min(0).max(1440).optional().nullable(),
        costCents: centsSchema.default(0),
        subsidyCents: centsSchema.default(0),
      })
      .refine(oneTarget, { message: 'eldercare.dispatch_target', path: ['facilityId'] })
      .refine((v) => v.subsidyCents <= v.costCents, { message: 'eldercare.subsidy_over_cost', path: ['subsidyCents'] })
      .refine((v) => !v.endsOn || v.endsOn >= v.startsOn, { message: 'eldercare.ends_before_start', path: ['endsOn'] }),
    output: z.object({ series: seriesSchema, generated: z.number().int() }),
  }),
  /** Generate every active series' occurrences through a date (default today + seriesHorizonDays); idempotent. */
  'eldercare.series.generate': method({
    kind: 'mutation',
    access: 'records.write',
    input: z.object({ through: isoDate.optional() }),
    output: z.object({ series: z.number().int(), generated: z.number().int(), through: z.string() }),
  }),
  /** End a series: occurrences after endsOn that were not delivered are cancelled ("series ended"). */
  'eldercare.series.end': method({
    kind: 'mutation',
    access: 'records.write',
    input: z.object({ id: idSchema, version: versionSchema, endsOn: isoDate }),
    output: z.object({ series: seriesSchema, cancelled: z.number().int() }),
  }),
  'eldercare.series.get': method({ kind: 'query', access: 'records.read', input: z.object({ id: idSchema }), output: seriesSchema }),
  'eldercare.series.list': method({
    kind: 'query',
    access: 'records.read',
    input: z.object({ residentId: idSchema.optional(), status: z.enum(SERIES_STATUSES).optional(), service: codeSchema.optional(), ...page }),
    output: z.object({ items: z.array(seriesSchema), total: z.number().int() }),
  }),
};
