/**
 * Statistics against a hand-computed quarter: person-times and people by service, facility, grid
 * and month, capacity use, assessments; every figure's drill-down returns exactly the records behind
 * it; `civicdesk eldercare stats --json` prints the same object as the method.
 */
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../electron/cli/main';
import { PERSON_TIME_GROUPS_SQL } from '../../electron/core/eldercare/stats/repository';
import type { EldercareStats } from '../../shared/contract';
import { USER_PASSWORD } from '../support/office';
import { expectOk } from '../support/results';
import { disposeTestResources } from '../support/temp-dir';
import { careOffice, facility, grid, older, type CareOffice } from './eldercare-care-fixtures';

afterEach(disposeTestResources);

/** Beijing 2026-04-15. */
const NOW = '2026-04-15T02:00:00.000Z';
const Q1 = { from: '2026-01-01', to: '2026-03-31' };

async function delivered(c: CareOffice, residentId: string, service: string, doneOn: string, target: { facilityId: string } | { provider: string }, end: 'done' | 'closed' = 'done') {
  const o = expectOk(await c.t.call(c.clerk, 'eldercare.orders.create', { residentId, service, channel: 'phone', requestedOn: doneOn }));
  const d = expectOk(await c.t.call(c.clerk, 'eldercare.orders.dispatch', { id: o.id, version: o.version, ...target, dueOn: doneOn }));
  const done = expectOk(await c.t.call(c.clerk, 'eldercare.orders.complete', { id: d.id, version: d.version, doneOn, durationMinutes: 30, costCents: 1000, subsidyCents: 500 }));
  if (end === 'done') return done;
  return expectOk(await c.t.call(c.clerk, 'eldercare.orders.feedback', { id: done.id, version: done.version, satisfaction: 4 }));
}

async function quarter() {
  const c = await careOffice(NOW);
  const g1 = await grid(c, 'G01', '第一网格');
  const g2 = await grid(c, 'G02', '第二网格');
  const f1 = facility(c, { name: '甲助餐点', services: ['meal'], places: { meal_seats: 10 } });
  const f2 = facility(c, { name: '乙照料中心', services: ['bath'], beds: 4 });
  const a = await older(c, '阿', '1940-01-01', { gridId: g1 });
  const b = await older(c, '白', '1941-01-01', { gridId: g1 });
  const cc = await older(c, '陈', '1942-01-01', { gridId: g2 });
  const d = await older(c, '丁', '1943-01-01');

  await delivered(c, a.id, 'meal', '2026-01-05', { facilityId: f1 });
  await delivered(c, a.id, 'meal', '2026-01-06', { facilityId: f1 });
  await delivered(c, a.id, 'meal', '2026-02-10', { facilityId: f1 });
  await delivered(c, b.id, 'meal', '2026-01-05', { facilityId: f1 });
  await delivered(c, cc.id, 'bath', '2026-02-20', { facilityId: f2 }, 'closed');
  await delivered(c, d.id, 'clean', '2026-03-01', { provider: '家政公司' });
  // Outside the quarter.
  await delivered(c, a.id, 'bath', '2025-12-31', { facilityId: f2 });
  await delivered(c, cc.id, 'meal', '2026-04-01', { facilityId: f1 });
  // Count none: cancelled, missed, open.
  const cancelled = expectOk(await c.t.call(c.clerk, 'eldercare.orders.create', { residentId: b.id, service: 'meal', channel: 'desk', requestedOn: '2026-01-07' }));
  expectOk(await c.t.call(c.clerk, 'eldercare.orders.cancel', { id: cancelled.id, version: 1, reason: '不需要' }));
  const missed = expectOk(await c.t.call(c.clerk, 'eldercare.orders.create', { residentId: b.id, service: 'meal', channel: 'desk', requestedOn: '2026-01-08' }));
  const md = expectOk(await c.t.call(c.clerk, 'eldercare.orders.dispatch', { id: missed.id, version: 1, facilityId: f1, dueOn: '2026-01-08' }));
  expectOk(await c.t.call(c.clerk, 'eldercare.orders.miss', { id: md.id, version: md.version, reason: '未送达' }));
  expectOk(await c.t.call(c.clerk, 'eldercare.orders.create', { residentId: d.id, service: 'meal', channel: 'desk', requestedOn: '2026-03-20' }));

  const assess = (residentId: string, assessedOn: string) => c.t.call(c.clerk, 'eldercare.assessments.add', { residentId, assessor: '李', assessedOn, level: 'mild' });
  expectOk(await assess(a.id, '2025-02-01')); // due 2026-02-01: due in Q1, overdue by 04-15
  expectOk(await assess(b.id, '2026-01-10')); // done in Q1
  expectOk(await assess(cc.id, '2025-03-15')); // superseded by the next
  expectOk(await assess(cc.id, '2026-03-10')); // done in Q1
  return { c, g1, g2, f1, f2, a, b, cc, d };
}

