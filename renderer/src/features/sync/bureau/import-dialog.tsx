/**
 * 接收数据包: bundle files from offices' USB sticks, added one at a time in the open dialog (it picks
 * one file), then taken in together by one job — each verified, decrypted and applied, held, or
 * refused — with an optional folder for the offices' receipts. The result says, file by file, what
 * became of it and why.
 */
import { useEffect, useState } from 'react';
import { Alert, Button, CloseButton, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ChosenFile, IntakeResult } from '../../../../../shared/contract';
import { useJob } from '../../../app/api/use-job';
import { RunningJob } from '../../../app/components/running-job';
import { TitledTable } from '../../../app/components/titled-table';
import { ChosenPath } from '../../../app/platform/chosen-path';
import { useFilePicker } from '../../../app/platform/file-picker';
import { IntakeStatusBadge, SyncErrorText, useFormatNumber, useReasonText } from '../format';

export function ImportDialog({ opened, onClose, onImported }: { opened: boolean; onClose(): void; onImported(): void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('syncUi.bureau.import.title')} size="xl">
      {opened && <ImportForm onClose={onClose} onImported={onImported} />}
    </Modal>
  );
}

function ImportForm({ onClose, onImported }: { onClose(): void; onImported(): void }) {
  const { t } = useTranslation();
  const picker = useFilePicker();
  const number = useFormatNumber();
  const job = useJob('bureau.import');
  const [files, setFiles] = useState<ChosenFile[]>([]);
  const [receipts, setReceipts] = useState<ChosenFile | null>(null);
  const { state } = job;
  const busy = state.status === 'starting' || state.status === 'running';

  const add = async () => {
    const chosen = await picker.openFile({ kind: 'bundle', title: t('syncUi.bureau.import.dialogTitle'), filterName: t('syncUi.bureau.import.filterName') });
    if (!chosen) return;
    // The same file twice is one file.
    setFiles((current) => (current.some((f) => f.path === chosen.path) ? current : [...current, chosen]));
    if (state.status !== 'idle' && !busy) job.reset();
  };

  const start = async () => {
    await job.start({ files: files.map((f) => f.handle), ...(receipts ? { receipts: receipts.handle } : {}) });
  };

  const output = state.status === 'succeeded' ? state.output : null;
  useEffect(() => {
    // Once per finished job: the offices' table, alarms and duplicates changed.
    if (output) onImported();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [output]);

  return (
    <Stack gap="md">
      <Text size="sm">{t('syncUi.bureau.import.intro')}</Text>
      {!output && (
        <>
          <Stack gap={4} data-testid="bureau-import-files">
            {files.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('syncUi.bureau.import.noFiles')}
              </Text>
            ) : (
              files.map((file) => (
                <Group key={file.path} gap="xs" wrap="nowrap" data-testid="bureau-import-file">
                  <Text size="sm" style={{ flex: 1, wordBreak: 'break-all' }}>
                    {file.path}
                  </Text>
                  <CloseButton
                    size="sm"
                    disabled={busy}
                    aria-label={t('syncUi.bureau.import.remove', { name: file.name })}
                    onClick={() => setFiles((current) => current.filter((f) => f.path !== file.path))}
                  />
                </Group>
              ))
            )}
          </Stack>
          <Group>
            <Button variant="default" onClick={() => void add()} disabled={busy} data-testid="bureau-import-add">
              {files.length === 0 ? t('syncUi.bureau.import.add') : t('syncUi.bureau.import.addMore')}
            </Button>
          </Group>
          <ChosenPath
            label={t('syncUi.bureau.import.receipts')}
            description={t('syncUi.bureau.import.receiptsHint')}
            placeholder={t('syncUi.bureau.import.noReceipts')}
            value={receipts}
            testId="bureau-import-receipts"
            chooseLabel={t('syncUi.chooseFolder')}
            chooseTestId="bureau-import-receipts-choose"
            choose={() => picker.chooseFolder({ title: t('syncUi.bureau.import.receiptsDialogTitle') })}
            onChosen={setReceipts}
            disabled={busy}
          >
            {receipts && (
              <Button variant="subtle" disabled={busy} onClick={() => setReceipts(null)}>
                {t('syncUi.bureau.import.noReceiptsButton')}
              </Button>
            )}
          </ChosenPath>
        </>
      )}
      {state.status === 'running' && (
        <RunningJob
          done={state.done}
          total={state.total}
          label={t('syncUi.bureau.import.title')}
          text={t('syncUi.bureau.import.running', { done: number(state.done), total: number(state.total) })}
          testId="bureau-import-progress"
        />
      )}
      {output && <ImportResults results={output.results} receipts={output.receipts} />}
      {state.status === 'failed' && (
        <Alert color={state.error.code === 'CANCELLED' ? 'gray' : 'red'} role={state.error.code === 'CANCELLED' ? undefined : 'alert'} data-testid="bureau-import-error">
          {state.error.code === 'CANCELLED' ? t('syncUi.bureau.import.cancelled') : <SyncErrorText error={state.error} />}
        </Alert>
      )}
      <Group justify="flex-end">
        {busy && (
          <Button variant="default" onClick={() => void job.cancel()} data-testid="bureau-import-cancel">
            {t('common.cancel')}
          </Button>
        )}
        {output ? (
          <>
            <Button
              variant="default"
              onClick={() => {
                setFiles([]);
                job.reset();
              }}
              data-testid="bureau-import-again"
            >
              {t('syncUi.bureau.import.again')}
            </Button>
            <Button onClick={onClose} data-testid="bureau-import-close">
              {t('common.close')}
            </Button>
          </>
        ) : (
          <Button onClick={() => void start()} disabled={files.length === 0} loading={busy} data-testid="bureau-import-start">
            {t('syncUi.bureau.import.start', { count: files.length })}
          </Button>
        )}
      </Group>
    </Stack>
  );
}

