/**
 * Service orders: every legal and illegal transition (generated from the machine's own table, then
 * tried through the core), dispatch rules, recurring orders (rrule: weekdays, every second week, an
 * end date, ending a series cancels its future), and the person-time rule counted by hand.
 */
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3-multiple-ciphers';
import type { ServiceOrder } from '../../shared/contract';
import {
  ORDER_EVENTS,
  ORDER_STATUSES,
  ORDER_TRANSITIONS,
  SERIES_ENDED_REASON,
  countsAsPersonTime,
  illegalTransition,
  isOverdue,
  legalEvents,
  nextStatus,
  overdueSql,
  overdueThresholds,
  personTimeSql,
  type OrderEvent,
  type OrderStatus,
} from '../../shared/domain/eldercare/orders';
import { normalizeRrule, occurrences, ruleToRrule } from '../../shared/domain/eldercare/recurrence';
import { en, zhCN } from '../../shared/i18n';
import { leavesOf } from '../../shared/i18n/messages';
import { expectFailure, expectOk } from '../support/results';
import { disposeTestResources } from '../support/temp-dir';
import { careOffice, facility, older, TODAY, type CareOffice } from './eldercare-care-fixtures';

afterEach(disposeTestResources);

describe('the machine (pure)', () => {
  it('every (status, event) pair is either in the table or refused with a reason that has a message in both languages', () => {
    const zh = leavesOf(zhCN);
    const english = leavesOf(en);
    for (const status of ORDER_STATUSES) {
      for (const event of ORDER_EVENTS) {
        const legal = ORDER_TRANSITIONS[status][event] !== undefined;
        const reason = illegalTransition(status, event);
        expect(reason === null, `${status} + ${event}`).toBe(legal);
        expect(nextStatus(status, event) !== null).toBe(legal);
        if (reason !== null) {
          expect(zh.get(`validation.eldercare.${reason}`), reason).toBeTruthy();
          expect(english.get(`validation.eldercare.${reason}`), reason).toBeTruthy();
        }
      }
      expect(legalEvents(status)).toEqual(ORDER_EVENTS.filter((e) => ORDER_TRANSITIONS[status][e]));
    }
  });

  it('a delivered order cannot be cancelled, and says so', () => {
    expect(illegalTransition('done', 'cancel')).toBe('order_delivered_cannot_cancel');
    expect(illegalTransition('closed', 'cancel')).toBe('order_delivered_cannot_cancel');
    expect(en.validation.eldercare.order_delivered_cannot_cancel).toBe('An order already done cannot be cancelled.');
  });

  it('overdue: the JS rule and the SQL expression agree on the boundaries', () => {
    const settings = { dispatchWithinDays: 2, completeWithinDays: 3 };
    const t = overdueThresholds('2026-03-16', settings);
    expect(t).toEqual({ recordedBefore: '2026-03-14', dueBefore: '2026-03-13' });
    const cases = [
      { status: 'recorded', requestedOn: '2026-03-14', dueOn: null, dispatchedOn: null },
      { status: 'recorded', requestedOn: '2026-03-13', dueOn: null, dispatchedOn: null },
      { status: 'dispatched', requestedOn: '2026-03-01', dueOn: '2026-03-13', dispatchedOn: '2026-03-01' },
      { status: 'dispatched', requestedOn: '2026-03-01', dueOn: '2026-03-12', dispatchedOn: '2026-03-01' },
      { status: 'dispatched', requestedOn: '2026-03-01', dueOn: null, dispatchedOn: '2026-03-12' },
      { status: 'done', requestedOn: '2026-01-01', dueOn: '2026-01-02', dispatchedOn: '2026-01-01' },
    ] as const;
    const js = cases.map((o) => isOverdue(o, '2026-03-16', settings));
    expect(js).toEqual([false, true, false, true, true, false]);
    // The SQL expression on the same rows, in a bare SQLite (no app tables needed).
    const db = new Database(':memory:');
    db.exec('CREATE TABLE o (status TEXT, requested_on TEXT, due_on TEXT, dispatched_on TEXT)');
    const ins = db.prepare('INSERT INTO o VALUES (?, ?, ?, ?)');
    for (const c of cases) ins.run(c.status, c.requestedOn, c.dueOn, c.dispatchedOn);
    const sql = (db.prepare(`SELECT ${overdueSql('o')} AS late FROM o ORDER BY rowid`).all(t) as { late: number }[]).map((r) => r.late === 1);
    expect(sql).toEqual(js);
    db.close();
  });
});

