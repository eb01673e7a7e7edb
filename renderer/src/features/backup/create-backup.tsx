/** 立即备份: into a typed folder (a USB drive …) or, left empty, the automatic backup folder. */
import { Alert, Button, Group, Progress, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useJob } from '../../app/api/use-job';
import type { BackupSummary } from '../../../../shared/contract';
import { BackupErrorText, useFormatBytes } from './backup-format';

export function CreateBackup({
  folder,
  onFolderChange,
  onCreated,
}: {
  folder: string;
  onFolderChange(folder: string): void;
  onCreated(summary: BackupSummary, folder: string | undefined): void;
}) {
  const { t } = useTranslation();
  const formatBytes = useFormatBytes();
  const job = useJob('backup.create');
  const { state } = job;
  const busy = state.status === 'starting' || state.status === 'running';
  const percent = state.status === 'running' && state.total > 0 ? Math.round((state.done / state.total) * 100) : 0;
  const target = folder.trim();

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
      <TextInput
        label={t('backup.create.folder')}
        description={t('backup.create.folderHint')}
        placeholder={t('backup.create.folderPlaceholder')}
        value={folder}
        onChange={(event) => onFolderChange(event.currentTarget.value)}
        disabled={busy}
        data-testid="backup-folder"
      />
      <Group>
        <Button onClick={() => void job.start(target ? { folder: target } : {})} loading={busy} data-testid="backup-start">
          {t('backup.create.start')}
        </Button>
        {busy && (
          <Button variant="default" onClick={() => void job.cancel()} data-testid="backup-cancel">
            {t('backup.create.cancel')}
          </Button>
        )}
      </Group>
      {state.status === 'running' && (
        <div>
          <Progress value={percent} animated aria-label={t('backup.create.title')} data-testid="backup-progress" />
          <Text size="xs" c="dimmed" mt={4}>
            {t('backup.create.running', { done: state.done, total: state.total })}
          </Text>
        </div>
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
