/**
 * What the facility screens show for codes and days: code-table labels in the language on screen
 * (the office's own names for kinds and services), weekday sets the Chinese way (周一至周五, 每天),
 * state badges' colours (each badge also carries its text: colour is never the only meaning).
 */
import { useTranslation } from 'react-i18next';
import type { CodeTable } from '../../../../../shared/domain/eldercare/codes';
import type { LicenceState, RectificationState } from '../../../../../shared/domain/eldercare/facilities';
import { PLACE_KINDS, STAFF_ROLES } from '../../../../../shared/domain/eldercare/facilities';
import { useContractQuery } from '../../../app/api/queries';
import { currentLanguage } from '../../../app/i18n/i18n';

/** The office's code table as label lookups (retired codes still named, for old records). */
export function useCodeTable(table: CodeTable) {
  const { i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const codes = useContractQuery('eldercare.codes.list', { table }, { staleTime: 60_000 });
  const rows = codes.data ?? [];
  const label = (code: string) => {
    const row = rows.find((r) => r.code === code);
    return row ? (language === 'en' ? row.en || row.zh : row.zh) : code;
  };
  return { rows, active: rows.filter((r) => r.active), label, isPending: codes.isPending };
}

/** 周一 … 周日 (ISO weekday numbers, Monday = 1). */
export function useWeekdays() {
  const { t } = useTranslation();
  const day = (d: number) => t(`eldercare.facilitiesUi.weekdays.${d as 1 | 2 | 3 | 4 | 5 | 6 | 7}`);
  /** A set of days in words: 每天, 周一至周五, 周末, or a list. */
  const daysText = (days: readonly number[]) => {
    const sorted = [...new Set(days)].sort((a, b) => a - b);
    const key = sorted.join('');
    if (key === '1234567') return t('eldercare.facilitiesUi.daysEvery');
    if (key === '67') return t('eldercare.facilitiesUi.daysWeekend');
    // A run of three or more days reads as a range (周一至周五).
    if (sorted.length >= 3 && sorted.every((d, i) => i === 0 || d === sorted[i - 1] + 1)) {
      return t('eldercare.facilitiesUi.daysRange', { from: day(sorted[0]), to: day(sorted[sorted.length - 1]) });
    }
    return sorted.map(day).join(t('eldercare.facilitiesUi.listSeparator'));
  };
  return { day, daysText };
}

const isPlaceKind = (code: string): code is (typeof PLACE_KINDS)[number] => (PLACE_KINDS as readonly string[]).includes(code);
const isStaffRole = (code: string): code is (typeof STAFF_ROLES)[number] => (STAFF_ROLES as readonly string[]).includes(code);

/** Places by kind and staff by role: the known codes translated, an office's own shown as typed. */
export function useCountLabels() {
  const { t } = useTranslation();
  return {
    place: (code: string) => (isPlaceKind(code) ? t(`eldercare.facilities.placeKinds.${code}`) : code),
    staff: (code: string) => (isStaffRole(code) ? t(`eldercare.facilities.staffRoles.${code}`) : code),
  };
}

export const LICENCE_STATE_COLOURS: Record<LicenceState, string> = { no_expiry: 'gray', valid: 'green', expiring: 'orange', expired: 'red' };
export const RECTIFICATION_STATE_COLOURS: Record<RectificationState, string> = { none: 'gray', open: 'blue', overdue: 'red', done: 'green' };

/** Today in Beijing as the office reads it (the core decides states; this only pre-fills date inputs). */
export function todayBeijing(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** 1,234 the Chinese way (or the English way). */
export function useNumber() {
  const { i18n } = useTranslation();
  const format = new Intl.NumberFormat(currentLanguage(i18n));
  return (n: number) => format.format(n);
}
