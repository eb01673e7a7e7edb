/**
 * 养老服务 settings: every local value of the module (DOMAIN.md §2 — "every local value is a
 * setting"). One record per office (eldercare_settings), read through eldercare.settings.get; the
 * defaults below apply until the office changes them.
 */
import { z } from 'zod';

const cents = z.number().int().min(0).max(100_000_000);

/** 高龄津贴 band: ages fromAge..toAge (inclusive; toAge null = and older) get monthlyCents a month. */
export const allowanceBandSchema = z.object({
  fromAge: z.number().int().min(60).max(130),
  toAge: z.number().int().min(60).max(150).nullable(),
  monthlyCents: cents,
});
export type AllowanceBand = z.infer<typeof allowanceBandSchema>;

export const eldercareSettingsSchema = z.object({
  /** A licence or filing expiring within this many days raises an alert. */
  licenceExpiryAlertDays: z.number().int().min(1).max(365),
  /** The next capability assessment is due this many months after the last. */
  assessmentIntervalMonths: z.number().int().min(1).max(60),
  /** Living alone with no visit or service in this many days puts a resident on the worklist. */
  aloneNoContactDays: z.number().int().min(1).max(365),
  /** 高龄津贴 (old-age allowance) bands, ascending; empty = the city pays none. */
  allowanceBands: z.array(allowanceBandSchema).max(10),
  /** 居家养老服务补贴: where the city has one. */
  homeCareSubsidy: z.object({
    enabled: z.boolean(),
    minAge: z.number().int().min(60).max(130),
    /** The assessment levels that qualify (GB/T 42195 level codes). */
    levels: z.array(z.enum(['intact', 'mild', 'moderate', 'severe', 'complete'])).max(5),
    monthlyCents: cents,
  }),
  /** The 15-minute service circle: minutes of walking that count as covered. */
  circleMinutes: z.number().int().min(1).max(120),
  /** Walking speed, metres per minute (4 km/h ≈ 67). */
  walkingMetersPerMinute: z.number().min(20).max(150),
  /** Straight-line distance × this = walking distance, where no compound override says better. */
  detourFactor: z.number().min(1).max(3),
  /** A facility covers a service only if it offers it on at least this many days a week. */
  coverageMinDaysPerWeek: z.number().int().min(1).max(7),
  /** A recorded order not dispatched within this many days is overdue. */
  dispatchWithinDays: z.number().int().min(0).max(60),
  /** A dispatched order not done this many days after its due date is overdue. */
  completeWithinDays: z.number().int().min(0).max(60),
  /** Recurring orders generate their occurrences this many days ahead. */
  seriesHorizonDays: z.number().int().min(1).max(366),
});
export type EldercareSettings = z.infer<typeof eldercareSettingsSchema>;

export const DEFAULT_ELDERCARE_SETTINGS: EldercareSettings = {
  licenceExpiryAlertDays: 60,
  assessmentIntervalMonths: 12,
  aloneNoContactDays: 30,
  allowanceBands: [
    { fromAge: 80, toAge: 89, monthlyCents: 5_000 },
    { fromAge: 90, toAge: 99, monthlyCents: 10_000 },
    { fromAge: 100, toAge: null, monthlyCents: 30_000 },
  ],
  homeCareSubsidy: { enabled: false, minAge: 60, levels: ['moderate', 'severe', 'complete'], monthlyCents: 0 },
  circleMinutes: 15,
  walkingMetersPerMinute: 67,
  detourFactor: 1.3,
  coverageMinDaysPerWeek: 5,
  dispatchWithinDays: 2,
  completeWithinDays: 3,
  seriesHorizonDays: 31,
};
