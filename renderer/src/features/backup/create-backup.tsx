/** 立即备份: into a folder chosen in the system's dialog (a USB drive …) or the automatic backup folder. */
import { Alert, Button, Group, Stack, Title } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useJob } from '../../app/api/use-job';
import { useFilePicker } from '../../app/platform/file-picker';
import { ChosenPath } from '../../app/platform/chosen-path';
import type { BackupChoice, ChosenFile } from '../../../../shared/contract';
import { BackupErrorText, useFormatBytes } from './backup-format';
import { RunningJob } from '../../app/components/running-job';

export function CreateBackup({
  folder,
  onFolderChange,
  onCreated,
}: {
  folder: ChosenFile | null;
  onFolderChange(folder: ChosenFile | null): void;
  onCreated(summary: BackupChoice, folder: ChosenFile | undefined): void;
}) {
  const { t } = useTranslation();
  const formatBytes = useFormatBytes();
  const job = useJob('backup.create');
  const picker = useFilePicker();
  const { state } = job;
  const busy = state.status === 'starting' || state.status === 'running';
  const target = folder;

  const created = state.status === 'succeeded' ? state.output : null;
  useEffect(() => {
    if (created) onCreated(created, target || undefined);
    // Only when a backup has just been written, not when the folder field changes afterwards.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [created]);

  return (
    <Stack gap="sm">
      <Title order={4} size="h5">
        {t('backup.create.title')}
      </Title>
      <ChosenPath
        gap="xs"
        label={t('backup.create.folder')}
        description={t('importUi.backup.folderHint')}
        placeholder={t('importUi.backup.automaticFolder')}
        value={folder}
        testId="backup-folder"
        chooseLabel={t('importUi.backup.chooseFolder')}
        chooseTestId="backup-choose-folder"
        choose={() => picker.chooseFolder({ title: t('importUi.dialogs.backupFolder') })}
        onChosen={onFolderChange}
        disabled={busy}
      >
        {target && (
          <Button variant="subtle" disabled={busy} onClick={() => onFolderChange(null)} data-testid="backup-use-automatic">
            {t('importUi.backup.useAutomatic')}
          </Button>
        )}
      </ChosenPath>
      <Group>
        <Button onClick={() => void job.start(target ? { folder: target.handle } : {})} loading={busy} data-testid="backup-start">
          {t('backup.create.start')}
        </Button>
        {busy && (
          <Button variant="default" onClick={() => void job.cancel()} data-testid="backup-cancel">
            {t('backup.create.cancel')}
          </Button>
        )}
      </Group>
      {state.status === 'running' && (
        <RunningJob done={state.done} total={state.total} label={t('backup.create.title')} text={t('backup.create.running', { done: state.done, total: state.total })} testId="backup-progress" />
      )}
      {state.status === 'succeeded' && (
        <Alert color="green" data-testid="backup-result">
          {t('backup.create.done', { file: state.output.file, size: formatBytes(state.output.bytes) })}
        </Alert>
      )}
      {state.status === 'failed' && state.error.code === 'CANCELLED' && (
        <Alert color="gray" data-testid="backup-result">
          {t('backup.create.cancelled')}
        </Alert>
      )}
      {state.status === 'failed' && state.error.code !== 'CANCELLED' && (
        <Alert color="red" role="alert" data-testid="backup-result">
          <BackupErrorText error={state.error} />
        </Alert>
      )}
    </Stack>
  );
}
