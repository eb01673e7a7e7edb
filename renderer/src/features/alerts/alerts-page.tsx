/**
 * 提醒: the inbox. Open alerts wait for someone to take them ("我来处理" acknowledges), acknowledged
 * ones stay until resolved (with an optional note of what was done), resolved ones are kept for the
 * record — including those a module resolved itself when the condition went away. Urgent first.
 */
import { useEffect, useState } from 'react';
import { Alert as Notice, Badge, Button, Group, Loader, Modal, Pagination, Stack, Table, Tabs, Text, Textarea, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Alert, AlertSeverity, AlertStatus, ContractError } from '../../../../shared/contract';
import { useApi } from '../../app/api/api-context';
import { ApiError } from '../../app/api/client';
import { useContractQuery } from '../../app/api/queries';
import { EnterForm } from '../../app/forms/enter-to-next';
import { ErrorText, IssueText } from '../../app/forms/contract-errors';
import { notifySuccess } from '../../app/components/notify';
import { useFormatters } from '../../app/i18n/format';
import { useCan } from '../../app/session/session-context';
import { AlertRecordLink, useAlertText } from './alert-message';

const TABS = ['open', 'acknowledged', 'resolved'] as const satisfies readonly AlertStatus[];
const PAGE = 50;

export const SEVERITY_COLOURS: Record<AlertSeverity, string> = { info: 'blue', warning: 'orange', urgent: 'red' };

