/**
 * What the shell builds from the registered features (app/features.ts): the routes, the navbar in
 * order, the resident page's panels, and the index from entity to the queries that show it. A
 * feature claiming what another already has (an id, a path, a panel, a query) stops the app at
 * start, like the core registry's handlers.
 */
import { contract, isMethodName } from '../../../../shared/contract';
import type { FeatureNav, FeatureRoute, QueryMethodName, RendererFeature, ResidentPanel, ShownEntities } from './feature';

export interface NavItem extends FeatureNav {
  id: string;
}

export interface Registry {
  routes: readonly FeatureRoute[];
  nav: readonly NavItem[];
  residentPanels: readonly ResidentPanel[];
  /** Every declared query and the entities it shows. */
  queries: ReadonlyMap<QueryMethodName, ShownEntities>;
  /** The registered queries whose answers show one of these entities (a result's `changed`). */
  queriesShowing(changed: readonly string[]): QueryMethodName[];
}

function isQueryMethod(name: string): name is QueryMethodName {
  return isMethodName(name) && contract[name].kind === 'query';
}

function claim(seen: Map<string, string>, what: string, key: string, feature: RendererFeature): void {
  const owner = seen.get(key);
  if (owner !== undefined) throw new Error(`${what} ${key} is registered by two features (${owner} and ${feature.id})`);
  seen.set(key, feature.id);
}

export function buildRegistry(features: readonly RendererFeature[]): Registry {
  const ids = new Map<string, string>();
  const paths = new Map<string, string>();
  const panels = new Map<string, string>();
  const declared = new Map<string, string>();
  const queries = new Map<QueryMethodName, ShownEntities>();

  for (const feature of features) {
    claim(ids, 'feature', feature.id, feature);
    for (const route of feature.routes ?? []) claim(paths, 'route', 'index' in route ? '(index)' : route.path, feature);
    for (const panel of feature.residentPanels ?? []) claim(panels, 'resident panel', panel.id, feature);
    for (const [method, entities] of Object.entries(feature.queries ?? {})) {
      if (!isQueryMethod(method)) throw new Error(`${feature.id} declares ${method}, which is not a contract query`);
      claim(declared, 'query', method, feature);
      if (entities !== undefined) queries.set(method, entities);
    }
  }

  return {
    routes: features.flatMap((f) => f.routes ?? []),
    nav: features.flatMap((f) => (f.nav ? [{ id: f.id, ...f.nav }] : [])),
    residentPanels: features.flatMap((f) => f.residentPanels ?? []),
    queries,
    queriesShowing(changed) {
      if (changed.length === 0) return [];
      return [...queries].filter(([, shown]) => shown === 'all' || shown.some((entity) => changed.includes(entity))).map(([method]) => method);
    },
  };
}
