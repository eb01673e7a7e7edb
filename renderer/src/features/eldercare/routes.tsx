/** `/eldercare/*`: the module's pages under one row of tabs. Each part lives in its own folder. */
import { Stack, Tabs, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { FacilitiesRoutes } from './facilities/facilities-routes';
import { OrdersPage } from './orders/orders-page';
import { OlderPage } from './older/older-page';
import { CoveragePage } from './coverage/coverage-page';
import { StatsPage } from './stats/stats-page';
import { EldercareSettingsPage } from './settings/settings-page';

const TABS = ['facilities', 'orders', 'older', 'coverage', 'stats', 'settings'] as const;

export function EldercareRoutes() {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const current = TABS.find((tab) => location.pathname.startsWith(`/eldercare/${tab}`)) ?? 'facilities';
  return (
    <Stack gap="sm">
      <Title order={2}>{t('nav.eldercare')}</Title>
      <Tabs value={current} onChange={(tab) => tab && navigate(`/eldercare/${tab}`)} keepMounted={false}>
        <Tabs.List>
          {TABS.map((tab) => (
            <Tabs.Tab key={tab} value={tab} data-testid={`eldercare-tab-${tab}`}>
              {t(`eldercare.tabs.${tab}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Routes>
        <Route index element={<Navigate to="facilities" replace />} />
        <Route path="facilities/*" element={<FacilitiesRoutes />} />
        <Route path="orders/*" element={<OrdersPage />} />
        <Route path="older/*" element={<OlderPage />} />
        <Route path="coverage/*" element={<CoveragePage />} />
        <Route path="stats/*" element={<StatsPage />} />
        <Route path="settings" element={<EldercareSettingsPage />} />
      </Routes>
    </Stack>
  );
}
