/**
 * 养老服务设施 in the real UI over the real core: a facility typed with a position pasted from Amap
 * (GCJ-02, kept as typed) and meal aid Monday to Friday; the list shows its services; its page
 * takes a licence expiring soon (warning badge and an alert in the inbox) and an inspection whose
 * rectification is overdue, then its follow-up; a viewer sees the list and the page with masked IDs
 * and no edit buttons; bad input is refused next to its field and nothing is written.
 */
import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { composeIdNumber } from '../../shared/domain/id-number';
import { addDays, beijingDate } from '../../shared/domain/eldercare/facilities';
import type { MethodInput, MethodName } from '../../shared/contract';
import { ADMIN, adminValue, seededCore } from './support/core-harness';
import { renderApp, signIn } from './support/render-app';

const core = seededCore();
const asAdmin = <M extends MethodName>(method: M, input: MethodInput<M>) => adminValue(core, method, input);

const TIMEOUT = { timeout: 5000 };

async function openFacilities(username = ADMIN.username, password = ADMIN.password) {
  const { user } = renderApp();
  const shell = await signIn(user, username, password);
  await user.click(within(shell).getByTestId('nav-eldercare'));
  await screen.findByTestId('facilities-view', {}, TIMEOUT);
  return { user, shell };
}

/** A date input: typed as the browser's picker would set it. */
function setDate(input: HTMLElement, value: string) {
  fireEvent.change(input, { target: { value } });
}

