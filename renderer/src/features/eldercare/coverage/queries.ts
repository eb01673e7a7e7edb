import type { FeatureQueries } from '../queries-type';

/** What the circle's figures and the map are made of: a write to any of these changes them. */
const CIRCLE_INPUTS = ['residents', 'resident_places', 'compounds', 'facilities', 'compound_walks', 'grids', 'eldercare_settings', 'eldercare_codes'];

/** The queries this part asks, each with the record tables it shows. (eldercare.codes.list is the settings part's.) */
export const coverageQueries: FeatureQueries = {
  'eldercare.coverage.compute': CIRCLE_INPUTS,
  'eldercare.map.data': [...CIRCLE_INPUTS, 'grid_areas'],
  'eldercare.walks.list': ['compound_walks', 'compounds', 'facilities', 'eldercare_settings'],
};
