/**
 * The register form against the real core: the ID number fills birth date, sex and age and
 * explains a wrong check digit; a whole registration by keyboard alone; the likely-duplicate
 * warning; a draft that survives the form (and the app) going away.
 */
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { ageOn, composeIdNumber } from '../../shared/domain/id-number';
import type { MethodInput, MethodName } from '../../shared/contract';
import { ADMIN, APP_CONNECTION, adminValue, seededCore } from './support/core-harness';
import { renderApp, signIn } from './support/render-app';

const core = seededCore();

/** Seed data as the administrator on a connection of its own (not the app's). */
const asAdmin = <M extends MethodName>(method: M, input: MethodInput<M>) => adminValue(core, method, input);

async function openRegisterForm() {
  const view = renderApp();
  const shell = await signIn(view.user, ADMIN.username, ADMIN.password);
  await view.user.click(within(shell).getByTestId('nav-residents'));
  await view.user.click(await screen.findByTestId('resident-register'));
  const idField = await screen.findByTestId<HTMLInputElement>('resident-id-number');
  await waitFor(() => expect(document.activeElement).toBe(idField));
  return { ...view, idField };
}

describe('resident register form', () => {
  it('fills birth date, sex and age from the ID number and explains a wrong check digit in Chinese', async () => {
    const { user, idField } = await openRegisterForm();
    const id = composeIdNumber('640202', '1950-03-07', 123);
    const wrongCheck = id.slice(0, 17) + (id[17] === '0' ? '1' : '0');

    await user.keyboard(wrongCheck);
    expect(await screen.findByText(`校验码不对：按前 17 位，最后一位应为 ${id[17]}。请核对号码。`)).toBeTruthy();
    expect(screen.getByTestId('resident-birth-date').textContent).toBe('—');

    await user.clear(idField);
    await user.keyboard(id.slice(0, 10));
    expect(screen.getByText('已输入 10 / 18 位')).toBeTruthy();
    await user.keyboard(id.slice(10));
    expect(screen.queryByText(/校验码不对/)).toBeNull();
    expect(screen.getByTestId('resident-birth-date').textContent).toBe('1950年3月7日');
    expect(screen.getByTestId('resident-sex').textContent).toBe('男');
    expect(screen.getByTestId('resident-age').textContent).toBe(`${ageOn('1950-03-07')} 岁`);

    await user.clear(idField);
    await user.keyboard('6.40202E+17');
    expect(await screen.findByText(/这个号码已被表格软件改坏/)).toBeTruthy();
  }, 60_000);

  it('registers a resident with the keyboard alone: Enter through every field, Enter on the last saves', async () => {
    await asAdmin('grids.create', { code: 'G01', name: '第一网格', worker: '刘红' });
    const { user } = await openRegisterForm();
    const id = composeIdNumber('640202', '1948-11-02', 244);

    await user.keyboard(`${id}{Enter}`);
    expect(document.activeElement).toBe(screen.getByTestId('resident-name'));
    await user.keyboard('王秀兰{Enter}');
    await user.keyboard('13995123456{Enter}');
    await user.keyboard('{Enter}'); // second phone: none
    expect(document.activeElement).toBe(screen.getByTestId('resident-household-mode'));
    await user.keyboard('{Enter}'); // a new household of her own
    await user.keyboard('朝阳街幸福小区3号楼{Enter}');
    expect(document.activeElement).toBe(screen.getByTestId('resident-household-grid'));
    await user.selectOptions(screen.getByTestId('resident-household-grid'), '第一网格（G01）');
    await user.keyboard('{Enter}');
    expect(document.activeElement).toBe(screen.getByTestId('resident-ethnicity'));
    await user.keyboard('回族{Enter}');
    // Marital status, hukou, employment, health, low-income: Enter leaves them unset.
    for (let i = 0; i < 5; i++) await user.keyboard('{Enter}');
    expect(document.activeElement).toBe(screen.getByTestId('resident-livingAlone'));
    await user.keyboard(' {Enter}'); // lives alone
    for (let i = 0; i < 3; i++) await user.keyboard('{Enter}');
    expect(document.activeElement).toBe(screen.getByTestId('resident-disability-cert'));
    await user.keyboard('{Enter}');
    expect(document.activeElement).toBe(screen.getByTestId('resident-notes'));
    await user.keyboard('独居老人，每周探访{Enter}');

    const page = await screen.findByTestId('resident-page', {}, { timeout: 5000 });
    expect(within(page).getByTestId('resident-name-title').textContent).toBe('王秀兰');
    expect(within(page).getByTestId('resident-id-display').textContent).toBe(`${id.slice(0, 6)}********${id.slice(14)}`);
    const tags = within(page).getByTestId('resident-tags').textContent ?? '';
    expect(tags).toContain('独居');
    expect(tags).toContain('60岁以上');
    const found = await asAdmin('residents.search', { query: id, filters: {}, limit: 5 });
    expect(found.items).toHaveLength(1);
    expect(found.items[0]).toMatchObject({ name: '王秀兰', phone: '13995123456', ethnicity: '回族', livingAlone: true, gridName: '第一网格', address: '朝阳街幸福小区3号楼', notes: '独居老人，每周探访' });
  }, 60_000);

  it('warns about a likely duplicate (same name and birth date) with a link, and still saves on confirmation', async () => {
    const first = composeIdNumber('640202', '1962-05-20', 111);
    const existing = await asAdmin('residents.create', { name: '李建华', idNumber: first, household: { mode: 'new', address: '朝阳街1号' } });
    const { user } = await openRegisterForm();

    await user.keyboard(`${composeIdNumber('640205', '1962-05-20', 315)}{Enter}`);
    await user.keyboard('李建华');
    const warning = await screen.findByTestId('resident-duplicates', {}, { timeout: 3000 });
    expect(warning.textContent).toContain('可能已经登记过');
    expect(warning.textContent).toContain('姓名和出生日期相同');
    const link = within(warning).getByTestId('resident-duplicate-link');
    expect(link.getAttribute('href')).toBe(`#/residents/${existing.id}`);

    // Saving stops once at the warning, with the cursor on "save anyway".
    await user.keyboard('{Control>}{Enter}{/Control}');
    const confirm = await screen.findByTestId('resident-save-anyway');
    await waitFor(() => expect(document.activeElement).toBe(confirm));
    await user.keyboard('{Enter}');
    await screen.findByTestId('resident-page', {}, { timeout: 5000 });
    const both = await asAdmin('residents.search', { query: '李建华', filters: {}, limit: 5 });
    expect(both.items).toHaveLength(2);
  });

  it('shows DUPLICATE_ID at the ID field with a link to the resident who holds the number', async () => {
    const id = composeIdNumber('640221', '1980-01-15', 52);
    const existing = await asAdmin('residents.create', { name: '马海军', idNumber: id, household: { mode: 'new' } });
    const { user } = await openRegisterForm();
    await user.keyboard(`${id}{Enter}`);
    await user.keyboard('马海俊{Control>}{Enter}{/Control}');
    expect(await screen.findByText('该号码已登记为 马海军，不能重复登记。')).toBeTruthy();
    expect(screen.getByTestId('resident-duplicate-id-link').getAttribute('href')).toBe(`#/residents/${existing.id}`);
  });

  it('keeps an unsaved draft when the app goes away, and offers it back when the form opens again', async () => {
    const first = await openRegisterForm();
    const id = composeIdNumber('640202', '1990-08-08', 18);
    await first.user.keyboard(`${id}{Enter}`);
    await first.user.keyboard('赵小燕{Enter}13800001111');
    first.unmount(); // the window closes (or the renderer crashes) before saving
    // The draft went to the (encrypted) office database, not to the browser's plain-text storage.
    expect(Object.keys(window.localStorage).filter((k) => k.startsWith('civicdesk.draft.'))).toEqual([]);
    await waitFor(async () => expect(JSON.stringify(await appDraft('resident:new'))).toContain('赵小燕'));

    const again = renderApp();
    // Still signed in (same connection) and still on the register page.
    const offer = await screen.findByTestId('resident-draft-offer');
    expect(offer.textContent).toContain('发现一份未保存的草稿');
    expect(screen.getByTestId<HTMLInputElement>('resident-name').value).toBe('');
    await again.user.click(within(offer).getByTestId('resident-draft-restore'));
    expect(screen.getByTestId<HTMLInputElement>('resident-id-number').value).toBe(id);
    expect(screen.getByTestId<HTMLInputElement>('resident-name').value).toBe('赵小燕');
    expect(screen.getByTestId<HTMLInputElement>('resident-phone').value).toBe('13800001111');
    expect(screen.getByTestId('resident-birth-date').textContent).toBe('1990年8月8日');

    // Saved: the draft is gone for good.
    await again.user.click(screen.getByTestId('resident-save'));
    await screen.findByTestId('resident-page', {}, { timeout: 5000 });
    await waitFor(async () => expect(await appDraft('resident:new')).toEqual({ draft: null }));
  });

  it('saves the draft when typing pauses, not on every keystroke, and the last keystrokes when the form goes away', async () => {
    const bridge = window.civicdesk!;
    const saves: unknown[] = [];
    window.civicdesk = { ...bridge, invoke: (method, input) => (method === 'drafts.save' && saves.push(input), bridge.invoke(method, input)) };
    const { user, unmount } = await openRegisterForm();
    const typed = '13800001111 and some notes';
    await user.keyboard(composeIdNumber('640202', '1990-08-08', 18));
    await user.keyboard(`{Enter}${typed}`);
    expect(saves.length).toBeLessThan(typed.length / 4);
    unmount();
    await waitFor(async () => expect(JSON.stringify(await appDraft('resident:new'))).toContain(typed));
  });

  it('moves an old plain-text localStorage draft into the database at sign-in and removes every old key, other users\' too', async () => {
    const admin = await asAdmin('accounts.session', {});
    const adminId = admin.session?.userId ?? '';
    const id = composeIdNumber('640202', '1988-02-02', 33);
    window.localStorage.setItem(
      `civicdesk.draft.${adminId}.resident.new`,
      JSON.stringify({ savedAt: '2025-03-01T08:00:00.000Z', values: { idNumber: id, name: '旧草稿' } }),
    );
    window.localStorage.setItem('civicdesk.draft.0195a1b2-3c4d-7e5f-8a9b-0000000000ff.resident.new', JSON.stringify({ savedAt: '2025-03-01T08:00:00.000Z', values: { name: '别人的' } }));
    window.localStorage.setItem('civicdesk.language', 'zh-CN');

    const { user } = await openRegisterForm();
    const offer = await screen.findByTestId('resident-draft-offer');
    await user.click(within(offer).getByTestId('resident-draft-restore'));
    expect(screen.getByTestId<HTMLInputElement>('resident-name').value).toBe('旧草稿');
    expect(screen.getByTestId<HTMLInputElement>('resident-id-number').value).toBe(id);
    expect(Object.keys(window.localStorage).filter((k) => k.startsWith('civicdesk.draft.'))).toEqual([]);
    expect(window.localStorage.getItem('civicdesk.language')).toBe('zh-CN'); // only drafts are touched
  });
});

/** A draft of the app's own connection (the signed-in clerk), as the core holds it. */
async function appDraft(key: string) {
  const result = await core.call(APP_CONNECTION, 'drafts.get', { key });
  if (!result.ok) throw new Error(result.error.code);
  return result.value;
}
