import type { FeatureQueries } from '../queries-type';

/** The queries this part asks, each with the record tables it shows. */
export const coverageQueries: FeatureQueries = {};
