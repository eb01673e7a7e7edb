/**
 * The care panel on the resident page (through the renderer registry): an older resident's profile,
 * an assessment entered by its four scores with the level shown as they are typed (the shared rule)
 * and kept by the core; a resident under 60 gets one line instead.
 */
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { composeIdNumber } from '../../shared/domain/id-number';
import { ADMIN, adminValue, seededCore } from './support/core-harness';
import { renderApp, signIn } from './support/render-app';

const core = seededCore();

async function openResident(id: string) {
  window.location.hash = `#/residents/${id}`;
  const { user } = renderApp();
  await signIn(user, ADMIN.username, ADMIN.password);
  await screen.findByTestId('resident-page', {}, { timeout: 5000 });
  const panel = await screen.findByTestId('care-panel');
  return { user, panel };
}

describe('the care panel on the resident page', () => {
  it('records an assessment by its scores: the level shows as they are typed and the core keeps it', async () => {
    const wang = await adminValue(core, 'residents.create', { name: '王秀兰', idNumber: composeIdNumber('640202', '1941-04-12', 162), household: { mode: 'new' } });
    const { user, panel } = await openResident(wang.id);
    expect(await within(panel).findByText('尚未评估')).toBeTruthy();

    await user.click(within(panel).getByTestId('care-add-assessment'));
    const form = await screen.findByTestId('assessment-form');
    await user.type(within(form).getByTestId('assessment-assessor'), '李评估');
    const derived = within(form).getByTestId('assessment-derived');
    expect(derived.textContent).toBe('填齐四项得分后显示等级');
    await user.type(within(form).getByTestId('assessment-score-selfCare'), '20');
    await user.type(within(form).getByTestId('assessment-score-motor'), '10');
    await user.type(within(form).getByTestId('assessment-score-mental'), '15');
    expect(derived.textContent).toBe('填齐四项得分后显示等级');
    await user.type(within(form).getByTestId('assessment-score-perception'), '10');
    // 20 + 10 + 15 + 10 = 55: 46–65 is 中度失能.
    expect(derived.textContent).toBe('总分 55：中度失能');
    await user.clear(within(form).getByTestId('assessment-score-perception'));
    await user.type(within(form).getByTestId('assessment-score-perception'), '0');
    expect(derived.textContent).toBe('总分 45：重度失能');
    await user.click(within(form).getByTestId('assessment-submit'));

    await waitFor(() => expect(within(panel).getByTestId('care-latest-level').textContent).toMatch(/^重度失能 · 总分 45 · 下次评估/));
    const view = await adminValue(core, 'eldercare.profile.get', { residentId: wang.id });
    expect(view.assessments).toHaveLength(1);
    expect(view.assessments[0]).toMatchObject({ assessor: '李评估', level: 'severe', total: 45, scores: { selfCare: 20, motor: 10, mental: 15, perception: 0 } });
    // 84 years old: the old-age allowance's band applies this month.
    expect(within(panel).getByTestId('care-eligibility').textContent).toMatch(/高龄津贴：¥/);
  });

  it('creates the care profile and records a service demand from the panel', async () => {
    const wang = await adminValue(core, 'residents.create', { name: '王秀兰', idNumber: composeIdNumber('640202', '1951-04-12', 162), household: { mode: 'new' } });
    const { user, panel } = await openResident(wang.id);
    await user.click(await within(panel).findByTestId('care-edit-profile'));
    const form = await screen.findByTestId('profile-form');
    await user.selectOptions(within(form).getByTestId('profile-living'), 'alone');
    await user.click(within(form).getByRole('checkbox', { name: '助餐' }));
    await user.click(within(form).getByRole('button', { name: '添加联系人' }));
    await user.type(within(form).getByLabelText('联系人姓名'), '李建国');
    await user.type(within(form).getByLabelText('联系电话'), '13995123456');
    await user.click(within(form).getByTestId('profile-submit'));
    await waitFor(() => expect(within(panel).getByTestId('care-living').textContent).toBe('独居'));
    expect(within(panel).getByTestId('care-needs').textContent).toBe('助餐');
    expect(within(panel).getByTestId('care-contacts').textContent).toBe('李建国（子女）13995123456');

    await user.click(within(panel).getByTestId('care-record-demand'));
    const demand = await screen.findByTestId('eldercare-demand-form');
    await user.selectOptions(within(demand).getByTestId('demand-service'), 'meal');
    await user.click(within(demand).getByTestId('demand-submit'));
    await waitFor(() => expect(within(panel).getByTestId('care-orders').textContent).toMatch(/助餐 · 待派单/));
  });

  it('a resident under 60 gets one line, and no profile actions', async () => {
    const young = await adminValue(core, 'residents.create', { name: '王小龙', idNumber: composeIdNumber('640202', '1988-02-02', 31), household: { mode: 'new' } });
    const { panel } = await openResident(young.id);
    expect((await within(panel).findByTestId('care-panel-under-60')).textContent).toBe('未满60周岁，不建立养老照护档案。');
    expect(within(panel).queryByRole('button')).toBeNull();
  });

  it('places a resident in a compound, then at their own GCJ-02 point; a half-typed point is refused at its field', async () => {
    const compound = await adminValue(core, 'eldercare.compounds.save', { name: '康乐小区', position: { lng: 106.3846, lat: 39.0133, crs: 'gcj02' } });
    const li = await adminValue(core, 'residents.create', { name: '李桂芳', idNumber: composeIdNumber('640202', '1948-09-02', 284), household: { mode: 'new' } });
    const { user, panel } = await openResident(li.id);
    const section = await within(panel).findByTestId('place-section');
    expect(within(section).getByTestId('place-summary').textContent).toBe('未定位（不计入服务圈覆盖）');

    await user.click(within(section).getByTestId('place-edit'));
    await user.selectOptions(await screen.findByTestId('place-compound'), compound.id);
    await user.click(screen.getByTestId('place-save'));
    await waitFor(() => expect(within(section).getByTestId('place-summary').textContent).toBe('康乐小区（按小区位置）'));

    await user.click(within(section).getByTestId('place-edit'));
    await user.type(await screen.findByTestId('place-own-lng'), '106.39');
    await user.click(screen.getByTestId('place-save'));
    await waitFor(() => expect(screen.getByTestId('place-own-lat').getAttribute('aria-invalid')).toBe('true'));
    expect((await adminValue(core, 'eldercare.places.get', { residentId: li.id })).source).toBe('compound');

    await user.type(screen.getByTestId('place-own-lat'), '39.02');
    await user.click(screen.getByTestId('place-save'));
    await waitFor(() => expect(within(section).getByTestId('place-summary').textContent).toBe('自有位置'));
    const place = await adminValue(core, 'eldercare.places.get', { residentId: li.id });
    expect(place).toMatchObject({ source: 'own', compoundId: compound.id, own: { lng: 106.39, lat: 39.02, crs: 'gcj02' } });
  });
});
