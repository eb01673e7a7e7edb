import { defineFeature } from '../../app/registry/feature';
import { AlertsPage } from './alerts-page';

/** 提醒: the shared inbox every module raises alerts into (licences expiring, rectifications overdue …). */
export const alertsFeature = defineFeature({
  id: 'alerts',
  folder: 'alerts',
  routes: [{ path: '/alerts', element: <AlertsPage /> }],
  nav: { label: 'alerts', path: '/alerts', permission: 'records.read' },
  queries: { 'alerts.list': ['alerts'], 'alerts.counts': ['alerts'] },
});
