/**
 * The service-order board in the real UI over the real core: a meal-aid demand recorded, dispatched
 * to a facility, completed and given feedback, column by column; a step the order no longer allows
 * refused with the core's reason in words; a viewer sees the board without any action.
 */
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { composeIdNumber } from '../../shared/domain/id-number';
import { beijingDate } from '../../shared/domain/eldercare/care';
import { ADMIN, adminValue, seededCore } from './support/core-harness';
import { renderApp, signIn } from './support/render-app';

const core = seededCore();
const WANG_ID = composeIdNumber('640202', '1951-04-12', 162);

async function seed() {
  const wang = await adminValue(core, 'residents.create', { name: '王秀兰', idNumber: WANG_ID, household: { mode: 'new', address: '朝阳街幸福小区3号楼' } });
  const young = await adminValue(core, 'residents.create', { name: '王小龙', idNumber: composeIdNumber('640202', '1988-02-02', 31), household: { mode: 'new' } });
  const canteen = await adminValue(core, 'eldercare.facilities.save', { name: '幸福里老年食堂', kind: 'meal_point', operator: 'public', services: [{ code: 'meal', days: [1, 2, 3, 4, 5, 6, 7] }] });
  await adminValue(core, 'eldercare.facilities.save', { name: '朝阳日间照料中心', kind: 'day_care', operator: 'public', services: [{ code: 'bath', days: [1, 3] }] });
  return { wang, young, canteen };
}

async function openBoard(username = ADMIN.username, password = ADMIN.password) {
  const { user } = renderApp();
  const shell = await signIn(user, username, password);
  await user.click(within(shell).getByTestId('nav-eldercare'));
  await user.click(await screen.findByTestId('eldercare-tab-orders'));
  await screen.findByTestId('eldercare-order-board');
  return user;
}

const column = (name: string) => screen.getByTestId(`board-column-${name}`);
async function cardIn(name: string, who = '王秀兰') {
  return waitFor(() => {
    const card = within(column(name))
      .getAllByTestId('board-card')
      .find((c) => within(c).queryByText(who));
    if (!card) throw new Error(`no card of ${who} in ${name}`);
    return card;
  });
}

