/**
 * 设施详情: one facility — its details and position (in the system it was typed in), capacity use,
 * the residents it serves (IDs masked for the caller), its service orders and person-times, its
 * open alerts, licences and filings, inspections, and its history from the change log. Opening,
 * planning or closing it (with the date) is a status change; a closed facility keeps all of this.
 */
import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Group, Loader, Modal, NativeSelect, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { ContractError, FacilityDetail } from '../../../../../shared/contract';
import { FACILITY_STATUSES, type FacilityStatus } from '../../../../../shared/domain/eldercare/codes';
import { useApi } from '../../../app/api/api-context';
import { ApiError } from '../../../app/api/client';
import { useContractQuery } from '../../../app/api/queries';
import { EnterForm } from '../../../app/forms/enter-to-next';
import { ErrorText, IssueText } from '../../../app/forms/contract-errors';
import { notifySuccess } from '../../../app/components/notify';
import { useFormatters } from '../../../app/i18n/format';
import { useCan, useSession } from '../../../app/session/session-context';
import { useAlertText } from '../../alerts/alert-message';
import { STATUS_COLOURS, WARNING_COLOURS } from './facility-list';
import { InspectionsSection } from './inspections';
import { LicencesSection } from './licences';
import { todayBeijing, useCodeTable, useCountLabels, useNumber, useWeekdays } from './labels';
import { PositionText } from './position-input';

export function FacilityPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const facility = useContractQuery('eldercare.facilities.get', { id });
  if (facility.isPending) return <Loader size="sm" aria-label={t('app.loading')} />;
  if (facility.isError) {
    return (
      <Alert color="red" role="alert" data-testid="facility-error">
        <ErrorText error={facility.error.error} />
      </Alert>
    );
  }
  return <FacilityView facility={facility.data} />;
}

