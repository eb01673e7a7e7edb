/**
 * Statistics in the real UI over the real core: the figures match the seeded orders by the
 * person-time rule (cancelled and undelivered count none), and a drill-down lists exactly the records
 * behind a figure, with ID numbers masked.
 */
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { composeIdNumber } from '../../shared/domain/id-number';
import { beijingDate } from '../../shared/domain/eldercare/care';
import { ADMIN, adminValue, seededCore } from './support/core-harness';
import { renderApp, signIn } from './support/render-app';

const core = seededCore();
const WANG_ID = composeIdNumber('640202', '1951-04-12', 162);
const LI_ID = composeIdNumber('640202', '1945-09-09', 55);

async function seed() {
  const today = beijingDate(new Date());
  const wang = await adminValue(core, 'residents.create', { name: '王秀兰', idNumber: WANG_ID, household: { mode: 'new' } });
  const li = await adminValue(core, 'residents.create', { name: '李德福', idNumber: LI_ID, household: { mode: 'new' } });
  const canteen = await adminValue(core, 'eldercare.facilities.save', { name: '幸福里老年食堂', kind: 'meal_point', operator: 'public', services: [{ code: 'meal', days: [1, 2, 3, 4, 5, 6, 7] }] });
  const daycare = await adminValue(core, 'eldercare.facilities.save', { name: '朝阳日间照料中心', kind: 'day_care', operator: 'public', services: [{ code: 'bath', days: [1, 2, 3, 4, 5, 6, 7] }, { code: 'clean', days: [1, 2, 3, 4, 5] }] });
  const order = async (residentId: string, service: string, facilityId: string, end: 'done' | 'closed' | 'cancelled' | 'dispatched') => {
    const created = await adminValue(core, 'eldercare.orders.create', { residentId, service, channel: 'phone', requestedOn: today });
    if (end === 'cancelled') return adminValue(core, 'eldercare.orders.cancel', { id: created.id, version: created.version, reason: '老人住院' });
    const sent = await adminValue(core, 'eldercare.orders.dispatch', { id: created.id, version: created.version, facilityId, dueOn: today });
    if (end === 'dispatched') return sent;
    const done = await adminValue(core, 'eldercare.orders.complete', { id: created.id, version: sent.version, doneOn: today, durationMinutes: 30, costCents: 1200, subsidyCents: 500 });
    if (end === 'done') return done;
    return adminValue(core, 'eldercare.orders.feedback', { id: created.id, version: done.version, satisfaction: 4 });
  };
  await order(wang.id, 'meal', canteen.id, 'closed');
  await order(wang.id, 'meal', canteen.id, 'done');
  await order(li.id, 'bath', daycare.id, 'done');
  // Counted as none: a cancelled demand and a service not yet delivered.
  await order(li.id, 'meal', canteen.id, 'cancelled');
  await order(wang.id, 'clean', daycare.id, 'dispatched');
}

async function openStats() {
  const { user } = renderApp();
  const shell = await signIn(user, ADMIN.username, ADMIN.password);
  await user.click(within(shell).getByTestId('nav-eldercare'));
  await user.click(await screen.findByTestId('eldercare-tab-stats'));
  await screen.findByTestId('eldercare-stats');
  return user;
}

describe('elderly-care statistics', () => {
  it('counts delivered services only, by service and facility, as the seeded orders say', async () => {
    await seed();
    await openStats();
    await waitFor(() => expect(screen.getByTestId('stats-person-times-value').textContent).toBe('3'));
    expect(screen.getByTestId('stats-people-value').textContent).toBe('2');
    const rows = (testId: string) =>
      within(screen.getByTestId(testId))
        .getAllByTestId(`${testId}-row`)
        .map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent));
    expect(rows('stats-table-service')).toEqual([
      ['助餐', '2', '1'],
      ['助浴', '1', '1'],
    ]);
    expect(rows('stats-table-facility').sort()).toEqual(
      [
        ['幸福里老年食堂', '2', '1'],
        ['朝阳日间照料中心', '1', '1'],
      ].sort(),
    );
    // The month's row in the by-month table carries the same total.
    expect(rows('stats-table-month')).toEqual([[beijingDate(new Date()).slice(0, 7), '3', '2']]);
  });

  it('a figure drills down to exactly its records, IDs masked', async () => {
    await seed();
    const user = await openStats();
    const meal = await waitFor(() => {
      const row = within(screen.getByTestId('stats-table-service'))
        .getAllByTestId('stats-table-service-row')
        .find((r) => r.textContent?.startsWith('助餐'));
      if (!row) throw new Error('no meal row yet');
      return row;
    });
    await user.click(within(meal).getByRole('button', { name: /查看“助餐”的明细/ }));
    const drill = await screen.findByTestId('stats-drill');
    expect(within(drill).getByTestId('stats-drill-total').textContent).toBe('共 2 条');
    const names = within(drill)
      .getAllByTestId('stats-drill-row')
      .map((r) => r.querySelectorAll('td')[1].textContent);
    expect(names).toEqual(['王秀兰', '王秀兰']);
    expect(drill.textContent).not.toContain(WANG_ID);
    expect(drill.textContent).toContain('助餐');
    expect(drill.textContent).not.toContain('助洁');
    await user.click(screen.getByRole('button', { name: '关闭' }));

    // The headline figure: all three delivered services, the cancelled and the pending left out.
    await user.click(screen.getByTestId('stats-person-times'));
    const all = await screen.findByTestId('stats-drill');
    await waitFor(() => expect(within(all).getByTestId('stats-drill-total').textContent).toBe('共 3 条'));
    expect(within(all).getAllByTestId('stats-drill-row')).toHaveLength(3);
    expect(all.textContent).not.toContain(LI_ID);
  });
});
