/** The map's scene from the office's data, the latest figures and the what-if: rebuilt only when one of them changes. */
import { useMemo } from 'react';
import type { CompoundCoverage, EldercareMapData } from '../../../../../shared/contract';
import { buildAreas, buildCompounds, boxOf, projectionFor, type Scene, type SceneFacility } from './map/scene';
import { localProjection } from './map/projection';
import type { MapHit } from './map/coverage-map';
import { EMPTY_WHAT_IF, draftIssues, draftWgs84, type WhatIfState } from './what-if';

export function useScene(
  data: EldercareMapData | undefined,
  compounds: readonly CompoundCoverage[] | undefined,
  whatIf: WhatIfState,
  service: string | undefined,
  radiusMeters: number | undefined,
  minDaysPerWeek: number,
  selected: MapHit | null,
): Scene | null {
  // Keyed by the centre's values: a refetch of the same area keeps the projection (and so the view).
  const centre = data ? projectionFor(data) : null;
  const hasData = centre !== null;
  const lng0 = centre?.lng0 ?? 0;
  const lat0 = centre?.lat0 ?? 0;
  const projection = useMemo(() => (hasData ? localProjection(lng0, lat0) : null), [hasData, lng0, lat0]);
  const shown = compounds ?? data?.compounds;
  const sceneCompounds = useMemo(() => (projection && shown ? buildCompounds(projection, shown) : null), [projection, shown]);
  const areas = useMemo(() => (projection && data ? buildAreas(projection, data.areas) : []), [projection, data]);
  const box = useMemo(
    () => (projection && data ? boxOf(buildCompounds(projection, data.compounds), facilitiesOf(projection, data, EMPTY_WHAT_IF, undefined, 1, true), areas) : null),
    [projection, data, areas],
  );
  const facilities = useMemo(() => (projection && data ? facilitiesOf(projection, data, whatIf, service, minDaysPerWeek, false) : []), [projection, data, whatIf, service, minDaysPerWeek]);
  return useMemo(() => {
    if (!projection || !data || !sceneCompounds || !box) return null;
    return { projection, compounds: sceneCompounds, facilities, areas, radiusMeters: radiusMeters ?? data.radiusMeters, box, selected };
  }, [projection, data, sceneCompounds, facilities, areas, radiusMeters, box, selected]);
}

function offers(services: readonly { code: string; days: readonly number[] }[], service: string | undefined, minDays: number): boolean {
  return services.some((s) => (service === undefined || s.code === service) && new Set(s.days).size >= minDays);
}

function facilitiesOf(
  projection: Scene['projection'],
  data: EldercareMapData,
  whatIf: WhatIfState,
  service: string | undefined,
  minDays: number,
  recordedOnly: boolean,
): SceneFacility[] {
  const closed = new Set(whatIf.close);
  const included = new Set(whatIf.include);
  const out: SceneFacility[] = [];
  for (const f of data.facilities) {
    if (!f.wgs84) continue;
    const { x, y } = projection.toMeters(f.wgs84.lng, f.wgs84.lat);
    const counts = service === undefined ? f.countsFor.length > 0 : f.countsFor.includes(service);
    let state: SceneFacility['state'];
    let reaches = false;
    if (f.status === 'closed' || closed.has(f.id)) state = 'closed';
    else if (f.status === 'planned') {
      state = included.has(f.id) ? 'whatIf' : 'planned';
      reaches = included.has(f.id) && offers(f.services, service, minDays);
    } else {
      state = counts ? 'active' : 'inactive';
      reaches = counts;
    }
    out.push({ id: f.id, name: f.name, x, y, state, reaches });
  }
  if (recordedOnly) return out;
  for (const d of whatIf.add) {
    const point = draftWgs84(d);
    if (!point) continue;
    const { x, y } = projection.toMeters(point.lng, point.lat);
    const checked = draftIssues(d);
    out.push({ id: d.key, name: d.name, x, y, state: 'whatIf', reaches: checked.ok && offers(checked.facility.services, service, minDays) });
  }
  return out;
}
