/**
 * The office's calendar: ISO dates (`YYYY-MM-DD`) in Beijing time (China keeps UTC+8 all year), and
 * the arithmetic every module does on them — one definition, so "today", "60 or over" and "due in
 * N months" mean the same thing in every module. Pure: "today" is passed in.
 */

const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The Beijing calendar date of an instant (China keeps UTC+8 all year). */
export function beijingDate(instant: Date): string {
  return new Date(instant.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}

export function dateParts(date: string): [number, number, number] {
  const [y, m, d] = date.split('-').map(Number);
  return [y, m, d];
}

export function formatDate(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** date + n days. */
export function addDays(date: string, n: number): string {
  const [y, m, d] = dateParts(date);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** date + n months, clamped to the month's last day (01-31 + 1 month = 02-28/29). */
export function addMonths(date: string, n: number): string {
  const [y, m, d] = dateParts(date);
  const total = y * 12 + (m - 1) + n;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  return formatDate(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

/** date − n years, clamped (02-29 → 02-28). */
export function minusYears(date: string, n: number): string {
  return addMonths(date, -12 * n);
}

/** Whole years between a birth date and a date (birthday on 02-29 counts from 03-01 in common years). */
export function ageOnDate(birthDate: string, on: string): number {
  const [by, bm, bd] = dateParts(birthDate);
  const [y, m, d] = dateParts(on);
  let age = y - by;
  if (m < bm || (m === bm && d < bd)) age -= 1;
  return age;
}

/** Days from a to b (b − a). */
export function daysBetween(a: string, b: string): number {
  const [ay, am, ad] = dateParts(a);
  const [by, bm, bd] = dateParts(b);
  return Math.round((Date.UTC(by, bm - 1, bd) - Date.UTC(ay, am - 1, ad)) / 86_400_000);
}

/** 'YYYY-MM' → its first and last dates. */
export function monthRange(month: string): { first: string; last: string } {
  const [y, m] = month.split('-').map(Number);
  return { first: formatDate(y, m, 1), last: formatDate(y, m, daysInMonth(y, m)) };
}

/**
 * Born on or before this date ⇔ at least `age` years old on `on`: the birth-date bound that lets an
 * index on residents.birth_date answer "age ≥ N".
 */
export function bornBy(on: string, age: number): string {
  const [y, m, d] = dateParts(on);
  // Born on 02-29 of a leap year: in a common year they turn N on 03-01, so 02-28 must not qualify.
  if (m === 2 && d === 28 && daysInMonth(y, 2) === 28) return formatDate(y - age, 2, 28);
  return formatDate(y - age, m, Math.min(d, daysInMonth(y - age, m)));
}