describe('the person-time rule: one JS predicate and one SQL predicate', () => {
  it('agree on every status, live or deleted', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE service_orders (id INTEGER PRIMARY KEY, status TEXT, deleted_at TEXT)');
    const ins = db.prepare('INSERT INTO service_orders (status, deleted_at) VALUES (?, ?)');
    const rows: { status: OrderStatus; deletedAt: string | null }[] = [];
    for (const status of ORDER_STATUSES) {
      for (const deletedAt of [null, '2026-01-01T00:00:00Z']) {
        rows.push({ status, deletedAt });
        ins.run(status, deletedAt);
      }
    }
    const sqlIds = (db.prepare(`SELECT id FROM service_orders WHERE ${personTimeSql()} ORDER BY id`).all() as { id: number }[]).map((r) => r.id);
    const jsIds = rows.flatMap((r, i) => (countsAsPersonTime(r) ? [i + 1] : []));
    expect(sqlIds).toEqual(jsIds);
    expect(jsIds).toHaveLength(2); // done and closed, live
    const aliased = db.prepare(`SELECT COUNT(*) AS n FROM service_orders s WHERE ${personTimeSql('s')}`).get() as { n: number };
    expect(aliased.n).toBe(2);
    db.close();
  });
});

/** Drive a fresh order to a status through its legal path. */
async function orderIn(c: CareOffice, residentId: string, status: OrderStatus, providerFacility?: string): Promise<ServiceOrder> {
  const call = c.t.call.bind(c.t);
  let o = expectOk(await call(c.clerk, 'eldercare.orders.create', { residentId, service: 'meal', channel: 'phone', requestedOn: '2026-03-10' }));
  if (status === 'recorded') return o;
  if (status === 'cancelled') return expectOk(await call(c.clerk, 'eldercare.orders.cancel', { id: o.id, version: o.version, reason: '住院' }));
  const target = providerFacility ? { facilityId: providerFacility } : { provider: '惠民家政' };
  o = expectOk(await call(c.clerk, 'eldercare.orders.dispatch', { id: o.id, version: o.version, ...target, dueOn: '2026-03-12' }));
  if (status === 'dispatched') return o;
  if (status === 'missed') return expectOk(await call(c.clerk, 'eldercare.orders.miss', { id: o.id, version: o.version, reason: '上门无人' }));
  o = expectOk(await call(c.clerk, 'eldercare.orders.complete', { id: o.id, version: o.version, doneOn: '2026-03-12', durationMinutes: 30, costCents: 1500, subsidyCents: 1000 }));
  if (status === 'done') return o;
  return expectOk(await call(c.clerk, 'eldercare.orders.feedback', { id: o.id, version: o.version, satisfaction: 5 }));
}

async function fire(c: CareOffice, o: ServiceOrder, event: OrderEvent) {
  const base = { id: o.id, version: o.version };
  switch (event) {
    case 'dispatch':
      return c.t.call(c.clerk, 'eldercare.orders.dispatch', { ...base, provider: '另一家政', dueOn: '2026-03-14' });
    case 'complete':
      return c.t.call(c.clerk, 'eldercare.orders.complete', { ...base, doneOn: '2026-03-13', durationMinutes: 20, costCents: 800, subsidyCents: 0 });
    case 'feedback':
      return c.t.call(c.clerk, 'eldercare.orders.feedback', { ...base, satisfaction: 3, comment: '还行' });
    case 'cancel':
      return c.t.call(c.clerk, 'eldercare.orders.cancel', { ...base, reason: '不需要了' });
    case 'miss':
      return c.t.call(c.clerk, 'eldercare.orders.miss', { ...base, reason: '未送达' });
  }
}

