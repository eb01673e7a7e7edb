/**
 * The person-time roll-up (migration 14; electron/core/eldercare/stats/rollup.ts) stays exactly in
 * step with the orders. A seeded random sequence of order operations — through the contract (create,
 * dispatch and re-dispatch to another facility, complete, feedback, cancel, miss, series create and
 * end; refused ones included) and through the write layer the way any future edit or sync would
 * write (a corrected done date, service, facility or grid, a tombstone) — after which the roll-up
 * equals a direct GROUP BY over service_orders under the person-time rule, and eldercare.stats equals
 * the figures computed directly from the order rows (the oracle below), for whole-month and
 * mid-month periods alike.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { EldercareStats } from '../../shared/contract';
import { countsAsPersonTime, personTimeSql, type OrderStatus } from '../../shared/domain/eldercare/orders';
import { addDays, monthRange } from '../../shared/domain/eldercare/care';
import { callWriteContext } from '../../electron/core/write-context';
import { deleteRecord, updateRecord, type Row } from '../../electron/core/db/writes';
import { periodParts } from '../../electron/core/eldercare/stats/service';
import { rebuildPersonTimeRollup } from '../../electron/core/eldercare/stats/repository';
import { expectOk } from '../support/results';
import { disposeTestResources } from '../support/temp-dir';
import { careOffice, facility, grid, older, NOW, TODAY, type CareOffice } from './eldercare-care-fixtures';

afterEach(disposeTestResources);

/** Orders fall between FIRST and TODAY (2026-03-16): December to mid-March. */
const FIRST = '2025-12-01';
const SPAN = 106;
const SERVICES = ['meal', 'bath', 'clean'] as const;

type Op =
  | { kind: 'create'; resident: number; service: number; day: number }
  | { kind: 'dispatch'; order: number; facility: number; due: number }
  | { kind: 'complete'; order: number; after: number }
  | { kind: 'feedback' | 'cancel' | 'miss' | 'tombstone'; order: number }
  | { kind: 'seriesCreate'; resident: number; service: number; facility: number; day: number; weekday: number }
  | { kind: 'seriesEnd'; series: number; day: number }
  | { kind: 'correct'; order: number; column: 'done_on' | 'service' | 'facility_id' | 'grid_id'; value: number };

const index = fc.nat({ max: 1000 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('create' as const), resident: index, service: index, day: fc.nat({ max: SPAN }) }), weight: 6 },
  { arbitrary: fc.record({ kind: fc.constant('dispatch' as const), order: index, facility: index, due: fc.nat({ max: 10 }) }), weight: 6 },
  { arbitrary: fc.record({ kind: fc.constant('complete' as const), order: index, after: fc.nat({ max: 20 }) }), weight: 9 },
  { arbitrary: fc.record({ kind: fc.constantFrom('feedback' as const, 'cancel' as const, 'miss' as const), order: index }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant('tombstone' as const), order: index }), weight: 1 },
  {
    arbitrary: fc.record({ kind: fc.constant('seriesCreate' as const), resident: index, service: index, facility: index, day: fc.nat({ max: SPAN }), weekday: fc.nat({ max: 6 }) }),
    weight: 1,
  },
  { arbitrary: fc.record({ kind: fc.constant('seriesEnd' as const), series: index, day: fc.nat({ max: SPAN + 20 }) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('correct' as const), order: index, column: fc.constantFrom('done_on' as const, 'service' as const, 'facility_id' as const, 'grid_id' as const), value: index }), weight: 3 },
);

/** A period inside (or overlapping) the orders' span: any start and end day, in order. */
const periodArb = fc.tuple(fc.integer({ min: -20, max: SPAN + 20 }), fc.integer({ min: -20, max: SPAN + 20 })).map(([a, b]) => {
  const [x, y] = [addDays(FIRST, Math.min(a, b)), addDays(FIRST, Math.max(a, b))];
  return { from: x, to: y };
});

/** Whole months, a mid-month start and end, within one month, one edge only, a month with nothing. */
const FIXED_PERIODS = [
  { from: '2026-01-01', to: '2026-03-31' },
  { from: '2025-12-10', to: '2026-02-20' },
  { from: '2026-01-05', to: '2026-01-25' },
  { from: '2026-02-01', to: '2026-02-28' },
  { from: '2025-12-15', to: '2026-01-31' },
  { from: '2026-01-01', to: '2026-03-10' },
  { from: '2025-11-01', to: '2025-11-30' },
];

interface World {
  c: CareOffice;
  residents: string[];
  facilities: string[];
  grids: string[];
}

