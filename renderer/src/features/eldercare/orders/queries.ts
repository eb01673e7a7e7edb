import type { FeatureQueries } from '../queries-type';

/** What an order shows: its row, the resident's name and ID, the facility's and the grid's names. */
const ORDER_ENTITIES = ['service_orders', 'service_series', 'residents', 'facilities', 'grids'] as const;

/** The queries this part asks, each with the record tables it shows. */
export const ordersQueries: FeatureQueries = {
  'eldercare.orders.list': ORDER_ENTITIES,
  'eldercare.orders.get': ORDER_ENTITIES,
  'eldercare.series.list': ORDER_ENTITIES,
  // The dispatch dialog's and the filters' facilities (the facilities part shows them too).
  'eldercare.facilities.list': ['facilities', 'facility_licences', 'facility_inspections', 'care_profiles', 'grids'],
};
