/**
 * 养老服务 code tables: facility kinds and the "ten assistance" (十助) services. No authoritative
 * list exists (DOMAIN.md §2), so these are the defaults an office starts with; the office edits
 * them (eldercare.codes.save stores its own labels, additions and retirements over these).
 */

export const CODE_TABLES = ['facility_kind', 'service'] as const;
export type CodeTable = (typeof CODE_TABLES)[number];

export interface CodeEntry {
  code: string;
  zh: string;
  en: string;
}

/** 养老服务设施 kinds. */
export const DEFAULT_FACILITY_KINDS: readonly CodeEntry[] = [
  { code: 'embedded', zh: '社区嵌入式养老机构', en: 'Community-embedded care institution' },
  { code: 'day_care', zh: '日间照料中心', en: 'Day-care centre' },
  { code: 'meal_point', zh: '老年助餐点（老年食堂）', en: 'Meal-aid point / elderly canteen' },
  { code: 'nursing_home', zh: '养老院（敬老院）', en: 'Nursing home' },
  { code: 'medical_care', zh: '医养结合机构', en: 'Medical-care combined institution' },
  { code: 'health_station', zh: '社区卫生服务站', en: 'Community health station' },
  { code: 'service_station', zh: '居家养老服务站', en: 'Home-care service station' },
];

/** 十助: each delivered service to one person is one person-time (人次). */
export const DEFAULT_SERVICES: readonly CodeEntry[] = [
  { code: 'meal', zh: '助餐', en: 'Meal aid' },
  { code: 'bath', zh: '助浴', en: 'Bath aid' },
  { code: 'clean', zh: '助洁', en: 'Cleaning aid' },
  { code: 'medical', zh: '助医', en: 'Medical aid' },
  { code: 'emergency', zh: '助急', en: 'Emergency aid' },
  { code: 'mobility', zh: '助行', en: 'Mobility aid' },
  { code: 'shopping', zh: '助购', en: 'Shopping aid' },
  { code: 'study', zh: '助学', en: 'Study aid' },
  { code: 'visit', zh: '助访', en: 'Care visits' },
  { code: 'comfort', zh: '助乐（精神慰藉）', en: 'Companionship and comfort' },
];

export const DEFAULT_CODES: Readonly<Record<CodeTable, readonly CodeEntry[]>> = {
  facility_kind: DEFAULT_FACILITY_KINDS,
  service: DEFAULT_SERVICES,
};

/** A code an office adds: lower-case letters, digits and underscores, so it is safe in CSVs and keys. */
export const CODE_PATTERN = /^[a-z][a-z0-9_]{1,23}$/;

/** 运营方式. */
export const OPERATORS = ['public', 'public_private', 'private'] as const;
export type Operator = (typeof OPERATORS)[number];

/** 标准化试点: none, or a pilot at some level. */
export const PILOT_STATUSES = ['none', 'county', 'city', 'province', 'national'] as const;
export type PilotStatus = (typeof PILOT_STATUSES)[number];

/** A facility in use, one only planned (what-if, or recorded ahead), or one closed (kept for history). */
export const FACILITY_STATUSES = ['active', 'planned', 'closed'] as const;
export type FacilityStatus = (typeof FACILITY_STATUSES)[number];

/** Days of the week as ISO numbers, Monday = 1 … Sunday = 7. */
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
export type Weekday = (typeof WEEKDAYS)[number];
