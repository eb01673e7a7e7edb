import type { FeatureQueries } from '../queries-type';

/**
 * The queries this part asks, each with the record tables it shows. A facility's page shows its
 * licences, inspections, the residents whose care profile names it, its orders and the change log;
 * the list shows states that depend on the licences, inspections and the office's alert window.
 */
export const facilitiesQueries: FeatureQueries = {
  'eldercare.facilities.list': ['facilities', 'facility_licences', 'facility_inspections', 'care_profiles', 'grids', 'eldercare_settings'],
  'eldercare.facilities.get': [
    'facilities',
    'facility_licences',
    'facility_inspections',
    'care_profiles',
    'residents',
    'service_orders',
    'grids',
    'compounds',
    'eldercare_settings',
  ],
  'eldercare.compounds.list': ['compounds', 'resident_places', 'residents', 'grids'],
};
