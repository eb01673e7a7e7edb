import { defineFeature } from '../../app/registry/feature';
import { ResidentsRoutes } from './routes';

/** What a resident's answer is made of: their row, their household and its members, their grid's name. */
const RESIDENT_ENTITIES = ['residents', 'households', 'household_members', 'grids'] as const;

/** 居民: the register — the list and search, registering, one resident's page. */
export const residentsFeature = defineFeature({
  id: 'residents',
  folder: 'residents',
  routes: [{ path: '/residents/*', element: <ResidentsRoutes /> }],
  nav: { label: 'residents', path: '/residents', permission: 'records.read' },
  queries: {
    'residents.get': RESIDENT_ENTITIES,
    'residents.list': RESIDENT_ENTITIES,
    'residents.search': RESIDENT_ENTITIES,
    'residents.checkDuplicates': RESIDENT_ENTITIES,
    // The resident page's change history: any entity's, as the page asks.
    'system.changes.list': 'all',
  },
});
