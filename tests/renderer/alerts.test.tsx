/**
 * 提醒 in the real UI over the real core: the facility alerts a licence and an inspection raise
 * appear in the inbox with their catalog messages; a clerk takes one (acknowledged) and resolves
 * another with a note; a viewer, who is not their audience, sees an empty inbox and no buttons.
 */
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { addDays, beijingDate } from '../../shared/domain/eldercare/facilities';
import type { MethodInput, MethodName } from '../../shared/contract';
import { ADMIN, adminValue, seededCore } from './support/core-harness';
import { renderApp, signIn } from './support/render-app';

const core = seededCore();
const asAdmin = <M extends MethodName>(method: M, input: MethodInput<M>) => adminValue(core, method, input);
const TIMEOUT = { timeout: 5000 };

async function seedAlerts() {
  const today = beijingDate(new Date());
  const facility = await asAdmin('eldercare.facilities.save', { name: '幸福里助餐点', kind: 'meal_point', operator: 'private' });
  await asAdmin('eldercare.licences.save', { facilityId: facility.id, kind: 'licence', title: '食品经营许可证', number: 'JY16402020001', expiresOn: addDays(today, 20) });
  await asAdmin('eldercare.inspections.save', { facilityId: facility.id, inspectedOn: addDays(today, -30), inspector: '李明', rectificationDue: addDays(today, -3) });
  return facility;
}

async function openInbox(username = ADMIN.username, password = ADMIN.password) {
  const { user } = renderApp();
  const shell = await signIn(user, username, password);
  await user.click(within(shell).getByTestId('nav-alerts'));
  await screen.findByTestId('alerts-page', {}, TIMEOUT);
  return user;
}

const rowOf = async (source: string) => {
  const list = await screen.findByTestId('alerts-list', {}, TIMEOUT);
  const row = within(list)
    .getAllByTestId('alert-row')
    .find((r) => r.getAttribute('data-source') === source);
  if (!row) throw new Error(`no ${source} alert`);
  return row;
};

describe('the alert inbox', () => {
  it('a clerk acknowledges one alert and resolves another with a note', async () => {
    await seedAlerts();
    const user = await openInbox();
    const licence = await rowOf('eldercare.licence_expiring');
    expect(within(licence).getByTestId('alert-message').textContent).toMatch(/^幸福里助餐点 的食品经营许可证（JY16402020001）将于 \d{4}年\d{1,2}月\d{1,2}日 到期。$/);
    expect(within(licence).getByTestId('alert-record-link').getAttribute('href')).toContain('/eldercare/facilities/');
    expect((await screen.findByTestId('alerts-count-open', {}, TIMEOUT)).textContent).toBe('2');

    // 我来处理: it moves to the acknowledged tab, naming who took it.
    await user.click(within(licence).getByTestId('alert-acknowledge'));
    await waitFor(() => expect(screen.getAllByTestId('alert-row')).toHaveLength(1), TIMEOUT);
    await user.click(screen.getByTestId('alerts-tab-acknowledged'));
    const taken = await rowOf('eldercare.licence_expiring');
    expect(taken.textContent).toContain(`${ADMIN.displayName} 于`);
    expect(within(taken).queryByTestId('alert-acknowledge')).toBeNull();

    // The rectification: resolved straight from open, with a note.
    await user.click(screen.getByTestId('alerts-tab-open'));
    const overdue = await rowOf('eldercare.rectification_overdue');
    await user.click(within(overdue).getByTestId('alert-resolve'));
    const dialog = await screen.findByTestId('alert-resolve-dialog');
    // The dialog's root comes before its content (Mantine mounts the content when the transition starts).
    await user.type(await within(dialog).findByTestId('alert-resolve-note'), '已电话督促，下周复查');
    await user.click(within(dialog).getByTestId('alert-resolve-confirm'));
    await waitFor(() => expect(screen.getByTestId('alerts-empty')).toBeTruthy(), TIMEOUT);

    await user.click(screen.getByTestId('alerts-tab-resolved'));
    const resolved = await rowOf('eldercare.rectification_overdue');
    expect(within(resolved).getByTestId('alert-resolution').textContent).toBe('已电话督促，下周复查');
    expect(resolved.textContent).toContain(`${ADMIN.displayName} 于`);

    const stored = await asAdmin('alerts.list', { status: 'resolved' });
    expect(stored.items).toHaveLength(1);
    expect(stored.items[0]).toMatchObject({ source: 'eldercare.rectification_overdue', status: 'resolved', resolution: '已电话督促，下周复查' });
    expect((await asAdmin('alerts.list', { status: 'acknowledged' })).items.map((a) => a.source)).toEqual(['eldercare.licence_expiring']);
  }, 60_000);

  it('a viewer is not these alerts’ audience: an empty inbox, no buttons', async () => {
    await seedAlerts();
    await core.createUser('zhaoli', 'viewer');
    await openInbox('zhaoli', 'viewer1234');
    expect(await screen.findByTestId('alerts-empty', {}, TIMEOUT)).toBeTruthy();
    expect(screen.queryByTestId('alert-acknowledge')).toBeNull();
  }, 60_000);
});
