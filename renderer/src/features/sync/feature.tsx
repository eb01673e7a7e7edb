import { defineFeature } from '../../app/registry/feature';
import { syncQueries } from './queries';
import { SyncPage } from './sync-page';

/** 数据报送: an office's sync with the city bureau; on a bureau's database, the bureau's views. */
export const syncFeature = defineFeature({
  id: 'sync',
  folder: 'sync',
  routes: [{ path: '/sync', element: <SyncPage /> }],
  nav: { label: 'sync', path: '/sync', permission: 'records.read' },
  queries: syncQueries,
});