describe('the service-order board', () => {
  it('records a meal-aid demand, dispatches it to a canteen, completes it and takes the feedback', async () => {
    const { canteen } = await seed();
    const user = await openBoard();

    await user.click(screen.getByTestId('board-record-demand'));
    const form = await screen.findByTestId('eldercare-demand-form');
    await user.type(within(form).getByTestId('demand-resident-query'), '王秀兰');
    await user.click(await within(form).findByRole('button', { name: '选择 王秀兰' }));
    expect(within(form).queryByTestId('demand-resident-under-60')).toBeNull();
    await user.selectOptions(within(form).getByTestId('demand-service'), 'meal');
    await user.selectOptions(within(form).getByTestId('demand-channel'), 'visit');
    await user.type(within(form).getByTestId('demand-note'), '腿脚不便，需送餐上门');
    await user.click(within(form).getByTestId('demand-submit'));

    let card = await cardIn('new');
    expect(within(card).getByTestId('board-card-service').textContent).toBe('助餐 · 上门');
    expect(within(screen.getByTestId('board-count-new')).getByText('1 张')).toBeTruthy();

    // Dispatch: only the canteen offers meal aid, so only it is offered.
    await user.click(within(card).getByTestId('board-action-dispatch'));
    const dispatch = await screen.findByTestId('order-dispatch-form');
    const facility = await within(dispatch).findByRole('option', { name: '幸福里老年食堂' });
    expect(within(dispatch).queryByRole('option', { name: '朝阳日间照料中心' })).toBeNull();
    await user.selectOptions(within(dispatch).getByTestId('dispatch-facility'), facility);
    await user.click(within(dispatch).getByTestId('order-action-submit'));
    card = await cardIn('dispatched');
    expect(within(card).getByText('派往 幸福里老年食堂')).toBeTruthy();

    // Complete: 30 minutes, ¥12.50 of which ¥5 subsidy, entered in yuan and stored in fen.
    await user.click(within(card).getByTestId('board-action-complete'));
    const complete = await screen.findByTestId('order-complete-form');
    await user.type(within(complete).getByTestId('complete-duration'), '30');
    await user.clear(within(complete).getByTestId('complete-cost'));
    await user.type(within(complete).getByTestId('complete-cost'), '12.5');
    await user.clear(within(complete).getByTestId('complete-subsidy'));
    await user.type(within(complete).getByTestId('complete-subsidy'), '5');
    await user.click(within(complete).getByTestId('order-action-submit'));
    card = await cardIn('awaiting_feedback');

    // Feedback: the rating is a group of radios, one per score, each named by its score.
    await user.click(within(card).getByTestId('board-action-feedback'));
    const feedback = await screen.findByTestId('order-feedback-form');
    await user.click(within(feedback).getByRole('radio', { name: /5 分/ }));
    await user.type(within(feedback).getByTestId('feedback-comment'), '饭菜热乎，送得准时');
    await user.click(within(feedback).getByTestId('order-action-submit'));
    card = await cardIn('closed');
    expect(within(card).getByText('满意度 5 分')).toBeTruthy();
    expect(within(card).queryByRole('button')).toBeNull();
    expect(within(screen.getByTestId('board-count-closed')).getByText('1 张')).toBeTruthy();
    expect(within(screen.getByTestId('board-count-new')).getByText('0 张')).toBeTruthy();

    const list = await adminValue(core, 'eldercare.orders.list', {});
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({
      status: 'closed',
      channel: 'visit',
      facilityId: canteen.id,
      durationMinutes: 30,
      costCents: 1250,
      subsidyCents: 500,
      satisfaction: 5,
      feedback: '饭菜热乎，送得准时',
      doneOn: beijingDate(new Date()),
    });
  });

  it('says at once that a resident under 60 is not an older resident', async () => {
    await seed();
    const user = await openBoard();
    await user.click(screen.getByTestId('board-record-demand'));
    const form = await screen.findByTestId('eldercare-demand-form');
    await user.type(within(form).getByTestId('demand-resident-query'), '王小龙');
    await user.click(await within(form).findByRole('button', { name: '选择 王小龙' }));
    expect(within(form).getByTestId('demand-resident-under-60').textContent).toMatch(/王小龙未满60周岁/);
  });

  it('a step the order no longer allows is refused with the core’s reason', async () => {
    const { wang, canteen } = await seed();
    const today = beijingDate(new Date());
    const order = await adminValue(core, 'eldercare.orders.create', { residentId: wang.id, service: 'meal', channel: 'phone', requestedOn: today });
    const dispatched = await adminValue(core, 'eldercare.orders.dispatch', { id: order.id, version: order.version, facilityId: canteen.id, dueOn: today });
    const user = await openBoard();
    const card = await cardIn('dispatched');

    // Another clerk completes it while this board still shows it as dispatched.
    await adminValue(core, 'eldercare.orders.complete', { id: order.id, version: dispatched.version, doneOn: today, durationMinutes: 20, costCents: 800, subsidyCents: 0 });
    await user.click(within(card).getByTestId('board-action-cancel'));
    const form = await screen.findByTestId('order-cancel-form');
    await user.type(within(form).getByTestId('order-reason'), '老人住院');
    await user.click(within(form).getByTestId('order-action-submit'));
    const alert = await within(form).findByTestId('order-action-error');
    expect(alert.textContent).toContain('已完成的工单不能取消。');
    expect(alert.textContent).not.toContain('输入有误');
    // The board catches up: the order is where the core has it.
    await cardIn('awaiting_feedback');
    expect((await adminValue(core, 'eldercare.orders.get', { id: order.id })).status).toBe('done');
  });

  it('a viewer sees the board and its counts without any action', async () => {
    const { wang } = await seed();
    const today = beijingDate(new Date());
    await adminValue(core, 'eldercare.orders.create', { residentId: wang.id, service: 'meal', channel: 'desk', requestedOn: today });
    await core.createUser('zhaoli', 'viewer', 'viewer1234');
    await openBoard('zhaoli', 'viewer1234');
    const card = await cardIn('new');
    expect(within(card).queryByRole('button')).toBeNull();
    expect(screen.queryByTestId('board-record-demand')).toBeNull();
    expect(within(screen.getByTestId('board-count-new')).getByText('1 张')).toBeTruthy();
    // The ID number is masked for a viewer (division code only).
    expect(within(card).queryByText(WANG_ID)).toBeNull();
  });
});