async function world(): Promise<World> {
  const c = await careOffice(NOW);
  const g1 = await grid(c, 'G01', '第一网格');
  const g2 = await grid(c, 'G02', '第二网格');
  const facilities = [
    facility(c, { name: '甲助餐点', services: [...SERVICES], places: { meal_seats: 10 } }),
    facility(c, { name: '乙照料中心', services: [...SERVICES], beds: 4 }),
  ];
  const residents = [
    (await older(c, '阿', '1940-01-01', { gridId: g1 })).id,
    (await older(c, '白', '1941-01-01', { gridId: g1 })).id,
    (await older(c, '陈', '1942-01-01', { gridId: g2 })).id,
    (await older(c, '丁', '1943-01-01')).id,
  ];
  return { c, residents, facilities, grids: [g1, g2] };
}

/** The statuses each step is legal from (shared/domain/eldercare/orders.ts ORDER_TRANSITIONS); corrections and tombstones take any. */
const LEGAL_FROM: Partial<Record<Op['kind'], OrderStatus[]>> = {
  dispatch: ['recorded', 'dispatched'],
  complete: ['dispatched'],
  feedback: ['done'],
  cancel: ['recorded', 'dispatched'],
  miss: ['dispatched'],
  tombstone: ['done', 'closed'],
  correct: ['done', 'closed'],
};

interface OrderState {
  id: string;
  version: number;
  status: OrderStatus;
  requested_on: string;
}

function liveOrders(w: World): OrderState[] {
  return w.c.t.host.db.prepare('SELECT id, version, status, requested_on FROM service_orders WHERE deleted_at IS NULL ORDER BY id').all() as OrderState[];
}

/** A write outside the contract, through the write layer (a future edit, sync): the change hook still runs. */
function writeDirect(w: World, write: (wc: ReturnType<typeof callWriteContext>) => void): void {
  const db = w.c.t.host.db;
  db.transaction(() => write(callWriteContext(db, { userId: null, username: null }, new Date(NOW))))();
}

async function apply(w: World, op: Op): Promise<void> {
  const { c } = w;
  const call = (method: string, input: unknown) => c.t.call(c.clerk, method as never, input as never);
  const clamp = (d: string) => (d > TODAY ? TODAY : d);
  // Mostly an order the step is legal for (so services get delivered); every fifth pick any order (so some are refused).
  const orders = liveOrders(w);
  const legal = 'order' in op && op.order % 5 !== 0 ? orders.filter((o) => LEGAL_FROM[op.kind]?.includes(o.status) && (op.kind !== 'complete' || o.requested_on <= TODAY)) : [];
  const pool = legal.length > 0 ? legal : orders;
  const order = 'order' in op && pool.length > 0 ? pool[Math.floor(op.order / 5) % pool.length] : undefined;
  switch (op.kind) {
    case 'create':
      await call('eldercare.orders.create', { residentId: w.residents[op.resident % w.residents.length], service: SERVICES[op.service % SERVICES.length], channel: 'phone', requestedOn: clamp(addDays(FIRST, op.day)) });
      return;
    case 'dispatch': {
      if (!order) return;
      const target = op.facility % 3 === 2 ? { provider: '家政公司' } : { facilityId: w.facilities[op.facility % 3] };
      await call('eldercare.orders.dispatch', { id: order.id, version: order.version, ...target, dueOn: addDays(order.requested_on, op.due) });
      return;
    }
    case 'complete':
      if (!order) return;
      await call('eldercare.orders.complete', { id: order.id, version: order.version, doneOn: clamp(addDays(order.requested_on, op.after)), durationMinutes: 30, costCents: 1000, subsidyCents: 500 });
      return;
    case 'feedback':
      if (order) await call('eldercare.orders.feedback', { id: order.id, version: order.version, satisfaction: 4 });
      return;
    case 'cancel':
    case 'miss':
      if (order) await call(`eldercare.orders.${op.kind}`, { id: order.id, version: order.version, reason: '不需要' });
      return;
    case 'tombstone':
      if (order) writeDirect(w, (wc) => deleteRecord(wc, 'service_orders', order.id, order.version));
      return;
    case 'correct': {
      if (!order) return;
      const values: Record<typeof op.column, Row[string][]> = {
        done_on: [clamp(addDays(FIRST, op.value % SPAN)), null],
        service: [...SERVICES],
        facility_id: [...w.facilities, null],
        grid_id: [...w.grids, null],
      };
      const choices = values[op.column];
      writeDirect(w, (wc) => updateRecord(wc, 'service_orders', order.id, order.version, { [op.column]: choices[op.value % choices.length] }));
      return;
    }
    case 'seriesCreate': {
      const weekday = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'][op.weekday];
      const target = op.facility % 3 === 2 ? { provider: '助浴服务队' } : { facilityId: w.facilities[op.facility % 3] };
      await call('eldercare.series.create', {
        residentId: w.residents[op.resident % w.residents.length],
        service: SERVICES[op.service % SERVICES.length],
        ...target,
        rule: `FREQ=WEEKLY;INTERVAL=1;BYDAY=${weekday}`,
        startsOn: clamp(addDays(FIRST, op.day)),
        costCents: 0,
        subsidyCents: 0,
      });
      return;
    }
    case 'seriesEnd': {
      const series = c.t.host.db.prepare('SELECT id, version, starts_on FROM service_series WHERE deleted_at IS NULL ORDER BY id').all() as { id: string; version: number; starts_on: string }[];
      if (series.length === 0) return;
      const s = series[op.series % series.length];
      await call('eldercare.series.end', { id: s.id, version: s.version, endsOn: addDays(s.starts_on, op.day % 40) });
      return;
    }
  }
}

