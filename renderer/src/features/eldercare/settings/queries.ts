import type { FeatureQueries } from '../queries-type';

/** The queries this part asks, each with the record tables it shows. */
export const settingsQueries: FeatureQueries = {
  'eldercare.settings.get': ['eldercare_settings'],
  'eldercare.codes.list': ['eldercare_codes'],
};
