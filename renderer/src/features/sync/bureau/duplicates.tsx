/**
 * 跨社区重复登记: residents registered in more than one office, found by their normalized ID number
 * and shown masked. The offices learn of them from their receipts; the bureau sees them all here.
 */
import { Alert, Loader, Paper, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useContractQuery } from '../../../app/api/queries';
import { TitledTable } from '../../../app/components/titled-table';
import { ErrorText } from '../../../app/forms/contract-errors';
import { useFormatNumber } from '../format';

/** Enough to work through; the count says when there are more. */
const SHOWN = 200;

export function DuplicatesSection() {
  const { t } = useTranslation();
  const number = useFormatNumber();
  const duplicates = useContractQuery('bureau.duplicates', { limit: SHOWN });
  const title = t('syncUi.bureau.duplicates.title');
  const data = duplicates.data;
  return (
    <Paper withBorder p="lg" component="section" aria-label={title} data-testid="bureau-duplicates">
      <Stack gap="sm">
        <TitledTable
          title={title}
          columns={[{ label: t('syncUi.bureau.duplicates.id'), width: 220 }, { label: t('syncUi.bureau.duplicates.entries') }]}
          rows={data?.items}
          empty={t('syncUi.bureau.duplicates.empty')}
          emptyTestId="bureau-duplicates-empty"
          minWidth={640}
          table={{ striped: true }}
          testId="bureau-duplicates-table"
          renderRow={(item) => (
            <Table.Tr key={item.idMasked + item.entries.map((e) => e.residentId).join()} data-testid="bureau-duplicate-row">
              <Table.Td ff="monospace">{item.idMasked}</Table.Td>
              <Table.Td>
                <Stack gap={2}>
                  {item.entries.map((entry) => (
                    <Text key={`${entry.office}/${entry.residentId}`} size="sm">
                      {t('syncUi.bureau.duplicates.entry', { name: entry.name, office: entry.officeName, code: entry.office })}
                    </Text>
                  ))}
                </Stack>
              </Table.Td>
            </Table.Tr>
          )}
        >
          {data && data.total > 0 && (
            <Text size="sm" data-testid="bureau-duplicates-total">
              {data.total > data.items.length
                ? t('syncUi.bureau.duplicates.totalShown', { total: number(data.total), shown: number(data.items.length) })
                : t('syncUi.bureau.duplicates.total', { total: number(data.total) })}
            </Text>
          )}
          {duplicates.isPending && <Loader size="sm" aria-label={t('app.loading')} />}
          {duplicates.isError && (
            <Alert color="red" role="alert" data-testid="bureau-duplicates-error">
              <ErrorText error={duplicates.error.error} />
            </Alert>
          )}
        </TitledTable>
      </Stack>
    </Paper>
  );
}
