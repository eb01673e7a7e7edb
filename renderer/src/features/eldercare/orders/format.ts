/**
 * What the order board, the older-residents pages, the care panel and the statistics show alike:
 * money from fen, today's date on the Beijing calendar, the service codes' labels in the language
 * on screen.
 */
import { useTranslation } from 'react-i18next';
import { useContractQuery } from '../../../app/api/queries';
import { currentLanguage } from '../../../app/i18n/i18n';
import { beijingDate } from '../../../../../shared/domain/eldercare/care';

/** ¥1,234.50 from fen. */
export function formatYuan(cents: number): string {
  return `¥${(cents / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/** A yuan amount as typed (NumberInput gives number or '') → fen; null when empty or not a number. */
export function yuanToCents(value: number | string): number | null {
  if (value === '' || value === null) return null;
  const n = Number(value);
  return Number.isFinite(n) ? Math.round(n * 100) : null;
}

export function formatCount(n: number): string {
  return n.toLocaleString('zh-CN');
}

/** Today as the office reads it (China keeps UTC+8). */
export function todayIso(): string {
  return beijingDate(new Date());
}

export interface ServiceLabels {
  /** Active services, in the table's order, for pickers. */
  options: { value: string; label: string }[];
  /** The label of any code, retired ones included; the code itself while loading. */
  label(code: string): string;
}

/** The ten-assistance services from the office's code table, labelled in the language on screen. */
export function useServiceLabels(): ServiceLabels {
  const { i18n } = useTranslation();
  const english = currentLanguage(i18n) === 'en';
  const codes = useContractQuery('eldercare.codes.list', { table: 'service' }, { staleTime: 60_000 });
  const rows = codes.data ?? [];
  const labels = new Map(rows.map((r) => [r.code, english ? r.en : r.zh]));
  return {
    options: rows.filter((r) => r.active).map((r) => ({ value: r.code, label: english ? r.en : r.zh })),
    label: (code) => labels.get(code) ?? code,
  };
}
