/**
 * Household split (分户) and merge (合户) screens against the real core: the split dialog takes the
 * members who leave, the new head and relations, address and grid, and a successor when the head
 * leaves — with the core's refusals next to their fields; the merge dialog finds the other
 * household by a member's name, takes the head and relations, and confirms naming both households.
 * The membership history stays on the card afterwards.
 */
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { composeIdNumber } from '../../shared/domain/id-number';
import type { MethodInput, MethodName, Resident } from '../../shared/contract';
import { ADMIN, adminValue, seededCore } from './support/core-harness';
import { renderApp, signIn } from './support/render-app';

const core = seededCore();

const asAdmin = <M extends MethodName>(method: M, input: MethodInput<M>) => adminValue(core, method, input);

let serial = 0;
/** A household: the first name heads it, the others join with the relations given. */
async function seedHousehold(address: string, people: [name: string, relation: string][]): Promise<Resident[]> {
  const [first, ...rest] = people;
  serial += 1;
  const head = await asAdmin('residents.create', { name: first[0], idNumber: composeIdNumber('640202', `195${serial % 10}-03-0${(serial % 9) + 1}`, serial * 10), household: { mode: 'new', address } });
  const members = [head];
  for (const [name, relation] of rest) {
    serial += 1;
    const r = pickRelation(relation);
    members.push(
      await asAdmin('residents.create', {
        name,
        idNumber: composeIdNumber('640202', `19${70 + (serial % 30)}-0${(serial % 9) + 1}-1${serial % 10}`, serial * 10),
        household: { mode: 'existing', householdId: head.householdId ?? '', relation: r },
      }),
    );
  }
  return members;
}

function pickRelation(relation: string) {
  const relations = ['spouse', 'child', 'parent', 'grandchild', 'sibling', 'other'] as const;
  const found = relations.find((r) => r === relation);
  if (!found) throw new Error(`relation ${relation}`);
  return found;
}

async function openResident(id: string) {
  window.location.hash = `#/residents/${id}`;
  const view = renderApp();
  await signIn(view.user, ADMIN.username, ADMIN.password);
  const page = await screen.findByTestId('resident-page', {}, { timeout: 5000 });
  await within(page).findAllByTestId('household-member', {}, { timeout: 5000 });
  return { ...view, page };
}

/**
 * Open the card's split or merge dialog; returned once its content is in (Mantine mounts the modal's
 * root before its transition shows the body).
 */
async function openCardDialog({ user, page }: Awaited<ReturnType<typeof openResident>>, which: 'split' | 'merge') {
  await user.click(within(page).getByTestId(`household-${which}`));
  await screen.findByTestId(`household-${which}-submit`, {}, { timeout: 5000 });
  return screen.getByTestId(`household-${which}-dialog`);
}

/** A member's checkbox in the split dialog, by the label's leading name (`杨军（子女）`). */
const memberBox = (dialog: HTMLElement, name: string) => within(dialog).getByLabelText(new RegExp(`^${name}（`));

/** Pick the household of `name` in the picker. Mantine's dropdown is mid-transition in jsdom, which role queries count as hidden. */
async function pickHousehold(user: ReturnType<typeof renderApp>['user'], dialog: HTMLElement, name: string) {
  await user.type(within(dialog).getByTestId('household-merge-other'), name);
  await user.click(await screen.findByRole('option', { name: new RegExp(name), hidden: true }, { timeout: 5000 }));
}

const memberTexts = (page: HTMLElement) => within(page).getAllByTestId('household-member').map((row) => row.textContent ?? '');
const historyRows = (page: HTMLElement) => within(within(page).getByTestId('household-history')).getAllByRole('row').slice(1).map((row) => row.textContent ?? '');

