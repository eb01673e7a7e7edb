/**
 * Find a household by one of its members: the clerk types a name (or pinyin initials, an ID tail,
 * a phone) and picks the member's household. Uses `residents.search`, so it finds exactly what the
 * search box on the residents page finds.
 */
import { useState, type ReactNode } from 'react';
import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useContractQuery } from '../../app/api/queries';
import { useCodes } from '../residents/codes';

export interface PickedHousehold {
  householdId: string;
  label: string;
}

interface Props {
  value: PickedHousehold | null;
  onChange: (picked: PickedHousehold | null) => void;
  /** The household the person is in now: not offered as a destination. */
  excludeHouseholdId?: string | null;
  label: string;
  error?: ReactNode;
  autoFocus?: boolean;
  testId?: string;
}

export function HouseholdPicker({ value, onChange, excludeHouseholdId, label, error, autoFocus, testId = 'household-picker' }: Props) {
  const { t } = useTranslation();
  const codes = useCodes();
  const [search, setSearch] = useState(value?.label ?? '');
  const [query] = useDebouncedValue(search.trim(), 150);
  const enabled = query !== '' && query !== value?.label;
  const hits = useContractQuery('residents.search', { query, filters: { status: 'active' }, limit: 20 }, { enabled, placeholderData: keepPreviousData });

  const options = new Map<string, string>();
  if (value) options.set(value.householdId, value.label);
  for (const hit of hits.data?.items ?? []) {
    if (!hit.householdId || hit.householdId === excludeHouseholdId || options.has(hit.householdId)) continue;
    const who = hit.relation ? `${hit.name}（${codes.relation(hit.relation)}）` : hit.name;
    options.set(hit.householdId, [who, hit.address].filter(Boolean).join(' · '));
  }

  return (
    <Select
      label={label}
      searchable
      clearable
      autoFocus={autoFocus}
      placeholder={t('households.pickerPlaceholder')}
      nothingFoundMessage={query ? t('households.pickerNothing') : t('households.pickerType')}
      data={[...options].map(([householdId, text]) => ({ value: householdId, label: text }))}
      // The core already matched (pinyin, ID tails …); the dropdown must not filter its answer again.
      filter={({ options: all }) => all}
      selectFirstOptionOnChange
      searchValue={search}
      onSearchChange={setSearch}
      value={value?.householdId ?? null}
      onChange={(householdId, option) => onChange(householdId && option ? { householdId, label: option.label } : null)}
      error={error}
      data-testid={testId}
    />
  );
}
