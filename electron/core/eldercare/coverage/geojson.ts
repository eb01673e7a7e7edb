/**
 * Grid boundaries from a GeoJSON file: check each feature (a polygon, naming a grid by a property,
 * inside China) and convert its coordinates to WGS-84 with gcoord. Pure: the caller reads the file
 * and writes the rows.
 */
import gcoord from 'gcoord';
import type { GridAreaGeometry } from '../../../../shared/contract';
import { isInChina, roundDegrees, type CoordinateSystem } from '../../../../shared/domain/eldercare/positions';

/** At most this many features in one file (a community has tens of grids; a district a few hundred). */
export const MAX_AREA_FEATURES = 500;
/** At most this many bytes in one file. */
export const MAX_AREA_FILE_MB = 5;

export type FileIssue = { code: 'area_file_not_json' | 'area_file_not_features' | 'area_file_empty' } | { code: 'area_file_too_many'; params: { max: number; count: number } };

export type FeatureIssueCode = 'area_not_polygon' | 'area_invalid_geometry' | 'area_outside' | 'area_no_grid_code' | 'area_unknown_grid' | 'area_duplicate_grid';

export interface CheckedFeature {
  index: number;
  gridCode: string | null;
  /** The WGS-84 geometry, when the feature's shape is usable. */
  geometry: GridAreaGeometry | null;
  issue: { code: FeatureIssueCode; params: Record<string, string | number> } | null;
}

const GCOORD_CRS = { wgs84: gcoord.WGS84, gcj02: gcoord.GCJ02, bd09: gcoord.BD09 } as const;

type Ring = number[][];

function isPosition(p: unknown): p is number[] {
  return Array.isArray(p) && p.length >= 2 && Number.isFinite(p[0]) && Number.isFinite(p[1]);
}

/** A closed ring of at least four [lng, lat] positions (altitude dropped). */
function ringOf(value: unknown): Ring | null {
  if (!Array.isArray(value) || value.length < 4 || !value.every(isPosition)) return null;
  const ring = value.map((p) => [p[0], p[1]]);
  const [first, last] = [ring[0], ring[ring.length - 1]];
  if (first[0] !== last[0] || first[1] !== last[1]) return null;
  return ring;
}

function polygonOf(value: unknown): Ring[] | null {
  if (!Array.isArray(value) || value.length === 0) return null;
  const rings = value.map(ringOf);
  return rings.every((r): r is Ring => r !== null) ? rings : null;
}

function convertRing(ring: Ring, from: CoordinateSystem): Ring {
  if (from === 'wgs84') return ring.map(([lng, lat]) => [roundDegrees(lng), roundDegrees(lat)]);
  return ring.map((p) => {
    const [lng, lat] = gcoord.transform([p[0], p[1]] as [number, number], GCOORD_CRS[from], gcoord.WGS84);
    return [roundDegrees(lng), roundDegrees(lat)];
  });
}

/** Parse the text of a file: its features, or what is wrong with the file as a whole. */
export function featuresOf(text: string): { features: unknown[] } | { issue: FileIssue } {
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return { issue: { code: 'area_file_not_json' } };
  }
  if (!doc || typeof doc !== 'object') return { issue: { code: 'area_file_not_features' } };
  const d = doc as { type?: unknown; features?: unknown };
  // A single Feature is taken as a collection of one.
  const features = d.type === 'FeatureCollection' && Array.isArray(d.features) ? d.features : d.type === 'Feature' ? [doc] : null;
  if (!features) return { issue: { code: 'area_file_not_features' } };
  if (features.length === 0) return { issue: { code: 'area_file_empty' } };
  if (features.length > MAX_AREA_FEATURES) return { issue: { code: 'area_file_too_many', params: { max: MAX_AREA_FEATURES, count: features.length } } };
  return { features };
}

/**
 * Check one feature and convert it. `gridCodes`: the office's grid codes; `seen`: codes taken by
 * earlier features of the file (a grid named twice keeps the first).
 */
export function checkFeature(feature: unknown, index: number, crs: CoordinateSystem, gridProperty: string, gridCodes: ReadonlySet<string>, seen: Set<string>): CheckedFeature {
  const f = (feature && typeof feature === 'object' ? feature : {}) as { geometry?: unknown; properties?: unknown };
  const props = (f.properties && typeof f.properties === 'object' ? f.properties : {}) as Record<string, unknown>;
  const raw = props[gridProperty];
  const gridCode = typeof raw === 'string' && raw.trim() !== '' ? raw.trim() : typeof raw === 'number' && Number.isFinite(raw) ? String(raw) : null;
  const refuse = (code: FeatureIssueCode, params: Record<string, string | number> = {}): CheckedFeature => ({ index, gridCode, geometry: null, issue: { code, params: { index: index + 1, ...params } } });

  const g = (f.geometry && typeof f.geometry === 'object' ? f.geometry : null) as { type?: unknown; coordinates?: unknown } | null;
  const type = g && typeof g.type === 'string' ? g.type : 'null';
  if (type !== 'Polygon' && type !== 'MultiPolygon') return refuse('area_not_polygon', { type });
  const polygons = type === 'Polygon' ? [polygonOf(g!.coordinates)] : Array.isArray(g!.coordinates) && g!.coordinates.length > 0 ? g!.coordinates.map(polygonOf) : [null];
  if (!polygons.every((p): p is Ring[] => p !== null)) return refuse('area_invalid_geometry');
  if (!polygons.every((rings) => rings.every((ring) => ring.every(([lng, lat]) => isInChina(lng, lat))))) return refuse('area_outside');
  if (gridCode === null) return refuse('area_no_grid_code', { property: gridProperty });
  if (!gridCodes.has(gridCode)) return refuse('area_unknown_grid', { code: gridCode });
  if (seen.has(gridCode)) return refuse('area_duplicate_grid', { code: gridCode });
  seen.add(gridCode);

  const converted = polygons.map((rings) => rings.map((ring) => convertRing(ring, crs)));
  const geometry: GridAreaGeometry = type === 'Polygon' ? { type: 'Polygon', coordinates: converted[0] } : { type: 'MultiPolygon', coordinates: converted };
  return { index, gridCode, geometry, issue: null };
}
