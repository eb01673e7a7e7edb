/** 备份与恢复 in Settings (system.maintain): back up now, the list of backups, inspect and restore. */
import { Divider, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { contractKey } from '../../app/api/queries';
import { SettingsSection } from '../settings/settings-page';
import { BackupList } from './backup-list';
import { CreateBackup } from './create-backup';
import { RestoreBackup } from './restore-backup';
import type { ChosenFile } from '../../../../shared/contract';

export function BackupSection() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [folderInput, setFolderInput] = useState<ChosenFile | null>(null);
  /** The folder the list shows; undefined: the automatic backup folder. */
  const [shownFolder, setShownFolder] = useState<ChosenFile | undefined>(undefined);
  const [file, setFile] = useState<ChosenFile | null>(null);

  return (
    <SettingsSection title={t('backup.title')} testId="settings-backup">
      <Stack gap="lg">
        <Text size="sm" c="dimmed">
          {t('backup.description')}
        </Text>
        <CreateBackup
          folder={folderInput}
          onFolderChange={setFolderInput}
          onCreated={(summary, folder) => {
            // Show the folder the backup went to, with the new file in it, ready to inspect.
            setShownFolder(folder);
            setFile({ handle: summary.handle, name: summary.name, path: summary.file });
            void queryClient.invalidateQueries({ queryKey: contractKey('backup.list') });
          }}
        />
        <Divider />
        <BackupList
          folder={shownFolder}
          onShowFolder={setShownFolder}
          selected={file}
          onSelect={setFile}
        />
        <Divider />
        <RestoreBackup file={file} onFileChange={setFile} />
      </Stack>
    </SettingsSection>
  );
}
