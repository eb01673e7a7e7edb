import type { RendererFeature } from '../../app/registry/feature';

/**
 * The queries the sync screens ask. The office's status counts changes not yet bundled, so any
 * write anywhere moves it. The bureau's tables (offices, intake, alarms, its merged rows) are no
 * record tables of its own database: its screens refresh them after their own calls.
 */
export const syncQueries: NonNullable<RendererFeature['queries']> = {
  'sync.status': 'all',
  'bureau.offices': [],
  'bureau.alarms': [],
  'bureau.duplicates': [],
  'bureau.stats': [],
};