/** File by file: whose bundle, which number, what became of it and why, rows applied. */
export function ImportResults({ results, receipts }: { results: readonly IntakeResult[]; receipts: readonly { office: string; file: string }[] }) {
  const { t } = useTranslation();
  const number = useFormatNumber();
  const reason = useReasonText();
  const counts = results.reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.status]: (acc[r.status] ?? 0) + 1 }), {});
  return (
    <Stack gap="sm" data-testid="bureau-import-results">
      <Text size="sm" data-testid="bureau-import-summary">
        {t('syncUi.bureau.import.summary', {
          total: results.length,
          applied: counts.applied ?? 0,
          duplicate: counts.duplicate ?? 0,
          held: counts.held ?? 0,
          rejected: counts.rejected ?? 0,
        })}
      </Text>
      <TitledTable
        title={t('syncUi.bureau.import.resultsTitle')}
        order={4}
        columns={[
          { label: t('syncUi.bureau.import.file') },
          { label: t('syncUi.bureau.import.office'), width: 120 },
          { label: t('syncUi.bureau.import.sequence'), width: 80 },
          { label: t('syncUi.bureau.import.status'), width: 170 },
          { label: t('syncUi.bureau.import.reason') },
          { label: t('syncUi.bureau.import.rows'), width: 90 },
        ]}
        rows={results}
        empty={t('syncUi.bureau.import.noResults')}
        minWidth={820}
        table={{ striped: true }}
        testId="bureau-import-results-table"
        renderRow={(result) => (
          <Table.Tr key={result.file} data-testid="bureau-import-result" data-status={result.status}>
            <Table.Td style={{ wordBreak: 'break-all' }}>
              <Text size="xs">{result.file}</Text>
            </Table.Td>
            <Table.Td>{result.office ?? '—'}</Table.Td>
            <Table.Td>{result.sequence ?? '—'}</Table.Td>
            <Table.Td>
              <IntakeStatusBadge status={result.status} />
            </Table.Td>
            <Table.Td>
              <Text size="sm" data-testid="bureau-import-reason">
                {reason(result.reason, result.params?.missing) ?? '—'}
              </Text>
            </Table.Td>
            <Table.Td>{result.rows === undefined ? '—' : number(result.rows)}</Table.Td>
          </Table.Tr>
        )}
      />
      {receipts.length > 0 && (
        <Stack gap={2} data-testid="bureau-import-receipts-written">
          <Text size="sm" fw={500}>
            {t('syncUi.bureau.import.receiptsWritten')}
          </Text>
          {receipts.map((r) => (
            <Text key={r.file} size="xs">
              {t('syncUi.bureau.import.receiptItem', { office: r.office, file: r.file })}
            </Text>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