function FacilityView({ facility: f }: { facility: FacilityDetail }) {
  const { t, i18n } = useTranslation();
  // The orders part names its statuses; until its texts are in, the status code is shown as stored.
  const orderStatus = (status: string) => (i18n.exists(`eldercare.orders.statuses.${status}`) ? t(`eldercare.orders.statuses.${status}` as 'eldercare.tabs.orders') : status);
  const can = useCan();
  const editable = can('records.write');
  const kinds = useCodeTable('facility_kind');
  const services = useCodeTable('service');
  const { daysText } = useWeekdays();
  const counts = useCountLabels();
  const { formatDate } = useFormatters();
  const number = useNumber();
  const [statusOpen, setStatusOpen] = useState(false);

  const detail = (label: string, value: React.ReactNode) => (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div">
        {value === null || value === undefined || value === '' ? '—' : value}
      </Text>
    </div>
  );
  const countList = (record: Record<string, number>, label: (code: string) => string) =>
    Object.keys(record).length === 0 ? null : Object.entries(record).map(([code, n]) => `${label(code)} ${number(n)}`).join(t('eldercare.facilitiesUi.listSeparator'));

  return (
    <Stack gap="md" data-testid="facility-page">
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Anchor component={Link} to="/eldercare/facilities" size="sm">
            {t('eldercare.facilitiesUi.backToList')}
          </Anchor>
          <Group gap="xs">
            <Title order={3} data-testid="facility-title">
              {f.name}
            </Title>
            <Badge variant="light" color={STATUS_COLOURS[f.status]} tt="none" data-testid="facility-status">
              {t(`eldercare.facilities.statuses.${f.status}`)}
            </Badge>
            {f.warnings.map((w) => (
              <Badge key={w} color={WARNING_COLOURS[w]} variant="filled" tt="none" data-testid={`facility-warning-${w}`}>
                {t(`eldercare.facilities.warnings.${w}`)}
              </Badge>
            ))}
          </Group>
        </Stack>
        {editable && (
          <Group gap="xs">
            <Button component={Link} to={`/eldercare/facilities/${f.id}/edit`} variant="light" data-testid="facility-edit">
              {t('eldercare.facilitiesUi.edit')}
            </Button>
            <Button variant="default" onClick={() => setStatusOpen(true)} data-testid="facility-set-status">
              {t('eldercare.facilitiesUi.status.change')}
            </Button>
          </Group>
        )}
      </Group>

      <Paper withBorder p="md" component="section" aria-label={t('eldercare.facilitiesUi.page.details')}>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
          {detail(t('eldercare.facilitiesUi.fields.code'), f.code)}
          {detail(t('eldercare.facilitiesUi.fields.kind'), kinds.label(f.kind))}
          {detail(t('eldercare.facilitiesUi.fields.operator'), [t(`eldercare.facilities.operators.${f.operator}`), f.operatorName].filter(Boolean).join(' · '))}
          {detail(t('eldercare.facilitiesUi.fields.pilot'), t(`eldercare.facilities.pilots.${f.pilot}`))}
          {detail(t('eldercare.facilitiesUi.fields.address'), f.address)}
          {detail(t('eldercare.facilitiesUi.fields.grid'), f.gridName)}
          {detail(t('eldercare.facilitiesUi.fields.phone'), f.phone)}
          {detail(t('eldercare.facilitiesUi.fields.openingHours'), f.openingHours)}
          {detail(t('eldercare.facilitiesUi.fields.openedOn'), f.openedOn ? formatDate(f.openedOn) : null)}
          {f.closedOn && detail(t('eldercare.facilitiesUi.fields.closedOn'), formatDate(f.closedOn))}
          {detail(t('eldercare.facilitiesUi.position.label'), <PositionText position={f.position} />)}
          {detail(t('eldercare.facilitiesUi.fields.beds'), number(f.beds))}
          {detail(t('eldercare.facilitiesUi.fields.places'), countList(f.places, counts.place))}
          {detail(t('eldercare.facilitiesUi.fields.staff'), countList(f.staff, counts.staff))}
        </SimpleGrid>
        <Stack gap={4} mt="sm">
          <Text size="xs" c="dimmed">
            {t('eldercare.facilitiesUi.fields.services')}
          </Text>
          {f.services.length === 0 ? (
            <Text size="sm">—</Text>
          ) : (
            <Group gap={4} data-testid="facility-services-shown">
              {f.services.map((s) => (
                <Badge key={s.code} variant="outline" tt="none" data-testid={`facility-service-chip-${s.code}`}>
                  {`${services.label(s.code)} · ${daysText(s.days)}`}
                </Badge>
              ))}
            </Group>
          )}
          {f.notes && (
            <Text size="sm" mt="xs" style={{ whiteSpace: 'pre-wrap' }}>
              {f.notes}
            </Text>
          )}
        </Stack>
      </Paper>

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Paper withBorder p="md" component="section" aria-labelledby="facility-capacity-title" data-testid="facility-capacity">
          <Text fw={600} id="facility-capacity-title" mb="xs">
            {t('eldercare.facilitiesUi.page.capacity')}
          </Text>
          <Text size="sm">
            {f.capacity.places > 0
              ? t('eldercare.facilitiesUi.capacityUse', {
                  served: number(f.capacity.served),
                  places: number(f.capacity.places),
                  share: f.capacity.share === null ? '—' : Math.round(f.capacity.share * 100),
                })
              : t('eldercare.facilitiesUi.capacityServedOnly', { served: number(f.capacity.served) })}
          </Text>
        </Paper>
        <Paper withBorder p="md" component="section" aria-labelledby="facility-orders-title" data-testid="facility-orders">
          <Text fw={600} id="facility-orders-title" mb="xs">
            {t('eldercare.facilitiesUi.page.orders')}
          </Text>
          <Text size="sm">{t('eldercare.facilitiesUi.page.ordersLine', { total: number(f.orders.total), personTimes: number(f.orders.personTimes) })}</Text>
          {Object.keys(f.orders.byStatus).length > 0 && (
            <Text size="xs" c="dimmed">
              {Object.entries(f.orders.byStatus)
                .map(([status, n]) => t('eldercare.facilitiesUi.page.ordersByStatus', { status: orderStatus(status), count: number(n) }))
                .join(t('eldercare.facilitiesUi.listSeparator'))}
            </Text>
          )}
        </Paper>
      </SimpleGrid>

      {editable && <FacilityAlerts facilityId={f.id} />}

      <Paper withBorder p="md">
        <LicencesSection facilityId={f.id} licences={f.licences} editable={editable} />
      </Paper>
      <Paper withBorder p="md">
        <InspectionsSection facilityId={f.id} inspections={f.inspections} editable={editable} />
      </Paper>
      <Paper withBorder p="md">
        <ServedResidents facility={f} />
      </Paper>
      <Paper withBorder p="md">
        <FacilityHistory facility={f} />
      </Paper>

      <Modal opened={statusOpen} onClose={() => setStatusOpen(false)} title={t('eldercare.facilitiesUi.status.title', { name: f.name })} data-testid="facility-status-dialog">
        {statusOpen && <StatusForm facility={f} onDone={() => setStatusOpen(false)} />}
      </Modal>
    </Stack>
  );
}

