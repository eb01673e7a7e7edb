/** The statistics period: a month, a quarter (2025年第一季度), a year, or any from–to. */
import { Group, NativeSelect, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { monthRange } from '../../../../../shared/domain/eldercare/care';

export type PeriodKind = 'month' | 'quarter' | 'year' | 'custom';
export interface PeriodState {
  kind: PeriodKind;
  month: string; // YYYY-MM
  quarter: string; // YYYY-Qn
  year: string; // YYYY
  from: string;
  to: string;
}

export function initialPeriod(today: string): PeriodState {
  const year = today.slice(0, 4);
  const q = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1;
  return { kind: 'month', month: today.slice(0, 7), quarter: `${year}-Q${q}`, year, from: `${year}-01-01`, to: today };
}

/** The from–to a period state stands for; null while a custom date is incomplete. */
export function periodRange(p: PeriodState): { from: string; to: string } | null {
  const date = /^\d{4}-\d{2}-\d{2}$/;
  switch (p.kind) {
    case 'month':
      return /^\d{4}-\d{2}$/.test(p.month) ? { from: monthRange(p.month).first, to: monthRange(p.month).last } : null;
    case 'quarter': {
      const [y, q] = p.quarter.split('-Q').map(Number);
      const first = `${y}-${String((q - 1) * 3 + 1).padStart(2, '0')}`;
      const last = `${y}-${String(q * 3).padStart(2, '0')}`;
      return { from: monthRange(first).first, to: monthRange(last).last };
    }
    case 'year':
      return { from: `${p.year}-01-01`, to: `${p.year}-12-31` };
    case 'custom':
      return date.test(p.from) && date.test(p.to) ? { from: p.from, to: p.to } : null;
  }
}

export function quarterLabel(t: TFunction, quarter: string): string {
  const [year, q] = quarter.split('-Q');
  return t(`eldercare.careUi.stats.quarterName.q${q as '1' | '2' | '3' | '4'}`, { year });
}

/** The period's name as a heading says it. */
export function periodLabel(t: TFunction, p: PeriodState, range: { from: string; to: string }): string {
  if (p.kind === 'quarter') return quarterLabel(t, p.quarter);
  if (p.kind === 'year') return t('eldercare.careUi.stats.yearName', { year: p.year });
  return t('eldercare.careUi.stats.range', { from: range.from, to: range.to });
}

export function PeriodPicker({ value, onChange, today, error }: { value: PeriodState; onChange(p: PeriodState): void; today: string; error?: ReactNode }) {
  const { t } = useTranslation();
  const thisYear = Number(today.slice(0, 4));
  const years = Array.from({ length: 5 }, (_, i) => String(thisYear - i));
  const quarters = years.flatMap((y) => [4, 3, 2, 1].map((q) => `${y}-Q${q}`)).filter((q) => q <= initialPeriod(today).quarter);
  const set = (patch: Partial<PeriodState>) => onChange({ ...value, ...patch });
  return (
    <Stack gap={4} data-testid="stats-period">
      <Text size="sm" fw={500} id="stats-period-label">
        {t('eldercare.careUi.stats.period')}
      </Text>
      <Group align="flex-end" gap="sm">
        <SegmentedControl
          aria-labelledby="stats-period-label"
          value={value.kind}
          onChange={(kind) => set({ kind: kind as PeriodKind })}
          data={(['month', 'quarter', 'year', 'custom'] as const).map((k) => ({ value: k, label: t(`eldercare.careUi.stats.kinds.${k}`) }))}
          data-testid="stats-period-kind"
        />
        {value.kind === 'month' && <TextInput type="month" label={t('eldercare.careUi.stats.monthLabel')} value={value.month} onChange={(e) => set({ month: e.currentTarget.value })} data-testid="stats-month" />}
        {value.kind === 'quarter' && (
          <NativeSelect
            label={t('eldercare.careUi.stats.quarterLabel')}
            value={value.quarter}
            onChange={(e) => set({ quarter: e.currentTarget.value })}
            data={quarters.map((q) => ({ value: q, label: quarterLabel(t, q) }))}
            data-testid="stats-quarter"
          />
        )}
        {value.kind === 'year' && (
          <NativeSelect label={t('eldercare.careUi.stats.yearLabel')} value={value.year} onChange={(e) => set({ year: e.currentTarget.value })} data={years.map((y) => ({ value: y, label: t('eldercare.careUi.stats.yearName', { year: y }) }))} data-testid="stats-year" />
        )}
        {value.kind === 'custom' && (
          <>
            <TextInput type="date" label={t('eldercare.stats.from')} value={value.from} onChange={(e) => set({ from: e.currentTarget.value })} data-testid="stats-from" />
            <TextInput type="date" label={t('eldercare.stats.to')} value={value.to} onChange={(e) => set({ to: e.currentTarget.value })} error={error} data-testid="stats-to" />
          </>
        )}
      </Group>
    </Stack>
  );
}
