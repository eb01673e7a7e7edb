/**
 * The offline map's geometry: a local equirectangular projection in metres around the area's centre
 * (a community is a few kilometres across, where this is exact to well under a metre per kilometre),
 * the view (centre in metres, pixels per metre) and the scale bar's round lengths.
 */

const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;

export interface Projection {
  readonly lng0: number;
  readonly lat0: number;
  /** WGS-84 degrees → metres east (x) and north (y) of the centre. */
  toMeters(lng: number, lat: number): { x: number; y: number };
  toLngLat(x: number, y: number): { lng: number; lat: number };
}

export function localProjection(lng0: number, lat0: number): Projection {
  const kx = EARTH_RADIUS_M * RAD * Math.cos(lat0 * RAD);
  const ky = EARTH_RADIUS_M * RAD;
  return {
    lng0,
    lat0,
    toMeters: (lng, lat) => ({ x: (lng - lng0) * kx, y: (lat - lat0) * ky }),
    toLngLat: (x, y) => ({ lng: lng0 + x / kx, lat: lat0 + y / ky }),
  };
}

/** What the screen shows: the metre point at its centre and how many pixels a metre takes. */
export interface View {
  cx: number;
  cy: number;
  /** Pixels per metre. */
  scale: number;
}

export interface Size {
  width: number;
  height: number;
}

/** Screen pixel (from the top left) of a metre point. y grows north in metres, down on screen. */
export function toScreen(view: View, size: Size, x: number, y: number): { sx: number; sy: number } {
  return { sx: size.width / 2 + (x - view.cx) * view.scale, sy: size.height / 2 - (y - view.cy) * view.scale };
}

export function toWorld(view: View, size: Size, sx: number, sy: number): { x: number; y: number } {
  return { x: view.cx + (sx - size.width / 2) / view.scale, y: view.cy - (sy - size.height / 2) / view.scale };
}

export const MIN_SCALE = 0.002; // 1 px = 500 m: a whole district
export const MAX_SCALE = 4; // 1 px = 25 cm: a single building

export function clampScale(scale: number): number {
  return Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale));
}

/** Zoom by `factor` keeping the metre point under screen pixel (sx, sy) where it is. */
export function zoomAt(view: View, size: Size, factor: number, sx = size.width / 2, sy = size.height / 2): View {
  const scale = clampScale(view.scale * factor);
  const anchor = toWorld(view, size, sx, sy);
  return { scale, cx: anchor.x - (sx - size.width / 2) / scale, cy: anchor.y + (sy - size.height / 2) / scale };
}

/** The view that shows a box of metres with a margin (a single point: 2 km across). */
export function fitView(box: { minX: number; minY: number; maxX: number; maxY: number }, size: Size, margin = 24): View {
  const w = Math.max(box.maxX - box.minX, 200);
  const h = Math.max(box.maxY - box.minY, 200);
  const scale = clampScale(Math.min((size.width - 2 * margin) / w, (size.height - 2 * margin) / h));
  return { cx: (box.minX + box.maxX) / 2, cy: (box.minY + box.maxY) / 2, scale: scale > 0 ? scale : MIN_SCALE };
}

/**
 * The scale bar: the longest round length (1, 2 or 5 × 10ⁿ metres) that fits in `maxPixels` at this
 * scale, and its width in pixels — so the bar and its label agree at every zoom.
 */
export function scaleBar(scale: number, maxPixels = 120): { meters: number; pixels: number } {
  const maxMeters = maxPixels / scale;
  const power = 10 ** Math.floor(Math.log10(maxMeters));
  const step = [5, 2, 1].find((m) => m * power <= maxMeters) ?? 1;
  const meters = step * power;
  return { meters, pixels: meters * scale };
}

/** "500 米" / "2 公里" as the label of a scale-bar length. */
export function scaleLabel(meters: number): { value: number; unit: 'm' | 'km' } {
  return meters >= 1000 ? { value: meters / 1000, unit: 'km' } : { value: meters, unit: 'm' };
}