/** The roll-up and what a direct GROUP BY over the orders under the one rule gives ('' for none, as the roll-up keys it). */
function rollupAndDirect(w: World): { rollup: unknown[]; direct: unknown[]; contributions: unknown[]; counted: unknown[] } {
  const db = w.c.t.host.db;
  return {
    rollup: db.prepare('SELECT month, service, facility_id, grid_id, resident_id, n FROM person_time_months ORDER BY 1, 2, 3, 4, 5').all(),
    direct: db
      .prepare(
        `SELECT substr(done_on, 1, 7) AS month, service, COALESCE(facility_id, '') AS facility_id, COALESCE(grid_id, '') AS grid_id, resident_id, COUNT(*) AS n
         FROM service_orders WHERE ${personTimeSql()} AND done_on IS NOT NULL GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`,
      )
      .all(),
    contributions: db.prepare('SELECT order_id FROM person_time_contributions ORDER BY 1').pluck().all(),
    counted: db.prepare(`SELECT id FROM service_orders WHERE ${personTimeSql()} AND done_on IS NOT NULL ORDER BY 1`).pluck().all(),
  };
}

interface OrderFacts {
  status: OrderStatus;
  deleted_at: string | null;
  done_on: string | null;
  service: string;
  facility_id: string | null;
  grid_id: string | null;
  resident_id: string;
}

/**
 * THE ORACLE: the statistics' person-time figures computed directly from the order rows, one by one,
 * with the JS rule (countsAsPersonTime) and plain sets — no SQL grouping, no roll-up.
 */
function directFigures(w: World, from: string, to: string) {
  const rows = w.c.t.host.db.prepare('SELECT status, deleted_at, done_on, service, facility_id, grid_id, resident_id FROM service_orders').all() as OrderFacts[];
  const counted = rows.filter((r) => countsAsPersonTime({ status: r.status, deletedAt: r.deleted_at }) && r.done_on !== null && r.done_on >= from && r.done_on <= to);
  const figure = <K>(key: (r: OrderFacts) => K) => {
    const m = new Map<K, { personTimes: number; people: Set<string> }>();
    for (const r of counted) {
      const k = key(r);
      const f = m.get(k) ?? { personTimes: 0, people: new Set<string>() };
      f.personTimes += 1;
      f.people.add(r.resident_id);
      m.set(k, f);
    }
    return [...m.entries()]
      .map(([k, f]) => ({ key: k, personTimes: f.personTimes, people: f.people.size }))
      .sort((a, b) => b.personTimes - a.personTimes || String(a.key).localeCompare(String(b.key)));
  };
  const months: string[] = [];
  for (let m = from.slice(0, 7); m <= to.slice(0, 7); m = addDays(monthRange(m).last, 1).slice(0, 7)) months.push(m);
  const byMonth = new Map(figure((r) => r.done_on!.slice(0, 7)).map((f) => [f.key, f]));
  return {
    personTimes: counted.length,
    peopleServed: new Set(counted.map((r) => r.resident_id)).size,
    byService: figure((r) => r.service).map((f) => ({ code: f.key, personTimes: f.personTimes, people: f.people })),
    byFacility: figure((r) => r.facility_id).map((f) => ({ facilityId: f.key, personTimes: f.personTimes, people: f.people })),
    byGrid: figure((r) => r.grid_id).map((f) => ({ gridId: f.key, personTimes: f.personTimes, people: f.people })),
    byMonth: months.map((month) => ({ month, personTimes: byMonth.get(month)?.personTimes ?? 0, people: byMonth.get(month)?.people ?? 0 })),
  };
}

