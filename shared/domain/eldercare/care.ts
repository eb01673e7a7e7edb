/**
 * Older residents (老年人): who counts, living situations, calendar arithmetic on ISO dates (Beijing
 * calendar), eligibility for the old-age allowance (高龄津贴) and the home-care service subsidy.
 * Pure: every date is a `YYYY-MM-DD` string, and "today" is passed in.
 */
import type { AllowanceBand, EldercareSettings } from './settings';
import { dateParts, daysInMonth, formatDate, monthRange } from '../calendar';

export { beijingDate, daysInMonth, addDays, addMonths, minusYears, ageOnDate, daysBetween, monthRange, bornBy } from '../calendar';
import type { AssessmentLevel } from './assessment';

/** An older resident is 60 or over (DOMAIN.md §2). */
export const OLDER_AGE = 60;
/** The age the allowance and the worklist's second milestone start at. */
export const ADVANCED_AGE = 80;

/** 居住状况: 独居, 空巢, 留守, 与家人同住. */
export const LIVING_SITUATIONS = ['alone', 'empty_nest', 'left_behind', 'with_family'] as const;
export type LivingSituation = (typeof LIVING_SITUATIONS)[number];

/** Emergency-contact relations a clerk picks from. */
export const CONTACT_RELATIONS = ['spouse', 'child', 'child_in_law', 'grandchild', 'sibling', 'relative', 'neighbour', 'grid_worker', 'other'] as const;
export type ContactRelation = (typeof CONTACT_RELATIONS)[number];

/** Who turns `age` in the month of `on`: birth dates in [first, last] of the month `age` years back. */
export function turningInMonth(on: string, age: number): { from: string; to: string } {
  const [y, m] = dateParts(on);
  return { from: formatDate(y - age, m, 1), to: formatDate(y - age, m, daysInMonth(y - age, m)) };
}

/** The allowance band an age falls in, or null (bands ascending; toAge null = and older). */
export function allowanceBandFor(age: number, bands: readonly AllowanceBand[]): AllowanceBand | null {
  return bands.find((b) => age >= b.fromAge && (b.toAge === null || age <= b.toAge)) ?? null;
}

/**
 * Eligibility is judged on the month's last day: someone who turns 80 during a month is paid for it.
 * (Offices differ — some pay from the month after; a setting would go here.)
 */
export function eligibilityDate(month: string): string {
  return monthRange(month).last;
}

/** The home-care subsidy: the city has one, the age reaches its minimum, and the latest level qualifies. */
export function homeCareSubsidyFor(age: number, level: AssessmentLevel | null, settings: Pick<EldercareSettings, 'homeCareSubsidy'>): number | null {
  const s = settings.homeCareSubsidy;
  if (!s.enabled || age < s.minAge || level === null || !s.levels.includes(level)) return null;
  return s.monthlyCents;
}

/** Living alone for the worklist: the care profile says so, or (no profile yet) the register's flag. */
export function livesAlone(profileLiving: LivingSituation | null, registerLivingAlone: boolean): boolean {
  return profileLiving !== null ? profileLiving === 'alone' : registerLivingAlone;
}
