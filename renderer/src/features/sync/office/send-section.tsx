/**
 * 报送: what is waiting to go, and the three ways it moves — to a USB stick or folder (the folder
 * dialog, then the export job), up to the bureau's address (the upload job), and back: the bureau's
 * receipt (the open dialog). Clerks who may write records do these; the core checks again.
 */
import { useEffect, useId, useState } from 'react';
import { Alert, Anchor, Button, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ChosenFile, MethodOutput } from '../../../../../shared/contract';
import { useContractMutation } from '../../../app/api/queries';
import { useJob } from '../../../app/api/use-job';
import { RunningJob } from '../../../app/components/running-job';
import { useFormatters } from '../../../app/i18n/format';
import { useFilePicker } from '../../../app/platform/file-picker';
import { useCan } from '../../../app/session/session-context';
import { SyncErrorText, useFormatNumber, useFormatSize, useReasonText, useSequenceList } from '../format';

type Status = MethodOutput<'sync.status'>;

export function SendSection({ status, onChanged }: { status: Status; onChanged(): void }) {
  const { t } = useTranslation();
  const { formatDateTime } = useFormatters();
  const number = useFormatNumber();
  const can = useCan();
  const title = t('syncUi.send.title');
  return (
    <Paper withBorder p="lg" component="section" aria-label={title} data-testid="sync-send">
      <Stack gap="md">
        <Title order={3} size="h4">
          {title}
        </Title>
        <Stack gap={4}>
          <Text size="sm" data-testid="sync-pending" data-value={status.pendingChanges}>
            {status.pendingChanges > 0 ? t('syncUi.send.pending', { count: number(status.pendingChanges) }) : t('syncUi.send.nothingPending')}
          </Text>
          <Text size="sm" data-testid="sync-acknowledged">
            {status.lastReceiptAt
              ? t('syncUi.send.acknowledged', { sequence: status.acknowledgedSequence, at: formatDateTime(status.lastReceiptAt) })
              : t('syncUi.send.noReceiptYet')}
          </Text>
        </Stack>
        {can('records.write') ? (
          <Stack gap="lg">
            <ExportToFolder onDone={onChanged} />
            <Upload uploadUrl={status.enrollment?.uploadUrl ?? null} onDone={onChanged} />
            <ImportReceipt onDone={onChanged} />
          </Stack>
        ) : (
          <Text size="sm" c="dimmed" data-testid="sync-send-readonly">
            {t('syncUi.send.readOnly')}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

/** Calls `onDone` once when a job has just succeeded (the status moved). */
function useWhenSucceeded(succeeded: unknown, onDone: () => void) {
  useEffect(() => {
    if (succeeded) onDone();
    // Only when the job has just finished, not when the parent's callback changes identity.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [succeeded]);
}

function ExportToFolder({ onDone }: { onDone(): void }) {
  const { t } = useTranslation();
  const picker = useFilePicker();
  const size = useFormatSize();
  const number = useFormatNumber();
  const sequences = useSequenceList();
  const job = useJob('sync.export');
  const [folder, setFolder] = useState<ChosenFile | null>(null);
  const { state } = job;
  const busy = state.status === 'starting' || state.status === 'running';
  const output = state.status === 'succeeded' ? state.output : null;
  useWhenSucceeded(output, onDone);

  const start = async () => {
    const chosen = await picker.chooseFolder({ title: t('syncUi.export.dialogTitle') });
    if (!chosen) return;
    setFolder(chosen);
    await job.start({ folder: chosen.handle });
  };

  return (
    <Stack gap="xs">
      <Group>
        <Button onClick={() => void start()} loading={busy} data-testid="sync-export">
          {t('syncUi.export.start')}
        </Button>
        {busy && (
          <Button variant="default" onClick={() => void job.cancel()} data-testid="sync-export-cancel">
            {t('common.cancel')}
          </Button>
        )}
      </Group>
      <Text size="xs" c="dimmed">
        {t('syncUi.export.hint')}
      </Text>
      {state.status === 'running' && (
        <RunningJob done={state.done} total={state.total} label={t('syncUi.export.start')} text={t('syncUi.export.running', { done: number(state.done), total: number(state.total) })} testId="sync-export-progress" />
      )}
      {output && (
        <Alert color={output.file ? 'green' : 'blue'} data-testid="sync-export-result" data-sequence={output.sequence ?? ''}>
          <Stack gap={4}>
            <Text size="sm">
              {output.file && output.sequence !== null
                ? t('syncUi.export.made', { sequence: output.sequence, changes: number(output.changes), size: size(output.bytes), folder: folder?.path ?? '' })
                : t('syncUi.export.nothingNew')}
            </Text>
            {output.resent.length > 0 && (
              <Text size="sm" data-testid="sync-export-resent">
                {t('syncUi.export.resent', { count: output.resent.length, sequences: sequences(output.resent.map((b) => b.sequence)) })}
              </Text>
            )}
          </Stack>
        </Alert>
      )}
      {state.status === 'failed' && (
        <Alert color={state.error.code === 'CANCELLED' ? 'gray' : 'red'} role={state.error.code === 'CANCELLED' ? undefined : 'alert'} data-testid="sync-export-result">
          {state.error.code === 'CANCELLED' ? t('syncUi.export.cancelled') : <SyncErrorText error={state.error} />}
        </Alert>
      )}
    </Stack>
  );
}

function Upload({ uploadUrl, onDone }: { uploadUrl: string | null; onDone(): void }) {
  const { t } = useTranslation();
  const number = useFormatNumber();
  const sequences = useSequenceList();
  const job = useJob('sync.upload');
  const hintId = useId();
  const { state } = job;
  const busy = state.status === 'starting' || state.status === 'running';
  const output = state.status === 'succeeded' ? state.output : null;
  useWhenSucceeded(output, onDone);
  return (
    <Stack gap="xs">
      <Group>
        <Button variant="default" onClick={() => void job.start({})} loading={busy} disabled={uploadUrl === null} aria-describedby={hintId} data-testid="sync-upload">
          {t('syncUi.upload.start')}
        </Button>
        {busy && (
          <Button variant="default" onClick={() => void job.cancel()} data-testid="sync-upload-cancel">
            {t('common.cancel')}
          </Button>
        )}
      </Group>
      <Text size="xs" c="dimmed" id={hintId} data-testid="sync-upload-hint">
        {uploadUrl === null ? t('syncUi.upload.noUrl') : t('syncUi.upload.hint', { url: uploadUrl })}
      </Text>
      {state.status === 'running' && (
        <RunningJob done={state.done} total={state.total} label={t('syncUi.upload.start')} text={t('syncUi.upload.running', { done: number(state.done), total: number(state.total) })} testId="sync-upload-progress" />
      )}
      {output && (
        <Alert color="green" data-testid="sync-upload-result">
          <Text size="sm">
            {output.uploaded.length > 0
              ? t('syncUi.upload.done', { count: output.uploaded.length, sequences: sequences(output.uploaded.map((b) => b.sequence)) })
              : t('syncUi.upload.nothing')}
          </Text>
          {output.sequence !== null && (
            <Text size="sm">{t('syncUi.upload.made', { sequence: output.sequence, changes: number(output.changes) })}</Text>
          )}
        </Alert>
      )}
      {state.status === 'failed' && (
        <Alert color={state.error.code === 'CANCELLED' ? 'gray' : 'red'} role={state.error.code === 'CANCELLED' ? undefined : 'alert'} data-testid="sync-upload-result">
          {state.error.code === 'CANCELLED' ? t('syncUi.upload.cancelled') : <SyncErrorText error={state.error} />}
        </Alert>
      )}
    </Stack>
  );
}

function ImportReceipt({ onDone }: { onDone(): void }) {
  const { t } = useTranslation();
  const picker = useFilePicker();
  const receipt = useContractMutation('sync.receipt.import', { onSuccess: onDone });
  const [file, setFile] = useState<ChosenFile | null>(null);
  const choose = async () => {
    const chosen = await picker.openFile({ kind: 'receipt', title: t('syncUi.receipt.dialogTitle'), filterName: t('syncUi.receipt.filterName') });
    if (!chosen) return;
    setFile(chosen);
    receipt.mutate({ file: chosen.handle });
  };
  const result = receipt.data;
  return (
    <Stack gap="xs">
      <Group>
        <Button variant="default" onClick={() => void choose()} loading={receipt.isPending} data-testid="sync-receipt-import">
          {t('syncUi.receipt.start')}
        </Button>
      </Group>
      <Text size="xs" c="dimmed">
        {t('syncUi.receipt.hint')}
      </Text>
      {result && (
        <Alert color="green" data-testid="sync-receipt-result">
          <Stack gap={4}>
            <Text size="sm">{t('syncUi.receipt.done', { receipt: result.receiptSeq, sequence: result.acknowledgedSequence })}</Text>
            <ReceiptBundles result={result} />
            {result.alertsRaised > 0 ? (
              <Text size="sm" data-testid="sync-receipt-alerts">
                {t('syncUi.receipt.alerts', { count: result.alertsRaised })}{' '}
                <Anchor component={Link} to="/alerts" size="sm">
                  {t('syncUi.receipt.openAlerts')}
                </Anchor>
              </Text>
            ) : (
              <Text size="sm" data-testid="sync-receipt-alerts">
                {t('syncUi.receipt.noAlerts')}
              </Text>
            )}
          </Stack>
        </Alert>
      )}
      {receipt.isError && (
        <Alert color="red" role="alert" data-testid="sync-receipt-result">
          <Stack gap={4}>
            {file && <Text size="sm">{t('syncUi.receipt.file', { file: file.path })}</Text>}
            <div>
              <SyncErrorText error={receipt.error.error} />
            </div>
          </Stack>
        </Alert>
      )}
    </Stack>
  );
}

/** What the receipt said of each bundle since the last one (and of those still held), in words. */
function ReceiptBundles({ result }: { result: MethodOutput<'sync.receipt.import'> }) {
  const { t } = useTranslation();
  const reason = useReasonText();
  if (result.bundles.length === 0) return null;
  return (
    <Stack gap={0} data-testid="sync-receipt-bundles">
      <Text size="sm">{t('syncUi.receipt.bundles')}</Text>
      <List size="sm">
        {result.bundles.map((b) => {
          const status = t(`sync.statuses.${b.status}`);
          // A held bundle waits for the first one the bureau has not applied.
          const why = reason(b.reason, result.acknowledgedSequence + 1);
          return (
            <List.Item key={b.sequence} data-testid="sync-receipt-bundle" data-sequence={b.sequence} data-status={b.status}>
              {why ? t('syncUi.receipt.bundleWhy', { sequence: b.sequence, status, reason: why }) : t('syncUi.receipt.bundle', { sequence: b.sequence, status })}
            </List.Item>
          );
        })}
      </List>
    </Stack>
  );
}
