/**
 * Older residents (老年人): who counts, living situations, calendar arithmetic on ISO dates (Beijing
 * calendar), eligibility for the old-age allowance (高龄津贴) and the home-care service subsidy.
 * Pure: every date is a `YYYY-MM-DD` string, and "today" is passed in.
 */
import type { AllowanceBand, EldercareSettings } from './settings';
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

const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The Beijing calendar date of an instant (China keeps UTC+8 all year). */
export function beijingDate(instant: Date): string {
  return new Date(instant.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}

function parts(date: string): [number, number, number] {
  const [y, m, d] = date.split('-').map(Number);
  return [y, m, d];
}

function format(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** date + n days. */
export function addDays(date: string, n: number): string {
  const [y, m, d] = parts(date);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** date + n months, clamped to the month's last day (01-31 + 1 month = 02-28/29). */
export function addMonths(date: string, n: number): string {
  const [y, m, d] = parts(date);
  const total = y * 12 + (m - 1) + n;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  return format(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

/** date − n years, clamped (02-29 → 02-28). */
export function minusYears(date: string, n: number): string {
  return addMonths(date, -12 * n);
}

/** Whole years between a birth date and a date (birthday on 02-29 counts from 03-01 in common years). */
export function ageOnDate(birthDate: string, on: string): number {
  const [by, bm, bd] = parts(birthDate);
  const [y, m, d] = parts(on);
  let age = y - by;
  if (m < bm || (m === bm && d < bd)) age -= 1;
  return age;
}

/** Days from a to b (b − a). */
export function daysBetween(a: string, b: string): number {
  const [ay, am, ad] = parts(a);
  const [by, bm, bd] = parts(b);
  return Math.round((Date.UTC(by, bm - 1, bd) - Date.UTC(ay, am - 1, ad)) / 86_400_000);
}

/** 'YYYY-MM' → its first and last dates. */
export function monthRange(month: string): { first: string; last: string } {
  const [y, m] = month.split('-').map(Number);
  return { first: format(y, m, 1), last: format(y, m, daysInMonth(y, m)) };
}

/**
 * Born on or before this date ⇔ at least `age` years old on `on`: the birth-date bound that lets an
 * index on residents.birth_date answer "age ≥ N".
 */
export function bornBy(on: string, age: number): string {
  const [y, m, d] = parts(on);
  // Born on 02-29 of a leap year: in a common year they turn N on 03-01, so 02-28 must not qualify.
  if (m === 2 && d === 28 && daysInMonth(y, 2) === 28) return format(y - age, 2, 28);
  return format(y - age, m, Math.min(d, daysInMonth(y - age, m)));
}

/** Who turns `age` in the month of `on`: birth dates in [first, last] of the month `age` years back. */
export function turningInMonth(on: string, age: number): { from: string; to: string } {
  const [y, m] = parts(on);
  return { from: format(y - age, m, 1), to: format(y - age, m, daysInMonth(y - age, m)) };
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