describe('transitions through the core', () => {
  it('every legal transition moves the order; every illegal one is refused with its reason and changes nothing', async () => {
    const c = await careOffice();
    const r = await older(c, '张奶奶', '1948-05-02');
    let tried = 0;
    for (const status of ORDER_STATUSES) {
      for (const event of ORDER_EVENTS) {
        const o = await orderIn(c, r.id, status);
        expect(o.status).toBe(status);
        const result = await fire(c, o, event);
        const expected = nextStatus(status, event);
        if (expected !== null) {
          const after = expectOk(result);
          expect(after.status, `${status} + ${event}`).toBe(expected);
          expect(after.version).toBe(o.version + 1);
        } else {
          const error = expectFailure(result, 'INVALID_INPUT');
          expect(error.issues?.[0]?.code, `${status} + ${event}`).toBe(`eldercare.${illegalTransition(status, event)}`);
          expect(error.issues?.[0]?.message).toBe(en.validation.eldercare[illegalTransition(status, event)!]);
          const unchanged = expectOk(await c.t.call(c.clerk, 'eldercare.orders.get', { id: o.id }));
          expect(unchanged).toEqual(o);
        }
        tried += 1;
      }
    }
    expect(tried).toBe(ORDER_STATUSES.length * ORDER_EVENTS.length);
  });

  it('fills in what each step records', async () => {
    const c = await careOffice();
    const r = await older(c, '李爷爷', '1950-01-20');
    const f = facility(c, { name: '康乐日间照料中心', services: ['meal', 'bath'] });
    const closed = await orderIn(c, r.id, 'closed', f);
    expect(closed).toMatchObject({
      channel: 'phone',
      requestedOn: '2026-03-10',
      facilityId: f,
      facilityName: '康乐日间照料中心',
      provider: null,
      dispatchedOn: TODAY,
      dueOn: '2026-03-12',
      doneOn: '2026-03-12',
      durationMinutes: 30,
      costCents: 1500,
      subsidyCents: 1000,
      satisfaction: 5,
      feedbackOn: TODAY,
      column: 'closed',
      actions: [],
    });
    expect(closed.person.name).toBe('李爷爷');
  });

  it('a stale version is refused before anything else', async () => {
    const c = await careOffice();
    const r = await older(c, '王奶奶', '1945-07-07');
    const o = await orderIn(c, r.id, 'recorded');
    expectFailure(await c.t.call(c.clerk, 'eldercare.orders.cancel', { id: o.id, version: o.version + 1, reason: 'x' }), 'STALE_VERSION');
  });

  it('dispatch to a facility that does not offer the service, or is not operating, is refused', async () => {
    const c = await careOffice();
    const r = await older(c, '赵爷爷', '1944-02-11');
    const bathOnly = facility(c, { name: '助浴点', services: ['bath'] });
    const planned = facility(c, { name: '筹建中心', services: ['meal'], status: 'planned' });
    const o = await orderIn(c, r.id, 'recorded');
    const lacks = expectFailure(await c.t.call(c.clerk, 'eldercare.orders.dispatch', { id: o.id, version: o.version, facilityId: bathOnly, dueOn: '2026-03-17' }), 'INVALID_INPUT');
    expect(lacks.issues?.[0]).toMatchObject({ path: ['facilityId'], code: 'eldercare.facility_lacks_service', params: { facility: '助浴点' } });
    const inactive = expectFailure(await c.t.call(c.clerk, 'eldercare.orders.dispatch', { id: o.id, version: o.version, facilityId: planned, dueOn: '2026-03-17' }), 'INVALID_INPUT');
    expect(inactive.issues?.[0]?.code).toBe('eldercare.facility_inactive');
    // Both a facility and a provider, or neither: the contract refuses.
    const both = expectFailure(await c.t.call(c.clerk, 'eldercare.orders.dispatch', { id: o.id, version: o.version, facilityId: bathOnly, provider: 'x', dueOn: '2026-03-17' }), 'INVALID_INPUT');
    expect(both.issues?.[0]?.code).toBe('eldercare.dispatch_target');
    expect(expectOk(await c.t.call(c.clerk, 'eldercare.orders.get', { id: o.id })).status).toBe('recorded');
  });

  it('refuses a subsidy above the cost, a done date in the future, an unknown service, a viewer', async () => {
    const c = await careOffice();
    const r = await older(c, '钱奶奶', '1940-10-10');
    const o = await orderIn(c, r.id, 'dispatched');
    const over = expectFailure(await c.t.call(c.clerk, 'eldercare.orders.complete', { id: o.id, version: o.version, doneOn: TODAY, durationMinutes: 10, costCents: 100, subsidyCents: 101 }), 'INVALID_INPUT');
    expect(over.issues?.[0]).toMatchObject({ path: ['subsidyCents'], code: 'eldercare.subsidy_over_cost' });
    const future = expectFailure(await c.t.call(c.clerk, 'eldercare.orders.complete', { id: o.id, version: o.version, doneOn: '2026-03-17', durationMinutes: 10, costCents: 100, subsidyCents: 0 }), 'INVALID_INPUT');
    expect(future.issues?.[0]?.code).toBe('eldercare.date_in_future');
    const unknown = expectFailure(await c.t.call(c.clerk, 'eldercare.orders.create', { residentId: r.id, service: 'haircut', channel: 'desk', requestedOn: TODAY }), 'INVALID_INPUT');
    expect(unknown.issues?.[0]?.code).toBe('eldercare.unknown_service');
    expectFailure(await c.t.call(c.viewer, 'eldercare.orders.create', { residentId: r.id, service: 'meal', channel: 'desk', requestedOn: TODAY }), 'FORBIDDEN');
  });

  it('the board: counts per column, overdue first, viewer sees the strict mask', async () => {
    const c = await careOffice();
    const r = await older(c, '孙爷爷', '1939-09-09');
    const late = expectOk(await c.t.call(c.clerk, 'eldercare.orders.create', { residentId: r.id, service: 'clean', channel: 'visit', requestedOn: '2026-03-01' }));
    const fresh = expectOk(await c.t.call(c.clerk, 'eldercare.orders.create', { residentId: r.id, service: 'clean', channel: 'visit', requestedOn: TODAY }));
    await orderIn(c, r.id, 'done');
    await orderIn(c, r.id, 'missed');
    const board = expectOk(await c.t.call(c.clerk, 'eldercare.orders.list', { overdueFirst: true }));
    expect(board.columns).toEqual({ new: 2, dispatched: 0, awaiting_feedback: 1, closed: 0, cancelled: 1 });
    expect(board.overdue).toBe(1);
    expect(board.items[0].id).toBe(late.id);
    expect(board.items[0].overdue).toBe(true);
    expect(board.items.find((i) => i.id === fresh.id)?.overdue).toBe(false);
    const newOnly = expectOk(await c.t.call(c.clerk, 'eldercare.orders.list', { column: 'new' }));
    expect(newOnly.items.map((i) => i.id).sort()).toEqual([late.id, fresh.id].sort());
    expect(newOnly.columns.cancelled).toBe(1);
    const viewer = expectOk(await c.t.call(c.viewer, 'eldercare.orders.list', {}));
    expect(viewer.items[0].person.idMasked).toMatch(/^640202\*{12}$/);
    expect(board.items[0].person.idMasked).not.toMatch(/^640202\*{12}$/);
  });
});