describe('eldercare.stats', () => {
  it('matches the hand-computed quarter', async () => {
    const { c, g1, g2, f1, f2 } = await quarter();
    const s = expectOk(await c.t.call(c.clerk, 'eldercare.stats', Q1));
    expect(s).toEqual({
      ...Q1,
      personTimes: 6,
      peopleServed: 4,
      byService: [
        { code: 'meal', personTimes: 4, people: 2 },
        { code: 'bath', personTimes: 1, people: 1 },
        { code: 'clean', personTimes: 1, people: 1 },
      ],
      byFacility: [
        { facilityId: f1, name: '甲助餐点', personTimes: 4, people: 2 },
        { facilityId: f2, name: '乙照料中心', personTimes: 1, people: 1 },
        { facilityId: null, name: null, personTimes: 1, people: 1 },
      ],
      byGrid: [
        { gridId: g1, name: '第一网格', personTimes: 4, people: 2 },
        { gridId: g2, name: '第二网格', personTimes: 1, people: 1 },
        { gridId: null, name: null, personTimes: 1, people: 1 },
      ],
      byMonth: [
        { month: '2026-01', personTimes: 3, people: 2 },
        { month: '2026-02', personTimes: 2, people: 2 },
        { month: '2026-03', personTimes: 1, people: 1 },
      ],
      capacity: [
        { facilityId: f2, name: '乙照料中心', places: 4, served: 1, use: 0.25 },
        { facilityId: f1, name: '甲助餐点', places: 10, served: 2, use: 0.2 },
      ].sort((x, y) => x.name.localeCompare(y.name)),
      assessments: { done: 2, due: 1, overdue: 1 },
      coverageShare: null,
    } satisfies EldercareStats);
    // A month with nothing still shows, with zeros.
    const year = expectOk(await c.t.call(c.clerk, 'eldercare.stats', { from: '2025-12-01', to: '2026-05-31' }));
    expect(year.byMonth.map((m) => [m.month, m.personTimes])).toEqual([
      ['2025-12', 1],
      ['2026-01', 3],
      ['2026-02', 2],
      ['2026-03', 1],
      ['2026-04', 1],
      ['2026-05', 0],
    ]);
  });

  it('every figure drills down to exactly the records behind it', async () => {
    const { c, a } = await quarter();
    const s = expectOk(await c.t.call(c.clerk, 'eldercare.stats', Q1));
    const drill = async (dimension: 'all' | 'service' | 'facility' | 'grid' | 'month' | 'people', key: string | null) => {
      const r = expectOk(await c.t.call(c.clerk, 'eldercare.stats.drill', { ...Q1, dimension, key, limit: 500 }));
      expect(r.items).toHaveLength(r.total);
      for (const o of r.items) {
        expect(['done', 'closed']).toContain(o.status);
        expect(o.doneOn! >= Q1.from && o.doneOn! <= Q1.to).toBe(true);
      }
      return { personTimes: r.total, people: new Set(r.items.map((o) => o.person.residentId)).size, items: r.items };
    };
    const all = await drill('all', null);
    expect([all.personTimes, all.people]).toEqual([s.personTimes, s.peopleServed]);
    for (const f of s.byService) {
      const d = await drill('service', f.code);
      expect([d.personTimes, d.people], f.code).toEqual([f.personTimes, f.people]);
      expect(d.items.every((o) => o.service === f.code)).toBe(true);
    }
    for (const f of s.byFacility) {
      const d = await drill('facility', f.facilityId);
      expect([d.personTimes, d.people]).toEqual([f.personTimes, f.people]);
      expect(d.items.every((o) => o.facilityId === f.facilityId)).toBe(true);
    }
    for (const f of s.byGrid) {
      const d = await drill('grid', f.gridId);
      expect([d.personTimes, d.people]).toEqual([f.personTimes, f.people]);
    }
    for (const f of s.byMonth) {
      const d = await drill('month', f.month);
      expect([d.personTimes, d.people]).toEqual([f.personTimes, f.people]);
      expect(d.items.every((o) => o.doneOn!.startsWith(f.month))).toBe(true);
    }
    const ofA = await drill('people', a.id);
    expect(ofA.items.map((o) => o.doneOn).sort()).toEqual(['2026-01-05', '2026-01-06', '2026-02-10']);
    // Capacity: a facility's served figure is its drill-down's people.
    for (const cap of s.capacity) expect((await drill('facility', cap.facilityId)).people).toBe(cap.served);
    // Assessments.
    const figures = { done: s.assessments.done, due: s.assessments.due, overdue: s.assessments.overdue };
    for (const [figure, n] of Object.entries(figures)) {
      const r = expectOk(await c.t.call(c.clerk, 'eldercare.stats.drillAssessments', { ...Q1, figure: figure as 'done' | 'due' | 'overdue' }));
      expect(r.total, figure).toBe(n);
      expect(r.items).toHaveLength(n);
    }
    const due = expectOk(await c.t.call(c.clerk, 'eldercare.stats.drillAssessments', { ...Q1, figure: 'due' }));
    expect(due.items.map((i) => [i.person.residentId, i.nextDue])).toEqual([[a.id, '2026-02-01']]);
    // Pages.
    const page = expectOk(await c.t.call(c.clerk, 'eldercare.stats.drill', { ...Q1, dimension: 'all', key: null, offset: 4, limit: 4 }));
    expect([page.total, page.items.length]).toEqual([6, 2]);
  });

  it('reads the period from the covering index', async () => {
    const { c } = await quarter();
    const plan = c.t.host.db.prepare(`EXPLAIN QUERY PLAN ${PERSON_TIME_GROUPS_SQL}`).all({ from: Q1.from, to: Q1.to }) as { detail: string }[];
    expect(plan.map((p) => p.detail).join('\n')).toMatch(/COVERING INDEX service_orders_done/);
    expect(plan.map((p) => p.detail).join('\n')).not.toMatch(/TEMP B-TREE/);
  });

  it('`civicdesk eldercare stats --json` prints the same figures as the method', async () => {
    const { c } = await quarter();
    const username = c.office.clerk.user.username;
    const viaMethod = expectOk(await c.t.call(c.clerk, 'eldercare.stats', Q1));
    await c.t.close();
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let out = '';
    let err = '';
    stdout.on('data', (b: Buffer) => (out += b.toString()));
    stderr.on('data', (b: Buffer) => (err += b.toString()));
    const code = await main(['eldercare', 'stats', '--db', c.t.dbPath, '--user', username, '--from', Q1.from, '--to', Q1.to, '--json'], {
      stdout,
      stderr,
      stdin: new PassThrough(),
      env: { CIVICDESK_PASSWORD: USER_PASSWORD, CIVICDESK_LANG: 'en' },
    });
    expect(code, err).toBe(0);
    expect(JSON.parse(out)).toEqual(viaMethod);
    // A bad date is a usage error, before the database is opened.
    const bad = await main(['eldercare', 'stats', '--db', c.t.dbPath, '--user', username, '--from', '2026-1-1', '--to', Q1.to], {
      stdout: new PassThrough(),
      stderr: new PassThrough(),
      stdin: new PassThrough(),
      env: { CIVICDESK_PASSWORD: USER_PASSWORD },
    });
    expect(bad).toBe(2);
  });
});
