/**
 * Positions in the systems offices copy them from (GCJ-02: Amap, Tencent; BD-09: Baidu) against
 * WGS-84, through gcoord as the module stores them (7 decimals). Reference pairs: gcoord's own test
 * fixtures (github.com/hujiulong/gcoord, test/fixtures/china-cities.json), which include two points
 * in Shizuishan's Dawukou district.
 */
import { describe, expect, it } from 'vitest';
import { distanceMeters, fromWgs84, toWgs84, type CoordinateSystem } from '../../shared/domain/eldercare/positions';

type LngLat = readonly [number, number];
const REFERENCES: { name: string; wgs84: LngLat; gcj02: LngLat; bd09: LngLat }[] = [
  { name: '石嘴山市大武口区 (1)', wgs84: [106.3785968, 38.9823974], gcj02: [106.3833067, 38.9832384], bd09: [106.3899075, 38.9889187] },
  { name: '石嘴山市大武口区 (2)', wgs84: [106.3634775, 39.0182951], gcj02: [106.3681616, 39.0191395], bd09: [106.3747727, 39.0248856] },
  { name: '银川市金凤区', wgs84: [106.2265089, 38.4867312], gcj02: [106.2309166, 38.4871981], bd09: [106.2374035, 38.4931761] },
  { name: '吴忠市利通区', wgs84: [106.1939878, 37.9969082], gcj02: [106.1984003, 37.9974631], bd09: [106.2047718, 38.0037752] },
  { name: '北京市东城区', wgs84: [116.4011517, 39.9028057], gcj02: [116.4074002, 39.9042136], bd09: [116.4137852, 39.9105355] },
];

const pt = ([lng, lat]: LngLat) => ({ lng, lat });

/** Points across Shizuishan's districts (Dawukou, Huinong, Pingluo), WGS-84. */
const SHIZUISHAN = [pt([106.38, 39.01]), pt([106.3768, 39.0133]), pt([106.7696, 39.2306]), pt([106.5441, 38.9145]), pt([106.31, 38.96])];

describe('GCJ-02 and BD-09 against WGS-84', () => {
  it.each(REFERENCES)('$name: both conversions match the published pair within 1 m', (ref) => {
    for (const crs of ['gcj02', 'bd09'] as const) {
      const typed = ref[crs];
      expect(distanceMeters(toWgs84({ lng: typed[0], lat: typed[1], crs }), pt(ref.wgs84)), `${crs} → wgs84`).toBeLessThan(1);
      expect(distanceMeters(fromWgs84(pt(ref.wgs84), crs), pt(typed)), `wgs84 → ${crs}`).toBeLessThan(1);
      // The shift itself is hundreds of metres: a conversion skipped would fail above.
      expect(distanceMeters(pt(typed), pt(ref.wgs84))).toBeGreaterThan(300);
    }
  });

  it.each(['gcj02', 'bd09'] as const)('round trips through %s stay within 1 m across Shizuishan', (crs: CoordinateSystem) => {
    for (const p of SHIZUISHAN) {
      const there = fromWgs84(p, crs);
      expect(there.crs).toBe(crs);
      expect(distanceMeters(toWgs84(there), p)).toBeLessThan(1);
      // And typed in the other system first: the point shown back is the one typed.
      const typed = { ...p, crs };
      expect(distanceMeters(fromWgs84(toWgs84(typed), crs), typed)).toBeLessThan(1);
    }
  });

  it('keeps WGS-84 as typed and stores 7 decimals otherwise', () => {
    expect(toWgs84({ lng: 106.123456789, lat: 39.1, crs: 'wgs84' })).toEqual({ lng: 106.123456789, lat: 39.1 });
    const w = toWgs84({ lng: 106.3833067, lat: 38.9832384, crs: 'gcj02' });
    expect(Math.round(w.lng * 1e7) / 1e7).toBe(w.lng);
    expect(Math.round(w.lat * 1e7) / 1e7).toBe(w.lat);
  });

  it('measures distances on the sphere: 0.01° of latitude ≈ 1112 m, of longitude at 39° N ≈ 864 m', () => {
    expect(distanceMeters({ lng: 106.38, lat: 39 }, { lng: 106.38, lat: 39.01 })).toBeCloseTo(1111.95, 1);
    expect(distanceMeters({ lng: 106.38, lat: 39 }, { lng: 106.39, lat: 39 })).toBeCloseTo(864.1, 0);
  });
});
