import { defineFeature } from '../../app/registry/feature';
import { EldercareRoutes } from './routes';
import { CarePanel } from './older/care-panel';
import { facilitiesQueries } from './facilities/queries';
import { ordersQueries } from './orders/queries';
import { olderQueries } from './older/queries';
import { coverageQueries } from './coverage/queries';
import { statsQueries } from './stats/queries';
import { settingsQueries } from './settings/queries';

/** 养老服务: facilities, service orders, older residents, the service circle, statistics, settings. */
export const eldercareFeature = defineFeature({
  id: 'eldercare',
  folder: 'eldercare',
  routes: [{ path: '/eldercare/*', element: <EldercareRoutes /> }],
  nav: { label: 'eldercare', path: '/eldercare', permission: 'records.read' },
  residentPanels: [{ id: 'services', Panel: CarePanel }],
  queries: { ...facilitiesQueries, ...ordersQueries, ...olderQueries, ...coverageQueries, ...statsQueries, ...settingsQueries },
});
