import type { FeatureQueries } from '../queries-type';

/**
 * What the older-residents pages and the care panel show: the register's rows, profiles and
 * assessments, the facility and grid names, orders (the panel's recent ones, the worklist's last
 * contact) and the settings (intervals, bands, the subsidy).
 */
const CARE_ENTITIES = ['residents', 'grids', 'care_profiles', 'care_assessments', 'facilities', 'service_orders', 'eldercare_settings'] as const;

/** The queries this part asks, each with the record tables it shows. */
export const olderQueries: FeatureQueries = {
  'eldercare.older.list': CARE_ENTITIES,
  'eldercare.worklist': CARE_ENTITIES,
  'eldercare.profile.get': CARE_ENTITIES,
  'eldercare.eligibility': CARE_ENTITIES,
  // The resident page's place line: their place row and their compound's point.
  'eldercare.places.get': ['resident_places', 'compounds'],
};
