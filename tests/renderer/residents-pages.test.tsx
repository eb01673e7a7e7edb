/**
 * The residents pages against the real core: what a viewer may see (masked IDs, no reveal, no
 * edits), search by pinyin initials with its match badge and keyboard opening, a clerk's recorded
 * reveal, the conflict message when someone else saved first, and a household move that needs
 * a new head.
 */
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { composeIdNumber, maskIdNumber, maskIdNumberStrict } from '../../shared/domain/id-number';
import type { MethodInput, MethodName } from '../../shared/contract';
import { ADMIN, adminValue, seededCore } from './support/core-harness';
import { renderApp, signIn } from './support/render-app';

const core = seededCore();

/** Seed data as the administrator on a connection of its own (not the app's). */
const asAdmin = <M extends MethodName>(method: M, input: MethodInput<M>) => adminValue(core, method, input);

const WANG_ID = composeIdNumber('640202', '1951-04-12', 162);

async function seedWang() {
  return asAdmin('residents.create', { name: '王秀兰', idNumber: WANG_ID, phone: '13995123456', household: { mode: 'new', address: '朝阳街幸福小区3号楼' } });
}

async function searchAndOpen(user: ReturnType<typeof renderApp>['user'], query: string) {
  const search = await screen.findByTestId('residents-search');
  await waitFor(() => expect(document.activeElement).toBe(search));
  await user.keyboard(query);
  const results = await screen.findByTestId('residents-results', {}, { timeout: 5000 });
  await within(results).findAllByTestId('resident-result');
  return results;
}

