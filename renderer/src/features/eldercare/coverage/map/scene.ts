/**
 * What the map draws, projected once into metres: compounds as flat arrays (5,000 of them are
 * walked every frame), facilities with their state in the what-if, and grid boundaries. Built when
 * the data or the what-if changes — never per frame.
 */
import type { CompoundCoverage, EldercareMapData, GridAreaGeometry } from '../../../../../../shared/contract';
import { localProjection, type Projection } from './projection';
import { shareClass } from './shading';

export interface SceneCompounds {
  ids: string[];
  names: string[];
  xs: Float64Array;
  ys: Float64Array;
  /** The share, NaN when nobody older is placed there. */
  shares: Float64Array;
  /** shareClass of each (-1: none). */
  classes: Int8Array;
  older: Int32Array;
  withPosition: Int32Array;
  covered: Int32Array;
}

/** active: counts in the circle; planned: saved as planned (counts only when put in the what-if); whatIf: placed in the what-if; closed: left out in the what-if (or closed for good). */
export type FacilityState = 'active' | 'inactive' | 'planned' | 'whatIf' | 'closed';

export interface SceneFacility {
  id: string;
  name: string;
  x: number;
  y: number;
  state: FacilityState;
  /** Draw its walking circle (it counts for the service shown). */
  reaches: boolean;
}

export interface SceneArea {
  id: string;
  name: string;
  /** Rings in metres, as flat [x0, y0, x1, y1, …]. */
  rings: Float64Array[];
  labelX: number;
  labelY: number;
}

export interface Scene {
  projection: Projection;
  compounds: SceneCompounds;
  facilities: SceneFacility[];
  areas: SceneArea[];
  radiusMeters: number;
  /** Everything drawn, in metres (for "fit"). */
  box: { minX: number; minY: number; maxX: number; maxY: number };
  selected: { kind: 'compound' | 'facility'; id: string } | null;
}

/** A planned point of the what-if, already in WGS-84. */
export interface ScenePlanned {
  key: string;
  name: string;
  wgs84: { lng: number; lat: number };
  /** It offers the service shown often enough to count. */
  reaches: boolean;
}

/** The area's centre: the middle of the office's bbox (or Shizuishan's Dawukou when it has nothing yet). */
export function projectionFor(data: Pick<EldercareMapData, 'bbox'>): Projection {
  const b = data.bbox;
  return b ? localProjection((b.west + b.east) / 2, (b.south + b.north) / 2) : localProjection(106.38, 39.01);
}

export function buildCompounds(projection: Projection, compounds: readonly CompoundCoverage[]): SceneCompounds {
  const placed = compounds.filter((c) => c.wgs84 !== null);
  const n = placed.length;
  const out: SceneCompounds = {
    ids: new Array<string>(n),
    names: new Array<string>(n),
    xs: new Float64Array(n),
    ys: new Float64Array(n),
    shares: new Float64Array(n),
    classes: new Int8Array(n),
    older: new Int32Array(n),
    withPosition: new Int32Array(n),
    covered: new Int32Array(n),
  };
  for (let i = 0; i < n; i++) {
    const c = placed[i];
    const p = projection.toMeters(c.wgs84!.lng, c.wgs84!.lat);
    out.ids[i] = c.id;
    out.names[i] = c.name;
    out.xs[i] = p.x;
    out.ys[i] = p.y;
    out.shares[i] = c.share ?? Number.NaN;
    out.classes[i] = shareClass(c.share);
    out.older[i] = c.older;
    out.withPosition[i] = c.withPosition;
    out.covered[i] = c.covered;
  }
  return out;
}

export function buildAreas(projection: Projection, areas: EldercareMapData['areas']): SceneArea[] {
  return areas.map((a) => {
    const polygons = polygonsOf(a.geometry);
    const rings: Float64Array[] = [];
    let sx = 0;
    let sy = 0;
    let count = 0;
    for (const polygon of polygons) {
      polygon.forEach((ring, r) => {
        const flat = new Float64Array(ring.length * 2);
        ring.forEach(([lng, lat], i) => {
          const p = projection.toMeters(lng, lat);
          flat[2 * i] = p.x;
          flat[2 * i + 1] = p.y;
          // The label sits at the mean of the outer rings' points: inside any roughly convex grid.
          if (r === 0) {
            sx += p.x;
            sy += p.y;
            count++;
          }
        });
        rings.push(flat);
      });
    }
    return { id: a.id, name: a.name, rings, labelX: count ? sx / count : 0, labelY: count ? sy / count : 0 };
  });
}

function polygonsOf(geometry: GridAreaGeometry): number[][][][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

export function boxOf(compounds: SceneCompounds, facilities: readonly SceneFacility[], areas: readonly SceneArea[]): Scene['box'] {
  const box = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
  const add = (x: number, y: number) => {
    if (x < box.minX) box.minX = x;
    if (x > box.maxX) box.maxX = x;
    if (y < box.minY) box.minY = y;
    if (y > box.maxY) box.maxY = y;
  };
  for (let i = 0; i < compounds.xs.length; i++) add(compounds.xs[i], compounds.ys[i]);
  for (const f of facilities) add(f.x, f.y);
  for (const a of areas) for (const ring of a.rings) for (let i = 0; i < ring.length; i += 2) add(ring[i], ring[i + 1]);
  return Number.isFinite(box.minX) ? box : { minX: -1000, minY: -1000, maxX: 1000, maxY: 1000 };
}