describe('recurrence (pure)', () => {
  it('meal aid every weekday', () => {
    const rule = ruleToRrule({ freq: 'weekly', interval: 1, byWeekday: [1, 2, 3, 4, 5] });
    expect(rule).toBe('FREQ=WEEKLY;INTERVAL=1;BYDAY=MO,TU,WE,TH,FR');
    // 2026-03-13 is a Friday.
    expect(occurrences(rule, '2026-03-13', null, '2026-03-13', '2026-03-20')).toEqual(['2026-03-13', '2026-03-16', '2026-03-17', '2026-03-18', '2026-03-19', '2026-03-20']);
  });

  it('a bath every second week, stopped by an end date', () => {
    const rule = ruleToRrule({ freq: 'weekly', interval: 2, byWeekday: [3] });
    expect(occurrences(rule, '2026-03-04', '2026-04-15', '2026-03-01', '2026-06-30')).toEqual(['2026-03-04', '2026-03-18', '2026-04-01', '2026-04-15']);
    // A window that starts later keeps the fortnightly rhythm from the start date.
    expect(occurrences(rule, '2026-03-04', null, '2026-03-10', '2026-04-02')).toEqual(['2026-03-18', '2026-04-01']);
  });

  it('RRULE strings: accepted, normalized; sub-daily or DTSTART-bearing refused', () => {
    expect(normalizeRrule('RRULE:FREQ=MONTHLY;BYMONTHDAY=1,15')).toBe('FREQ=MONTHLY;BYMONTHDAY=1,15');
    expect(normalizeRrule('FREQ=HOURLY')).toBeNull();
    expect(normalizeRrule('FREQ=DAILY;BYHOUR=8')).toBeNull();
    expect(normalizeRrule('DTSTART:20260101T000000Z\nRRULE:FREQ=DAILY')).toBeNull();
    expect(normalizeRrule('nonsense')).toBeNull();
    expect(occurrences('FREQ=DAILY;COUNT=3', '2026-02-27', null, '2026-02-01', '2026-03-31')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01']);
  });
});

describe('recurring orders through the core', () => {
  it('creating a series generates its occurrences to the horizon as dispatched orders, once', async () => {
    const c = await careOffice();
    const r = await older(c, '周奶奶', '1946-03-30');
    const f = facility(c, { services: ['meal'] });
    const { series, generated } = expectOk(
      await c.t.call(c.clerk, 'eldercare.series.create', {
        residentId: r.id,
        service: 'meal',
        facilityId: f,
        rule: { freq: 'weekly', interval: 1, byWeekday: [1, 2, 3, 4, 5] },
        startsOn: TODAY,
        endsOn: '2026-03-27',
        costCents: 1200,
        subsidyCents: 800,
      }),
    );
    // Mon 16 … Fri 27 March: ten weekdays (the end date comes before the 31-day horizon).
    expect(generated).toBe(10);
    expect(series).toMatchObject({ rrule: 'FREQ=WEEKLY;INTERVAL=1;BYDAY=MO,TU,WE,TH,FR', generatedThrough: '2026-03-27', status: 'ended', occurrences: { total: 10, pending: 10 } });
    const list = expectOk(await c.t.call(c.clerk, 'eldercare.orders.list', { seriesId: series.id, overdueFirst: false, limit: 50 }));
    expect(list.items.map((o) => o.occurrenceOn).sort()).toEqual(['2026-03-16', '2026-03-17', '2026-03-18', '2026-03-19', '2026-03-20', '2026-03-23', '2026-03-24', '2026-03-25', '2026-03-26', '2026-03-27']);
    expect(list.items.every((o) => o.status === 'dispatched' && o.channel === 'series' && o.facilityId === f && o.dueOn === o.occurrenceOn)).toBe(true);
    const again = expectOk(await c.t.call(c.clerk, 'eldercare.series.generate', { through: '2026-06-30' }));
    expect(again.generated).toBe(0);
  });

  it('generation is idempotent and extends an open series; ending it cancels the undelivered future only', async () => {
    const c = await careOffice();
    const r = await older(c, '吴爷爷', '1943-12-01');
    const created = expectOk(
      await c.t.call(c.clerk, 'eldercare.series.create', {
        residentId: r.id,
        service: 'bath',
        provider: '助浴服务队',
        rule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=WE',
        startsOn: '2026-03-04',
        costCents: 3000,
        subsidyCents: 2000,
      }),
    );
    // From 03-04 to today + 31 days (04-16), every second Wednesday: 03-04, 03-18, 04-01, 04-15.
    expect(created.generated).toBe(4);
    expect(created.series.generatedThrough).toBe('2026-04-16');
    const more = expectOk(await c.t.call(c.clerk, 'eldercare.series.generate', { through: '2026-05-31' }));
    expect(more).toMatchObject({ series: 1, generated: 3 }); // 04-29, 05-13, 05-27
    expect(expectOk(await c.t.call(c.clerk, 'eldercare.series.generate', { through: '2026-05-31' })).generated).toBe(0);

    // The first is delivered, the second missed; then the series ends on 04-01.
    const orders = expectOk(await c.t.call(c.clerk, 'eldercare.orders.list', { seriesId: created.series.id, overdueFirst: false, limit: 50 })).items.sort((a, b) => a.occurrenceOn!.localeCompare(b.occurrenceOn!));
    expectOk(await c.t.call(c.clerk, 'eldercare.orders.complete', { id: orders[0].id, version: orders[0].version, doneOn: '2026-03-04', durationMinutes: 60, costCents: 3000, subsidyCents: 2000 }));
    expectOk(await c.t.call(c.clerk, 'eldercare.orders.miss', { id: orders[1].id, version: orders[1].version, reason: '身体不适' }));
    const series = expectOk(await c.t.call(c.clerk, 'eldercare.series.get', { id: created.series.id }));
    const ended = expectOk(await c.t.call(c.clerk, 'eldercare.series.end', { id: series.id, version: series.version, endsOn: '2026-04-01' }));
    expect(ended.cancelled).toBe(4); // 04-15, 04-29, 05-13, 05-27
    expect(ended.series).toMatchObject({ status: 'ended', endsOn: '2026-04-01', occurrences: { total: 7, delivered: 1, missed: 1, pending: 1, cancelled: 4 } });
    const after = expectOk(await c.t.call(c.clerk, 'eldercare.orders.list', { seriesId: series.id, overdueFirst: false, limit: 50 })).items;
    const byDate = Object.fromEntries(after.map((o) => [o.occurrenceOn, [o.status, o.cancelReason]]));
    expect(byDate).toEqual({
      '2026-03-04': ['done', null],
      '2026-03-18': ['missed', '身体不适'],
      '2026-04-01': ['dispatched', null],
      '2026-04-15': ['cancelled', SERIES_ENDED_REASON],
      '2026-04-29': ['cancelled', SERIES_ENDED_REASON],
      '2026-05-13': ['cancelled', SERIES_ENDED_REASON],
      '2026-05-27': ['cancelled', SERIES_ENDED_REASON],
    });
    // An ended series generates nothing more.
    expect(expectOk(await c.t.call(c.clerk, 'eldercare.series.generate', { through: '2026-12-31' })).generated).toBe(0);
  });

  it('refuses a rule it cannot schedule, and a facility without the service', async () => {
    const c = await careOffice();
    const r = await older(c, '郑奶奶', '1950-06-06');
    const bad = expectFailure(
      await c.t.call(c.clerk, 'eldercare.series.create', { residentId: r.id, service: 'meal', provider: 'x', rule: 'FREQ=MINUTELY', startsOn: TODAY, costCents: 0, subsidyCents: 0 }),
      'INVALID_INPUT',
    );
    expect(bad.issues?.[0]).toMatchObject({ path: ['rule'], code: 'eldercare.rrule_invalid' });
    const f = facility(c, { services: ['bath'] });
    const lacks = expectFailure(
      await c.t.call(c.clerk, 'eldercare.series.create', { residentId: r.id, service: 'meal', facilityId: f, rule: { freq: 'daily', interval: 1 }, startsOn: TODAY, costCents: 0, subsidyCents: 0 }),
      'INVALID_INPUT',
    );
    expect(lacks.issues?.[0]?.code).toBe('eldercare.facility_lacks_service');
    expect(expectOk(await c.t.call(c.clerk, 'eldercare.series.list', {})).total).toBe(0);
    expect(expectOk(await c.t.call(c.clerk, 'eldercare.orders.list', {})).total).toBe(0);
  });
});

describe('person-times with recurrence, cancellations and misses (hand-counted)', () => {
  it('counts one per delivered service per person, none for cancelled, missed or open ones', async () => {
    const c = await careOffice();
    const a = await older(c, '甲', '1940-01-01');
    const b = await older(c, '乙', '1941-01-01');
    // A: weekday meals 03-02 … 03-13 (10 occurrences); 7 done, 1 missed, 2 left open.
    const meals = expectOk(
      await c.t.call(c.clerk, 'eldercare.series.create', {
        residentId: a.id,
        service: 'meal',
        provider: '老年食堂',
        rule: { freq: 'weekly', interval: 1, byWeekday: [1, 2, 3, 4, 5] },
        startsOn: '2026-03-02',
        endsOn: '2026-03-13',
        costCents: 1200,
        subsidyCents: 800,
      }),
    );
    expect(meals.generated).toBe(10);
    const occ = expectOk(await c.t.call(c.clerk, 'eldercare.orders.list', { seriesId: meals.series.id, overdueFirst: false, limit: 50 })).items.sort((x, y) => x.occurrenceOn!.localeCompare(y.occurrenceOn!));
    for (const o of occ.slice(0, 7)) {
      expectOk(await c.t.call(c.clerk, 'eldercare.orders.complete', { id: o.id, version: o.version, doneOn: o.occurrenceOn!, durationMinutes: 20, costCents: 1200, subsidyCents: 800 }));
    }
    expectOk(await c.t.call(c.clerk, 'eldercare.orders.miss', { id: occ[7].id, version: occ[7].version, reason: '外出' }));
    // B: one cleaning done and closed with feedback, one cancelled, one recorded only.
    await orderIn(c, b.id, 'closed');
    await orderIn(c, b.id, 'cancelled');
    await orderIn(c, b.id, 'recorded');
    // A: one bath dispatched then missed.
    await orderIn(c, a.id, 'missed');

    const stats = expectOk(await c.t.call(c.clerk, 'eldercare.stats', { from: '2026-03-01', to: '2026-03-31' }));
    expect(stats.personTimes).toBe(8); // 7 meals for A + 1 for B
    expect(stats.peopleServed).toBe(2);
    expect(stats.byService).toEqual([{ code: 'meal', personTimes: 8, people: 2 }]);
    // Closing with feedback does not count twice; an ended series' cancellations count none.
    const drill = expectOk(await c.t.call(c.clerk, 'eldercare.stats.drill', { from: '2026-03-01', to: '2026-03-31', dimension: 'people', key: a.id }));
    expect(drill.total).toBe(7);
  });
});
