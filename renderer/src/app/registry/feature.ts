/**
 * What a renderer feature tells the registry (app/features.ts): the pages it serves, its entry in
 * the navbar, the panels it adds to the resident page, and which record tables (entities) each of
 * its queries shows — so that a write anywhere refetches it (app/api/queries.ts `invalidateOnChange`).
 * A feature folder exports one of these from its `feature.tsx`; adding a module is its folder and one
 * line in app/features.ts.
 */
import type { ComponentType, ReactElement } from 'react';
import type { Contract, Resident } from '../../../../shared/contract';
import type { Permission } from '../../../../shared/domain/roles';
import type { Catalog } from '../../../../shared/i18n';
import type { CallableMethod } from '../api/client';

export type QueryMethodName = { [M in CallableMethod]: Contract[M]['kind'] extends 'query' ? M : never }[CallableMethod];

/**
 * The record tables a query's answers are made of, by the core's names (`residents`,
 * `household_members` … — what a result's `changed` lists), or `all` for a query over the whole
 * office (the change log, the counts). An empty list: it shows no records (files, the audit trail,
 * import runs), so its feature refreshes it itself after its own calls.
 */
export type ShownEntities = readonly string[] | 'all';

/** A page at an address of its own: `index` is the shell's home (`/`). */
export type FeatureRoute = { path: string; element: ReactElement } | { index: true; element: ReactElement };

/** A label under `nav.` in the catalogs. */
export type NavLabel = Exclude<keyof Catalog['nav'], 'label'>;

export interface FeatureNav {
  label: NavLabel;
  /** Where it leads; the entry is marked current on this path and below it. */
  path: string;
  /** Hidden from roles without it (the core refuses their calls anyway). */
  permission?: Permission;
}

/** A panel another feature shows on the resident page (cases, care services, visits …). */
export interface ResidentPanel {
  id: string;
  Panel: ComponentType<{ resident: Resident }>;
}

export interface RendererFeature {
  /** Its name; the navbar entry's test id is `nav-<id>`. */
  id: string;
  /** Its folder under renderer/src/features (a test fails when a folder is named by no feature). */
  folder: string;
  routes?: readonly FeatureRoute[];
  /** Its navbar entry; entries appear in the order of app/features.ts. */
  nav?: FeatureNav;
  residentPanels?: readonly ResidentPanel[];
  /** The contract queries it asks, each with the entities it shows; every query a feature asks is declared by one feature. */
  queries?: { readonly [M in QueryMethodName]?: ShownEntities };
}

/** Keeps a feature's literal type while checking it against RendererFeature. */
export function defineFeature<const F extends RendererFeature>(feature: F): F {
  return feature;
}
