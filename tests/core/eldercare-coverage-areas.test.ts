/**
 * Grid boundaries from a GeoJSON file: polygons matched to grids by a property, converted to WGS-84,
 * a non-polygon, an unknown or missing grid code and a repeated grid refused feature by feature;
 * a file that is not GeoJSON refused as a whole; a dry run writes nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { distanceMeters, toWgs84 } from '../../shared/domain/eldercare/positions';
import { maxSeq } from '../support/db-inspect';
import { expectFailure, expectOk } from '../support/results';
import { setupRegistry } from '../support/residents-registry';
import { createTestHost } from '../support/test-host';
import { disposeTestResources } from '../support/temp-dir';
import { addGrid, fixtureWriter } from '../support/eldercare-fixtures';

afterEach(disposeTestResources);

/** A square ring around (lng, lat), closed. */
const square = (lng: number, lat: number, d = 0.005) => [
  [lng, lat],
  [lng + d, lat],
  [lng + d, lat + d],
  [lng, lat + d],
  [lng, lat],
];
const feature = (properties: Record<string, unknown>, geometry: unknown) => ({ type: 'Feature', properties, geometry });

async function office() {
  const t = createTestHost();
  const o = await setupRegistry(t);
  const w = fixtureWriter(t.host.db, o.admin.userId, t.clock.now());
  const g1 = addGrid(w, { code: 'A1', name: '一网格' });
  const g2 = addGrid(w, { code: 'A2', name: '二网格' });
  const write = (name: string, content: unknown) => {
    const file = path.join(t.dir, name);
    fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
    return file;
  };
  return { t, o, g1, g2, write };
}

const COLLECTION = {
  type: 'FeatureCollection',
  features: [
    feature({ code: 'A1', 名称: '一网格' }, { type: 'Polygon', coordinates: [square(106.3833067, 38.9832384)] }),
    feature({ code: 'A1' }, { type: 'LineString', coordinates: square(106.39, 38.99) }),
    feature({ code: 'ZZ' }, { type: 'Polygon', coordinates: [square(106.4, 39)] }),
    feature({ code: 'A2' }, { type: 'MultiPolygon', coordinates: [[square(106.41, 39.01)], [square(106.42, 39.02, 0.002)]] }),
    feature({ name: 'no code' }, { type: 'Polygon', coordinates: [square(106.43, 39.03)] }),
    feature({ code: 'A1' }, { type: 'Polygon', coordinates: [square(106.44, 39.04)] }),
    feature({ code: 'A2' }, { type: 'Polygon', coordinates: [square(12_000_000, 4_700_000, 100)] }),
    feature({ code: 'A2' }, { type: 'Polygon', coordinates: [[[106.4, 39], [106.41, 39], [106.4, 39.01]]] }),
  ],
};

