/**
 * The 15-minute service circle at city scale (issue 13: 100,000 older residents × 300 facilities
 * ≤ 1 s): the whole eldercare.coverage.compute through the core on a real (encrypted) SQLite file,
 * its first call after opening and p50/max of several, with a what-if and the map's data; then the
 * engine alone on the same people, and the indexed engine against a naive every-pair comparison on
 * a subset of points, for contrast.
 *
 * The office: ≈5,000 compounds over about 24 × 18 km around Dawukou, 300 facilities with a mix of
 * services and weekdays (some closed), 2,000 known walks, and the older residents: 95 % placed at
 * their compound, 3 % with their own point, 2 % with no position; plus 20 % as many younger residents
 * the age rule has to leave out. Written through insertRecord, like the app.
 */
import path from 'node:path';
import { CoreHost } from '../../electron/core/host';
import { Circle, computeCircle, reachAllPairs, type CirclePoint } from '../../electron/core/eldercare/coverage/engine';
import { circleFacilities, circleRules, circleServices, knownWalks } from '../../electron/core/eldercare/coverage/compute';
import { listFacilities } from '../../electron/core/eldercare/coverage/repository';
import { rng } from '../../electron/core/demo/generate';
import { addCompound, addFacility, addGrid, addResident, fixtureWriter, placeResident } from '../support/eldercare-fixtures';
import { insertRecord } from '../../electron/core/db/writes';
import { uuidv7 } from '../../electron/core/ids';
import { percentile, round, type Bench, type Figure } from './harness';

const OLDER = 100_000;
const COMPOUNDS = 5_000;
const FACILITIES = 300;
const WALKS = 2_000;
const RUNS = 7;
const SUBSET = 2_000;
const SERVICES = ['meal', 'bath', 'clean', 'medical', 'emergency', 'mobility', 'shopping', 'study', 'visit', 'comfort'];
/** Dawukou's south-west corner and the area's size in degrees (≈ 24 km × 18 km at 39° N). */
const DAY_MS = 86_400_000;
const BIRTH_DAYS = 14_000;
/** Born from 1926 (older: up to 1964) and from 1970 (younger). */
const OLDEST = Date.UTC(1926, 0, 1);
const YOUNGEST = Date.UTC(1970, 0, 1);
const ORIGIN = { lng: 106.26, lat: 38.9 };
const SPAN = { lng: 0.28, lat: 0.16 };

