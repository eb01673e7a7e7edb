/**
 * 养老服务 — statistics for any period: person-times (人次, the rule in shared/domain/eldercare/orders.ts)
 * by service, facility, grid and month, people served, capacity use, assessments; every figure
 * drills down to its records. `civicdesk eldercare stats` prints the same object.
 */
import { z } from 'zod';
import { method } from '../define';
import { idSchema } from '../common';
import { isoDate, personRefSchema } from './common';
import { orderSchema } from './orders';
import { ASSESSMENT_LEVELS } from '../../domain/eldercare/assessment';

const period = { from: isoDate, to: isoDate };
const periodRefine = (v: { from: string; to: string }) => v.from <= v.to;
const page = { offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(500).default(100) };

const figure = { personTimes: z.number().int(), people: z.number().int() };

export const eldercareStatsSchema = z.object({
  from: z.string(),
  to: z.string(),
  /** Delivered services (done or closed) with a done date in the period. */
  personTimes: z.number().int(),
  /** Distinct residents behind them. */
  peopleServed: z.number().int(),
  byService: z.array(z.object({ code: z.string(), ...figure })),
  /** facilityId null: delivered by a provider that is not a facility (or not recorded). */
  byFacility: z.array(z.object({ facilityId: z.string().nullable(), name: z.string().nullable(), ...figure })),
  /** gridId null: the resident had no grid when the order was recorded. */
  byGrid: z.array(z.object({ gridId: z.string().nullable(), name: z.string().nullable(), ...figure })),
  /** Every month the period touches, in order (months with none show 0). */
  byMonth: z.array(z.object({ month: z.string(), ...figure })),
  /** Active facilities: places (beds + places by kind), distinct people served in the period, served ÷ places. */
  capacity: z.array(z.object({ facilityId: z.string(), name: z.string(), places: z.number().int(), served: z.number().int(), use: z.number().nullable() })),
  assessments: z.object({
    /** Assessments with an assessment date in the period. */
    done: z.number().int(),
    /** Active older residents whose latest assessment falls due within the period. */
    due: z.number().int(),
    /** Of those, due before the end of the period (or today, if earlier) and not yet reassessed. */
    overdue: z.number().int(),
  }),
  /** Share of older residents within the service circle, when the coverage part provides it. */
  coverageShare: z.number().nullable().optional(),
});
export type EldercareStats = z.infer<typeof eldercareStatsSchema>;

export const STATS_DIMENSIONS = ['all', 'service', 'facility', 'grid', 'month', 'people'] as const;
export const ASSESSMENT_FIGURES = ['done', 'due', 'overdue'] as const;

export const statsContract = {
  'eldercare.stats': method({
    kind: 'query',
    access: 'records.read',
    input: z.object(period).refine(periodRefine, { message: 'eldercare.period_order', path: ['to'] }),
    output: eldercareStatsSchema,
  }),
  /**
   * The delivered orders behind a figure: dimension 'all' (the period's person-times), or one key of
   * byService (code), byFacility / byGrid (id; null = none), byMonth ('YYYY-MM'), people (resident id).
   */
  'eldercare.stats.drill': method({
    kind: 'query',
    access: 'records.read',
    input: z
      .object({ ...period, dimension: z.enum(STATS_DIMENSIONS), key: z.string().max(64).nullable().default(null), ...page })
      .refine(periodRefine, { message: 'eldercare.period_order', path: ['to'] }),
    output: z.object({ items: z.array(orderSchema), total: z.number().int() }),
  }),
  /** The assessments (done) or residents (due, overdue) behind the assessment figures. */
  'eldercare.stats.drillAssessments': method({
    kind: 'query',
    access: 'records.read',
    input: z.object({ ...period, figure: z.enum(ASSESSMENT_FIGURES), ...page }).refine(periodRefine, { message: 'eldercare.period_order', path: ['to'] }),
    output: z.object({
      items: z.array(z.object({ person: personRefSchema, assessmentId: idSchema, assessedOn: z.string(), level: z.enum(ASSESSMENT_LEVELS), nextDue: z.string() })),
      total: z.number().int(),
    }),
  }),
};
