/**
 * What the attacker's cold trial of elderly care found, each now refused or handled: impossible dates,
 * generating recurring orders decades ahead, a closed facility whose series kept writing orders, and
 * demo profiles that could not be read.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { expectFailure, expectOk } from '../support/results';
import { disposeTestResources } from '../support/temp-dir';
import { careOffice, facility, older, TODAY } from './eldercare-care-fixtures';

afterEach(disposeTestResources);

describe('elderly care refuses what it cannot mean', () => {
  it('impossible calendar dates are refused at their field, and nothing is written', async () => {
    const c = await careOffice();
    const r = await older(c, '钱奶奶', '1944-05-01');
    for (const requestedOn of ['2026-02-30', '2026-13-01', '2026-00-10', '2026-03-32']) {
      const refused = expectFailure(await c.t.call(c.clerk, 'eldercare.orders.create', { residentId: r.id, service: 'meal', channel: 'phone', requestedOn }), 'INVALID_INPUT');
      expect(refused.issues?.[0]).toMatchObject({ path: ['requestedOn'], code: 'date' });
    }
    expectFailure(await c.t.call(c.clerk, 'eldercare.assessments.add', { residentId: r.id, assessedOn: '2026-02-29', assessor: '李', level: 'intact' }), 'INVALID_INPUT');
    expect(expectOk(await c.t.call(c.clerk, 'eldercare.orders.list', { residentId: r.id })).total).toBe(0);
    // A real 29 February is a date.
    expectOk(await c.t.call(c.clerk, 'eldercare.assessments.add', { residentId: r.id, assessedOn: '2024-02-29', assessor: '李', level: 'intact' }));
  });

  it('series are generated at most a year ahead', async () => {
    const c = await careOffice();
    const refused = expectFailure(await c.t.call(c.clerk, 'eldercare.series.generate', { through: '2076-12-31' }), 'INVALID_INPUT');
    expect(refused.issues?.[0]).toMatchObject({ path: ['through'], code: 'eldercare.series_beyond_horizon', params: { date: '2027-03-17' } });
    expectOk(await c.t.call(c.clerk, 'eldercare.series.generate', { through: '2027-03-17' }));
  });

  it("closing a facility ends its recurring orders on that day: later occurrences cancelled, none generated after", async () => {
    const c = await careOffice();
    const r = await older(c, '孙爷爷', '1940-01-09');
    const f = facility(c, { services: ['meal'] });
    const { series } = expectOk(
      await c.t.call(c.clerk, 'eldercare.series.create', { residentId: r.id, service: 'meal', facilityId: f, rule: { freq: 'weekly', interval: 1, byWeekday: [1, 2, 3, 4, 5] }, startsOn: TODAY, costCents: 1200, subsidyCents: 800 }),
    );
    expect(series.occurrences.total).toBeGreaterThan(20);
    expectOk(await c.t.call(c.clerk, 'eldercare.facilities.setStatus', { id: f, version: 1, status: 'closed', on: '2026-03-20' }));
    const after = expectOk(await c.t.call(c.clerk, 'eldercare.series.get', { id: series.id }));
    expect(after).toMatchObject({ status: 'ended', endsOn: '2026-03-20' });
    const orders = expectOk(await c.t.call(c.clerk, 'eldercare.orders.list', { seriesId: series.id, overdueFirst: false, limit: 100 })).items;
    for (const o of orders) expect(o.status, o.occurrenceOn ?? '').toBe(o.occurrenceOn! <= '2026-03-20' ? 'dispatched' : 'cancelled');
    expect(expectOk(await c.t.call(c.clerk, 'eldercare.series.generate', { through: '2026-12-31' })).generated).toBe(0);
  });

  it("the board's dispatched column shows what is due soonest first, not a series' occurrence a month ahead", async () => {
    const c = await careOffice();
    const r = await older(c, '周爷爷', '1942-02-02');
    const f = facility(c, { services: ['meal'] });
    expectOk(await c.t.call(c.clerk, 'eldercare.series.create', { residentId: r.id, service: 'meal', facilityId: f, rule: { freq: 'weekly', interval: 1, byWeekday: [1, 2, 3, 4, 5] }, startsOn: TODAY, costCents: 0, subsidyCents: 0 }));
    const column = expectOk(await c.t.call(c.clerk, 'eldercare.orders.list', { column: 'dispatched', limit: 5 } as never)).items;
    expect(column.map((o) => o.dueOn)).toEqual([...column.map((o) => o.dueOn)].sort());
    expect(column[0].dueOn).toBe(TODAY);
  });
});
