/**
 * 设施列表: every facility, closed ones too (under "已停用"), filtered by status, kind, service, grid,
 * warning and text; each row with its services and their days, how full it is, and its next licence
 * expiry with a badge when something needs doing. The filters live in the address, so "back" from a
 * facility's page finds the list as it was.
 */
import { useEffect, useState } from 'react';
import { Alert, Anchor, Badge, Group, Loader, NativeSelect, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { FacilitySummary } from '../../../../../shared/contract';
import { FACILITY_STATUSES, type FacilityStatus } from '../../../../../shared/domain/eldercare/codes';
import { FACILITY_WARNINGS, type FacilityWarning } from '../../../../../shared/domain/eldercare/facilities';
import { useContractQuery } from '../../../app/api/queries';
import { ErrorText } from '../../../app/forms/contract-errors';
import { useFormatters } from '../../../app/i18n/format';
import { useCodeTable, useNumber, useWeekdays } from './labels';

const pick = <T extends string>(list: readonly T[], value: string | null): T | undefined => (list as readonly string[]).includes(value ?? '') ? (value as T) : undefined;

export const STATUS_COLOURS: Record<FacilityStatus, string> = { active: 'green', planned: 'blue', closed: 'gray' };
export const WARNING_COLOURS: Record<FacilityWarning, string> = { licence_expiring: 'orange', licence_expired: 'red', rectification_overdue: 'red' };

export function FacilityList() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const kinds = useCodeTable('facility_kind');
  const services = useCodeTable('service');
  const grids = useContractQuery('grids.list', {}, { staleTime: 60_000 });
  const [text, setText] = useState(params.get('q') ?? '');
  const [query] = useDebouncedValue(text.trim(), 200);
  const filters = {
    status: pick(FACILITY_STATUSES, params.get('status')),
    kind: params.get('kind') || undefined,
    service: params.get('service') || undefined,
    gridId: params.get('grid') || undefined,
    warning: pick(FACILITY_WARNINGS, params.get('warning')),
    query: query || undefined,
  };
  const setParam = (key: string, value: string) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
  useEffect(() => {
    if ((params.get('q') ?? '') !== query) setParam('q', query);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- follows the settled text only
  }, [query]);

  const list = useContractQuery('eldercare.facilities.list', filters, { placeholderData: keepPreviousData });
  const any = t('eldercare.facilitiesUi.any');

  return (
    <Stack gap="sm">
      <Group gap="xs" align="flex-end" wrap="wrap" role="group" aria-label={t('eldercare.facilitiesUi.list.filters')}>
        <TextInput size="xs" w={200} label={t('eldercare.facilitiesUi.list.search')} value={text} onChange={(e) => setText(e.currentTarget.value)} data-testid="facility-filter-query" />
        <NativeSelect
          size="xs"
          label={t('eldercare.facilitiesUi.fields.status')}
          value={filters.status ?? ''}
          data={[{ value: '', label: any }, ...FACILITY_STATUSES.map((s) => ({ value: s, label: t(`eldercare.facilities.statuses.${s}`) }))]}
          onChange={(e) => setParam('status', e.currentTarget.value)}
          data-testid="facility-filter-status"
        />
        <NativeSelect
          size="xs"
          label={t('eldercare.facilitiesUi.fields.kind')}
          value={filters.kind ?? ''}
          data={[{ value: '', label: any }, ...kinds.rows.map((r) => ({ value: r.code, label: kinds.label(r.code) }))]}
          onChange={(e) => setParam('kind', e.currentTarget.value)}
          data-testid="facility-filter-kind"
        />
        <NativeSelect
          size="xs"
          label={t('eldercare.facilitiesUi.list.service')}
          value={filters.service ?? ''}
          data={[{ value: '', label: any }, ...services.rows.map((r) => ({ value: r.code, label: services.label(r.code) }))]}
          onChange={(e) => setParam('service', e.currentTarget.value)}
          data-testid="facility-filter-service"
        />
        <NativeSelect
          size="xs"
          label={t('eldercare.facilitiesUi.fields.grid')}
          value={filters.gridId ?? ''}
          data={[{ value: '', label: any }, ...(grids.data ?? []).map((g) => ({ value: g.id, label: g.name }))]}
          onChange={(e) => setParam('grid', e.currentTarget.value)}
          data-testid="facility-filter-grid"
        />
        <NativeSelect
          size="xs"
          label={t('eldercare.facilitiesUi.list.warning')}
          value={filters.warning ?? ''}
          data={[{ value: '', label: any }, ...FACILITY_WARNINGS.map((w) => ({ value: w, label: t(`eldercare.facilities.warnings.${w}`) }))]}
          onChange={(e) => setParam('warning', e.currentTarget.value)}
          data-testid="facility-filter-warning"
        />
      </Group>
      {list.isPending && <Loader size="sm" aria-label={t('app.loading')} />}
      {list.isError && (
        <Alert color="red" role="alert">
          <ErrorText error={list.error.error} />
        </Alert>
      )}
      {list.data && list.data.length === 0 && (
        <Text c="dimmed" size="sm" data-testid="facility-list-empty">
          {t('eldercare.facilitiesUi.list.empty')}
        </Text>
      )}
      {list.data && list.data.length > 0 && <FacilityTable rows={list.data} kindLabel={kinds.label} serviceLabel={services.label} />}
    </Stack>
  );
}

