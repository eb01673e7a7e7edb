/**
 * The 15-minute service circle page in the real UI over the real core: the figures against data
 * seeded through the contract, a what-if facility placed on the map with the keyboard raises the
 * share and writes nothing, a compound's uncovered older residents, and a known walk recorded from
 * the compound's panel changing the figures.
 *
 * Seeded: compound A with a meal-aid canteen at its gate, compound B 1,200 m east (beyond the default
 * reach: 15 min × 67 m/min ÷ 1.3 = 773 m). Two older residents in each, a younger one in A, and an
 * older one with no place — older 5, with a position 4, covered 2 (50 %), not covered 2, unplaced 1.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { composeIdNumber } from '../../shared/domain/id-number';
import { adminValue, ADMIN, seededCore, type SeededCore } from './support/core-harness';
import { renderApp, signIn } from './support/render-app';

const core = seededCore();
const A = { lng: 106.38, lat: 39.01 };
/** `meters` east of A on the sphere the engine uses. */
function east(meters: number) {
  const R = 6_371_008.8;
  return { lng: A.lng + meters / (R * Math.cos((A.lat * Math.PI) / 180)) / (Math.PI / 180), lat: A.lat, crs: 'wgs84' as const };
}

let seq = 0;
async function resident(c: SeededCore, name: string, birthDate: string, compoundId: string | null) {
  seq += 1;
  const created = await adminValue(c, 'residents.create', {
    name,
    idNumber: composeIdNumber('640202', birthDate, 100 + seq * 2),
    household: { mode: 'new', address: `朝阳街${seq}号` },
  });
  if (compoundId) await adminValue(c, 'eldercare.places.set', { residentId: created.id, version: null, compoundId });
  return created.id;
}

async function seed(c: SeededCore) {
  const a = await adminValue(c, 'eldercare.compounds.save', { name: '幸福小区', position: { ...A, crs: 'wgs84' } });
  const b = await adminValue(c, 'eldercare.compounds.save', { name: '东风小区', position: east(1200) });
  const canteen = await adminValue(c, 'eldercare.facilities.save', {
    name: '幸福老年食堂',
    kind: 'meal_point',
    operator: 'public',
    position: { ...A, crs: 'wgs84' },
    services: [{ code: 'meal', days: [1, 2, 3, 4, 5, 6, 7] }],
  });
  const people = {
    a1: await resident(c, '张秀兰', '1948-03-02', a.id),
    a2: await resident(c, '李德福', '1955-07-19', a.id),
    young: await resident(c, '王小明', '1990-01-01', a.id),
    b1: await resident(c, '赵玉梅', '1946-11-30', b.id),
    b2: await resident(c, '孙长林', '1952-05-05', b.id),
    nowhere: await resident(c, '周桂芝', '1950-09-09', null),
  };
  return { a: a.id, b: b.id, canteen: canteen.id, people };
}

async function openCoverage(username = ADMIN.username, password = ADMIN.password) {
  const { user } = renderApp();
  const shell = await signIn(user, username, password);
  await user.click(within(shell).getByTestId('nav-eldercare'));
  await user.click(await screen.findByTestId('eldercare-tab-coverage'));
  await screen.findByTestId('coverage-page');
  await screen.findByTestId('coverage-map');
  return user;
}

/** Choose an option of one Mantine Select (its own list: other selects' lists stay in the page). */
async function pick(user: Awaited<ReturnType<typeof openCoverage>>, input: HTMLElement, name: string) {
  await user.click(input);
  await waitFor(() => expect(input.getAttribute('aria-controls')).toBeTruthy());
  const listbox = document.getElementById(input.getAttribute('aria-controls')!)!;
  await user.click(await within(listbox).findByRole('option', { name, hidden: true }));
}

const text = (testId: string) => screen.getByTestId(testId).textContent;

beforeEach(() => {
  // jsdom has no 2D canvas; the map draws nothing here but keeps its view, keys and hit tests.
  HTMLCanvasElement.prototype.getContext = (() => null) as typeof HTMLCanvasElement.prototype.getContext;
});

