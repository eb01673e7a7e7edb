/**
 * Positions with their coordinate system. Offices copy points from online maps in China, which use
 * GCJ-02 (Amap, Tencent) or BD-09 (Baidu); surveys give WGS-84. A position is stored as typed, with
 * its system, and converted to WGS-84 for computing (gcoord does the conversions); it is shown back
 * in the system it came in.
 */
import gcoord from 'gcoord';

export const COORDINATE_SYSTEMS = ['wgs84', 'gcj02', 'bd09'] as const;
export type CoordinateSystem = (typeof COORDINATE_SYSTEMS)[number];

export interface Position {
  /** Longitude, degrees east. */
  lng: number;
  /** Latitude, degrees north. */
  lat: number;
  crs: CoordinateSystem;
}

const GCOORD_CRS = { wgs84: gcoord.WGS84, gcj02: gcoord.GCJ02, bd09: gcoord.BD09 } as const;

/** Round to 7 decimals (about 1 cm): what is stored, so a round trip compares equal. */
export function roundDegrees(value: number): number {
  return Math.round(value * 1e7) / 1e7;
}

/** The point in WGS-84, for computing distances. */
export function toWgs84(p: Position): { lng: number; lat: number } {
  if (p.crs === 'wgs84') return { lng: p.lng, lat: p.lat };
  const [lng, lat] = gcoord.transform([p.lng, p.lat], GCOORD_CRS[p.crs], gcoord.WGS84);
  return { lng: roundDegrees(lng), lat: roundDegrees(lat) };
}

/** A WGS-84 point shown in another system (a planned facility placed on the map, a point typed back). */
export function fromWgs84(point: { lng: number; lat: number }, crs: CoordinateSystem): Position {
  if (crs === 'wgs84') return { lng: point.lng, lat: point.lat, crs };
  const [lng, lat] = gcoord.transform([point.lng, point.lat], gcoord.WGS84, GCOORD_CRS[crs]);
  return { lng: roundDegrees(lng), lat: roundDegrees(lat), crs };
}

/** Roughly mainland China: a point outside it is almost always swapped or mistyped. */
export function isInChina(lng: number, lat: number): boolean {
  return lng >= 73 && lng <= 136 && lat >= 3 && lat <= 54;
}

const EARTH_RADIUS_M = 6_371_008.8;

/** Great-circle distance in metres between two WGS-84 points (haversine). */
export function distanceMeters(a: { lng: number; lat: number }, b: { lng: number; lat: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}
