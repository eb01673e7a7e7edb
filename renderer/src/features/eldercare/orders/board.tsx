/**
 * 服务工单看板: one column per stage (new, dispatched, done awaiting feedback, closed, and the
 * cancelled or not delivered), the overdue first in each and marked in words, the count on every
 * column, filters by service, facility and resident. Clerks act on a card; viewers only look.
 */
import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Group, NativeSelect, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ServiceOrder } from '../../../../../shared/contract';
import { BOARD_COLUMNS, type BoardColumn, type OrderEvent } from '../../../../../shared/domain/eldercare/orders';
import { useContractQuery } from '../../../app/api/queries';
import { useCan } from '../../../app/session/session-context';
import { ErrorText } from '../../../app/forms/contract-errors';
import { DemandDialog } from './demand-dialog';
import { formatCount, formatYuan, useServiceLabels } from './format';
import { OrderActionDialog } from './order-actions';
import { ResidentPicker, type PickedResident } from './resident-picker';

const PAGE = 30;

interface Filters {
  service: string;
  facilityId: string;
  resident: PickedResident | null;
}

export function OrderBoard() {
  const { t } = useTranslation();
  const can = useCan();
  const services = useServiceLabels();
  const facilities = useContractQuery('eldercare.facilities.list', {}, { staleTime: 60_000 });
  const [filters, setFilters] = useState<Filters>({ service: '', facilityId: '', resident: null });
  const [recording, setRecording] = useState(false);
  // One dialog for the board, not one per card: a card moves to another column (or leaves the
  // board) when the order changes, and the dialog — with the core's answer in it — must stay.
  const [acting, setActing] = useState<{ order: ServiceOrder; event: OrderEvent } | null>(null);
  const input = {
    ...(filters.service ? { service: filters.service } : {}),
    ...(filters.facilityId ? { facilityId: filters.facilityId } : {}),
    ...(filters.resident ? { residentId: filters.resident.id } : {}),
  };
  // The overdue count under the filters: every column's answer carries it; the first one will do.
  const summary = useContractQuery('eldercare.orders.list', { ...input, limit: 1 });

  return (
    <Stack gap="md" data-testid="eldercare-order-board">
      <Group justify="space-between" align="flex-end">
        <Group align="flex-end" gap="sm" role="search" aria-label={t('eldercare.careUi.board.filters')}>
          <NativeSelect
            label={t('eldercare.careUi.board.filterService')}
            value={filters.service}
            onChange={(e) => setFilters((f) => ({ ...f, service: e.currentTarget.value }))}
            data={[{ value: '', label: t('eldercare.careUi.board.allServices') }, ...services.options]}
            data-testid="board-filter-service"
          />
          <NativeSelect
            label={t('eldercare.careUi.board.filterFacility')}
            value={filters.facilityId}
            onChange={(e) => setFilters((f) => ({ ...f, facilityId: e.currentTarget.value }))}
            data={[{ value: '', label: t('eldercare.careUi.board.allFacilities') }, ...(facilities.data ?? []).map((f) => ({ value: f.id, label: f.name }))]}
            data-testid="board-filter-facility"
          />
          <ResidentPicker label={t('eldercare.careUi.board.filterResident')} value={filters.resident} onChange={(resident) => setFilters((f) => ({ ...f, resident }))} testId="board-filter-resident" />
        </Group>
        {can('records.write') && (
          <Button onClick={() => setRecording(true)} data-testid="board-record-demand">
            {t('eldercare.careUi.board.recordDemand')}
          </Button>
        )}
      </Group>
      {summary.data && summary.data.overdue > 0 && (
        <Text size="sm" fw={600} c="red.8" data-testid="board-overdue-total">
          ⚠ {t('eldercare.careUi.board.overdueTotal', { count: summary.data.overdue })}
        </Text>
      )}
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 5 }} spacing="sm">
        {BOARD_COLUMNS.map((column) => (
          <BoardColumnView key={column} column={column} input={input} onAction={(order, event) => setActing({ order, event })} />
        ))}
      </SimpleGrid>
      <DemandDialog opened={recording} onClose={() => setRecording(false)} />
      {acting && <OrderActionDialog order={acting.order} event={acting.event} onClose={() => setActing(null)} />}
    </Stack>
  );
}

type ListInput = { service?: string; facilityId?: string; residentId?: string };

type OnAction = (order: ServiceOrder, event: OrderEvent) => void;