function FacilityTable({ rows, kindLabel, serviceLabel }: { rows: FacilitySummary[]; kindLabel: (code: string) => string; serviceLabel: (code: string) => string }) {
  const { t } = useTranslation();
  const { daysText } = useWeekdays();
  const { formatDate } = useFormatters();
  const number = useNumber();
  return (
    <Table.ScrollContainer minWidth={1000}>
      <Table striped highlightOnHover data-testid="facility-list">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('eldercare.facilitiesUi.fields.name')}</Table.Th>
            <Table.Th>{t('eldercare.facilitiesUi.fields.kind')}</Table.Th>
            <Table.Th>{t('eldercare.facilitiesUi.fields.operator')}</Table.Th>
            <Table.Th>{t('eldercare.facilitiesUi.fields.status')}</Table.Th>
            <Table.Th>{t('eldercare.facilitiesUi.fields.services')}</Table.Th>
            <Table.Th>{t('eldercare.facilitiesUi.list.capacity')}</Table.Th>
            <Table.Th>{t('eldercare.facilitiesUi.list.nextExpiry')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((f) => (
            <Table.Tr key={f.id} data-testid={`facility-row-${f.id}`}>
              <Table.Td>
                <Anchor component={Link} to={`/eldercare/facilities/${f.id}`} data-testid="facility-link">
                  {f.name}
                </Anchor>
                {f.code && (
                  <Text size="xs" c="dimmed">
                    {f.code}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{kindLabel(f.kind)}</Table.Td>
              <Table.Td>
                {t(`eldercare.facilities.operators.${f.operator}`)}
                {f.operatorName && (
                  <Text size="xs" c="dimmed">
                    {f.operatorName}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Badge variant="light" color={STATUS_COLOURS[f.status]} tt="none">
                  {t(`eldercare.facilities.statuses.${f.status}`)}
                </Badge>
                {f.closedOn && (
                  <Text size="xs" c="dimmed">
                    {formatDate(f.closedOn)}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Group gap={4} maw={320}>
                  {f.services.map((s) => (
                    <Badge key={s.code} variant="outline" tt="none" size="sm" data-testid={`facility-service-chip-${s.code}`}>
                      {`${serviceLabel(s.code)} · ${daysText(s.days)}`}
                    </Badge>
                  ))}
                </Group>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {f.capacity.places > 0
                  ? t('eldercare.facilitiesUi.capacityUse', {
                      served: number(f.capacity.served),
                      places: number(f.capacity.places),
                      share: f.capacity.share === null ? '—' : Math.round(f.capacity.share * 100),
                    })
                  : t('eldercare.facilitiesUi.capacityServedOnly', { served: number(f.capacity.served) })}
              </Table.Td>
              <Table.Td>
                <Text size="sm">{f.nextExpiry ? formatDate(f.nextExpiry) : '—'}</Text>
                <Group gap={4}>
                  {f.warnings.map((w) => (
                    <Badge key={w} color={WARNING_COLOURS[w]} variant="filled" size="sm" tt="none" data-testid={`facility-warning-${w}`}>
                      {t(`eldercare.facilities.warnings.${w}`)}
                    </Badge>
                  ))}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