describe('residents pages', () => {
  it('a viewer searching by the last digits of an ID number is told why nothing is looked up', async () => {
    await seedWang();
    await core.createUser('zhaoli', 'viewer');
    const { user } = renderApp();
    const shell = await signIn(user, 'zhaoli', 'viewer1234');
    await user.click(within(shell).getByTestId('nav-residents'));
    const search = await screen.findByTestId('residents-search');
    await waitFor(() => expect(document.activeElement).toBe(search));
    await user.keyboard(WANG_ID.slice(-4));
    const none = await screen.findByTestId('residents-no-results', {}, { timeout: 5000 });
    expect(none.textContent).toContain('需要查看证件号的权限');
  });

  it('a viewer sees masked ID numbers, and neither a reveal button nor any edit action', async () => {
    await seedWang();
    await core.createUser('zhaoli', 'viewer');
    const { user } = renderApp();
    const shell = await signIn(user, 'zhaoli', 'viewer1234');
    await user.click(within(shell).getByTestId('nav-residents'));
    const results = await searchAndOpen(user, '王秀兰');
    expect(screen.queryByTestId('resident-register')).toBeNull();
    const row = within(results).getAllByTestId('resident-result')[0];
    expect(within(row).getByTestId('resident-row-id').textContent).toBe(maskIdNumberStrict(WANG_ID));
    expect(row.textContent).not.toContain(WANG_ID);

    await user.keyboard('{Enter}');
    const page = await screen.findByTestId('resident-page', {}, { timeout: 5000 });
    expect(within(page).getByTestId('resident-id-display').textContent).toBe(maskIdNumberStrict(WANG_ID));
    expect(within(page).queryByTestId('resident-reveal-id')).toBeNull();
    expect(within(page).queryByTestId('resident-edit')).toBeNull();
    expect(within(page).queryByTestId('resident-move')).toBeNull();
    expect(within(page).queryByTestId('resident-merge')).toBeNull();
    expect(page.textContent).not.toContain(WANG_ID);
    // The history names who registered her, though a viewer may not list the office's accounts.
    const changes = within(page).getByTestId('resident-changes');
    await waitFor(() => expect(changes.querySelectorAll('tbody tr').length).toBeGreaterThan(0), { timeout: 5000 });
    expect(changes.querySelector('tbody tr')!.textContent).toContain(ADMIN.displayName);
    // The later modules' places are there, and say they are empty on purpose.
    expect(within(page).getByTestId('resident-slot-cases').textContent).toContain('“社会救助”模块上线后');
  }, 60_000);

  it('finds a resident by pinyin initials with a match badge; ↓ and Enter open the selected row', async () => {
    await seedWang();
    await asAdmin('residents.create', { name: '王小龙', idNumber: composeIdNumber('640202', '1988-02-02', 31), household: { mode: 'new' } });
    const { user } = renderApp();
    const shell = await signIn(user, ADMIN.username, ADMIN.password);
    await user.click(within(shell).getByTestId('nav-residents'));
    const results = await searchAndOpen(user, 'wxl');
    const rows = within(results).getAllByTestId('resident-result');
    expect(rows.map((r) => within(r).getByTestId('resident-row-name').textContent)).toEqual(['王秀兰', '王小龙']);
    expect(within(rows[0]).getByTestId('resident-match').textContent).toBe('拼音');
    expect(rows[0].getAttribute('aria-selected')).toBe('true');

    await user.keyboard('{ArrowDown}');
    await waitFor(() => expect(within(results).getAllByTestId('resident-result')[1].getAttribute('aria-selected')).toBe('true'));
    await user.keyboard('{Enter}');
    expect((await screen.findByTestId('resident-name-title', {}, { timeout: 5000 })).textContent).toBe('王小龙');
  }, 60_000);

  it('a clerk reveals the full ID number; the page says the viewing was recorded', async () => {
    const wang = await seedWang();
    await core.createUser('lijing', 'clerk', 'clerk12345');
    window.location.hash = `#/residents/${wang.id}`;
    const { user } = renderApp();
    await signIn(user, 'lijing', 'clerk12345');
    const page = await screen.findByTestId('resident-page', {}, { timeout: 5000 });
    expect(within(page).getByTestId('resident-id-display').textContent).toBe(maskIdNumber(WANG_ID));
    await user.click(within(page).getByTestId('resident-reveal-id'));
    await waitFor(() => expect(within(page).getByTestId('resident-id-display').textContent).toBe(WANG_ID));
    expect(within(page).getByTestId('resident-reveal-note').textContent).toContain('本次查看已记录');
    expect(within(page).queryByTestId('resident-merge')).toBeNull(); // merging is for supervisors
  }, 60_000);

  it('saving over someone else\'s newer save shows the conflict, and reloading brings their version', async () => {
    const wang = await seedWang();
    window.location.hash = `#/residents/${wang.id}/edit`;
    const { user } = renderApp();
    await signIn(user, ADMIN.username, ADMIN.password);
    const phone = await screen.findByTestId<HTMLInputElement>('resident-phone', {}, { timeout: 5000 });
    await user.clear(phone);
    await user.type(phone, '13800002222');
    // Meanwhile a colleague saves the same record.
    await asAdmin('residents.update', { id: wang.id, version: wang.version, phone: '13900003333' });
    await user.keyboard('{Control>}{Enter}{/Control}');

    const stale = await screen.findByTestId('resident-stale', {}, { timeout: 5000 });
    expect(stale.textContent).toContain('这条记录已被他人修改（当前版本 2）');
    await user.click(within(stale).getByTestId('resident-reload-latest'));
    await screen.findByTestId('resident-reloaded');
    await waitFor(() => expect(screen.getByTestId<HTMLInputElement>('resident-phone').value).toBe('13900003333'));
    expect(screen.queryByTestId('resident-draft-offer')).toBeNull();
  }, 60_000);

  it('an edit draft begun on an older version restores only what the clerk changed, not stale values', async () => {
    const wang = await seedWang();
    window.location.hash = `#/residents/${wang.id}/edit`;
    const first = renderApp();
    await signIn(first.user, ADMIN.username, ADMIN.password);
    const notes = await screen.findByTestId('resident-notes', {}, { timeout: 5000 });
    await first.user.type(notes, '草稿备注');
    first.unmount();
    // While the window was closed, a colleague changed the phone number.
    await asAdmin('residents.update', { id: wang.id, version: wang.version, phone: '13900003333' });

    const again = renderApp();
    const offer = await screen.findByTestId('resident-draft-offer', {}, { timeout: 5000 });
    await again.user.click(within(offer).getByTestId('resident-draft-restore'));
    expect(screen.getByTestId<HTMLTextAreaElement>('resident-notes').value).toBe('草稿备注');
    expect(screen.getByTestId<HTMLInputElement>('resident-phone').value).toBe('13900003333');
    expect(await screen.findByText(/这份草稿是在较早的版本上填写的/)).toBeTruthy();
  }, 60_000);

  it('moving a head who leaves others behind asks for the new head, then shows the new household', async () => {
    const wang = await seedWang();
    const son = await asAdmin('residents.create', {
      name: '王建军',
      idNumber: composeIdNumber('640202', '1975-09-09', 55),
      household: { mode: 'existing', householdId: wang.householdId ?? '', relation: 'child' },
    });
    window.location.hash = `#/residents/${wang.id}`;
    const { user } = renderApp();
    await signIn(user, ADMIN.username, ADMIN.password);
    const page = await screen.findByTestId('resident-page', {}, { timeout: 5000 });
    const members = await within(page).findAllByTestId('household-member');
    expect(members.map((m) => m.textContent)).toEqual([expect.stringContaining('户主'), expect.stringContaining('子女')]);

    await user.click(within(page).getByTestId('resident-move'));
    await screen.findByTestId('resident-move-mode', {}, { timeout: 5000 });
    const dialog = screen.getByTestId('resident-move-dialog');
    await user.selectOptions(within(dialog).getByTestId('resident-move-mode'), 'new');
    await user.type(within(dialog).getByTestId('resident-move-address'), '朝阳街养老公寓2号');
    await user.selectOptions(await within(dialog).findByTestId('resident-move-new-head'), son.id);
    await user.click(within(dialog).getByTestId('resident-move-submit'));

    await waitFor(() => expect(screen.queryByTestId('resident-move-submit')).toBeNull(), { timeout: 5000 });
    await waitFor(async () => {
      const now = within(page).getAllByTestId('household-member');
      expect(now).toHaveLength(1);
    }, { timeout: 5000 });
    const moved = await asAdmin('residents.get', { id: wang.id });
    expect(moved.relation).toBe('head');
    expect(moved.householdId).not.toBe(wang.householdId);
    expect(await asAdmin('households.get', { id: moved.householdId ?? '' })).toMatchObject({ address: '朝阳街养老公寓2号', headResidentId: wang.id });
    expect(within(page).getByTestId('resident-household').textContent).toContain('朝阳街养老公寓2号');
    expect(await asAdmin('residents.get', { id: son.id })).toMatchObject({ relation: 'head', householdId: wang.householdId });
  }, 60_000);
});
