/**
 * The 15-minute service circle's rules, written once (the contract's doc comment says them in words;
 * electron/core/eldercare/coverage/engine.ts applies them to many people at once).
 */

/** Metres of slack when comparing a walk with the limit: exactly at the limit is covered, despite float error. */
export const LIMIT_TOLERANCE_M = 1e-6;

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
