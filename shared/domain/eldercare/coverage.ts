/**
 * The 15-minute service circle's rules, written once (the contract's doc comment says them in words;
 * electron/core/eldercare/coverage/engine.ts applies them to many people at once).
 */

/** Older residents are those aged this or more (DOMAIN.md §2). */
export const OLDER_AGE = 60;

/** Metres of slack when comparing a walk with the limit: exactly at the limit is covered, despite float error. */
export const LIMIT_TOLERANCE_M = 1e-6;

const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The calendar date in Beijing (UTC+8, no daylight saving) at an instant: the office's "today". */
export function beijingDate(now: Date): string {
  return new Date(now.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * The latest birth date of someone aged `age` or more on `today` (YYYY-MM-DD): born on or before it.
 * A birthday counts from that day; someone born on 29 February reaches an age on 1 March in a common
 * year (the same as ageOn in id-number.ts).
 */
export function bornOnOrBefore(today: string, age: number): string {
  const [y, m, d] = today.split('-').map(Number);
  const year = String(y - age).padStart(4, '0');
  // 29 Feb `age` years back does not exist in a common year: born on or before 28 Feb.
  if (m === 2 && d === 29 && !isLeap(y - age)) return `${year}-02-28`;
  return `${year}-${today.slice(5)}`;
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** What the circle's figures depend on. */
export interface CircleRules {
  minutes: number;
  walkingMetersPerMinute: number;
  detourFactor: number;
  coverageMinDaysPerWeek: number;
}

/** The walk that is still within the limit, metres. */
export function limitMeters(r: Pick<CircleRules, 'minutes' | 'walkingMetersPerMinute'>): number {
  return r.minutes * r.walkingMetersPerMinute;
}

/** The straight-line reach of a facility (no known walk): limit ÷ detour. The map's circle. */
export function radiusMeters(r: Pick<CircleRules, 'minutes' | 'walkingMetersPerMinute' | 'detourFactor'>): number {
  return limitMeters(r) / r.detourFactor;
}

/** Walking metres: the known walk if the office recorded one, else straight line × detour. */
export function walkMeters(straightMeters: number, detourFactor: number, knownWalk: number | undefined): number {
  return knownWalk ?? straightMeters * detourFactor;
}

/** Is a walk of `meters` within the limit? Exactly at the limit is (with a hair of float slack). */
export function withinLimit(meters: number, limit: number): boolean {
  return meters <= limit + LIMIT_TOLERANCE_M;
}

/** A service offered on some weekdays, as a facility records it. */
export interface OfferedService {
  code: string;
  days: readonly number[];
}

/**
 * The services a facility counts for in the circle: those it offers on at least `minDays` distinct
 * weekdays (1–7). Whether the facility itself counts (active, planned in a what-if, closed, has a
 * position) is the caller's part.
 */
export function regularServices(services: readonly OfferedService[], minDays: number): string[] {
  const out = new Set<string>();
  for (const s of services) {
    const days = new Set(s.days.filter((d) => Number.isInteger(d) && d >= 1 && d <= 7));
    if (days.size >= minDays) out.add(s.code);
  }
  return [...out];
}

/** A facility's services column as stored (JSON `[{code, days}]`): anything malformed is left out. */
export function parseOfferedServices(json: string | null | undefined): OfferedService[] {
  if (!json) return [];
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return [];
  }
  if (!Array.isArray(value)) return [];
  const out: OfferedService[] = [];
  for (const item of value) {
    if (!item || typeof item !== 'object') continue;
    const { code, days } = item as { code?: unknown; days?: unknown };
    if (typeof code !== 'string' || !Array.isArray(days)) continue;
    out.push({ code, days: days.filter((d): d is number => typeof d === 'number') });
  }
  return out;
}

/** covered ÷ of, or null when there is nobody. */
export function shareOf(covered: number, of: number): number | null {
  return of > 0 ? covered / of : null;
}