export function AlertsPage() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<AlertStatus>('open');
  const [page, setPage] = useState(1);
  const counts = useContractQuery('alerts.counts', {});
  const api = useApi();
  const can = useCan();
  const mayRefresh = can('records.write');
  // Opening the inbox runs the modules' daily scans (a licence that came within its window today);
  // each alert fires once, so this raises only what is new, and its writes refresh the lists.
  useEffect(() => {
    if (mayRefresh) void api.call('alerts.refresh', {}).catch(() => undefined);
  }, [api, mayRefresh]);
  const count = (status: AlertStatus) => (status === 'open' ? counts.data?.open : status === 'acknowledged' ? counts.data?.acknowledged : undefined);
  return (
    <Stack gap="sm" data-testid="alerts-page">
      <Title order={2}>{t('alerts.title')}</Title>
      <Tabs
        value={tab}
        onChange={(value) => {
          const next = TABS.find((s) => s === value);
          if (next) {
            setTab(next);
            setPage(1);
          }
        }}
      >
        <Tabs.List>
          {TABS.map((status) => (
            <Tabs.Tab key={status} value={status} data-testid={`alerts-tab-${status}`}>
              {t(`alerts.statuses.${status}`)}
              {count(status) ? (
                <Badge ml={6} size="sm" variant="light" color={status === 'open' ? 'red' : 'gray'} data-testid={`alerts-count-${status}`}>
                  {count(status)}
                </Badge>
              ) : null}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <AlertList status={tab} page={page} onPage={setPage} />
    </Stack>
  );
}

function AlertList({ status, page, onPage }: { status: AlertStatus; page: number; onPage: (page: number) => void }) {
  const { t } = useTranslation();
  const can = useCan();
  const text = useAlertText();
  const { formatDate, formatDateTime } = useFormatters();
  const list = useContractQuery('alerts.list', { status, offset: (page - 1) * PAGE, limit: PAGE });
  const [resolving, setResolving] = useState<Alert | null>(null);
  const [error, setError] = useState<ContractError | null>(null);
  const api = useApi();
  const editable = can('records.write');

  const acknowledge = async (alert: Alert) => {
    setError(null);
    try {
      await api.call('alerts.acknowledge', { id: alert.id, version: alert.version });
      notifySuccess(t, t('alertsUi.acknowledged'));
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      setError(e.error);
    }
  };

  if (list.isPending) return <Loader size="sm" aria-label={t('app.loading')} />;
  if (list.isError) {
    return (
      <Notice color="red" role="alert">
        <ErrorText error={list.error.error} />
      </Notice>
    );
  }
  const { items, total } = list.data;
  const pages = Math.ceil(total / PAGE);
  return (
    <Stack gap="xs">
      {error && (
        <Notice color="red" role="alert" data-testid="alerts-error">
          <ErrorText error={error} />
        </Notice>
      )}
      {items.length === 0 ? (
        <Text c="dimmed" size="sm" data-testid="alerts-empty">
          {status === 'resolved' ? t('alertsUi.emptyResolved') : t('alerts.empty')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={820}>
          <Table striped data-testid="alerts-list">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={80}>{t('alertsUi.severity')}</Table.Th>
                <Table.Th>{t('alertsUi.message')}</Table.Th>
                <Table.Th w={130}>{t('alertsUi.due')}</Table.Th>
                <Table.Th w={150}>{t('alertsUi.raisedAt')}</Table.Th>
                <Table.Th>{status === 'open' ? t('alertsUi.record') : t('alertsUi.handling')}</Table.Th>
                {editable && status !== 'resolved' && <Table.Th aria-label={t('common.actions')} />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((alert) => (
                <Table.Tr key={alert.id} data-testid="alert-row" data-source={alert.source} data-status={alert.status}>
                  <Table.Td>
                    <Badge color={SEVERITY_COLOURS[alert.severity]} variant={alert.severity === 'urgent' ? 'filled' : 'light'} tt="none">
                      {t(`alerts.severities.${alert.severity}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" data-testid="alert-message">
                      {text(alert)}
                    </Text>
                    {status !== 'open' && <AlertRecordLink alert={alert} />}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{alert.dueOn ? formatDate(alert.dueOn) : '—'}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(alert.raisedAt)}</Table.Td>
                  <Table.Td>
                    {status === 'open' && <AlertRecordLink alert={alert} />}
                    {alert.status === 'acknowledged' && alert.acknowledgedAt && (
                      <Text size="xs">{t('alertsUi.acknowledgedBy', { name: alert.acknowledgedBy ?? '—', at: formatDateTime(alert.acknowledgedAt) })}</Text>
                    )}
                    {alert.status === 'resolved' && (
                      <Stack gap={0}>
                        <Text size="xs">
                          {alert.resolvedBy
                            ? t('alertsUi.resolvedBy', { name: alert.resolvedBy, at: alert.resolvedAt ? formatDateTime(alert.resolvedAt) : '' })
                            : t('alerts.resolvedAutomatically')}
                        </Text>
                        {alert.resolution && (
                          <Text size="xs" c="dimmed" data-testid="alert-resolution">
                            {alert.resolution}
                          </Text>
                        )}
                      </Stack>
                    )}
                  </Table.Td>
                  {editable && status !== 'resolved' && (
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        {alert.status === 'open' && (
                          <Button size="xs" variant="light" onClick={() => void acknowledge(alert)} data-testid="alert-acknowledge">
                            {t('alerts.acknowledge')}
                          </Button>
                        )}
                        <Button size="xs" variant="subtle" onClick={() => setResolving(alert)} data-testid="alert-resolve">
                          {t('alerts.resolve')}
                        </Button>
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {pages > 1 && <Pagination total={pages} value={page} onChange={onPage} aria-label={t('alertsUi.pages')} />}
      <Modal opened={resolving !== null} onClose={() => setResolving(null)} title={t('alertsUi.resolveTitle')} data-testid="alert-resolve-dialog">
        {resolving && <ResolveForm alert={resolving} onDone={() => setResolving(null)} />}
      </Modal>
    </Stack>
  );
}

function ResolveForm({ alert, onDone }: { alert: Alert; onDone: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const text = useAlertText();
  const [note, setNote] = useState('');
  const [error, setError] = useState<ContractError | null>(null);
  const [saving, setSaving] = useState(false);
  const noteIssue = error?.issues?.find((i) => i.path[0] === 'note');
  const submit = async () => {
    setError(null);
    setSaving(true);
    try {
      await api.call('alerts.resolve', { id: alert.id, version: alert.version, note: note.trim() || undefined });
      notifySuccess(t, t('alertsUi.resolved'));
      onDone();
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      setError(e.error);
    } finally {
      setSaving(false);
    }
  };
  return (
    <EnterForm
      onSubmit={(e) => {
        e?.preventDefault();
        void submit();
      }}
    >
      <Stack gap="sm">
        <Text size="sm">{text(alert)}</Text>
        <Textarea
          label={t('alerts.resolutionNote')}
          description={t('alertsUi.noteOptional')}
          rows={2}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          error={noteIssue ? <IssueText issue={noteIssue} parent={error ?? undefined} /> : undefined}
          data-testid="alert-resolve-note"
        />
        {error && !noteIssue && (
          <Notice color="red" role="alert">
            <ErrorText error={error} />
          </Notice>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={saving} data-testid="alert-resolve-confirm">
            {t('alerts.resolve')}
          </Button>
        </Group>
      </Stack>
    </EnterForm>
  );
}