/**
 * Choosing the resident a demand or a recurring order is for: the register's own search (name,
 * pinyin initials, the ID number's last digits), one button per hit. Anyone may be found; a resident
 * under 60 is named as such at once (the core refuses them anyway).
 */
import { useState, type ReactNode } from 'react';
import { Alert, Button, Group, Loader, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { useContractQuery } from '../../../app/api/queries';
import { OLDER_AGE } from '../../../../../shared/domain/eldercare/care';

/** What a form needs of the chosen resident. */
export interface PickedResident {
  id: string;
  name: string;
  idMasked: string;
  age: number;
}

export function ResidentPicker({
  value,
  onChange,
  error,
  label,
  testId = 'resident-picker',
}: {
  value: PickedResident | null;
  onChange(resident: PickedResident | null): void;
  /** A field message from the core (residentId). */
  error?: ReactNode;
  label?: string;
  testId?: string;
}) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query.trim(), 250);
  const search = useContractQuery('residents.search', { query: debounced, filters: { status: 'active' }, limit: 8 }, { enabled: value === null && debounced.length > 0 });

  if (value) {
    return (
      <Stack gap={4} data-testid={testId}>
        <Text size="sm" fw={500}>
          {label ?? t('eldercare.careUi.common.resident')}
        </Text>
        <Group gap="xs">
          <Text size="sm" data-testid={`${testId}-chosen`}>
            {t('eldercare.careUi.common.chosen', { name: value.name, id: value.idMasked, age: value.age })}
          </Text>
          <Button size="compact-xs" variant="subtle" onClick={() => onChange(null)}>
            {t('eldercare.careUi.common.change')}
          </Button>
        </Group>
        {value.age < OLDER_AGE && (
          <Alert color="yellow" variant="light" role="status" data-testid={`${testId}-under-60`}>
            {t('eldercare.careUi.common.underSixty', { name: value.name, age: value.age })}
          </Alert>
        )}
        {error && (
          <Text size="xs" c="red">
            {error}
          </Text>
        )}
      </Stack>
    );
  }

  const hits = search.data?.items ?? [];
  return (
    <Stack gap={4} data-testid={testId}>
      <TextInput
        label={label ?? t('eldercare.careUi.common.findResident')}
        description={t('eldercare.careUi.common.findResidentHint')}
        value={query}
        onChange={(e) => setQuery(e.currentTarget.value)}
        error={error}
        data-testid={`${testId}-query`}
        rightSection={search.isFetching ? <Loader size="xs" aria-label={t('app.loading')} /> : undefined}
      />
      {debounced.length > 0 && search.data && hits.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('eldercare.careUi.common.noMatches')}
        </Text>
      )}
      {hits.length > 0 && (
        <Stack gap={2} role="list" aria-label={t('eldercare.careUi.common.findResident')}>
          {hits.map((hit) => (
            <Group key={hit.id} role="listitem" gap="xs" wrap="nowrap">
              <Button
                size="compact-sm"
                variant="light"
                aria-label={t('eldercare.careUi.common.pick', { name: hit.name })}
                data-testid={`${testId}-hit`}
                onClick={() => onChange({ id: hit.id, name: hit.name, idMasked: hit.idNumberMasked, age: hit.age })}
              >
                {hit.name}
              </Button>
              <Text size="xs" c="dimmed">
                {hit.idNumberMasked} · {t('eldercare.careUi.common.age', { age: hit.age })}
                {hit.gridName ? ` · ${hit.gridName}` : ''}
              </Text>
            </Group>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