function BoardColumnView({ column, input, onAction }: { column: BoardColumn; input: ListInput; onAction: OnAction }) {
  const { t } = useTranslation();
  const [limit, setLimit] = useState(PAGE);
  const list = useContractQuery('eldercare.orders.list', { ...input, column, limit });
  const titleId = `board-column-${column}`;
  const items = list.data?.items ?? [];
  return (
    <Paper component="section" aria-labelledby={titleId} withBorder p="xs" bg="var(--mantine-color-gray-light)" data-testid={`board-column-${column}`}>
      <Group justify="space-between" mb="xs" wrap="nowrap">
        <Title order={3} size="h5" id={titleId}>
          {t(`eldercare.orders.columns.${column}`)}
        </Title>
        <Badge variant="default" data-testid={`board-count-${column}`}>
          {t('eldercare.careUi.board.columnCount', { count: list.data?.total ?? 0 })}
        </Badge>
      </Group>
      {list.isError && (
        <Alert color="red" role="alert">
          <ErrorText error={list.error.error} />
        </Alert>
      )}
      {list.data && items.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('eldercare.careUi.board.empty')}
        </Text>
      )}
      <Stack gap="xs" role="list">
        {items.map((order) => (
          <OrderCard key={order.id} order={order} onAction={onAction} />
        ))}
      </Stack>
      {list.data && list.data.total > items.length && (
        <Button variant="subtle" size="xs" fullWidth mt="xs" onClick={() => setLimit((l) => l + PAGE)}>
          {t('eldercare.careUi.common.more')}
        </Button>
      )}
    </Paper>
  );
}

export function OrderCard({ order, onAction }: { order: ServiceOrder; onAction?: OnAction }) {
  const { t } = useTranslation();
  const can = useCan();
  const services = useServiceLabels();
  const service = services.label(order.service);
  const target = order.facilityName ?? order.provider;
  return (
    <Paper
      role="listitem"
      aria-label={t('eldercare.careUi.board.actionsFor', { name: order.person.name, service })}
      withBorder
      p="xs"
      style={order.overdue ? { borderLeft: '4px solid var(--mantine-color-red-7)' } : undefined}
      data-testid="board-card"
      data-overdue={order.overdue || undefined}
    >
      <Group justify="space-between" gap={4} wrap="nowrap">
        <Anchor component={Link} to={`/residents/${order.person.residentId}`} size="sm" fw={600} data-testid="board-card-name">
          {order.person.name}
        </Anchor>
        {order.overdue && (
          <Badge color="red" variant="filled" size="sm" data-testid="board-card-overdue">
            {t('eldercare.careUi.board.overdueMark')}
          </Badge>
        )}
      </Group>
      <Text size="xs" c="dimmed">
        {order.person.idMasked}
      </Text>
      <Text size="sm" data-testid="board-card-service">
        {service} · {t(`eldercare.orders.channels.${order.channel}`)}
      </Text>
      <Text size="xs">
        {order.occurrenceOn ? t('eldercare.careUi.board.occurrence', { date: order.occurrenceOn }) : t('eldercare.careUi.board.requested', { date: order.requestedOn })}
        {order.dueOn && !order.doneOn ? ` · ${t('eldercare.careUi.board.due', { date: order.dueOn })}` : ''}
        {order.doneOn ? ` · ${t('eldercare.careUi.board.done', { date: order.doneOn })}` : ''}
      </Text>
      {target && <Text size="xs">{t('eldercare.careUi.board.to', { name: target })}</Text>}
      {order.costCents !== null && order.doneOn && (
        <Text size="xs">
          {t('eldercare.orders.cost')} {formatYuan(order.costCents)}
          {order.subsidyCents ? ` · ${t('eldercare.orders.subsidy')} ${formatYuan(order.subsidyCents)}` : ''}
          {order.durationMinutes !== null ? ` · ${formatCount(order.durationMinutes)}′` : ''}
        </Text>
      )}
      {order.satisfaction !== null && <Text size="xs">{t('eldercare.careUi.board.satisfaction', { count: order.satisfaction })}</Text>}
      {order.cancelReason && (
        <Text size="xs">
          {t(`eldercare.orders.status.${order.status}`)} · {t('eldercare.careUi.board.reason', { reason: order.cancelReason })}
        </Text>
      )}
      {onAction && can('records.write') && order.actions.length > 0 && (
        <Group gap={4} mt={6}>
          {order.actions.map((a) => (
            <Button key={a} size="compact-xs" variant={a === 'cancel' || a === 'miss' ? 'subtle' : 'light'} color={a === 'cancel' || a === 'miss' ? 'gray' : undefined} onClick={() => onAction(order, a)} data-testid={`board-action-${a}`}>
              {t(`eldercare.orders.events.${a}`)}
            </Button>
          ))}
        </Group>
      )}
    </Paper>
  );
}
