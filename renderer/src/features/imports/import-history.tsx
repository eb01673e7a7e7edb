/** 导入记录: the office's past imports, newest first, each undoable as one step until it is undone. */
import { useState } from 'react';
import { Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ImportSummary } from '../../../../shared/contract';
import { useContractMutation, useContractQuery } from '../../app/api/queries';
import { TitledTable } from '../../app/components/titled-table';
import { ErrorText } from '../../app/forms/contract-errors';
import { useFormatters } from '../../app/i18n/format';
import { useCan } from '../../app/session/session-context';
import { currentLanguage } from '../../app/i18n/i18n';
import { importsChanged } from './cache';
import { ImportErrorAlert } from './import-errors';

export function ImportHistory() {
  const { t, i18n } = useTranslation();
  const { formatDateTime } = useFormatters();
  const can = useCan();
  const queryClient = useQueryClient();
  const list = useContractQuery('imports.list', { limit: 20 });
  const undo = useContractMutation('imports.undo', { onSuccess: () => importsChanged(queryClient) });
  const [confirming, setConfirming] = useState<ImportSummary | null>(null);

  return (
    <Stack gap="xs" data-testid="import-history">
      <TitledTable
        title={t('importUi.history.title')}
        columns={[
          { label: t('importUi.history.when'), width: 150 },
          { label: t('importUi.history.file') },
          { label: t('importUi.history.by') },
          { label: t('importUi.history.counts') },
          { width: 160 },
        ]}
        rows={list.data}
        empty={t('importUi.history.empty')}
        minWidth={640}
        table={{ verticalSpacing: 4 }}
        renderRow={(entry) => (
          <Table.Tr key={entry.id} data-testid="import-history-row" data-import-id={entry.id} data-undone={entry.undoneAt ? '1' : '0'}>
            <Table.Td>{formatDateTime(entry.at)}</Table.Td>
            <Table.Td>{entry.fileName}</Table.Td>
            <Table.Td>{entry.userName ?? '—'}</Table.Td>
            <Table.Td>{t('importUi.history.countsText', { created: entry.created, updated: entry.updated, unchanged: entry.unchanged, skipped: entry.skipped })}</Table.Td>
            <Table.Td>
              {entry.undoneAt ? (
                <Text size="xs" c="dimmed">
                  {t('importUi.history.undoneAt', { at: formatDateTime(entry.undoneAt) })}
                </Text>
              ) : (
                can('records.write') && (
                  <Button
                    size="xs"
                    variant="light"
                    color="red"
                    loading={undo.isPending && undo.variables.importId === entry.id}
                    onClick={() => setConfirming(entry)}
                    data-testid="import-history-undo"
                  >
                    {t('importUi.history.undo')}
                  </Button>
                )
              )}
            </Table.Td>
          </Table.Tr>
        )}
      >
        {list.isError && (
          <Text c="red" role="alert">
            <ErrorText error={list.error.error} />
          </Text>
        )}
      </TitledTable>
      {undo.isError && <ImportErrorAlert error={undo.error.error} testId="import-history-undo-error" />}
      {undo.isSuccess && (
        <Text size="sm" c="blue" data-testid="import-history-undone">
          {t('importUi.undo.done', undo.data)}
        </Text>
      )}
      <Modal opened={confirming !== null} onClose={() => setConfirming(null)} title={t('importUi.undo.confirmTitle')}>
        <Stack gap="md">
          <Text size="sm">{confirming ? `${confirming.fileName} · ${formatDateTime(confirming.at)}` : null}</Text>
          <Text size="sm">{t('importUi.undo.confirmBody')}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(null)}>
              {t('common.cancel')}
            </Button>
            <Button
              color="red"
              onClick={() => {
                if (confirming) undo.mutate({ importId: confirming.id, language: currentLanguage(i18n) });
                setConfirming(null);
              }}
              data-testid="import-history-undo-confirm"
            >
              {t('importUi.undo.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
