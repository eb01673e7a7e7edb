/**
 * The older-residents pages over the real core: the worklist lists who lives alone with no contact,
 * the list filters by age band, and the allowance list for this month counts the 80+ with its total.
 */
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { composeIdNumber } from '../../shared/domain/id-number';
import { ADMIN, adminValue, seededCore } from './support/core-harness';
import { renderApp, signIn } from './support/render-app';

const core = seededCore();

async function seed() {
  await adminValue(core, 'residents.create', { name: '王秀兰', idNumber: composeIdNumber('640202', '1941-04-12', 162), household: { mode: 'new' } });
  await adminValue(core, 'residents.create', { name: '李德福', idNumber: composeIdNumber('640202', '1958-09-09', 55), livingAlone: true, household: { mode: 'new' } });
  await adminValue(core, 'residents.create', { name: '王小龙', idNumber: composeIdNumber('640202', '1988-02-02', 31), household: { mode: 'new' } });
}

async function openOlder() {
  const { user } = renderApp();
  const shell = await signIn(user, ADMIN.username, ADMIN.password);
  await user.click(within(shell).getByTestId('nav-eldercare'));
  await user.click(await screen.findByTestId('eldercare-tab-older'));
  await screen.findByTestId('eldercare-older');
  return user;
}

describe('older residents', () => {
  it('the worklist, the filtered list and the allowance list', async () => {
    await seed();
    const user = await openOlder();
    const alone = await screen.findByTestId('worklist-aloneNoContact');
    await within(alone).findByText('李德福');
    expect(within(alone).queryByText('王秀兰')).toBeNull();
    expect(within(alone).getByText('从未')).toBeTruthy();

    await user.click(screen.getByTestId('older-view-list'));
    await waitFor(() => expect(screen.getByTestId('older-total').textContent).toBe('共 2 人'));
    expect(screen.queryByText('王小龙')).toBeNull();
    await user.selectOptions(screen.getByTestId('older-filter-age'), 'b80');
    await waitFor(() => expect(screen.getByTestId('older-total').textContent).toBe('共 1 人'));
    expect(within(screen.getByTestId('older-table')).getByText('王秀兰')).toBeTruthy();

    await user.click(screen.getByTestId('older-view-eligibility'));
    await waitFor(() => expect(screen.getByTestId('eligibility-total-people').textContent).toBe('1'));
    const settings = await adminValue(core, 'eldercare.settings.get', {});
    const band = settings.allowanceBands.find((b) => b.fromAge <= 84 && (b.toAge === null || b.toAge >= 84));
    expect(band).toBeTruthy();
    expect(screen.getByTestId('eligibility-total-amount').textContent).toBe(`¥${(band!.monthlyCents / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2 })}`);
    expect(within(screen.getByTestId('eligibility-table')).getByText('王秀兰')).toBeTruthy();
  });
});
