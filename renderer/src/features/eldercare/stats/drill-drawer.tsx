/**
 * The records behind a figure, in a drawer: the delivered orders a person-time figure counts, or the
 * assessments / residents behind an assessment figure. ID numbers come masked for the caller.
 */
import { useState } from 'react';
import { Alert, Anchor, Drawer, Loader, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ASSESSMENT_FIGURES, STATS_DIMENSIONS } from '../../../../../shared/contract';
import { useContractQuery } from '../../../app/api/queries';
import { ErrorText } from '../../../app/forms/contract-errors';
import { formatYuan, useServiceLabels } from '../orders/format';
import { Pager } from '../older/pager';

export type Drill =
  | { kind: 'orders'; dimension: (typeof STATS_DIMENSIONS)[number]; key: string | null; label: string }
  | { kind: 'assessments'; figure: (typeof ASSESSMENT_FIGURES)[number]; label: string };

const LIMIT = 100;

export function DrillDrawer({ drill, period, onClose }: { drill: Drill | null; period: { from: string; to: string }; onClose(): void }) {
  const { t } = useTranslation();
  return (
    <Drawer
      opened={drill !== null}
      onClose={onClose}
      position="right"
      size="xl"
      title={drill ? t('eldercare.careUi.stats.drillTitle', { label: drill.label }) : ''}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {drill?.kind === 'orders' && <OrderRecords key={`${drill.dimension}:${drill.key}`} drill={drill} period={period} />}
      {drill?.kind === 'assessments' && <AssessmentRecords key={drill.figure} drill={drill} period={period} />}
    </Drawer>
  );
}

function OrderRecords({ drill, period }: { drill: Extract<Drill, { kind: 'orders' }>; period: { from: string; to: string } }) {
  const { t } = useTranslation();
  const services = useServiceLabels();
  const [offset, setOffset] = useState(0);
  const records = useContractQuery('eldercare.stats.drill', { ...period, dimension: drill.dimension, key: drill.key, offset, limit: LIMIT });
  if (records.isPending) return <Loader size="sm" aria-label={t('app.loading')} />;
  if (records.isError)
    return (
      <Alert color="red" role="alert">
        <ErrorText error={records.error.error} />
      </Alert>
    );
  const { items, total } = records.data;
  return (
    <Stack gap="sm" data-testid="stats-drill">
      <Text size="sm" data-testid="stats-drill-total">
        {t('eldercare.careUi.common.total', { count: total })}
      </Text>
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('eldercare.careUi.stats.drillEmpty')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table striped data-testid="stats-drill-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('eldercare.careUi.stats.doneOn')}</Table.Th>
                <Table.Th>{t('eldercare.careUi.common.resident')}</Table.Th>
                <Table.Th>{t('eldercare.careUi.stats.idNumber')}</Table.Th>
                <Table.Th>{t('eldercare.orders.service')}</Table.Th>
                <Table.Th>{t('eldercare.careUi.stats.provider')}</Table.Th>
                <Table.Th>{t('eldercare.careUi.older.grid')}</Table.Th>
                <Table.Th>{t('eldercare.careUi.stats.cost')}</Table.Th>
                <Table.Th>{t('eldercare.careUi.stats.subsidy')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((o) => (
                <Table.Tr key={o.id} data-testid="stats-drill-row">
                  <Table.Td>{o.doneOn}</Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/residents/${o.person.residentId}`} size="sm">
                      {o.person.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{o.person.idMasked}</Table.Td>
                  <Table.Td>{services.label(o.service)}</Table.Td>
                  <Table.Td>{o.facilityName ?? o.provider ?? '—'}</Table.Td>
                  <Table.Td>{o.gridName ?? t('eldercare.stats.noGrid')}</Table.Td>
                  <Table.Td>{o.costCents !== null ? formatYuan(o.costCents) : '—'}</Table.Td>
                  <Table.Td>{o.subsidyCents !== null ? formatYuan(o.subsidyCents) : '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Pager offset={offset} limit={LIMIT} total={total} onChange={setOffset} />
    </Stack>
  );
}

function AssessmentRecords({ drill, period }: { drill: Extract<Drill, { kind: 'assessments' }>; period: { from: string; to: string } }) {
  const { t } = useTranslation();
  const [offset, setOffset] = useState(0);
  const records = useContractQuery('eldercare.stats.drillAssessments', { ...period, figure: drill.figure, offset, limit: LIMIT });
  if (records.isPending) return <Loader size="sm" aria-label={t('app.loading')} />;
  if (records.isError)
    return (
      <Alert color="red" role="alert">
        <ErrorText error={records.error.error} />
      </Alert>
    );
  const { items, total } = records.data;
  return (
    <Stack gap="sm" data-testid="stats-drill">
      <Text size="sm" data-testid="stats-drill-total">
        {t('eldercare.careUi.common.total', { count: total })}
      </Text>
      {items.length > 0 && (
        <Table striped data-testid="stats-drill-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('eldercare.careUi.common.resident')}</Table.Th>
              <Table.Th>{t('eldercare.careUi.stats.idNumber')}</Table.Th>
              <Table.Th>{t('eldercare.careUi.stats.assessedOn')}</Table.Th>
              <Table.Th>{t('eldercare.older.level')}</Table.Th>
              <Table.Th>{t('eldercare.careUi.stats.nextDue')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((a) => (
              <Table.Tr key={a.assessmentId} data-testid="stats-drill-row">
                <Table.Td>
                  <Anchor component={Link} to={`/residents/${a.person.residentId}`} size="sm">
                    {a.person.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>{a.person.idMasked}</Table.Td>
                <Table.Td>{a.assessedOn}</Table.Td>
                <Table.Td>{t(`eldercare.levels.${a.level}`)}</Table.Td>
                <Table.Td>{a.nextDue}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Pager offset={offset} limit={LIMIT} total={total} onChange={setOffset} />
    </Stack>
  );
}
