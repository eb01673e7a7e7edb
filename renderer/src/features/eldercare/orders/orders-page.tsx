/** 服务工单: the board (`/eldercare/orders`) and the recurring orders (`/eldercare/orders/series`). */
import { Group, NavLink, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes, useLocation } from 'react-router';
import { OrderBoard } from './board';
import { SeriesPage } from './series-page';

export function OrdersPage() {
  const { t } = useTranslation();
  const location = useLocation();
  const onSeries = location.pathname.startsWith('/eldercare/orders/series');
  return (
    <Stack gap="sm">
      <Group gap="xs" component="nav" aria-label={t('eldercare.orders.title')}>
        <NavLink component={Link} to="/eldercare/orders" label={t('eldercare.careUi.board.boardLink')} active={!onSeries} w="auto" aria-current={!onSeries ? 'page' : undefined} data-testid="orders-view-board" />
        <NavLink component={Link} to="/eldercare/orders/series" label={t('eldercare.careUi.board.seriesLink')} active={onSeries} w="auto" aria-current={onSeries ? 'page' : undefined} data-testid="orders-view-series" />
      </Group>
      <Routes>
        <Route index element={<OrderBoard />} />
        <Route path="series" element={<SeriesPage />} />
      </Routes>
    </Stack>
  );
}
