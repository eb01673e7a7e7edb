/**
 * Modules not built yet (社会救助, 基层治理, 统计报表): each is registered as a
 * placeholder — its navbar entry, a page saying it comes later, and on the resident page the dashed
 * place its records will take. A real module replaces its placeholder's line in app/features.ts.
 */
import type { Permission } from '../../../../shared/domain/roles';
import { defineFeature, type NavLabel, type RendererFeature } from '../../app/registry/feature';
import { ModulePlaceholder, ResidentSlotPlaceholder, type ResidentSlot } from './module-placeholder';

export function placeholderFeature(module: NavLabel, { permission, residentSlot }: { permission: Permission; residentSlot?: ResidentSlot }): RendererFeature {
  return defineFeature({
    id: module,
    folder: 'modules',
    routes: [{ path: `/${module}`, element: <ModulePlaceholder module={module} /> }],
    nav: { label: module, path: `/${module}`, permission },
    ...(residentSlot ? { residentPanels: [{ id: residentSlot, Panel: () => <ResidentSlotPlaceholder slot={residentSlot} module={module} /> }] } : {}),
  });
}