describe('the service circle page', () => {
  it('shows the figures the core computes: headline, by service, by grid, the uncovered list, the settings used; the minutes selector recomputes', async () => {
    const seeded = await seed(core);
    const user = await openCoverage();
    await waitFor(() => expect(text('coverage-share')).toBe('50%'));
    expect(text('coverage-older')).toBe('5');
    expect(text('coverage-with-position')).toBe('4');
    expect(text('coverage-covered')).toBe('2');
    expect(text('coverage-uncovered')).toBe('2');
    expect(text('coverage-unplaced')).toBe('1');
    const meal = screen.getByTestId('coverage-service-meal');
    expect(within(meal).getAllByRole('cell').map((c) => c.textContent)).toEqual(['助餐', '1', '2', '50%']);
    const bath = screen.getByTestId('coverage-service-bath');
    expect(within(bath).getAllByRole('cell').map((c) => c.textContent)).toEqual(['助浴', '0', '0', '0%']);
    expect(within(screen.getByTestId('coverage-grid-none')).getAllByRole('cell').map((c) => c.textContent)).toEqual(['未分网格', '5', '4', '2', '50%']);
    expect(text('coverage-settings-used')).toContain('步行 15 分钟');
    expect(text('coverage-settings-used')).toContain('773 米');

    const list = screen.getByTestId('coverage-list');
    const names = within(list).getAllByTestId('coverage-list-row').map((r) => within(r).getAllByRole('cell')[0].textContent);
    expect(names.sort()).toEqual(['孙长林', '赵玉梅'].sort());
    // Each name links to the resident's page; the nearest facility is named with its walk.
    const link = within(list).getByRole('link', { name: '赵玉梅' });
    expect(link.getAttribute('href')).toBe(`#/residents/${seeded.people.b1}`);
    expect(list.textContent).toContain('幸福老年食堂');

    await user.click(within(screen.getByTestId('coverage-list-kind')).getByText('没有位置（1）'));
    await waitFor(() => expect(within(screen.getByTestId('coverage-list')).getAllByTestId('coverage-list-row')).toHaveLength(1));
    expect(screen.getByTestId('coverage-list').textContent).toContain('周桂芝');

    // 30 minutes reach 1,546 m: B is covered too.
    const minutes = screen.getByTestId<HTMLInputElement>('coverage-minutes');
    expect(minutes.value).toBe('15');
    await user.clear(minutes);
    await user.type(minutes, '30');
    await waitFor(() => expect(text('coverage-share')).toBe('100%'));
    expect(text('coverage-settings-used')).toContain('步行 30 分钟');
  });

  it('a planned facility placed on the map (keyboard: place, Enter at the crosshair) raises the share before anything is saved; reset returns to now', async () => {
    await seed(core);
    const user = await openCoverage();
    await waitFor(() => expect(text('coverage-share')).toBe('50%'));

    await user.click(screen.getByTestId('coverage-whatif-place'));
    expect(screen.getByTestId('coverage-whatif-place').getAttribute('aria-pressed')).toBe('true');
    // The map fits A, B and the canteen: its centre is 600 m from each compound, within the reach.
    screen.getByTestId('coverage-map').focus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(text('coverage-share')).toBe('100%'));
    expect(text('coverage-share-before')).toContain('现状 50%');
    expect(text('coverage-share-before')).toContain('+50 个百分点');
    expect(screen.getByTestId('coverage-whatif-note').textContent).toContain('什么都没有保存');
    const form = screen.getByTestId('coverage-whatif-form');
    expect(within(form).getByTestId<HTMLInputElement>('coverage-whatif-name').value).toBe('规划设施 1');
    expect(Number(within(form).getByTestId<HTMLInputElement>('coverage-whatif-lng').value)).toBeCloseTo(east(600).lng, 4);
    expect(screen.getByTestId('coverage-list-empty').textContent).toBe('所有有位置的老年人都在服务圈内。');

    // Nothing written: still the one facility, and the audit trail knows of no other.
    expect(await adminValue(core, 'eldercare.facilities.list', {})).toHaveLength(1);
    expect((await adminValue(core, 'audit.list', { entity: 'facilities' })).total).toBe(1);

    await user.click(within(form).getByTestId('coverage-whatif-done'));
    await user.click(screen.getByTestId('coverage-whatif-reset'));
    await waitFor(() => expect(text('coverage-share')).toBe('50%'));
    expect(screen.queryByTestId('coverage-whatif-note')).toBeNull();
  });

  it('closing the only canteen in the what-if leaves nobody covered', async () => {
    await seed(core);
    const user = await openCoverage();
    await waitFor(() => expect(text('coverage-share')).toBe('50%'));
    await pick(user, screen.getByTestId('coverage-whatif-close'), '幸福老年食堂');
    await waitFor(() => expect(text('coverage-share')).toBe('0%'));
    expect(screen.getByTestId('coverage-whatif-closed').textContent).toContain('幸福老年食堂');
    expect(await adminValue(core, 'eldercare.facilities.list', { status: 'active' })).toHaveLength(1);
  });

  it('a compound picked in the table lists its uncovered older residents; a known walk recorded there brings them within reach', async () => {
    const seeded = await seed(core);
    const user = await openCoverage();
    await waitFor(() => expect(text('coverage-share')).toBe('50%'));
    await user.click(within(screen.getByTestId(`coverage-compound-${seeded.b}`)).getByTestId('coverage-compound-show'));
    const detail = await screen.findByTestId('coverage-compound-detail');
    expect(within(detail).getByTestId('coverage-compound-name').textContent).toBe('东风小区');
    await waitFor(() => expect(within(detail).getAllByTestId('coverage-compound-uncovered-row')).toHaveLength(2));
    expect(within(detail).getByRole('link', { name: '孙长林' }).getAttribute('href')).toBe(`#/residents/${seeded.people.b2}`);
    // Compound A: everyone covered, nobody listed.
    await user.click(within(screen.getByTestId(`coverage-compound-${seeded.a}`)).getByTestId('coverage-compound-show'));
    await waitFor(() => expect(within(screen.getByTestId('coverage-compound-detail')).getByTestId('coverage-compound-name').textContent).toBe('幸福小区'));
    await screen.findByTestId('coverage-compound-uncovered-empty');

    // Back to B: the real walk to the canteen is 600 m (9 minutes) — B is covered.
    await user.click(within(screen.getByTestId(`coverage-compound-${seeded.b}`)).getByTestId('coverage-compound-show'));
    const walks = await screen.findByTestId('coverage-walks');
    await user.click(within(walks).getByTestId('coverage-walks-add'));
    await pick(user, within(walks).getByTestId('coverage-walks-facility'), '幸福老年食堂');
    await user.type(within(walks).getByTestId('coverage-walks-meters'), '600');
    await user.click(within(walks).getByTestId('coverage-walks-save'));
    await waitFor(() => expect(text('coverage-share')).toBe('100%'));
    const saved = await adminValue(core, 'eldercare.walks.list', { compoundId: seeded.b });
    expect(saved).toMatchObject([{ facilityId: seeded.canteen, meters: 600 }]);
    expect(await within(walks).findByTestId('coverage-walks-table')).toBeTruthy();
  });

  it('a viewer reads the figures and may try a what-if, but sees no way to save a facility, a walk or a boundary; ID numbers are masked', async () => {
    const seeded = await seed(core);
    await core.createUser('zhaoli', 'viewer', 'viewer1234');
    const user = await openCoverage('zhaoli', 'viewer1234');
    await waitFor(() => expect(text('coverage-share')).toBe('50%'));
    const row = within(screen.getByTestId('coverage-list')).getAllByTestId('coverage-list-row')[0];
    expect(within(row).getAllByRole('cell')[1].textContent).toMatch(/^640202\*+$/);
    await user.click(screen.getByTestId('coverage-whatif-type'));
    const form = screen.getByTestId('coverage-whatif-form');
    await user.type(within(form).getByTestId('coverage-whatif-lng'), String(east(1200).lng));
    await user.type(within(form).getByTestId('coverage-whatif-lat'), String(A.lat));
    // Typed numbers are GCJ-02 unless told: B's WGS-84 point read as GCJ-02 lies some 500 m away, still within reach.
    await waitFor(() => expect(text('coverage-share')).toBe('100%'));
    expect(screen.queryByTestId('coverage-whatif-save-open')).toBeNull();
    await user.click(within(screen.getByTestId(`coverage-compound-${seeded.b}`)).getByTestId('coverage-compound-show'));
    await screen.findByTestId('coverage-walks');
    expect(screen.queryByTestId('coverage-walks-add')).toBeNull();
    expect(screen.queryByTestId('coverage-areas-import')).toBeNull();
  });

  it('a what-if facility saved as a planned facility (records.write) is on record with status planned and still counted in the what-if', async () => {
    await seed(core);
    const user = await openCoverage();
    await waitFor(() => expect(text('coverage-share')).toBe('50%'));
    await user.click(screen.getByTestId('coverage-whatif-place'));
    screen.getByTestId('coverage-map').focus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(text('coverage-share')).toBe('100%'));
    const form = screen.getByTestId('coverage-whatif-form');
    await user.clear(within(form).getByTestId('coverage-whatif-name'));
    await user.type(within(form).getByTestId('coverage-whatif-name'), '东风日间照料中心');
    await user.click(within(form).getByTestId('coverage-whatif-save-open'));
    // No kind chosen: refused next to the field, nothing saved.
    await user.click(within(form).getByTestId('coverage-save-planned-confirm'));
    await waitFor(() => expect(within(form).getByTestId('coverage-save-planned-kind').getAttribute('aria-invalid')).toBe('true'));
    expect(await adminValue(core, 'eldercare.facilities.list', {})).toHaveLength(1);
    await pick(user, within(form).getByTestId('coverage-save-planned-kind'), '日间照料中心');
    await user.click(within(form).getByTestId('coverage-save-planned-confirm'));
    await waitFor(async () => expect(await adminValue(core, 'eldercare.facilities.list', { status: 'planned' })).toMatchObject([{ name: '东风日间照料中心', kind: 'day_care' }]));
    // The saved facility stays in the what-if (as a planned facility on record, switched on): still 100 %.
    const planned = await screen.findByRole('switch', { name: '东风日间照料中心' });
    await waitFor(() => expect((planned as HTMLInputElement).checked).toBe(true));
    expect(text('coverage-share')).toBe('100%');
    await user.click(planned);
    await waitFor(() => expect(text('coverage-share')).toBe('50%'));
  });
});