function figuresOf(s: EldercareStats) {
  return {
    personTimes: s.personTimes,
    peopleServed: s.peopleServed,
    byService: s.byService,
    byFacility: s.byFacility.map(({ facilityId, personTimes, people }) => ({ facilityId, personTimes, people })),
    byGrid: s.byGrid.map(({ gridId, personTimes, people }) => ({ gridId, personTimes, people })),
    byMonth: s.byMonth,
  };
}

async function expectStatsDirect(w: World, period: { from: string; to: string }): Promise<void> {
  const s = expectOk(await w.c.t.call(w.c.clerk, 'eldercare.stats', period));
  const direct = directFigures(w, period.from, period.to);
  expect(figuresOf(s), JSON.stringify(period)).toEqual(direct);
  // Capacity: a facility's people served is its people in the period.
  for (const cap of s.capacity) expect(cap.served).toBe(direct.byFacility.find((f) => f.facilityId === cap.facilityId)?.people ?? 0);
}

describe('the person-time roll-up', () => {
  it('after any sequence of order operations, equals a direct GROUP BY over the orders, and the statistics equal the direct figures', async () => {
    let delivered = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 40, maxLength: 70, size: 'max' }), fc.array(periodArb, { minLength: 3, maxLength: 3 }), async (ops, periods) => {
        const w = await world();
        try {
          for (const op of ops) await apply(w, op);
          const { rollup, direct, contributions, counted } = rollupAndDirect(w);
          expect(rollup).toEqual(direct);
          expect(contributions).toEqual(counted);
          delivered += counted.length;
          for (const period of [...FIXED_PERIODS, ...periods]) await expectStatsDirect(w, period);
        } finally {
          await w.c.t.close();
        }
      }),
      { seed: 20260316, numRuns: 8, endOnFailure: true },
    );
    // The sequences did deliver services (a property over empty roll-ups would prove nothing).
    expect(delivered).toBeGreaterThan(40);
  });

  it('moves with each kind of change: done → closed keeps it, a tombstone, a corrected date, facility or grid moves it, a group at zero is gone', async () => {
    const w = await world();
    const { c } = w;
    const db = c.t.host.db;
    const months = () => db.prepare('SELECT month, service, facility_id, grid_id, n FROM person_time_months ORDER BY 1, 2, 3, 4').all();
    const o = expectOk(await c.t.call(c.clerk, 'eldercare.orders.create', { residentId: w.residents[0], service: 'meal', channel: 'phone', requestedOn: '2026-01-05' }));
    const d = expectOk(await c.t.call(c.clerk, 'eldercare.orders.dispatch', { id: o.id, version: o.version, facilityId: w.facilities[0], dueOn: '2026-01-06' }));
    expect(months()).toEqual([]);
    const done = expectOk(await c.t.call(c.clerk, 'eldercare.orders.complete', { id: d.id, version: d.version, doneOn: '2026-01-31', durationMinutes: 30, costCents: 0, subsidyCents: 0 }));
    expect(months()).toEqual([{ month: '2026-01', service: 'meal', facility_id: w.facilities[0], grid_id: w.grids[0], n: 1 }]);
    const closed = expectOk(await c.t.call(c.clerk, 'eldercare.orders.feedback', { id: done.id, version: done.version, satisfaction: 5 }));
    expect(months()).toEqual([{ month: '2026-01', service: 'meal', facility_id: w.facilities[0], grid_id: w.grids[0], n: 1 }]);
    let version = closed.version;
    const correct = (patch: Row) => writeDirect(w, (wc) => (version = updateRecord(wc, 'service_orders', o.id, version, patch)));
    correct({ done_on: '2026-02-01' });
    expect(months()).toEqual([{ month: '2026-02', service: 'meal', facility_id: w.facilities[0], grid_id: w.grids[0], n: 1 }]);
    correct({ facility_id: null, grid_id: null });
    expect(months()).toEqual([{ month: '2026-02', service: 'meal', facility_id: '', grid_id: '', n: 1 }]);
    writeDirect(w, (wc) => deleteRecord(wc, 'service_orders', o.id, version));
    expect(months()).toEqual([]);
    expect(db.prepare('SELECT COUNT(*) FROM person_time_contributions').pluck().get()).toBe(0);
    // A refused transition (cancelling a delivered order) leaves the roll-up as it was.
    const again = expectOk(await c.t.call(c.clerk, 'eldercare.orders.create', { residentId: w.residents[3], service: 'bath', channel: 'desk', requestedOn: '2026-03-02' }));
    const d2 = expectOk(await c.t.call(c.clerk, 'eldercare.orders.dispatch', { id: again.id, version: again.version, provider: '助浴服务队', dueOn: '2026-03-02' }));
    const done2 = expectOk(await c.t.call(c.clerk, 'eldercare.orders.complete', { id: d2.id, version: d2.version, doneOn: '2026-03-03', durationMinutes: 30, costCents: 0, subsidyCents: 0 }));
    const refused = await c.t.call(c.clerk, 'eldercare.orders.cancel', { id: done2.id, version: done2.version, reason: '不需要' });
    expect(refused.ok).toBe(false);
    expect(months()).toEqual([{ month: '2026-03', service: 'bath', facility_id: '', grid_id: '', n: 1 }]);
    // Rebuilding from the orders (after a bulk load around the hook) gives the same roll-up.
    const before = rollupAndDirect(w);
    rebuildPersonTimeRollup(db);
    expect(rollupAndDirect(w)).toEqual(before);
  });

  it('a whole-month period reads the roll-up alone: what the orders say outside it does not reach the figures', async () => {
    const w = await world();
    const { c } = w;
    const o = expectOk(await c.t.call(c.clerk, 'eldercare.orders.create', { residentId: w.residents[1], service: 'meal', channel: 'phone', requestedOn: '2026-02-03' }));
    const d = expectOk(await c.t.call(c.clerk, 'eldercare.orders.dispatch', { id: o.id, version: o.version, facilityId: w.facilities[1], dueOn: '2026-02-03' }));
    expectOk(await c.t.call(c.clerk, 'eldercare.orders.complete', { id: d.id, version: d.version, doneOn: '2026-02-03', durationMinutes: 30, costCents: 0, subsidyCents: 0 }));
    // Empty the roll-up behind the hook's back: the whole month now shows nothing, a part of it still counts from the orders.
    c.t.host.db.exec('DELETE FROM person_time_months');
    expect(expectOk(await c.t.call(c.clerk, 'eldercare.stats', { from: '2026-02-01', to: '2026-02-28' })).personTimes).toBe(0);
    expect(expectOk(await c.t.call(c.clerk, 'eldercare.stats', { from: '2026-02-02', to: '2026-02-28' })).personTimes).toBe(1);
  });
});

