/** 待办: who needs an assessment, a call or a visit, or a birthday's paperwork this month. */
import { Alert, Anchor, Badge, Group, Loader, NativeSelect, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { Link } from 'react-router';
import { useState } from 'react';
import type { MethodOutput } from '../../../../../shared/contract';
import { daysBetween } from '../../../../../shared/domain/eldercare/care';
import { useContractQuery } from '../../../app/api/queries';
import { ErrorText } from '../../../app/forms/contract-errors';
import { useGridOptions } from './grids';

type Worklist = MethodOutput<'eldercare.worklist'>;
type Group = 'assessmentsDue' | 'aloneNoContact' | 'turning60ThisMonth' | 'turning80ThisMonth';
const GROUPS: readonly Group[] = ['assessmentsDue', 'aloneNoContact', 'turning60ThisMonth', 'turning80ThisMonth'];

export function Worklist() {
  const { t } = useTranslation();
  const grids = useGridOptions();
  const [gridId, setGridId] = useState('');
  const list = useContractQuery('eldercare.worklist', { limit: 100, ...(gridId ? { gridId } : {}) });
  return (
    <Stack gap="md" data-testid="older-worklist">
      <NativeSelect
        label={t('eldercare.careUi.older.grid')}
        value={gridId}
        onChange={(e) => setGridId(e.currentTarget.value)}
        data={[{ value: '', label: t('eldercare.careUi.older.allGrids') }, ...grids]}
        maw={280}
        data-testid="worklist-grid"
      />
      {list.isPending && <Loader size="sm" aria-label={t('app.loading')} />}
      {list.isError && (
        <Alert color="red" role="alert">
          <ErrorText error={list.error.error} />
        </Alert>
      )}
      {list.data && (
        <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
          {GROUPS.map((g) => (
            <WorklistGroup key={g} group={g} data={list.data} />
          ))}
        </SimpleGrid>
      )}
    </Stack>
  );
}

function WorklistGroup({ group, data }: { group: Group; data: Worklist }) {
  const { t } = useTranslation();
  const { total, items } = data[group];
  const titleId = `worklist-${group}`;
  return (
    <Stack gap="xs" component="section" aria-labelledby={titleId} data-testid={`worklist-${group}`}>
      <Group gap="xs">
        <Text fw={600} id={titleId} component="h3" m={0} size="md">
          {t(`eldercare.worklist.${group}`)}
        </Text>
        <Badge variant="default" data-testid={`worklist-${group}-total`}>
          {t('eldercare.careUi.common.people', { count: total })}
        </Badge>
        {items.length < total && (
          <Text size="xs" c="dimmed">
            {t('eldercare.careUi.common.shown', { count: items.length })}
          </Text>
        )}
      </Group>
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('eldercare.careUi.older.worklistEmpty')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={480}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('eldercare.careUi.common.resident')}</Table.Th>
                <Table.Th>{t('eldercare.older.age')}</Table.Th>
                <Table.Th>{t('eldercare.careUi.older.grid')}</Table.Th>
                <Table.Th>{columnLabel(group, t)}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((row) => (
                <Table.Tr key={row.person.residentId}>
                  <Table.Td>
                    <Anchor component={Link} to={`/residents/${row.person.residentId}`} size="sm">
                      {row.person.name}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {row.person.idMasked}
                    </Text>
                  </Table.Td>
                  <Table.Td>{row.age}</Table.Td>
                  <Table.Td>{row.gridName ?? t('eldercare.careUi.older.noGrid')}</Table.Td>
                  <Table.Td>{cell(group, row, data.today, t)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

type T = TFunction;
type Row = Worklist['assessmentsDue']['items'][number];

function columnLabel(group: Group, t: T): string {
  if (group === 'assessmentsDue') return t('eldercare.older.nextDue');
  if (group === 'aloneNoContact') return t('eldercare.worklist.lastContact');
  return t('eldercare.careUi.older.birthday');
}

function cell(group: Group, row: Row, today: string, t: T): string {
  if (group === 'assessmentsDue') return row.nextAssessmentDue ?? t('eldercare.levels.none');
  if (group === 'aloneNoContact') return row.lastContactOn ? `${row.lastContactOn} · ${t('eldercare.careUi.older.daysSince', { days: daysBetween(row.lastContactOn, today) })}` : t('eldercare.worklist.never');
  return row.birthdayOn;
}