/** The facility's unresolved alerts, for those who handle them (their audience is records.write). */
function FacilityAlerts({ facilityId }: { facilityId: string }) {
  const { t } = useTranslation();
  const text = useAlertText();
  const alerts = useContractQuery('alerts.list', { status: 'active', entity: 'facilities', entityId: facilityId, offset: 0, limit: 20 });
  if (!alerts.data || alerts.data.items.length === 0) return null;
  return (
    <Alert color="orange" variant="light" title={t('eldercare.facilitiesUi.page.alerts')} data-testid="facility-alerts">
      <Stack gap={2}>
        {alerts.data.items.map((a) => (
          <Text key={a.id} size="sm">
            {text(a)}
          </Text>
        ))}
        <Anchor component={Link} to="/alerts" size="sm">
          {t('eldercare.facilitiesUi.page.toInbox')}
        </Anchor>
      </Stack>
    </Alert>
  );
}

function ServedResidents({ facility }: { facility: FacilityDetail }) {
  const { t } = useTranslation();
  const { formatDate } = useFormatters();
  return (
    <Stack gap="xs" component="section" aria-labelledby="facility-served-title" data-testid="facility-served">
      <Text fw={600} id="facility-served-title">
        {t('eldercare.facilitiesUi.page.served', { count: facility.servedTotal })}
      </Text>
      {facility.served.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('eldercare.facilitiesUi.page.servedEmpty')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={520} maxHeight={360}>
          <Table striped stickyHeader>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('eldercare.facilitiesUi.page.residentName')}</Table.Th>
                <Table.Th>{t('eldercare.facilitiesUi.page.residentId')}</Table.Th>
                <Table.Th>{t('eldercare.facilitiesUi.page.residentBirth')}</Table.Th>
                <Table.Th>{t('eldercare.facilitiesUi.page.residentSex')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {facility.served.map((p) => (
                <Table.Tr key={p.residentId} data-testid="facility-served-row">
                  <Table.Td>
                    <Anchor component={Link} to={`/residents/${p.residentId}`}>
                      {p.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td ff="monospace" data-testid="facility-served-id">
                    {p.idMasked}
                  </Table.Td>
                  <Table.Td>{formatDate(p.birthDate)}</Table.Td>
                  <Table.Td>{t(`eldercare.facilitiesUi.sex.${p.sex}`)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {facility.servedTotal > facility.served.length && (
        <Text size="xs" c="dimmed">
          {t('eldercare.facilitiesUi.page.servedMore', { shown: facility.served.length, total: facility.servedTotal })}
        </Text>
      )}
    </Stack>
  );
}

const HISTORY_ENTITIES = ['facilities', 'facility_licences', 'facility_inspections'] as const;
const isHistoryEntity = (e: string): e is (typeof HISTORY_ENTITIES)[number] => (HISTORY_ENTITIES as readonly string[]).includes(e);

function FacilityHistory({ facility }: { facility: FacilityDetail }) {
  const { t } = useTranslation();
  const fieldLabel = useFieldLabel();
  const { formatDate } = useFormatters();
  const { session } = useSession();
  const who = (entry: { userId: string | null; userName: string | null }) => {
    if (!entry.userId) return t('eldercare.facilitiesUi.history.bySystem');
    if (entry.userId === session.userId) return t('eldercare.facilitiesUi.history.byYou', { name: session.displayName });
    return entry.userName ?? t('eldercare.facilitiesUi.history.byOther');
  };
  return (
    <Stack gap="xs" component="section" aria-labelledby="facility-history-title" data-testid="facility-history">
      <Text fw={600} id="facility-history-title">
        {t('eldercare.facilitiesUi.history.title')}
      </Text>
      {facility.history.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('eldercare.facilitiesUi.history.empty')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={560} maxHeight={360}>
          <Table striped stickyHeader>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('eldercare.facilitiesUi.history.at')}</Table.Th>
                <Table.Th>{t('eldercare.facilitiesUi.history.what')}</Table.Th>
                <Table.Th>{t('eldercare.facilitiesUi.history.fields')}</Table.Th>
                <Table.Th>{t('eldercare.facilitiesUi.history.by')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {facility.history.map((entry) => (
                <Table.Tr key={entry.seq} data-testid="facility-history-entry">
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{`${formatDate(entry.at)} ${dayjs(entry.at).format('HH:mm')}`}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {isHistoryEntity(entry.entity)
                      ? t(`eldercare.facilitiesUi.history.ops.${entry.entity}.${entry.op}`)
                      : `${entry.entity} · ${entry.op}`}
                  </Table.Td>
                  <Table.Td>{entry.op === 'update' ? [...new Set(entry.fields.map((f) => fieldLabel(entry.entity, f)))].join(t('eldercare.facilitiesUi.listSeparator')) : ''}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{who(entry)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

/** 启用 / 规划 / 停用 as of a date: closing keeps the facility, its licences, inspections and history. */
function StatusForm({ facility, onDone }: { facility: FacilityDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [status, setStatus] = useState<FacilityStatus>(facility.status === 'closed' ? 'active' : 'closed');
  const [on, setOn] = useState(todayBeijing());
  const [error, setError] = useState<ContractError | null>(null);
  const [saving, setSaving] = useState(false);
  const onIssue = error?.issues?.find((i) => i.path[0] === 'on');
  const submit = async () => {
    setError(null);
    setSaving(true);
    try {
      const saved = await api.call('eldercare.facilities.setStatus', { id: facility.id, version: facility.version, status, on });
      notifySuccess(t, t('eldercare.facilitiesUi.status.done', { name: saved.name, status: t(`eldercare.facilities.statuses.${saved.status}`) }));
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
        <NativeSelect
          label={t('eldercare.facilitiesUi.fields.status')}
          value={status}
          data={FACILITY_STATUSES.map((s) => ({ value: s, label: t(`eldercare.facilities.statuses.${s}`) }))}
          onChange={(e) => setStatus(e.currentTarget.value as FacilityStatus)}
          data-testid="facility-status-select"
        />
        <TextInput
          type="date"
          label={t('eldercare.facilitiesUi.status.on')}
          value={on}
          onChange={(e) => setOn(e.currentTarget.value)}
          error={onIssue ? <IssueText issue={onIssue} parent={error ?? undefined} /> : undefined}
          data-testid="facility-status-on"
        />
        {status === 'closed' && <Text size="xs" c="dimmed">{t('eldercare.facilitiesUi.status.closeHint')}</Text>}
        {error && !onIssue && (
          <Alert color="red" role="alert" data-testid="facility-status-error">
            {error.issues?.length ? error.issues.map((i, n) => <IssueText key={n} issue={i} parent={error} />) : <ErrorText error={error} />}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={saving} data-testid="facility-status-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </EnterForm>
  );
}

/**
 * A changed column as the clerk knows it: the form's label for that field (设施名称, 到期日期 …), the
 * position's label for its coordinate columns; the column's own name only if no label exists.
 */
function useFieldLabel(): (entity: string, column: string) => string {
  const { t, i18n } = useTranslation();
  return (entity, column) => {
    if (/^(lng|lat|crs|wgs_lng|wgs_lat)$/.test(column)) return t('eldercare.facilitiesUi.position.label');
    const camel = column.replace(/_id$/, '').replace(/_([a-z])/g, (_: string, c: string) => c.toUpperCase());
    const group = entity === 'facility_licences' ? 'licences' : entity === 'facility_inspections' ? 'inspections' : 'fields';
    const key = `eldercare.facilitiesUi.${group}.${camel === 'title' && group === 'licences' ? 'titleField' : camel}`;
    return i18n.exists(key) ? String(t(key as never)) : column;
  };
}
