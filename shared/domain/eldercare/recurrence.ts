/**
 * Recurring orders (周期服务): RFC 5545 rules through the maintained `rrule` package. Kept apart from
 * orders.ts because the contract imports that file, and the contract is also loaded by Node's own
 * ESM loader (electron.vite.config's method-name plugin), where rrule's CommonJS build has no named
 * exports. Only the core imports this file.
 */
import { RRule, type Options as RRuleOptions } from 'rrule';
import type { SeriesFrequency } from './orders';

// ---------------------------------------------------------------------------------------------
// Recurrence (RFC 5545 via rrule). Dates are Beijing calendar dates handled as UTC midnights, so no
// local time zone ever shifts a day.

/** A rule as a form builds it: every `interval` days/weeks/months, on these ISO weekdays (Mon = 1) or month days. */
export interface StructuredRule {
  freq: SeriesFrequency;
  interval: number;
  byWeekday?: number[];
  byMonthDay?: number[];
}

const FREQ: Record<SeriesFrequency, number> = { daily: RRule.DAILY, weekly: RRule.WEEKLY, monthly: RRule.MONTHLY };
const ALLOWED_KEYS = new Set(['freq', 'interval', 'byweekday', 'bymonthday', 'count', 'until', 'wkst', 'bysetpos', 'bymonth']);

/** A structured rule as an RRULE body ("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO"). */
export function ruleToRrule(rule: StructuredRule): string {
  const options: Partial<RRuleOptions> = { freq: FREQ[rule.freq], interval: rule.interval };
  if (rule.byWeekday?.length) options.byweekday = [...new Set(rule.byWeekday)].sort().map((d) => d - 1);
  if (rule.byMonthDay?.length) options.bymonthday = [...new Set(rule.byMonthDay)].sort((x, y) => x - y);
  return RRule.optionsToString(options).replace(/^RRULE:/, '');
}

/**
 * Check and normalize an RRULE (with or without the "RRULE:" prefix); null when it is not one this
 * app can schedule (unparsable, sub-daily, or naming its own DTSTART — the series' start date is the start).
 */
export function normalizeRrule(text: string): string | null {
  const body = text.trim().replace(/^RRULE:/i, '');
  if (body === '' || /DTSTART|\n/i.test(body)) return null;
  let options: Partial<RRuleOptions>;
  try {
    options = RRule.parseString(body);
  } catch {
    return null;
  }
  if (options.freq === undefined || ![RRule.DAILY, RRule.WEEKLY, RRule.MONTHLY, RRule.YEARLY].includes(options.freq)) return null;
  if (Object.keys(options).some((k) => !ALLOWED_KEYS.has(k))) return null;
  if (options.interval !== undefined && (!Number.isInteger(options.interval) || options.interval < 1 || options.interval > 366)) return null;
  return RRule.optionsToString(options).replace(/^RRULE:/, '');
}

function utcMidnight(date: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

/**
 * The occurrence dates of a series from `from` through `through` (inclusive), never before startsOn
 * nor after endsOn. The rule must be normalized (normalizeRrule).
 */
export function occurrences(rrule: string, startsOn: string, endsOn: string | null, from: string, through: string): string[] {
  const last = endsOn !== null && endsOn < through ? endsOn : through;
  const first = from > startsOn ? from : startsOn;
  if (last < first) return [];
  const options = RRule.parseString(rrule);
  const untilRule = options.until ? options.until.toISOString().slice(0, 10) : null;
  const rule = new RRule({ ...options, dtstart: utcMidnight(startsOn) });
  const dates = rule.between(utcMidnight(first), utcMidnight(last), true).map((d) => d.toISOString().slice(0, 10));
  return untilRule ? dates.filter((d) => d <= untilRule) : dates;
}
