/**
 * 报警: what the intake found that a person must look at — two bundles with one sequence, a forked
 * chain, an office's audit trail rewritten. Open ones first; someone who maintains the system marks
 * one handled once it is looked into (the record of it stays). Each one's detail is what the
 * intake wrote for it, under words for each key.
 */
import { useState } from 'react';
import { Alert, Badge, Button, Loader, Paper, Stack, Switch, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../../../shared/contract';
import { catalogs } from '../../../../../shared/i18n';
import { useContractMutation, useContractQuery } from '../../../app/api/queries';
import { notifySuccess } from '../../../app/components/notify';
import { TitledTable } from '../../../app/components/titled-table';
import { ErrorText } from '../../../app/forms/contract-errors';
import { useFormatters } from '../../../app/i18n/format';
import { useCan } from '../../../app/session/session-context';
import { SyncErrorText } from '../format';

type Alarm = MethodOutput<'bureau.alarms'>['items'][number];
type AlarmKind = keyof (typeof catalogs)['zh-CN']['sync']['alarms'];
type DetailKey = keyof (typeof catalogs)['zh-CN']['syncUi']['bureau']['alarms']['detail'];

function isAlarmKind(kind: string): kind is AlarmKind {
  return Object.prototype.hasOwnProperty.call(catalogs['zh-CN'].sync.alarms, kind);
}

function isDetailKey(key: string): key is DetailKey {
  return Object.prototype.hasOwnProperty.call(catalogs['zh-CN'].syncUi.bureau.alarms.detail, key);
}

/** The keys in the order the catalog lists them (what the intake writes); keys this version has no words for after them. */
const DETAIL_ORDER = Object.keys(catalogs['zh-CN'].syncUi.bureau.alarms.detail);
const HASH = /^[0-9a-f]{64}$/;

/**
 * An alarm's detail as the intake wrote it, each key in words: hashes shortened to their first 12
 * characters (enough to tell two apart by eye; the whole one is the line's title), audit entries as
 * entries, nothing as a dash.
 */
function useAlarmDetails() {
  const { t } = useTranslation();
  const rank = (key: string) => (DETAIL_ORDER.includes(key) ? DETAIL_ORDER.indexOf(key) : DETAIL_ORDER.length);
  return (alarm: Alarm) =>
    Object.entries(alarm.detail)
      .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
      .map(([key, raw]) => {
        const label = isDetailKey(key) ? t(`syncUi.bureau.alarms.detail.${key}`) : key;
        if (raw === null) return { key, label, value: '—', full: undefined };
        if (typeof raw === 'string' && HASH.test(raw)) return { key, label, value: `${raw.slice(0, 12)}…`, full: raw };
        if (typeof raw === 'number' && /^(heldSeq|atSeq|officeHeadSeq)$/.test(key)) return { key, label, value: raw === 0 ? '—' : t('syncUi.bureau.alarms.audit', { seq: raw }), full: undefined };
        return { key, label, value: String(raw), full: undefined };
      });
}

export function AlarmsSection({ onChanged }: { onChanged(): void }) {
  const { t } = useTranslation();
  const { formatDateTime } = useFormatters();
  const can = useCan();
  const [all, setAll] = useState(false);
  const alarms = useContractQuery('bureau.alarms', all ? {} : { open: true });
  const resolve = useContractMutation('bureau.alarms.resolve', {
    onSuccess: () => {
      notifySuccess(t, t('syncUi.bureau.alarms.resolved'));
      onChanged();
    },
  });
  const mayResolve = can('system.maintain');
  const title = t('syncUi.bureau.alarms.title');
  const details = useAlarmDetails();

  return (
    <Paper withBorder p="lg" component="section" aria-label={title} data-testid="bureau-alarms">
      <Stack gap="sm">
        <TitledTable
          title={title}
          columns={[
            { label: t('syncUi.bureau.alarms.at'), width: 150 },
            { label: t('syncUi.bureau.alarms.office'), width: 140 },
            { label: t('syncUi.bureau.alarms.kind') },
            { label: t('syncUi.bureau.alarms.detailColumn') },
            { label: t('syncUi.bureau.alarms.state'), width: 160 },
          ]}
          rows={alarms.data?.items}
          empty={all ? t('syncUi.bureau.alarms.emptyAll') : t('syncUi.bureau.alarms.empty')}
          emptyTestId="bureau-alarms-empty"
          minWidth={900}
          table={{ striped: true }}
          testId="bureau-alarms-table"
          renderRow={(alarm) => (
            <Table.Tr key={alarm.id} data-testid="bureau-alarm-row" data-kind={alarm.kind}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(alarm.at)}</Table.Td>
              <Table.Td>{alarm.office ?? '—'}</Table.Td>
              <Table.Td>
                <Text size="sm">{isAlarmKind(alarm.kind) ? t(`sync.alarms.${alarm.kind}`) : alarm.kind}</Text>
              </Table.Td>
              <Table.Td>
                <Stack gap={0} data-testid="bureau-alarm-detail">
                  {details(alarm).map(({ key, label, value, full }) => (
                    <Text key={key} size="xs" title={full} data-key={key}>
                      {t('syncUi.bureau.alarms.detailItem', { key: label, value })}
                    </Text>
                  ))}
                </Stack>
              </Table.Td>
              <Table.Td>
                {alarm.resolvedAt ? (
                  <Text size="xs">{t('syncUi.bureau.alarms.resolvedAt', { at: formatDateTime(alarm.resolvedAt) })}</Text>
                ) : (
                  <Stack gap={4} align="flex-start">
                    <Badge variant="light" color="red" tt="none">
                      {t('syncUi.bureau.alarms.open')}
                    </Badge>
                    {mayResolve && (
                      <Button
                        size="xs"
                        variant="subtle"
                        onClick={() => resolve.mutate({ id: alarm.id })}
                        loading={resolve.isPending && resolve.variables.id === alarm.id}
                        data-testid="bureau-alarm-resolve"
                      >
                        {t('syncUi.bureau.alarms.resolve')}
                      </Button>
                    )}
                  </Stack>
                )}
              </Table.Td>
            </Table.Tr>
          )}
        >
          <Switch label={t('syncUi.bureau.alarms.showAll')} checked={all} onChange={(event) => setAll(event.currentTarget.checked)} data-testid="bureau-alarms-all" />
          {alarms.isPending && <Loader size="sm" aria-label={t('app.loading')} />}
          {alarms.isError && (
            <Alert color="red" role="alert" data-testid="bureau-alarms-error">
              <ErrorText error={alarms.error.error} />
            </Alert>
          )}
          {resolve.isError && (
            <Alert color="red" role="alert">
              <SyncErrorText error={resolve.error.error} />
            </Alert>
          )}
        </TitledTable>
      </Stack>
    </Paper>
  );
}
