/** 老年人名单: every active resident 60 and over, filtered by living situation, level, age band, grid. */
import { useState } from 'react';
import { Alert, Anchor, Group, NativeSelect, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ASSESSMENT_LEVELS } from '../../../../../shared/domain/eldercare/assessment';
import { LIVING_SITUATIONS } from '../../../../../shared/domain/eldercare/care';
import { useContractQuery } from '../../../app/api/queries';
import { ErrorText } from '../../../app/forms/contract-errors';
import { Pager } from './pager';
import { useGridOptions } from './grids';

const AGE_BANDS = { b60: [60, 69], b70: [70, 79], b80: [80, 89], b90: [90, undefined] } as const;
type AgeBand = keyof typeof AGE_BANDS;
const LIMIT = 100;

type Living = (typeof LIVING_SITUATIONS)[number] | 'none';
type Level = (typeof ASSESSMENT_LEVELS)[number] | 'none';

export function OlderList() {
  const { t } = useTranslation();
  const grids = useGridOptions();
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query.trim(), 250);
  const [living, setLiving] = useState<Living | ''>('');
  const [level, setLevel] = useState<Level | ''>('');
  const [band, setBand] = useState<AgeBand | ''>('');
  const [gridId, setGridId] = useState('');
  const [offset, setOffset] = useState(0);
  const [from, to] = band ? AGE_BANDS[band] : [undefined, undefined];
  const input = {
    ...(debounced ? { query: debounced } : {}),
    ...(living ? { living } : {}),
    ...(level ? { level } : {}),
    ...(from !== undefined ? { ageFrom: from } : {}),
    ...(to !== undefined ? { ageTo: to } : {}),
    ...(gridId ? { gridId } : {}),
    offset,
    limit: LIMIT,
  };
  const list = useContractQuery('eldercare.older.list', input, { placeholderData: (previous) => previous });
  const reset = <V,>(set: (v: V) => void) => (v: V) => {
    set(v);
    setOffset(0);
  };

  return (
    <Stack gap="sm" data-testid="older-list">
      <Group align="flex-end" gap="sm" role="search" aria-label={t('eldercare.careUi.board.filters')}>
        <TextInput label={t('eldercare.careUi.older.nameQuery')} value={query} onChange={(e) => reset(setQuery)(e.currentTarget.value)} data-testid="older-filter-name" />
        <NativeSelect
          label={t('eldercare.older.living')}
          value={living}
          onChange={(e) => reset(setLiving)(e.currentTarget.value as Living | '')}
          data={[{ value: '', label: t('eldercare.careUi.common.all') }, ...[...LIVING_SITUATIONS, 'none' as const].map((v) => ({ value: v, label: t(`eldercare.living.${v}`) }))]}
          data-testid="older-filter-living"
        />
        <NativeSelect
          label={t('eldercare.older.level')}
          value={level}
          onChange={(e) => reset(setLevel)(e.currentTarget.value as Level | '')}
          data={[{ value: '', label: t('eldercare.careUi.common.all') }, ...[...ASSESSMENT_LEVELS, 'none' as const].map((v) => ({ value: v, label: t(`eldercare.levels.${v}`) }))]}
          data-testid="older-filter-level"
        />
        <NativeSelect
          label={t('eldercare.careUi.older.ageBand')}
          value={band}
          onChange={(e) => reset(setBand)(e.currentTarget.value as AgeBand | '')}
          data={[{ value: '', label: t('eldercare.careUi.common.all') }, ...(Object.keys(AGE_BANDS) as AgeBand[]).map((b) => ({ value: b, label: t(`eldercare.careUi.older.ageBands.${b}`) }))]}
          data-testid="older-filter-age"
        />
        <NativeSelect
          label={t('eldercare.careUi.older.grid')}
          value={gridId}
          onChange={(e) => reset(setGridId)(e.currentTarget.value)}
          data={[{ value: '', label: t('eldercare.careUi.older.allGrids') }, ...grids]}
          data-testid="older-filter-grid"
        />
      </Group>
      {list.isError && (
        <Alert color="red" role="alert">
          <ErrorText error={list.error.error} />
        </Alert>
      )}
      {list.data && (
        <>
          <Text size="sm" data-testid="older-total">
            {t('eldercare.careUi.common.people', { count: list.data.total })}
          </Text>
          {list.data.items.length > 0 && (
            <Table.ScrollContainer minWidth={900}>
              <Table striped highlightOnHover data-testid="older-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('eldercare.careUi.common.resident')}</Table.Th>
                    <Table.Th>{t('eldercare.older.age')}</Table.Th>
                    <Table.Th>{t('eldercare.older.living')}</Table.Th>
                    <Table.Th>{t('eldercare.older.level')}</Table.Th>
                    <Table.Th>{t('eldercare.older.lastAssessed')}</Table.Th>
                    <Table.Th>{t('eldercare.older.nextDue')}</Table.Th>
                    <Table.Th>{t('eldercare.careUi.older.grid')}</Table.Th>
                    <Table.Th>{t('eldercare.older.facility')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.data.items.map((r) => (
                    <Table.Tr key={r.person.residentId} data-testid="older-row">
                      <Table.Td>
                        <Anchor component={Link} to={`/residents/${r.person.residentId}`} size="sm">
                          {r.person.name}
                        </Anchor>
                        <Text size="xs" c="dimmed">
                          {r.person.idMasked}
                        </Text>
                      </Table.Td>
                      <Table.Td>{r.age}</Table.Td>
                      <Table.Td>
                        {r.living ? t(`eldercare.living.${r.living}`) : r.registerLivingAlone ? t('eldercare.careUi.older.registerAlone') : t('eldercare.living.none')}
                      </Table.Td>
                      <Table.Td>{t(`eldercare.levels.${r.level ?? 'none'}`)}</Table.Td>
                      <Table.Td>{r.lastAssessedOn ?? '—'}</Table.Td>
                      <Table.Td>{r.nextAssessmentDue ?? '—'}</Table.Td>
                      <Table.Td>{r.gridName ?? t('eldercare.careUi.older.noGrid')}</Table.Td>
                      <Table.Td>{r.facilityName ?? '—'}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          <Pager offset={offset} limit={LIMIT} total={list.data.total} onChange={setOffset} />
        </>
      )}
    </Stack>
  );
}