describe('periodParts', () => {
  it('splits any period into whole months and at most two edges, disjoint, together exactly the period', () => {
    const day = fc.integer({ min: 0, max: 800 }).map((n) => addDays('2024-11-15', n));
    fc.assert(
      fc.property(day, day, (a, b) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        const { wholeMonths, edges } = periodParts(from, to);
        const covered: [string, string][] = [...edges];
        if (wholeMonths) {
          const [first, last] = [monthRange(wholeMonths[0]).first, monthRange(wholeMonths[1]).last];
          expect(first >= from && last <= to).toBe(true);
          covered.push([first, last]);
        }
        // With whole months, each edge lies within one month and is not a whole month; without, the one edge is the period.
        for (const [f, t] of edges) {
          expect(f <= t).toBe(true);
          if (wholeMonths) expect(f.slice(0, 7)).toBe(t.slice(0, 7));
          expect(f === monthRange(f.slice(0, 7)).first && t === monthRange(t.slice(0, 7)).last).toBe(false);
        }
        if (!wholeMonths) expect(edges).toEqual([[from, to]]);
        // Sorted, the pieces tile [from, to] with no gap and no overlap.
        covered.sort((x, y) => x[0].localeCompare(y[0]));
        expect(covered[0][0]).toBe(from);
        expect(covered[covered.length - 1][1]).toBe(to);
        for (let i = 1; i < covered.length; i++) expect(covered[i][0]).toBe(addDays(covered[i - 1][1], 1));
      }),
      { seed: 7, numRuns: 500 },
    );
    expect(periodParts('2026-01-01', '2026-03-31')).toEqual({ wholeMonths: ['2026-01', '2026-03'], edges: [] });
    expect(periodParts('2026-01-05', '2026-01-25')).toEqual({ wholeMonths: null, edges: [['2026-01-05', '2026-01-25']] });
    expect(periodParts('2025-12-10', '2026-02-20')).toEqual({ wholeMonths: ['2026-01', '2026-01'], edges: [['2025-12-10', '2025-12-31'], ['2026-02-01', '2026-02-20']] });
    expect(periodParts('2026-01-02', '2026-02-27')).toEqual({ wholeMonths: null, edges: [['2026-01-02', '2026-02-27']] });
    expect(periodParts('2026-03-02', '2026-03-01')).toEqual({ wholeMonths: null, edges: [] });
  });
});
