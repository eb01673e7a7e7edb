/** 记住的列对应关系: mappings confirmed at import, reused for files with the same header; forget one. */
import { Button, Stack, Table, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { contractKey, useContractMutation, useContractQuery } from '../../app/api/queries';
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
      <Title order={3} size="h4">
        {t('importUi.mappings.title')}
      </Title>
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
      {list.data && list.data.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('importUi.mappings.empty')}
        </Text>
      )}
      {list.data && list.data.length > 0 && (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('importUi.mappings.mapping')}</Table.Th>
                <Table.Th w={150}>{t('importUi.mappings.updatedAt')}</Table.Th>
                <Table.Th w={90} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.map((m) => (
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
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
