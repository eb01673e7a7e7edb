/**
 * 变更记录: the change log entries of this resident (newest first) — when (2026年11月29日 14:05), what kind of change,
 * which fields, by whom. Field names are the stored column names; those a clerk would recognise
 * are translated, the rest shown as stored.
 */
import { Alert, Loader, Paper, Table, Text, Title } from '@mantine/core';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { catalogs } from '../../../../../shared/i18n';
import { useContractQuery } from '../../../app/api/queries';
import { ErrorText } from '../../../app/forms/contract-errors';
import { useFormatters } from '../../../app/i18n/format';
import { useSession } from '../../../app/session/session-context';

type ChangeField = keyof (typeof catalogs)['zh-CN']['residents']['changeFields'];

function isChangeField(column: string): column is ChangeField {
  return Object.prototype.hasOwnProperty.call(catalogs['zh-CN'].residents.changeFields, column);
}

/** Enough for any one person's history; the log is read through its (entity, entity_id) index. */
const HISTORY_LIMIT = 500;

export function ChangeHistory({ residentId }: { residentId: string }) {
  const { t } = useTranslation();
  const { formatDate } = useFormatters();
  const { session } = useSession();
  const changes = useContractQuery('system.changes.list', { entity: 'residents', entityId: residentId, limit: HISTORY_LIMIT });
  // The core names the user of each entry (as the account is named now); a removed account reads "another user".
  const who = (entry: { userId: string | null; userName: string | null }) => {
    if (!entry.userId) return t('residents.page.bySystem');
    if (entry.userId === session.userId) return t('residents.page.byYou', { name: session.displayName });
    return entry.userName ?? t('residents.page.byOther');
  };
  const fieldLabel = (column: string) => (isChangeField(column) ? t(`residents.changeFields.${column}`) : column);

  const entries = [...(changes.data ?? [])].reverse();
  return (
    <Paper withBorder p="md" component="section" aria-label={t('residents.page.changes')} data-testid="resident-changes">
      <Title order={3} size="h5" mb="sm">
        {t('residents.page.changes')}
      </Title>
      {changes.isPending && <Loader size="sm" aria-label={t('app.loading')} />}
      {changes.isError && (
        <Alert color="red" role="alert">
          <ErrorText error={changes.error.error} />
        </Alert>
      )}
      {changes.data && entries.length === 0 && <Text c="dimmed">{t('residents.page.noChanges')}</Text>}
      {entries.length > 0 && (
        <Table.ScrollContainer minWidth={560}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('residents.page.changeAt')}</Table.Th>
                <Table.Th>{t('residents.page.changeKind')}</Table.Th>
                <Table.Th>{t('residents.page.changeFieldsLabel')}</Table.Th>
                <Table.Th>{t('residents.page.changeBy')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {entries.map((entry) => (
                <Table.Tr key={entry.seq} data-testid="resident-change">
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{`${formatDate(entry.at)} ${dayjs(entry.at).format('HH:mm')}`}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{t(`residents.page.changeOps.${entry.op}`)}</Table.Td>
                  <Table.Td>{entry.op === 'insert' ? t('residents.page.registeredEntry') : entry.fields.map(fieldLabel).join('、')}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{who(entry)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}
