/**
 * 各社区统计: the later modules' figures across offices for a period — this year unless the clerk
 * picks another year or two dates — one row per enrolled office, one column per figure, the city's
 * total under them. The figures are what the features offer the bureau (`bureauFigures`), counted
 * over the rows of applied bundles; their names are under `sync.figures`.
 */
import { useState } from 'react';
import { Alert, Group, Loader, NativeSelect, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { keepPreviousData } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { BureauOffice } from '../../../../../shared/contract';
import { useContractQuery } from '../../../app/api/queries';
import { fieldIssues, SyncErrorText, useFormatNumber, useSyncLabels } from '../format';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const CUSTOM = 'custom';
/** This year and the four before it; older periods by dates. */
const YEARS = 5;

/** Today on this computer, as the offices date their records. */
function localToday(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

export function StatsSection({ offices }: { offices: readonly Pick<BureauOffice, 'code' | 'name'>[] }) {
  const { t } = useTranslation();
  const number = useFormatNumber();
  const labels = useSyncLabels();
  const today = localToday();
  const thisYear = Number(today.slice(0, 4));
  const years = Array.from({ length: YEARS }, (_, i) => String(thisYear - i));
  const [choice, setChoice] = useState(years[0]);
  const [from, setFrom] = useState(`${years[0]}-01-01`);
  const [to, setTo] = useState(today);
  const period = choice === CUSTOM ? { from, to } : { from: `${choice}-01-01`, to: `${choice}-12-31` };
  const complete = DATE.test(period.from) && DATE.test(period.to);
  const stats = useContractQuery('bureau.stats', period, { enabled: complete, placeholderData: keepPreviousData });
  // The core checks the dates (an impossible date, an end before the start) and names the field.
  const issues = fieldIssues([], stats.error?.error, ['from', 'to']);
  const figures = stats.data?.figures;
  const title = t('syncUi.bureau.stats.title');

  return (
    <Paper withBorder p="lg" component="section" aria-label={title} data-testid="bureau-stats">
      <Stack gap="sm">
        <Title order={3} size="h4">
          {title}
        </Title>
        <Text size="sm">{t('syncUi.bureau.stats.intro')}</Text>
        <Group align="flex-start" gap="sm">
          <NativeSelect
            label={t('syncUi.bureau.stats.period')}
            value={choice}
            onChange={(event) => setChoice(event.currentTarget.value)}
            data={[...years.map((year) => ({ value: year, label: t('syncUi.bureau.stats.year', { year }) })), { value: CUSTOM, label: t('syncUi.bureau.stats.custom') }]}
            data-testid="bureau-stats-period"
          />
          {choice === CUSTOM && (
            <>
              <TextInput type="date" label={t('syncUi.bureau.stats.from')} value={from} onChange={(event) => setFrom(event.currentTarget.value)} error={issues.field('from')} data-testid="bureau-stats-from" />
              <TextInput type="date" label={t('syncUi.bureau.stats.to')} value={to} onChange={(event) => setTo(event.currentTarget.value)} error={issues.field('to')} data-testid="bureau-stats-to" />
            </>
          )}
        </Group>
        {stats.isFetching && !stats.data && <Loader size="sm" aria-label={t('app.loading')} />}
        {issues.rest && (
          <Alert color="red" role="alert" data-testid="bureau-stats-error">
            <SyncErrorText error={issues.rest} />
          </Alert>
        )}
        {figures && figures.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('syncUi.bureau.stats.noFigures')}
          </Text>
        )}
        {figures && figures.length > 0 && offices.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('syncUi.bureau.stats.noOffices')}
          </Text>
        )}
        {figures && figures.length > 0 && offices.length > 0 && (
          <Table.ScrollContainer minWidth={240 + figures.length * 140}>
            <Table striped data-testid="bureau-stats-table" data-from={period.from} data-to={period.to}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('syncUi.bureau.stats.office')}</Table.Th>
                  {figures.map((figure) => (
                    <Table.Th key={figure.key} scope="col" ta="right" data-testid="bureau-stats-figure" data-key={figure.key}>
                      {labels.figure(figure.key)}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {offices.map((office) => (
                  <Table.Tr key={office.code} data-testid="bureau-stats-row" data-code={office.code}>
                    <Table.Th scope="row" fw="normal">
                      <Text size="sm">{office.name}</Text>
                      <Text size="xs" c="dimmed">
                        {office.code}
                      </Text>
                    </Table.Th>
                    {figures.map((figure) => (
                      <Table.Td key={figure.key} ta="right" data-key={figure.key} data-value={figure.byOffice[office.code] ?? 0}>
                        {number(figure.byOffice[office.code] ?? 0)}
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
              <Table.Tfoot>
                <Table.Tr data-testid="bureau-stats-totals">
                  <Table.Th scope="row">{t('syncUi.bureau.stats.total')}</Table.Th>
                  {figures.map((figure) => (
                    <Table.Td key={figure.key} ta="right" fw={600} data-key={figure.key} data-value={figure.total}>
                      {number(figure.total)}
                    </Table.Td>
                  ))}
                </Table.Tr>
              </Table.Tfoot>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Paper>
  );
}
