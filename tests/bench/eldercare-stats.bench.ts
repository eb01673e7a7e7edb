/**
 * Elderly-care statistics for a year of 600,000 person-times (issue 13: ≤ 500 ms): the
 * eldercare.stats method through the dispatcher (p50 of a few runs, the office freshly opened), beside
 * a bare-SQLite baseline on the same rows — one GROUP BY count by service over the period.
 * The orders are bulk-inserted straight into the table here (the bench measures reading, not writing),
 * around the change hook that keeps the person-time roll-up in step: the roll-up is rebuilt after.
 */
import path from 'node:path';
import { CoreHost } from '../../electron/core/host';
import { uuidv7 } from '../../electron/core/ids';
import { rng } from '../../electron/core/demo/generate';
import { DEFAULT_SERVICES } from '../../shared/domain/eldercare/codes';
import { personTimeSql } from '../../shared/domain/eldercare/orders';
import { rebuildPersonTimeRollup } from '../../electron/core/eldercare/stats/repository';
import { percentile, round, sample, type Bench } from './harness';

const PERSON_TIMES = 600_000;
const RESIDENTS = 20_000;
const FACILITIES = 40;
const YEAR = { from: '2025-01-01', to: '2025-12-31' };

export const eldercareStatsBench: Bench = async ({ dir, log }) => {
  const dbPath = path.join(dir, 'eldercare-stats.db');
  let host = new CoreHost({ dbPath, create: true, appVersion: 'bench', passwordCostLog2: 12, encryption: true });
  const call = async (h: CoreHost, method: string, input: unknown) => {
    const r = await h.dispatch('bench', method, input);
    if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
    return r.value;
  };
  await call(host, 'office.setup', {
    office: { code: 'BENCH-01', name: '基准测试社区', divisionCode: '640202' },
    admin: { username: 'admin', displayName: '管理员', password: 'secret1234' },
  });
  await call(host, 'accounts.login', { username: 'admin', password: 'secret1234' });
  log(`generating ${RESIDENTS} residents …`);
  const demo = await host.runJob('bench', 'demo.generate', { residents: RESIDENTS, seed: 5 });
  if (!demo.ok) throw new Error(JSON.stringify(demo.error));

  log(`inserting ${PERSON_TIMES} delivered orders over ${YEAR.from}…${YEAR.to} …`);
  const db = host.db;
  const officeId = (db.prepare('SELECT id FROM office').get() as { id: string }).id;
  const people = db.prepare("SELECT id, grid_id FROM residents WHERE deleted_at IS NULL AND birth_date <= '1965-12-31' LIMIT 6000").all() as { id: string; grid_id: string | null }[];
  // Each person is served by one facility (or a provider) and uses meal aid and one other service, as in an office's books.
  const random = rng(17);
  const services = DEFAULT_SERVICES.map((s) => s.code);
  const now = new Date().toISOString();
  const facilityIds: string[] = [];
  const insertFacility = db.prepare(
    `INSERT INTO facilities (id, office_id, name, kind, operator, status, beds, places, services, version, created_at, updated_at)
     VALUES (?, ?, ?, 'day_care', 'public', 'active', 20, '{"meal_seats": 60}', ?, 1, ?, ?)`,
  );
  const insertOrder = db.prepare(
    `INSERT INTO service_orders (id, office_id, resident_id, service, grid_id, channel, status, requested_on, facility_id, dispatched_on, due_on, done_on,
       duration_minutes, cost_cents, subsidy_cents, version, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, 'series', ?, ?, ?, ?, ?, ?, 30, 1200, 800, 1, ?, ?)`,
  );
  // The demo office already has a year of its own orders (the elderly-care demo step); they count too.
  const already = db.prepare(`SELECT count(*) FROM service_orders WHERE ${personTimeSql()} AND done_on BETWEEN ? AND ?`).pluck().get(YEAR.from, YEAR.to) as number;
  const days = Array.from({ length: 365 }, (_, i) => new Date(Date.UTC(2025, 0, 1 + i)).toISOString().slice(0, 10));
  db.transaction(() => {
    for (let i = 0; i < FACILITIES; i++) {
      const id = uuidv7();
      facilityIds.push(id);
      insertFacility.run(id, officeId, `设施${i}`, JSON.stringify(services.map((code) => ({ code, days: [1, 2, 3, 4, 5] }))), now, now);
    }
    const habits = people.map(() => ({ facility: random() < 0.9 ? facilityIds[Math.floor(random() * FACILITIES)] : null, other: services[1 + Math.floor(random() * (services.length - 1))] }));
    for (let i = 0; i < PERSON_TIMES; i++) {
      const k = Math.floor(random() * people.length);
      const person = people[k];
      // Meal aid is most of the volume, as in the city's figures.
      const service = random() < 0.7 ? 'meal' : habits[k].other;
      const day = days[Math.floor(random() * days.length)];
      const facility = habits[k].facility;
      insertOrder.run(uuidv7(), officeId, person.id, service, person.grid_id, random() < 0.7 ? 'closed' : 'done', day, facility, day, day, day, now, now);
    }
    // Some that count none, so the rule has something to leave out.
    for (let i = 0; i < PERSON_TIMES / 20; i++) {
      const person = people[Math.floor(random() * people.length)];
      const day = days[Math.floor(random() * days.length)];
      insertOrder.run(uuidv7(), officeId, person.id, 'meal', person.grid_id, random() < 0.5 ? 'cancelled' : 'missed', day, null, day, day, null, now, now);
    }
  })();
  // Raw inserts bypass the change hook: fill the roll-up from the orders, as migration 14 does.
  rebuildPersonTimeRollup(db);
  db.exec('ANALYZE');
  // Measured in the office opened for the day, not in the host that has just written the rows.
  await host.close();
  host = new CoreHost({ dbPath, appVersion: 'bench', passwordCostLog2: 12 });
  await call(host, 'accounts.login', { username: 'admin', password: 'secret1234' });

  const result = (await call(host, 'eldercare.stats', YEAR)) as { personTimes: number; peopleServed: number };
  if (result.personTimes !== PERSON_TIMES + already) throw new Error(`stats counted ${result.personTimes} person-times, expected ${PERSON_TIMES + already}`);
  log(`stats: ${result.personTimes} person-times, ${result.peopleServed} people`);
  const cpuMs: number[] = [];
  const stats = await sample(7, () => call(host, 'eldercare.stats', YEAR), 1);
  // CPU time of the same call: the build machine is shared, and wall time there says more about the neighbours.
  for (let i = 0; i < 5; i++) {
    const c0 = process.cpuUsage();
    await call(host, 'eldercare.stats', YEAR);
    const c = process.cpuUsage(c0);
    cpuMs.push((c.user + c.system) / 1000);
  }
  const bareCpu: number[] = [];
  const bareStmt = host.db.prepare(`SELECT service, COUNT(*) AS n FROM service_orders WHERE ${personTimeSql()} AND done_on BETWEEN ? AND ? GROUP BY service`);
  const bare = await sample(7, () => bareStmt.all(YEAR.from, YEAR.to), 1);
  for (let i = 0; i < 5; i++) {
    const c0 = process.cpuUsage();
    bareStmt.all(YEAR.from, YEAR.to);
    const c = process.cpuUsage(c0);
    bareCpu.push((c.user + c.system) / 1000);
  }
  const quarter = await sample(7, () => call(host, 'eldercare.stats', { from: '2025-01-01', to: '2025-03-31' }), 1);
  const drill = await sample(20, (i) => call(host, 'eldercare.stats.drill', { ...YEAR, dimension: 'service', key: services[i % services.length], offset: 0, limit: 100 }), 2);
  await host.close();
  return [
    { name: 'eldercare.stats.year_600k.p50_ms', value: round(percentile(stats, 50), 1), baseline: round(percentile(bare, 50), 1) },
    { name: 'eldercare.stats.year_600k.cpu_p50_ms', value: round(percentile(cpuMs, 50), 1), baseline: round(percentile(bareCpu, 50), 1) },
    { name: 'eldercare.stats.quarter.p50_ms', value: round(percentile(quarter, 50), 1) },
    { name: 'eldercare.stats.drill_page.p50_ms', value: round(percentile(drill, 50), 1) },
  ];
};