export const eldercareCoverageBench: Bench = async ({ scale, dir, log }) => {
  const older = Math.min(scale, OLDER);
  const dbPath = path.join(dir, 'eldercare-coverage.db');
  let host = new CoreHost({ dbPath, create: true, appVersion: 'bench', passwordCostLog2: 12 });
  const call = async (method: string, input: unknown) => {
    const r = await host.dispatch('bench', method, input);
    if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
    return r.value;
  };
  await call('office.setup', {
    office: { code: 'BENCH-01', name: '基准测试社区', divisionCode: '640202' },
    admin: { username: 'admin', displayName: '管理员', password: 'secret1234' },
  });
  const session = (await call('accounts.login', { username: 'admin', password: 'secret1234' })) as { userId: string };

  log(`writing ${COMPOUNDS} compounds, ${FACILITIES} facilities, ${older} older residents …`);
  const started = performance.now();
  const random = rng(13);
  const point = () => ({ lng: ORIGIN.lng + random() * SPAN.lng, lat: ORIGIN.lat + random() * SPAN.lat, crs: 'wgs84' as const });
  const db = host.db;
  const w = () => fixtureWriter(db, session.userId, new Date('2025-03-10T08:00:00.000Z'));
  const grids: string[] = [];
  const compounds: string[] = [];
  const facilities: string[] = [];
  db.transaction(() => {
    const wc = w();
    for (let g = 0; g < 20; g++) grids.push(addGrid(wc, { code: `G${String(g + 1).padStart(2, '0')}`, name: `第${g + 1}网格` }));
    for (let c = 0; c < COMPOUNDS; c++) compounds.push(addCompound(wc, { name: `小区${c + 1}`, gridId: grids[c % grids.length], position: point() }));
    for (let f = 0; f < FACILITIES; f++) {
      const services = SERVICES.filter(() => random() < 0.35).map((code) => ({ code, days: random() < 0.8 ? [1, 2, 3, 4, 5, 6, 7] : [6, 7] }));
      facilities.push(addFacility(wc, { name: `设施${f + 1}`, status: random() < 0.05 ? 'closed' : 'active', position: point(), services: services.length ? services : [{ code: 'meal', days: [1, 2, 3, 4, 5] }] }));
    }
    for (let k = 0; k < WALKS; k++) {
      insertRecord(wc, 'compound_walks', uuidv7(), { compound_id: compounds[k * 2], facility_id: facilities[Math.floor(random() * FACILITIES)], meters: Math.round(200 + random() * 3000), note: null });
    }
  })();
  const younger = Math.round(older * 0.2);
  const BATCH = 5_000;
  for (let done = 0; done < older + younger; done += BATCH) {
    db.transaction(() => {
      const wc = w();
      for (let i = done; i < Math.min(done + BATCH, older + younger); i++) {
        const isOlder = i < older;
        // Each of 14,000 birth days in turn, so birth day and sequence keep every ID number distinct.
        const day = (isOlder ? OLDEST : YOUNGEST) + (i % BIRTH_DAYS) * DAY_MS;
        const id = addResident(wc, { name: `居民${i}`, birthDate: new Date(day).toISOString().slice(0, 10), sequence: Math.floor(i / BIRTH_DAYS) });
        const r = random();
        if (r < 0.02) continue;
        const compoundId = compounds[Math.floor(random() * COMPOUNDS)];
        placeResident(wc, id, { compoundId, position: r < 0.05 ? point() : null });
      }
    })();
  }
  const writeMs = performance.now() - started;
  log(`written in ${Math.round(writeMs / 1000)} s; reopening …`);

  // Computed as in an office opened for the day, not in the host that has just written it all.
  await host.close();
  host = new CoreHost({ dbPath, appVersion: 'bench', passwordCostLog2: 12 });
  await call('accounts.login', { username: 'admin', password: 'secret1234' });

  const timed = async (fn: () => Promise<unknown> | unknown) => {
    const t = performance.now();
    const value = await fn();
    return { ms: performance.now() - t, value };
  };
  const first = await timed(() => call('eldercare.coverage.compute', {}));
  const out = first.value as { olderResidents: number; withPosition: number; covered: number; coverageShare: number };
  log(`older ${out.olderResidents}, placed ${out.withPosition}, covered ${out.covered} (${round(out.coverageShare * 100, 1)} %)`);
  const runs: number[] = [];
  for (let i = 0; i < RUNS; i++) runs.push((await timed(() => call('eldercare.coverage.compute', {}))).ms);
  const whatIf = { add: [{ key: 'p1', name: '规划', position: { lng: 106.4, lat: 38.98, crs: 'gcj02' }, services: [{ code: 'meal', days: [1, 2, 3, 4, 5] }] }], close: [facilities[0], facilities[1]] };
  const whatIfRuns: number[] = [];
  for (let i = 0; i < RUNS; i++) whatIfRuns.push((await timed(() => call('eldercare.coverage.compute', { whatIf, service: 'meal' }))).ms);
  const mapRuns: number[] = [];
  for (let i = 0; i < 3; i++) mapRuns.push((await timed(() => call('eldercare.map.data', {}))).ms);

  // The engine alone: the same facilities and points, without SQL.
  const rdb = host.db;
  const rules = circleRules(rdb);
  const circle = new Circle(circleFacilities(listFacilities(rdb), rules), rules, circleServices(rdb), knownWalks(rdb));
  const rows = rdb
    .prepare(
      `SELECT p.compound_id, p.wgs_lng, p.wgs_lat, c.wgs_lng AS c_lng, c.wgs_lat AS c_lat FROM resident_places p JOIN residents r ON r.id = p.resident_id
        LEFT JOIN compounds c ON c.id = p.compound_id WHERE r.birth_date <= '1965-03-10'`,
    )
    .all() as { compound_id: string; wgs_lng: number | null; wgs_lat: number | null; c_lng: number; c_lat: number }[];
  const points: CirclePoint[] = [];
  const byCompound = new Map<string, number>();
  const people = rows.map((r) => {
    let p: number;
    if (r.wgs_lng !== null && r.wgs_lat !== null) p = points.push({ lng: r.wgs_lng, lat: r.wgs_lat, compoundId: null }) - 1;
    else if (byCompound.has(r.compound_id)) p = byCompound.get(r.compound_id)!;
    else byCompound.set(r.compound_id, (p = points.push({ lng: r.c_lng, lat: r.c_lat, compoundId: r.compound_id }) - 1));
    return { point: p, gridId: null, compoundId: r.compound_id };
  });
  const engineRuns: number[] = [];
  for (let i = 0; i < RUNS; i++) engineRuns.push((await timed(() => computeCircle(circle, points, people, null))).ms);

  // Indexed against every pair, on the same subset of points.
  const subset = points.slice(0, SUBSET);
  const indexed = await timed(() => subset.forEach((p) => circle.reach(p)));
  const allPairs = await timed(() => subset.forEach((p) => reachAllPairs(circle, p)));
  await host.close();

  const figures: Figure[] = [
    { name: 'eldercare.coverage.write_s', value: round(writeMs / 1000, 1), unit: 's' },
    { name: 'eldercare.coverage.older_residents', value: out.olderResidents },
    { name: 'eldercare.coverage.distinct_points', value: points.length },
    { name: 'eldercare.coverage.compute_first_ms', value: round(first.ms, 1), unit: 'ms' },
    { name: 'eldercare.coverage.compute_p50_ms', value: round(percentile(runs, 50), 1), unit: 'ms' },
    { name: 'eldercare.coverage.compute_max_ms', value: round(Math.max(...runs), 1), unit: 'ms' },
    { name: 'eldercare.coverage.what_if_p50_ms', value: round(percentile(whatIfRuns, 50), 1), unit: 'ms' },
    { name: 'eldercare.coverage.map_data_p50_ms', value: round(percentile(mapRuns, 50), 1), unit: 'ms' },
    { name: 'eldercare.coverage.engine_p50_ms', value: round(percentile(engineRuns, 50), 1), unit: 'ms' },
    { name: `eldercare.coverage.engine_${SUBSET}_points_ms`, value: round(indexed.ms, 2), baseline: round(allPairs.ms, 2), unit: 'ms' },
  ];
  return figures;
};