describe('split (分户)', () => {
  it('the son and his wife leave with a new address; the card shows the new household and its history, the old one keeps theirs', async () => {
    const grid = await asAdmin('grids.create', { code: 'G02', name: '第二网格', worker: '刘红' });
    const [father, , son, wife] = await seedHousehold('星海镇幸福小区', [
      ['杨德福', 'head'],
      ['林秀英', 'spouse'],
      ['杨军', 'child'],
      ['何丽', 'other'],
    ]);
    const opened = await openResident(son.id);
    const { user, page } = opened;
    const dialog = await openCardDialog(opened, 'split');
    expect(dialog.textContent).toContain('分户：杨德福户（星海镇幸福小区）');

    const boxes = within(dialog).getAllByTestId<HTMLInputElement>('household-split-member');
    expect(boxes).toHaveLength(4);
    await user.click(memberBox(dialog, '杨军'));
    await user.click(memberBox(dialog, '何丽'));
    // The first one ticked heads the new household unless changed; the other leaver is asked a relation.
    expect(within(dialog).getByTestId<HTMLSelectElement>('household-split-new-head').value).toBe(son.id);
    await user.selectOptions(within(dialog).getByTestId('household-split-relation'), 'spouse');
    // Address and grid start as the old household's.
    const address = within(dialog).getByTestId<HTMLInputElement>('household-split-address');
    expect(address.value).toBe('星海镇幸福小区');
    await user.clear(address);
    await user.type(address, '星海镇幸福小区9号楼');
    await user.selectOptions(within(dialog).getByTestId('household-split-grid'), grid.id);
    expect(within(dialog).queryByTestId('household-split-remaining-head')).toBeNull(); // the head stays
    await user.click(within(dialog).getByTestId('household-split-submit'));

    await waitFor(() => expect(screen.queryByTestId('household-split-submit')).toBeNull(), { timeout: 5000 });
    await waitFor(() => expect(memberTexts(page)).toEqual([expect.stringContaining('杨军'), expect.stringContaining('何丽')]), { timeout: 5000 });
    expect(memberTexts(page)[0]).toContain('户主');
    expect(memberTexts(page)[1]).toContain('配偶');
    expect(within(page).getByTestId('resident-household').textContent).toContain('星海镇幸福小区9号楼');
    expect(within(page).getByTestId('resident-household').textContent).toContain('第二网格');
    expect(historyRows(page)).toEqual([expect.stringMatching(/杨军户主.*至\s*今/), expect.stringMatching(/何丽配偶.*至\s*今/)]);
    // His own periods: in his parents' household until the split, heading this one since.
    const periods = within(within(page).getByTestId('household-periods')).getAllByTestId('household-period').map((row) => row.textContent ?? '');
    expect(periods).toEqual([expect.stringMatching(/^星海镇幸福小区子女.*至 \d/), expect.stringMatching(/^本户户主.*至 今/)]);

    const moved = await asAdmin('residents.get', { id: son.id });
    expect(moved.householdId).not.toBe(father.householdId);
    const old = await asAdmin('households.get', { id: father.householdId ?? '' });
    expect(old.members.map((m) => m.name)).toEqual(['杨德福', '林秀英']);
    // The old household's history still has the leavers, with the day they left.
    expect(old.history.filter((p) => p.to !== null).map((p) => p.name).sort()).toEqual(['何丽', '杨军'].sort());
    expect(await asAdmin('residents.get', { id: wife.id })).toMatchObject({ householdId: moved.householdId, relation: 'spouse' });
  }, 60_000);

  it('shows the core’s refusals at their fields: everyone leaving, then the head leaving without a successor; naming one splits', async () => {
    const [head, spouse, son] = await seedHousehold('朝阳街8号', [
      ['马建国', 'head'],
      ['海秀兰', 'spouse'],
      ['马小军', 'child'],
    ]);
    const opened = await openResident(head.id);
    const { user } = opened;
    const dialog = await openCardDialog(opened, 'split');

    for (const name of ['马建国', '海秀兰', '马小军']) await user.click(memberBox(dialog, name));
    await user.click(within(dialog).getByTestId('household-split-submit'));
    expect(await within(dialog).findByText('分户后原户至少要留一人。')).toBeTruthy();
    expect(within(dialog).queryByTestId('household-split-error')).toBeNull(); // at the field, not in a general alert

    await user.click(memberBox(dialog, '马小军'));
    // The head leaves: the form asks who heads the old household; sending without one, the core says so there.
    const successor = await within(dialog).findByTestId<HTMLSelectElement>('household-split-remaining-head');
    expect(dialog.textContent).toContain('户主 马建国 也分出');
    await user.click(within(dialog).getByTestId('household-split-submit'));
    expect(await within(dialog).findByText('户主迁出后本户还有成员，请指定新户主。')).toBeTruthy();
    expect(successor.getAttribute('aria-invalid')).toBe('true');

    await user.selectOptions(successor, son.id);
    await user.click(within(dialog).getByTestId('household-split-submit'));
    await waitFor(() => expect(screen.queryByTestId('household-split-submit')).toBeNull(), { timeout: 5000 });
    expect(await asAdmin('households.get', { id: head.householdId ?? '' })).toMatchObject({ headResidentId: son.id });
    const moved = await asAdmin('residents.get', { id: spouse.id });
    expect(await asAdmin('households.get', { id: moved.householdId ?? '' })).toMatchObject({ headResidentId: head.id });
  }, 60_000);
});

