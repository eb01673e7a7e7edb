/**
 * 养老服务设施 rules that need no database: licence and rectification states (what raises an alert),
 * the capacity a facility has, the day specs clerks type for services ("周一至周五", "1-5"), and the
 * coordinate-system labels a spreadsheet carries (高德 → GCJ-02 …). Imports no `node:*`.
 */
import type { CoordinateSystem } from './positions';
import type { Weekday } from './codes';
import { daysBetween } from '../calendar';

export { addDays, beijingDate, daysBetween } from '../calendar';

/** 许可 (a licence) or 备案 (a filing). */
export const LICENCE_KINDS = ['licence', 'filing'] as const;
export type LicenceKind = (typeof LICENCE_KINDS)[number];

/** Places by kind a facility may record besides its beds; offices may use other codes too. */
export const PLACE_KINDS = ['day_care', 'meal_seats', 'respite', 'home_beds', 'rehab'] as const;
/** Staff roles a facility may record; offices may use other codes too. */
export const STAFF_ROLES = ['manager', 'nurse', 'caregiver', 'doctor', 'social_worker', 'cook', 'other'] as const;

/** A licence as of today: no expiry date, valid, expiring within the alert window, or expired. */
export const LICENCE_STATES = ['no_expiry', 'valid', 'expiring', 'expired'] as const;
export type LicenceState = (typeof LICENCE_STATES)[number];

/** An inspection's rectification: none asked, open (due not passed), overdue, or followed up. */
export const RECTIFICATION_STATES = ['none', 'open', 'overdue', 'done'] as const;
export type RectificationState = (typeof RECTIFICATION_STATES)[number];

/** What the facility list flags. */
export const FACILITY_WARNINGS = ['licence_expiring', 'licence_expired', 'rectification_overdue'] as const;
export type FacilityWarning = (typeof FACILITY_WARNINGS)[number];

/** The alert sources this part raises (messages under alerts.sources.eldercare.*). */
export const FACILITY_ALERT_SOURCES = {
  licenceExpiring: 'eldercare.licence_expiring',
  licenceExpired: 'eldercare.licence_expired',
  rectificationOverdue: 'eldercare.rectification_overdue',
} as const;





/**
 * A licence's state on `today`: expired once its expiry date has passed (valid through that day),
 * expiring when it ends within `alertDays` days.
 */
export function licenceState(expiresOn: string | null, today: string, alertDays: number): LicenceState {
  if (!expiresOn) return 'no_expiry';
  if (expiresOn < today) return 'expired';
  return daysBetween(today, expiresOn) <= alertDays ? 'expiring' : 'valid';
}

/** A rectification is overdue once its deadline has passed with no follow-up recorded. */
export function rectificationState(due: string | null, followedUpOn: string | null, today: string): RectificationState {
  if (followedUpOn) return 'done';
  if (!due) return 'none';
  return due < today ? 'overdue' : 'open';
}

/** Places a facility has: its beds and every kind of place it records. */
export function capacityOf(beds: number, places: Record<string, number>): number {
  return beds + Object.values(places).reduce((sum, n) => sum + n, 0);
}

const WEEKDAY_WORDS: Record<string, Weekday> = {
  一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7, 七: 7,
  mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6, sun: 7,
};

function dayOf(token: string): Weekday | undefined {
  const t = token.trim().toLowerCase().replace(/^(周|星期|礼拜)/, '');
  if (/^[1-7]$/.test(t)) return Number(t) as Weekday;
  return WEEKDAY_WORDS[t] ?? WEEKDAY_WORDS[t.slice(0, 3)];
}

/**
 * The weekdays a day spec names, sorted, or null when it is not one: 每天/全周/daily → 1–7,
 * 工作日/weekdays → 1–5, 周末 → 6–7, ranges (1-5, 周一至周五, mon-fri) and lists (1,3,5, 周二、周四).
 */
export function parseWeekdays(text: string): Weekday[] | null {
  const spec = text.normalize('NFKC').trim().toLowerCase();
  if (spec === '') return null;
  if (['每天', '每日', '全周', '全天', '天天', 'daily', 'every day', 'all'].includes(spec)) return [1, 2, 3, 4, 5, 6, 7];
  if (['工作日', '周一至周五', 'weekdays'].includes(spec)) return [1, 2, 3, 4, 5];
  if (['周末', '双休日', 'weekend', 'weekends'].includes(spec)) return [6, 7];
  const days = new Set<Weekday>();
  for (const part of spec.split(/[,，、;；/\s]+/).filter(Boolean)) {
    const range = part.split(/[-–—~～至到]/);
    if (range.length === 2) {
      const from = dayOf(range[0]);
      const to = dayOf(range[1]);
      if (!from || !to || from > to) return null;
      for (let d = from; d <= to; d++) days.add(d as Weekday);
    } else if (range.length === 1) {
      const d = dayOf(part);
      if (!d) return null;
      days.add(d);
    } else {
      return null;
    }
  }
  return days.size ? [...days].sort((a, b) => a - b) : null;
}

/** Coordinate-system labels as spreadsheets and clerks write them (the map they copied from). */
const CRS_WORDS: Record<string, CoordinateSystem> = {
  wgs84: 'wgs84', 'wgs-84': 'wgs84', wgs: 'wgs84', gps: 'wgs84', 'gps坐标': 'wgs84', 天地图: 'wgs84', cgcs2000: 'wgs84', 大地坐标: 'wgs84',
  gcj02: 'gcj02', 'gcj-02': 'gcj02', gcj: 'gcj02', 火星坐标: 'gcj02', 国测局: 'gcj02', 高德: 'gcj02', 高德地图: 'gcj02', 腾讯: 'gcj02', 腾讯地图: 'gcj02', amap: 'gcj02', tencent: 'gcj02',
  bd09: 'bd09', 'bd-09': 'bd09', bd: 'bd09', 百度: 'bd09', 百度地图: 'bd09', baidu: 'bd09',
};

/** The coordinate system a label names, or undefined. */
export function readCrs(text: string): CoordinateSystem | undefined {
  const key = text.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, '');
  return CRS_WORDS[key];
}
