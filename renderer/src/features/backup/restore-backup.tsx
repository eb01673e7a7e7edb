/**
 * 查看与恢复: a backup chosen in the list or in the system's open dialog is inspected first (what it holds,
 * whether it is intact and this office's); only then may it be restored, after a confirmation.
 * The core keeps the current database aside and ends every session, so the app returns to login.
 */
import { Alert, Button, Group, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useContractMutation } from '../../app/api/queries';
import { useJob } from '../../app/api/use-job';
import { useFormatters } from '../../app/i18n/format';
import { useFilePicker } from '../../app/platform/file-picker';
import { ChosenPath } from '../../app/platform/chosen-path';
import { BackupErrorText, CountsText, useFormatBytes } from './backup-format';
import { RunningJob } from '../../app/components/running-job';
import type { ChosenFile } from '../../../../shared/contract';

export function RestoreBackup({ file, onFileChange }: { file: ChosenFile | null; onFileChange(file: ChosenFile): void }) {
  const { t } = useTranslation();
  const { formatDateTime } = useFormatters();
  const formatBytes = useFormatBytes();
  const inspect = useContractMutation('backup.inspect');
  const job = useJob('backup.restore');
  const picker = useFilePicker();
  const [confirming, setConfirming] = useState(false);
  const { state } = job;
  const busy = state.status === 'starting' || state.status === 'running';
  const target = file?.handle ?? '';
  // What was inspected counts only while the field still names that file.
  const inspected = inspect.data && inspect.variables?.file === target ? inspect.data : null;

  const restore = () => {
    setConfirming(false);
    if (inspected) void job.start({ file: inspected.handle });
  };

  return (
    <Stack gap="sm">
      <Title order={4} size="h5">
        {t('backup.restore.title')}
      </Title>
      <ChosenPath
        label={t('backup.restore.file')}
        description={t('importUi.backup.fileHint')}
        placeholder={t('importUi.backup.noFile')}
        value={file}
        testId="restore-file"
        chooseLabel={t('importUi.backup.chooseFile')}
        chooseTestId="restore-choose"
        choose={() => picker.openFile({ kind: 'backup', title: t('importUi.dialogs.openBackup'), filterName: t('importUi.dialogs.backupFilter') })}
        onChosen={onFileChange}
        disabled={busy}
      >
        <Button
          variant="default"
          onClick={() => inspect.mutate({ file: target })}
          disabled={!target || busy}
          loading={inspect.isPending}
          data-testid="restore-inspect"
        >
          {t('backup.restore.inspect')}
        </Button>
      </ChosenPath>
      {inspect.isError && inspect.variables.file === target && (
        <Alert color="red" role="alert" data-testid="restore-inspect-error">
          <BackupErrorText error={inspect.error.error} />
        </Alert>
      )}
      {inspected && (
        <Stack gap="xs" data-testid="restore-contents">
          <Text fw={500} size="sm">
            {t('backup.restore.contents')}
          </Text>
          <Table withRowBorders={false} verticalSpacing={4}>
            <Table.Tbody>
              <Table.Tr>
                <Table.Th w={140}>{t('backup.restore.date')}</Table.Th>
                <Table.Td data-testid="restore-date">{formatDateTime(inspected.createdAt)}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('backup.restore.office')}</Table.Th>
                <Table.Td data-testid="restore-office">
                  {inspected.office.name}
                  <Text span size="xs" c="dimmed" ml="xs">
                    {inspected.office.code}
                  </Text>
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('backup.restore.kind')}</Table.Th>
                <Table.Td>{t(`backup.kinds.${inspected.kind}`)}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('backup.restore.counts')}</Table.Th>
                <Table.Td data-testid="restore-counts">
                  <CountsText counts={inspected.counts} verified={inspected.verified === true} />
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('backup.restore.appVersion')}</Table.Th>
                <Table.Td>{inspected.appVersion}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('backup.restore.schemaVersion')}</Table.Th>
                <Table.Td>{inspected.schemaVersion}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('backup.restore.size')}</Table.Th>
                <Table.Td>{formatBytes(inspected.bytes)}</Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
          <Text size="sm" c={inspected.intact ? 'green' : 'red'}>
            {inspected.intact ? t('backup.restore.intact') : t('backup.restore.damaged')}
          </Text>
          <Text size="sm" c={inspected.sameKey ? 'green' : 'red'}>
            {inspected.sameKey ? t('backup.restore.sameKey') : t('backup.restore.otherKey')}
          </Text>
          {!inspected.sameOffice && (
            <Text size="sm" c="red">
              {t('backup.restore.otherOffice')}
            </Text>
          )}
          {inspected.restorable ? (
            <Group>
              <Button color="red" onClick={() => setConfirming(true)} loading={busy} data-testid="restore-start">
                {t('backup.restore.start')}
              </Button>
              {busy && (
                <Button variant="default" onClick={() => void job.cancel()} data-testid="restore-cancel">
                  {t('backup.restore.cancel')}
                </Button>
              )}
            </Group>
          ) : (
            <Alert color="orange" data-testid="restore-not-restorable">
              {t('backup.restore.notRestorable')}
            </Alert>
          )}
        </Stack>
      )}
      {state.status === 'running' && (
        <RunningJob done={state.done} total={state.total} label={t('backup.restore.title')} text={t('backup.restore.running', { done: state.done, total: state.total })} testId="restore-progress" />
      )}
      {state.status === 'succeeded' && (
        <Alert color="green" data-testid="restore-result">
          {t('backup.restore.done', { setAside: state.output.setAside })}
        </Alert>
      )}
      {state.status === 'failed' && state.error.code === 'CANCELLED' && (
        <Alert color="gray" data-testid="restore-result">
          {t('backup.restore.cancelled')}
        </Alert>
      )}
      {state.status === 'failed' && state.error.code !== 'CANCELLED' && (
        <Alert color="red" role="alert" data-testid="restore-result">
          <BackupErrorText error={state.error} />
        </Alert>
      )}
      <Modal opened={confirming && inspected !== null} onClose={() => setConfirming(false)} title={t('backup.restore.confirmTitle')}>
        <Stack gap="md">
          <Text size="sm" data-testid="restore-confirm-body">
            {inspected ? t('backup.restore.confirmBody', { date: formatDateTime(inspected.createdAt) }) : null}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)} data-testid="restore-confirm-cancel">
              {t('common.cancel')}
            </Button>
            <Button color="red" onClick={restore} data-testid="restore-confirm">
              {t('backup.restore.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