describe('eldercare.areas.import', () => {
  it('imports the polygons of known grids, converted to WGS-84, and reports every other feature', async () => {
    const { t, o, g1, g2, write } = await office();
    const file = write('areas.geojson', COLLECTION);
    const seq = maxSeq(t.host.db);
    const dry = expectOk(await t.call(o.adminConn, 'eldercare.areas.import', { file, crs: 'gcj02', gridProperty: 'code', dryRun: true, language: 'en' }));
    expect(dry).toMatchObject({ total: 8, imported: 2, refused: 6, dryRun: true });
    expect(maxSeq(t.host.db)).toBe(seq);
    expect(expectOk(await t.call(o.adminConn, 'eldercare.areas.list', {}))).toEqual([]);

    const out = expectOk(await t.call(o.adminConn, 'eldercare.areas.import', { file, crs: 'gcj02', gridProperty: 'code', dryRun: false, language: 'en' }));
    expect(out.features.map((f) => [f.outcome, f.issue?.code ?? null])).toEqual([
      ['imported', null],
      ['refused', 'eldercare.area_not_polygon'],
      ['refused', 'eldercare.area_unknown_grid'],
      ['imported', null],
      ['refused', 'eldercare.area_no_grid_code'],
      ['refused', 'eldercare.area_duplicate_grid'],
      ['refused', 'eldercare.area_outside'],
      ['refused', 'eldercare.area_invalid_geometry'],
    ]);
    expect(out.features[0]).toMatchObject({ gridCode: 'A1', gridId: g1, gridName: '一网格' });
    expect(out.features[1].issue).toMatchObject({ params: { index: 2, type: 'LineString' } });
    expect(out.features[1].issue!.message).toContain('LineString');
    expect(out.features[2].issue).toMatchObject({ params: { index: 3, code: 'ZZ' } });
    expect(out.features[4].issue).toMatchObject({ params: { property: 'code' } });

    const areas = expectOk(await t.call(o.viewer.conn, 'eldercare.areas.list', {}));
    expect(areas.map((a) => [a.code, a.geometry.type, a.sourceCrs])).toEqual([
      ['A1', 'Polygon', 'gcj02'],
      ['A2', 'MultiPolygon', 'gcj02'],
    ]);
    const a1 = areas[0];
    expect(a1.gridId).toBe(g1);
    // Converted: the first corner is the GCJ-02 point's WGS-84 form (about 400 m away from as typed).
    const [lng, lat] = (a1.geometry.coordinates as number[][][])[0][0];
    expect({ lng, lat }).toEqual(toWgs84({ lng: 106.3833067, lat: 38.9832384, crs: 'gcj02' }));
    expect(distanceMeters({ lng, lat }, { lng: 106.3785968, lat: 38.9823974 })).toBeLessThan(1);
    expect(areas[1].gridId).toBe(g2);

    // Again, read as WGS-84 this time: the same grids' boundaries are replaced, not doubled.
    const again = expectOk(await t.call(o.adminConn, 'eldercare.areas.import', { file, crs: 'wgs84', gridProperty: 'code', dryRun: false, language: 'zh-CN' }));
    expect(again.features.filter((f) => f.outcome === 'replaced')).toHaveLength(2);
    expect(again.features[1].issue!.message).toContain('不是面');
    const replaced = expectOk(await t.call(o.adminConn, 'eldercare.areas.list', {}));
    expect(replaced.map((a) => [a.code, a.sourceCrs, a.version])).toEqual([
      ['A1', 'wgs84', 2],
      ['A2', 'wgs84', 2],
    ]);
    const ops = t.host.db.prepare("SELECT op FROM change_log WHERE entity = 'grid_areas' ORDER BY seq").all() as { op: string }[];
    expect(ops.map((x) => x.op)).toEqual(['insert', 'insert', 'update', 'update']);

    // The map draws them, inside its bounds.
    const map = expectOk(await t.call(o.viewer.conn, 'eldercare.map.data', {}));
    expect(map.areas).toHaveLength(2);
    expect(map.bbox).toMatchObject({ west: 106.3833067, south: 38.9832384 });

    const removed = expectOk(await t.call(o.adminConn, 'eldercare.areas.remove', { id: a1.id, version: 2 }));
    expect(removed).toEqual({ id: a1.id });
    expect(expectOk(await t.call(o.adminConn, 'eldercare.areas.list', {})).map((a) => a.code)).toEqual(['A2']);
  });

  it('takes a grid code given as a number, and WGS-84 as it is', async () => {
    const { t, o, write } = await office();
    const w = fixtureWriter(t.host.db, o.admin.userId, t.clock.now());
    addGrid(w, { code: '7', name: '七网格' });
    const file = write('numbered.json', { type: 'Feature', properties: { grid: 7 }, geometry: { type: 'Polygon', coordinates: [square(106.38, 39.01)] } });
    const out = expectOk(await t.call(o.adminConn, 'eldercare.areas.import', { file, crs: 'wgs84', gridProperty: 'grid', dryRun: false, language: 'en' }));
    expect(out).toMatchObject({ total: 1, imported: 1 });
    const [area] = expectOk(await t.call(o.adminConn, 'eldercare.areas.list', {}));
    const round = (v: number) => Math.round(v * 1e7) / 1e7;
    expect(area.geometry.coordinates).toEqual([square(106.38, 39.01).map(([x, y]) => [round(x), round(y)])]);
  });

  it('refuses a file that is not GeoJSON, holds no features or too many, as a whole', async () => {
    const { t, o, write } = await office();
    const call = (file: string) => t.call(o.adminConn, 'eldercare.areas.import', { file, crs: 'wgs84', gridProperty: 'code', dryRun: false, language: 'en' });
    const seq = maxSeq(t.host.db);
    for (const [content, code] of [
      ['not json {', 'eldercare.area_file_not_json'],
      [{ type: 'Topology', objects: {} }, 'eldercare.area_file_not_features'],
      [{ type: 'FeatureCollection', features: [] }, 'eldercare.area_file_empty'],
      [{ type: 'FeatureCollection', features: Array.from({ length: 501 }, () => feature({ code: 'A1' }, null)) }, 'eldercare.area_file_too_many'],
    ] as const) {
      const error = expectFailure(await call(write('bad.geojson', content)), 'INVALID_INPUT');
      expect(error.issues).toMatchObject([{ path: ['file'], code }]);
    }
    const big = path.join(t.dir, 'big.geojson');
    fs.writeFileSync(big, ' '.repeat(5 * 1024 * 1024 + 1));
    expect(expectFailure(await call(big), 'INVALID_INPUT').issues).toMatchObject([{ path: ['file'], code: 'eldercare.area_file_too_large', params: { max: 5 } }]);
    expect(expectFailure(await call(path.join(t.dir, 'missing.geojson')), 'INVALID_INPUT').issues).toMatchObject([{ path: ['file'], code: 'eldercare.area_file_unreadable', params: { detail: 'ENOENT' } }]);
    expect(maxSeq(t.host.db)).toBe(seq);
  });

  it('is for whoever manages the office', async () => {
    const { t, o, write } = await office();
    const file = write('areas.geojson', COLLECTION);
    expectFailure(await t.call(o.clerk.conn, 'eldercare.areas.import', { file, crs: 'gcj02', gridProperty: 'code', dryRun: true, language: 'en' }), 'FORBIDDEN');
  });
});