describe('elderly-care facilities', () => {
  it('a clerk records a facility with a pasted GCJ-02 point and meal aid Mon–Fri, a licence expiring soon and an overdue rectification', async () => {
    const { user, shell } = await openFacilities();
    await user.click(screen.getByTestId('facility-new'));
    const form = await screen.findByTestId('facility-form');
    await user.type(within(form).getByTestId('facility-name'), '朝阳街道日间照料中心');
    await waitFor(() => expect(within(form).getByTestId('facility-kind').querySelector('option[value="day_care"]')).not.toBeNull());
    await user.selectOptions(within(form).getByTestId('facility-kind'), 'day_care');
    await user.selectOptions(within(form).getByTestId('facility-position-crs'), 'gcj02');
    // As copied from Amap's coordinate picker: one "lng,lat" pair, split into the two fields.
    await user.click(within(form).getByTestId('facility-position-lng'));
    await user.paste('106.3846,39.0133');
    expect(within(form).getByTestId<HTMLInputElement>('facility-position-lng').value).toBe('106.3846');
    expect(within(form).getByTestId<HTMLInputElement>('facility-position-lat').value).toBe('39.0133');

    const meal = await within(form).findByTestId('facility-service-meal');
    await user.click(within(meal).getByRole('checkbox', { name: '助餐' }));
    await user.click(within(meal).getByRole('checkbox', { name: '周六' }));
    await user.click(within(meal).getByRole('checkbox', { name: '周日' }));
    await user.click(within(form).getByTestId('facility-save'));

    const page = await screen.findByTestId('facility-page', {}, TIMEOUT);
    expect(within(page).getByTestId('facility-title').textContent).toBe('朝阳街道日间照料中心');
    // Shown back in the system it came in.
    expect(within(page).getByTestId('position-text').textContent).toContain('106.3846, 39.0133');
    expect(within(page).getByTestId('position-text').textContent).toContain('GCJ-02');
    const [stored] = await asAdmin('eldercare.facilities.list', {});
    expect(stored.position).toMatchObject({ lng: 106.3846, lat: 39.0133, crs: 'gcj02' });
    expect(stored.services).toEqual([{ code: 'meal', days: [1, 2, 3, 4, 5] }]);

    // The list shows it with its services and their days.
    await user.click(within(shell).getByTestId('eldercare-tab-facilities'));
    const list = await screen.findByTestId('facility-list', {}, TIMEOUT);
    const row = within(list).getByTestId(`facility-row-${stored.id}`);
    expect(within(row).getByTestId('facility-service-chip-meal').textContent).toBe('助餐 · 周一至周五');
    await user.click(within(row).getByTestId('facility-link'));
    await screen.findByTestId('facility-page', {}, TIMEOUT);

    // A licence ending within the office's 60 days: a warning, and an alert for those who handle it.
    const today = beijingDate(new Date());
    await user.click(screen.getByTestId('licence-add'));
    const licenceForm = await screen.findByTestId('licence-form');
    await user.type(within(licenceForm).getByTestId('licence-title'), '养老机构备案回执');
    await user.type(within(licenceForm).getByTestId('licence-number'), '宁民养备 2024-017');
    setDate(within(licenceForm).getByTestId('licence-expires-on'), addDays(today, 30));
    await user.click(within(licenceForm).getByTestId('licence-save'));
    const licences = screen.getByTestId('facility-licences');
    await waitFor(() => expect(within(licences).getByTestId('licence-state').textContent).toBe('即将到期'), TIMEOUT);
    expect(await screen.findByTestId('facility-warning-licence_expiring', {}, TIMEOUT)).toBeTruthy();
    expect((await screen.findByTestId('facility-alerts', {}, TIMEOUT)).textContent).toContain('养老机构备案回执');

    // An inspection whose rectification deadline has passed: overdue; then the follow-up is recorded.
    await user.click(screen.getByTestId('inspection-add'));
    const inspectionForm = await screen.findByTestId('inspection-form');
    setDate(within(inspectionForm).getByTestId('inspection-date'), addDays(today, -20));
    await user.type(within(inspectionForm).getByTestId('inspection-inspector'), '李明');
    await user.type(within(inspectionForm).getByTestId('inspection-findings'), '消防通道堆放杂物');
    setDate(within(inspectionForm).getByTestId('inspection-due'), addDays(today, -5));
    await user.click(within(inspectionForm).getByTestId('inspection-save'));
    const inspections = screen.getByTestId('facility-inspections');
    await waitFor(() => expect(within(inspections).getByTestId('inspection-state').textContent).toBe('整改逾期'), TIMEOUT);
    expect(await screen.findByTestId('facility-warning-rectification_overdue', {}, TIMEOUT)).toBeTruthy();

    // The inbox has both, each linking back to the facility.
    await user.click(within(shell).getByTestId('nav-alerts'));
    const inbox = await screen.findByTestId('alerts-list', {}, TIMEOUT);
    const messages = within(inbox).getAllByTestId('alert-message').map((m) => m.textContent);
    expect(messages).toEqual(expect.arrayContaining([expect.stringContaining('朝阳街道日间照料中心 的养老机构备案回执（宁民养备 2024-017）将于')]));
    expect(messages.some((m) => m?.includes('尚未复查'))).toBe(true);
    await user.click(within(inbox).getAllByTestId('alert-record-link')[0]);
    await screen.findByTestId('facility-page', {}, TIMEOUT);

    await user.click(within(screen.getByTestId('facility-inspections')).getByTestId('inspection-follow-up'));
    const followUp = await screen.findByTestId('inspection-form');
    await user.type(within(followUp).getByTestId('inspection-follow-up-note'), '已清理，复查合格');
    await user.click(within(followUp).getByTestId('inspection-save'));
    await waitFor(() => expect(within(screen.getByTestId('facility-inspections')).getByTestId('inspection-state').textContent).toBe('已复查'), TIMEOUT);
    await waitFor(() => expect(screen.queryByTestId('facility-warning-rectification_overdue')).toBeNull(), TIMEOUT);
    // The history names what changed as the form does, not by column (follow_up_note, followed_up_on).
    await waitFor(() => expect(screen.getAllByTestId('facility-history-entry').some((e) => /复查日期|复查情况/.test(e.textContent ?? ''))).toBe(true), TIMEOUT);
    expect(screen.getAllByTestId('facility-history-entry').some((e) => e.textContent?.includes('followed_up_on'))).toBe(false);
    const active = await asAdmin('alerts.list', { status: 'active' });
    expect(active.items.map((a) => a.source)).toEqual(['eldercare.licence_expiring']);
  }, 90_000);

  it('closing a facility keeps it in the list under "closed"', async () => {
    const saved = await asAdmin('eldercare.facilities.save', { name: '幸福里助餐点', kind: 'meal_point', operator: 'private', services: [{ code: 'meal', days: [1, 2, 3, 4, 5, 6, 7] }] });
    const { user } = await openFacilities();
    const list = await screen.findByTestId('facility-list', {}, TIMEOUT);
    expect(within(list).getByTestId(`facility-row-${saved.id}`).textContent).toContain('助餐 · 每天');
    await user.click(within(list).getByTestId('facility-link'));
    await user.click(await screen.findByTestId('facility-set-status', {}, TIMEOUT));
    const dialog = await screen.findByTestId('facility-status-dialog');
    // The dialog's root comes before its content (Mantine mounts the content when the transition starts).
    await user.selectOptions(await within(dialog).findByTestId('facility-status-select'), 'closed');
    await user.click(within(dialog).getByTestId('facility-status-save'));
    await waitFor(() => expect(screen.getByTestId('facility-status').textContent).toBe('已停用'), TIMEOUT);
    await user.click(screen.getByText('← 返回设施列表'));
    await user.selectOptions(await screen.findByTestId('facility-filter-status', {}, TIMEOUT), 'closed');
    await waitFor(() => expect(within(screen.getByTestId('facility-list')).getByTestId(`facility-row-${saved.id}`).textContent).toContain('已停用'), TIMEOUT);
  }, 60_000);

  it('a viewer sees the list and the page, with masked IDs and no edit buttons', async () => {
    const facility = await asAdmin('eldercare.facilities.save', {
      name: '朝阳街道日间照料中心',
      kind: 'day_care',
      operator: 'public',
      beds: 10,
      services: [{ code: 'meal', days: [1, 2, 3, 4, 5] }],
    });
    const idNumber = composeIdNumber('640202', '1948-03-02', 21);
    const wang = await asAdmin('residents.create', { name: '王秀兰', idNumber, household: { mode: 'new' } });
    // A care profile naming the facility, as the care part's table holds it (that part has its own screens).
    const officeId = core.host.db.prepare('SELECT id FROM office').pluck().get() as string;
    core.host.db
      .prepare(`INSERT INTO care_profiles (id, office_id, resident_id, living, facility_id, created_at, updated_at) VALUES (?, ?, ?, 'alone', ?, '2025-03-01', '2025-03-01')`)
      .run('0195a1b2-3c4d-7e5f-8a9b-000000000001', officeId, wang.id, facility.id);
    await core.createUser('zhaoli', 'viewer');

    const { user } = await openFacilities('zhaoli', 'viewer1234');
    const list = await screen.findByTestId('facility-list', {}, TIMEOUT);
    expect(screen.queryByTestId('facility-new')).toBeNull();
    expect(screen.queryByTestId('places-import-open')).toBeNull();
    await user.click(within(list).getByTestId('facility-link'));
    const page = await screen.findByTestId('facility-page', {}, TIMEOUT);
    expect(within(page).queryByTestId('facility-edit')).toBeNull();
    expect(within(page).queryByTestId('facility-set-status')).toBeNull();
    expect(within(page).queryByTestId('licence-add')).toBeNull();
    expect(within(page).queryByTestId('inspection-add')).toBeNull();
    const served = within(page).getByTestId('facility-served');
    expect(within(served).getByText('王秀兰')).toBeTruthy();
    const shownId = within(served).getByTestId('facility-served-id').textContent ?? '';
    expect(shownId).not.toBe(idNumber);
    expect(shownId).not.toContain('19480302');
    expect(shownId.startsWith('640202')).toBe(true);
    expect(within(page).getByTestId('facility-capacity').textContent).toContain('在册服务对象 1 人');
  }, 60_000);

  it('refuses a point outside China and a missing name next to their fields, writing nothing', async () => {
    const { user } = await openFacilities();
    await user.click(screen.getByTestId('facility-new'));
    const form = await screen.findByTestId('facility-form');
    await waitFor(() => expect(within(form).getByTestId('facility-kind').querySelector('option[value="day_care"]')).not.toBeNull());
    await user.selectOptions(within(form).getByTestId('facility-kind'), 'day_care');
    // A latitude north of China (66.5°): mistyped, refused before anything is sent.
    await user.type(within(form).getByTestId('facility-position-lng'), '39.0133');
    await user.type(within(form).getByTestId('facility-position-lat'), '66.5');
    await user.click(within(form).getByTestId('facility-save'));
    const name = within(form).getByTestId('facility-name');
    await waitFor(() => expect(name.getAttribute('aria-invalid')).toBe('true'));
    expect(within(form).getByText('此项必填。')).toBeTruthy();
    expect(within(form).getByText('这个坐标不在中国境内：请检查经度和纬度是否填反或输错。')).toBeTruthy();
    expect(within(form).getByTestId('facility-position-lng').getAttribute('aria-invalid')).toBe('true');
    expect(await asAdmin('eldercare.facilities.list', {})).toEqual([]);

    // The core's own refusals land next to their field too: a code already used by another facility.
    await asAdmin('eldercare.facilities.save', { code: 'DWK-01', name: '大武口区敬老院', kind: 'nursing_home', operator: 'public' });
    await user.type(name, '朝阳街道日间照料中心');
    await user.clear(within(form).getByTestId('facility-position-lng'));
    await user.clear(within(form).getByTestId('facility-position-lat'));
    await user.type(within(form).getByTestId('facility-code'), 'DWK-01');
    await user.click(within(form).getByTestId('facility-save'));
    expect(await within(form).findByText('编号 DWK-01 已被设施「大武口区敬老院」使用。', {}, TIMEOUT)).toBeTruthy();
    expect((await asAdmin('eldercare.facilities.list', {})).map((f) => f.name)).toEqual(['大武口区敬老院']);
  }, 60_000);
});