describe('merge (合户)', () => {
  it('finds the other household by a member’s name, takes its head as the new head, confirms naming both, and keeps the history on the card', async () => {
    const [keepHead, keepChild] = await seedHousehold('朝阳街3号', [
      ['郑国强', 'head'],
      ['郑小强', 'child'],
    ]);
    const [oldMan, oldWoman] = await seedHousehold('朝阳街5号', [
      ['郑老汉', 'head'],
      ['王桂芝', 'spouse'],
    ]);
    const opened = await openResident(keepHead.id);
    const { user, page } = opened;
    const dialog = await openCardDialog(opened, 'merge');
    expect(dialog.textContent).toContain('合户：并入 郑国强户（朝阳街3号）');

    await pickHousehold(user, dialog, '郑老汉');
    expect((await within(dialog).findByTestId('household-merge-other-members')).textContent).toContain('王桂芝（配偶）');

    // The head unchanged: only the newcomers are asked.
    expect(within(dialog).getAllByTestId('household-merge-relation')).toHaveLength(2);
    await user.selectOptions(within(dialog).getByTestId('household-merge-head'), oldMan.id);
    // A new head: everyone else is asked how they relate to him.
    const relation = (name: string) => within(dialog).getByLabelText(name);
    await user.selectOptions(relation('王桂芝'), 'spouse');
    await user.selectOptions(relation('郑国强'), 'child');
    await user.selectOptions(relation('郑小强'), 'grandchild');

    await user.click(within(dialog).getByTestId('household-merge-submit'));
    const confirm = await within(dialog).findByTestId('household-merge-confirm');
    expect(confirm.textContent).toContain('的 2 名成员并入');
    expect(confirm.textContent).toContain('郑老汉户（朝阳街5号）');
    expect(confirm.textContent).toContain('郑国强户（朝阳街3号）');
    expect(confirm.textContent).toContain('户主为 郑老汉');
    await user.click(within(dialog).getByTestId('household-merge-submit'));

    await waitFor(() => expect(screen.queryByTestId('household-merge-submit')).toBeNull(), { timeout: 5000 });
    await waitFor(() => expect(memberTexts(page)).toHaveLength(4), { timeout: 5000 });
    expect(memberTexts(page)[0]).toMatch(/郑老汉户主/);
    const merged = await asAdmin('households.get', { id: keepHead.householdId ?? '' });
    expect(Object.fromEntries(merged.members.map((m) => [m.name, m.relation]))).toEqual({ 郑老汉: 'head', 王桂芝: 'spouse', 郑国强: 'child', 郑小强: 'grandchild' });
    await expect(core.asAdmin('households.get', { id: oldMan.householdId ?? '' })).resolves.toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    // History on the card: 郑国强 was head until the merge, and is a child since; the newcomers since the merge.
    const rows = historyRows(page);
    expect(rows.filter((r) => r.startsWith('郑国强'))).toEqual([expect.stringMatching(/^郑国强户主.*至 \d/), expect.stringMatching(/^郑国强子女.*至 今/)]);
    expect(rows.some((r) => r.startsWith('郑老汉户主'))).toBe(true);
    expect(await asAdmin('residents.get', { id: oldWoman.id })).toMatchObject({ householdId: keepHead.householdId, relation: 'spouse' });
    expect(await asAdmin('residents.get', { id: keepChild.id })).toMatchObject({ relation: 'grandchild' });
  }, 60_000);

  it('a household changed by someone else meanwhile: the merge is refused with the conflict message and nothing changes', async () => {
    const [keepHead] = await seedHousehold('朝阳街3号', [['郑国强', 'head']]);
    const [other] = await seedHousehold('朝阳街5号', [['郑老汉', 'head']]);
    const opened = await openResident(keepHead.id);
    const { user } = opened;
    const dialog = await openCardDialog(opened, 'merge');
    await pickHousehold(user, dialog, '郑老汉');
    await within(dialog).findByTestId('household-merge-other-members');
    await user.click(within(dialog).getByTestId('household-merge-submit'));
    await within(dialog).findByTestId('household-merge-confirm');
    // Meanwhile a colleague corrects the other household's address.
    await asAdmin('households.update', { id: other.householdId ?? '', version: 1, address: '朝阳街5号院' });
    await user.click(within(dialog).getByTestId('household-merge-submit'));
    expect((await within(dialog).findByTestId('household-merge-error')).textContent).toContain('这条记录已被他人修改');
    expect(within(dialog).queryByTestId('household-merge-confirm')).toBeNull();
    expect((await asAdmin('households.get', { id: other.householdId ?? '' })).members).toHaveLength(1);
  }, 60_000);
});
