import { defineFeature } from '../../app/registry/feature';
import { ImportPage } from './import-page';

/** 导入: rosters into the register, reached from the residents list; exports live here too. */
export const importsFeature = defineFeature({
  id: 'imports',
  folder: 'imports',
  // Outranks the residents' `/residents/*` splat whatever the order (react-router ranks static paths higher).
  routes: [{ path: '/residents/import', element: <ImportPage /> }],
  // Import runs and remembered mappings are not records: ./cache.ts refreshes them after an import or undo.
  queries: { 'imports.list': [], 'imports.mappings.list': [] },
});
