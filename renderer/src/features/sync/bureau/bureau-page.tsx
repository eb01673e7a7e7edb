/**
 * The bureau's picture of the city (市局数据汇总): the enrolled offices and where each one's sync
 * stands, city-wide counts, the offices' figures for a period, alarms, residents registered in more
 * than one office; and its work — enroll an office, take in bundles, write an office's receipt,
 * publish a standard. Views need records.read; enrolling and publishing office.manage; intake,
 * receipts and alarms system.maintain (the core checks each call).
 */
import { useState } from 'react';
import { Alert, Button, Group, Loader, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { contractKey, useContractQuery } from '../../../app/api/queries';
import { ErrorText } from '../../../app/forms/contract-errors';
import { useCan } from '../../../app/session/session-context';
import { orderedCounts, useTableCount } from '../format';
import { AlarmsSection } from './alarms';
import { DuplicatesSection } from './duplicates';
import { EnrollOfficeDialog } from './enroll-office-dialog';
import { ImportDialog } from './import-dialog';
import { OfficesTable } from './offices-table';
import { PublishDialog } from './publish-dialog';
import { StatsSection } from './stats';

/** After the bureau's own calls: its tables are not record tables, so nothing else refreshes them. */
export function useRefreshBureau() {
  const queryClient = useQueryClient();
  return () => {
    for (const method of ['bureau.offices', 'bureau.alarms', 'bureau.duplicates', 'bureau.stats'] as const) {
      void queryClient.invalidateQueries({ queryKey: contractKey(method) });
    }
  };
}

export function BureauPage() {
  const { t } = useTranslation();
  const can = useCan();
  const refresh = useRefreshBureau();
  const offices = useContractQuery('bureau.offices', {});
  const [dialog, setDialog] = useState<'enroll' | 'import' | 'publish' | null>(null);
  return (
    <Stack gap="lg" data-testid="sync-page" data-role="bureau">
      <div>
        <Title order={2}>{t('syncUi.bureau.title')}</Title>
        {offices.data && (
          <Text size="sm" c="dimmed" data-testid="bureau-name">
            {offices.data.bureau.name}
          </Text>
        )}
      </div>
      {(can('office.manage') || can('system.maintain')) && (
        <Group>
          {can('office.manage') && (
            <Button onClick={() => setDialog('enroll')} data-testid="bureau-enroll-open">
              {t('syncUi.bureau.enroll.open')}
            </Button>
          )}
          {can('system.maintain') && (
            <Button variant="default" onClick={() => setDialog('import')} data-testid="bureau-import-open">
              {t('syncUi.bureau.import.open')}
            </Button>
          )}
          {can('office.manage') && (
            <Button variant="default" onClick={() => setDialog('publish')} data-testid="bureau-publish-open">
              {t('syncUi.bureau.publish.open')}
            </Button>
          )}
        </Group>
      )}
      {offices.isPending && <Loader size="sm" aria-label={t('app.loading')} />}
      {offices.isError && (
        <Alert color="red" role="alert" data-testid="bureau-offices-error">
          <ErrorText error={offices.error.error} />
        </Alert>
      )}
      {offices.data && (
        <>
          <Totals totals={offices.data.totals} offices={offices.data.offices.length} />
          <OfficesTable offices={offices.data.offices} onChanged={refresh} />
          <StatsSection offices={offices.data.offices} />
        </>
      )}
      <AlarmsSection onChanged={refresh} />
      <DuplicatesSection />
      <EnrollOfficeDialog opened={dialog === 'enroll'} onClose={() => setDialog(null)} onEnrolled={refresh} />
      <ImportDialog opened={dialog === 'import'} onClose={() => setDialog(null)} onImported={refresh} />
      <PublishDialog opened={dialog === 'publish'} onClose={() => setDialog(null)} />
    </Stack>
  );
}

function Totals({ totals, offices }: { totals: Record<string, number>; offices: number }) {
  const { t } = useTranslation();
  const count = useTableCount();
  const title = t('syncUi.bureau.totals.title');
  const entries = orderedCounts(totals);
  return (
    <Paper withBorder p="lg" component="section" aria-label={title} data-testid="bureau-totals">
      <Title order={3} size="h4" mb="sm">
        {title}
      </Title>
      <Text size="sm" mb="sm">
        {t('syncUi.bureau.totals.offices', { count: offices })}
      </Text>
      {entries.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('syncUi.bureau.totals.empty')}
        </Text>
      ) : (
        <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="sm">
          {entries.map(([table, value]) => (
            <Paper key={table} withBorder p="sm" data-testid="bureau-total" data-table={table} data-value={value}>
              <Text size="md" fw={600}>
                {count(table, value)}
              </Text>
            </Paper>
          ))}
        </SimpleGrid>
      )}
    </Paper>
  );
}
