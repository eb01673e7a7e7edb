import type { RendererFeature } from '../../app/registry/feature';

/** One part's share of the feature's `queries`. */
export type FeatureQueries = NonNullable<RendererFeature['queries']>;
