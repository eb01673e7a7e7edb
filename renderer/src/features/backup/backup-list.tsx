/** 备份列表: the backups in a folder (the automatic one unless another is shown), newest first. */
import { Alert, Button, Loader, List, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useContractQuery } from '../../app/api/queries';
import { TitledTable } from '../../app/components/titled-table';
import { useFormatters } from '../../app/i18n/format';
import { useFilePicker } from '../../app/platform/file-picker';
import { ChosenPath } from '../../app/platform/chosen-path';
import { BackupErrorText, CountsText, useFormatBytes } from './backup-format';
import type { ChosenFile } from '../../../../shared/contract';

export function BackupList({
  folder,
  onShowFolder,
  selected,
  onSelect,
}: {
  /** The folder listed; undefined: the automatic backup folder. */
  folder: ChosenFile | undefined;
  onShowFolder(folder: ChosenFile | undefined): void;
  selected: ChosenFile | null;
  onSelect(file: ChosenFile): void;
}) {
  const { t } = useTranslation();
  const { formatDateTime } = useFormatters();
  const formatBytes = useFormatBytes();
  const picker = useFilePicker();
  const list = useContractQuery('backup.list', folder ? { folder: folder.handle } : {});

  return (
    <Stack gap="sm">
      <TitledTable
        title={t('backup.list.title')}
        order={4}
        columns={[
          { label: t('backup.list.date') },
          { label: t('backup.list.kind') },
          { label: t('backup.list.office') },
          { label: t('backup.list.size') },
          { label: t('backup.list.contents') },
          {},
        ]}
        rows={list.data?.items}
        empty={t('backup.list.empty')}
        emptyTestId="backup-list-empty"
        minWidth={720}
        table={{ striped: true, highlightOnHover: true }}
        testId="backup-list"
        renderRow={(item) => (
          <Table.Tr key={item.file} data-testid="backup-row" data-file={item.file} aria-selected={item.file === selected?.path}>
            <Table.Td>
              <Text size="sm">{formatDateTime(item.createdAt)}</Text>
              <Text size="xs" c="dimmed">
                {item.name}
              </Text>
            </Table.Td>
            <Table.Td>{t(`backup.kinds.${item.kind}`)}</Table.Td>
            <Table.Td>
              <Text size="sm">{item.office.name}</Text>
              <Text size="xs" c="dimmed">
                {item.office.code}
              </Text>
            </Table.Td>
            <Table.Td>{formatBytes(item.bytes)}</Table.Td>
            <Table.Td>
              <CountsText counts={item.counts} verified={item.verified === true} />
            </Table.Td>
            <Table.Td>
              <Button size="xs" variant={item.file === selected?.path ? 'filled' : 'default'}
                onClick={() => onSelect({ handle: item.handle, name: item.name, path: item.file })}
                data-testid="backup-select">
                {t('backup.list.select')}
              </Button>
            </Table.Td>
          </Table.Tr>
        )}
      >
        <ChosenPath
          label={t('backup.list.folder')}
          placeholder={t('importUi.backup.automaticFolder')}
          value={folder ?? null}
          testId="backup-list-folder"
          chooseLabel={t('importUi.backup.chooseFolder')}
          chooseTestId="backup-list-choose"
          choose={() => picker.chooseFolder({ title: t('backup.list.folder') })}
          onChosen={onShowFolder}
        >
          {folder && (
            <Button variant="subtle" onClick={() => onShowFolder(undefined)} data-testid="backup-list-automatic">
              {t('importUi.backup.useAutomatic')}
            </Button>
          )}
        </ChosenPath>
        {list.isPending && <Loader size="sm" />}
        {list.isError && (
          <Alert color="red" role="alert" data-testid="backup-list-error">
            <BackupErrorText error={list.error.error} />
          </Alert>
        )}
        {list.data && (
          <Text size="xs" c="dimmed" data-testid="backup-list-folder-shown">
            {t('backup.list.folderShown', { folder: list.data.folder })}
          </Text>
        )}
      </TitledTable>
      {list.data && list.data.unreadable.length > 0 && (
        <Alert color="orange" data-testid="backup-list-unreadable">
          <Text size="sm">{t('backup.list.unreadable')}</Text>
          {/* The problem is technical text from the core, for support. */}
          <List size="sm">
            {list.data.unreadable.map((entry) => (
              <List.Item key={entry.name}>{t('backup.list.unreadableItem', { name: entry.name, problem: entry.problem })}</List.Item>
            ))}
          </List>
        </Alert>
      )}
    </Stack>
  );
}
