/** Filters over the list and the search alike: grid, tag, low-income category, status, age range. */
import { Button, Group, NativeSelect, NumberInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ResidentFilters } from '../../../../../shared/contract/residents';
import { LOW_INCOME_CATEGORIES, RESIDENT_STATUSES, RESIDENT_TAGS } from '../../../../../shared/domain/residents';
import { useContractQuery } from '../../../app/api/queries';
import { codeOptions, pickCode, useCodes } from '../codes';
import { hasFilters } from './list-state';

interface Props {
  filters: ResidentFilters;
  onChange: (filters: ResidentFilters) => void;
}

function age(value: string | number): number | undefined {
  const n = typeof value === 'number' ? value : Number.parseInt(value, 10);
  return Number.isInteger(n) && n >= 0 && n <= 130 ? n : undefined;
}

export function ResidentFiltersBar({ filters, onChange }: Props) {
  const { t } = useTranslation();
  const codes = useCodes();
  const grids = useContractQuery('grids.list', {}, { staleTime: 60_000 });
  const any = t('residents.filters.any');
  const set = (patch: ResidentFilters) => onChange({ ...filters, ...patch });

  return (
    <Group gap="xs" align="flex-end" wrap="wrap" role="group" aria-label={t('residents.filters.label')}>
      <NativeSelect
        size="xs"
        label={t('residents.filters.grid')}
        value={filters.gridId ?? ''}
        data={[{ value: '', label: any }, ...(grids.data ?? []).map((g) => ({ value: g.id, label: g.name }))]}
        onChange={(e) => set({ gridId: e.currentTarget.value || undefined })}
        data-testid="filter-grid"
      />
      <NativeSelect
        size="xs"
        label={t('residents.filters.tag')}
        value={filters.tag ?? ''}
        data={codeOptions(RESIDENT_TAGS, codes.tag, any)}
        onChange={(e) => set({ tag: pickCode(RESIDENT_TAGS, e.currentTarget.value) })}
        data-testid="filter-tag"
      />
      <NativeSelect
        size="xs"
        label={t('residents.filters.lowIncome')}
        value={filters.lowIncomeCategory ?? ''}
        data={codeOptions(LOW_INCOME_CATEGORIES, codes.lowIncome, any)}
        onChange={(e) => set({ lowIncomeCategory: pickCode(LOW_INCOME_CATEGORIES, e.currentTarget.value) })}
        data-testid="filter-low-income"
      />
      <NativeSelect
        size="xs"
        label={t('residents.filters.status')}
        value={filters.status ?? ''}
        data={codeOptions(RESIDENT_STATUSES, codes.status, any)}
        onChange={(e) => set({ status: pickCode(RESIDENT_STATUSES, e.currentTarget.value) })}
        data-testid="filter-status"
      />
      <NumberInput
        size="xs"
        w={90}
        label={t('residents.filters.ageMin')}
        min={0}
        max={130}
        allowDecimal={false}
        allowNegative={false}
        value={filters.ageMin ?? ''}
        onChange={(v) => set({ ageMin: age(v) })}
        data-testid="filter-age-min"
      />
      <NumberInput
        size="xs"
        w={90}
        label={t('residents.filters.ageMax')}
        min={0}
        max={130}
        allowDecimal={false}
        allowNegative={false}
        value={filters.ageMax ?? ''}
        onChange={(v) => set({ ageMax: age(v) })}
        data-testid="filter-age-max"
      />
      {hasFilters(filters) && (
        <Button size="xs" variant="subtle" onClick={() => onChange({})} data-testid="filter-clear">
          {t('residents.filters.clear')}
        </Button>
      )}
    </Group>
  );
}
