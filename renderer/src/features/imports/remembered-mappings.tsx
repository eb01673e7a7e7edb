/** 记住的列对应关系: mappings confirmed at import, reused for files with the same header; forget one. */
import { Button, Stack, Table, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { contractKey, useContractMutation, useContractQuery } from '../../app/api/queries';
import { TitledTable } from '../../app/components/titled-table';
import { ErrorText } from '../../app/forms/contract-errors';
import { useFormatters } from '../../app/i18n/format';
import { useCan } from '../../app/session/session-context';
import { columnLetter, useFieldLabel } from './labels';

export function RememberedMappings() {
  const { t } = useTranslation();
  const { formatDateTime } = useFormatters();
  const can = useCan();
  const fieldLabel = useFieldLabel();
  const queryClient = useQueryClient();
  const list = useContractQuery('imports.mappings.list', {});
  const forget = useContractMutation('imports.mappings.forget', {
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: contractKey('imports.mappings.list') }),
  });

  return (
    <Stack gap="xs" data-testid="import-mappings">
      <TitledTable
        title={t('importUi.mappings.title')}
        columns={[{ label: t('importUi.mappings.mapping') }, { label: t('importUi.mappings.updatedAt'), width: 150 }, { width: 90 }]}
        rows={list.data}
        empty={t('importUi.mappings.empty')}
        minWidth={640}
        table={{ verticalSpacing: 4 }}
        renderRow={(m) => (
          <Table.Tr key={m.layout} data-testid="import-mapping-row" data-layout={m.layout}>
            <Table.Td>
              <Text size="sm">
                {/* A remembered mapping lists the header's columns in order, as `headers` does. */}
                {m.mapping
                  .map((c, i) => (c.field === null ? null : `${m.headers[i] || columnLetter(c.column)} → ${fieldLabel(c.field)}`))
                  .filter((text) => text !== null)
                  .join('，')}
              </Text>
            </Table.Td>
            <Table.Td>{formatDateTime(m.updatedAt)}</Table.Td>
            <Table.Td>
              {can('records.write') && (
                <Button size="xs" variant="default" loading={forget.isPending && forget.variables.layout === m.layout} onClick={() => forget.mutate({ layout: m.layout })} data-testid="import-mapping-forget">
                  {t('importUi.mappings.forget')}
                </Button>
              )}
            </Table.Td>
          </Table.Tr>
        )}
      >
        <Text size="sm" c="dimmed">
          {t('importUi.mappings.hint')}
        </Text>
        {list.isError && (
          <Text c="red" role="alert">
            <ErrorText error={list.error.error} />
          </Text>
        )}
        {forget.isError && (
          <Text c="red" role="alert">
            <ErrorText error={forget.error.error} />
          </Text>
        )}
      </TitledTable>
    </Stack>
  );
}
