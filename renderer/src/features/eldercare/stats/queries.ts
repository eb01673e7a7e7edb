import type { FeatureQueries } from '../queries-type';

/** Statistics are made of orders, the residents and their assessments, facilities (places) and grids. */
const STATS_ENTITIES = ['service_orders', 'residents', 'care_assessments', 'care_profiles', 'facilities', 'grids', 'eldercare_settings'] as const;

/** The queries this part asks, each with the record tables it shows. */
export const statsQueries: FeatureQueries = {
  'eldercare.stats': STATS_ENTITIES,
  'eldercare.stats.drill': STATS_ENTITIES,
  'eldercare.stats.drillAssessments': STATS_ENTITIES,
};
